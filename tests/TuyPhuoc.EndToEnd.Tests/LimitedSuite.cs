using System.Net;
using Aspire.Hosting.Testing;
using Grpc.Net.Client;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>A suite of its own with small limits at the gateway, so tests can reach them quickly and disturb no one.</summary>
public sealed class LimitedSuite : SuiteFixture
{
    public const int PermitsPerSecond = 2;
    public const int Burst = 20;
    public const int Streams = 3;

    protected override IEnumerable<string> Arguments =>
    [
        .. base.Arguments,
        $"--RateLimits:DevelopmentPermitsPerSecond={PermitsPerSecond}", $"--RateLimits:DevelopmentBurst={Burst}",
        $"--RateLimits:AnonymousPermitsPerSecond={PermitsPerSecond}", $"--RateLimits:AnonymousBurst={Burst}",
        $"--RateLimits:StreamsPerCaller={Streams}",
    ];

    /// <summary>
    /// A channel to the gateway whose connections come from the given loopback address (all of 127.0.0.0/8 is this
    /// machine): the gateway sees another caller for each address, as it would for other machines.
    /// </summary>
    public GrpcChannel GatewayFrom(IPAddress source)
    {
        var port = App.GetEndpoint(ResourceNames.Gateway, ResourceNames.GrpcEndpoint).Port;
        return GrpcChannel.ForAddress(new Uri($"http://127.0.0.1:{port}"), new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { ConnectCallback = SourceAddress.ConnectFrom(source, port) },
        });
    }
}

/// <summary>Runs after the suites that run in parallel, one such collection at a time: never more than two AppHosts at once.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LimitedSuiteCollection : ICollectionFixture<LimitedSuite>
{
    public const string Name = "limited suite";
}
