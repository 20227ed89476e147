using System.Net;
using TuyPhuoc.ServiceDefaults;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace TuyPhuoc.Gateway;

/// <summary>One route per proto package, forwarded over h2c to the service's gRPC endpoint.</summary>
public static class ProxyConfig
{
    private const string DefaultAuthorizationPolicy = "default";

    public static IReadOnlyList<RouteConfig> Routes() =>
    [
        .. SuiteServices.Backends.Select(b => new RouteConfig
        {
            RouteId = b.Resource,
            ClusterId = b.Resource,
            AuthorizationPolicy = DefaultAuthorizationPolicy,
            RateLimiterPolicy = CallerRateLimits.Policy,
            // A catch-all cannot share a segment with a literal, so the service and method are matched separately.
            Match = new RouteMatch { Path = $"/{b.Package}.{{service}}/{{method}}" },
        }),
    ];

    public static IReadOnlyList<ClusterConfig> Clusters() =>
    [
        .. SuiteServices.Backends.Select(b => new ClusterConfig
        {
            ClusterId = b.Resource,
            HttpRequest = new ForwarderRequestConfig
            {
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                // Change-feed streams can stay quiet for long; the default 100 s would cut them.
                ActivityTimeout = TimeSpan.FromHours(1),
            },
            Destinations = new Dictionary<string, DestinationConfig>
            {
                [ResourceNames.GrpcEndpoint] = new() { Address = ResourceNames.GrpcAddress(b.Resource).ToString() },
            },
        }),
    ];
}
