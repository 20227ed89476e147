using Yarp.ReverseProxy.Configuration;

namespace TuyPhuoc.Gateway;

/// <summary>
/// One route per proto package, forwarded over h2c to the service's gRPC endpoint; and one per REST route of an RPC
/// (its <c>google.api.http</c> rule), forwarded over HTTP/1.1 to the service's HTTP endpoint, where JSON transcoding runs.
/// </summary>
public static class ProxyConfig
{
    private const string DefaultAuthorizationPolicy = "default";
    private const string RestCluster = "-rest";

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
        .. SuiteServices.Backends.SelectMany(b => b.Descriptor.Methods.SelectMany(m => RestApi.RoutesOf(m).Select((r, i) => new RouteConfig
        {
            RouteId = $"{b.Resource}-rest-{m.Name}-{i}",
            ClusterId = b.Resource + RestCluster,
            AuthorizationPolicy = DefaultAuthorizationPolicy,
            RateLimiterPolicy = CallerRateLimits.Policy,
            // The service keeps the size of what it reads (larger for the batch import): the gateway adds no limit of its own.
            MaxRequestBodySize = -1,
            Match = new RouteMatch { Path = r.RouteTemplate, Methods = [r.Verb] },
        }))),
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
        .. SuiteServices.Backends.Select(b => new ClusterConfig
        {
            ClusterId = b.Resource + RestCluster,
            HttpRequest = new ForwarderRequestConfig
            {
                Version = HttpVersion.Version11,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                // The change feeds as newline-delimited JSON stay quiet for long too.
                ActivityTimeout = TimeSpan.FromHours(1),
            },
            Destinations = new Dictionary<string, DestinationConfig>
            {
                [ResourceNames.HttpEndpoint] = new() { Address = $"http://_{ResourceNames.HttpEndpoint}.{b.Resource}" },
            },
        }),
    ];
}
