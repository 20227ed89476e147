using Garnet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace TuyPhuoc.AppHost.Infrastructure;

/// <summary>redis-server from the machine's binaries.</summary>
public sealed class LocalRedisResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";
    public EndpointReference Endpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"{Endpoint.Property(EndpointProperty.Host)}:{Endpoint.Property(EndpointProperty.Port)}");
}

/// <summary>A Redis-compatible server (Microsoft Garnet) inside the AppHost, for machines without redis-server.</summary>
public sealed class EmbeddedRedisResource(string name, int port) : Resource(name), IResourceWithConnectionString
{
    public int Port { get; } = port;
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"127.0.0.1:{Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
}

public static class LocalRedis
{
    public static IResourceBuilder<IResourceWithConnectionString> AddLocalRedis(this IDistributedApplicationBuilder builder, string name, string dataRoot, string? preference)
    {
        var redisServer = InfrastructureProbe.FindOnPath("redis-server");
        var healthKey = $"{name}-ping";
        if (redisServer is not null && !string.Equals(preference, "embedded", StringComparison.OrdinalIgnoreCase))
        {
            var resource = new LocalRedisResource(name, redisServer, dataRoot);
            builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthKey, _ => new Pings(resource), null, null));
            return builder.AddResource(resource)
                .WithEndpoint(name: LocalRedisResource.EndpointName, scheme: "tcp")
                .WithArgs(context =>
                {
                    context.Args.Add("--port");
                    context.Args.Add(resource.Endpoint.Property(EndpointProperty.TargetPort));
                    // A cache only: the database is the truth, so nothing is written to disk.
                    foreach (var arg in new[] { "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no" })
                    {
                        context.Args.Add(arg);
                    }
                })
                .WithHealthCheck(healthKey);
        }

        var embedded = new EmbeddedRedisResource(name, InfrastructureProbe.FreePort());
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthKey, _ => new Pings(embedded), null, null));
        builder.Services.AddSingleton<EmbeddedGarnet>();
        builder.Eventing.Subscribe<InitializeResourceEvent>(embedded, async (e, ct) =>
        {
            e.Services.GetRequiredService<EmbeddedGarnet>().Start(embedded.Port);
            await e.Notifications.PublishUpdateAsync(embedded, s => s with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = DateTime.UtcNow,
                Properties = [.. s.Properties, new("Server", "Microsoft Garnet (embedded)")],
            });
            await e.Eventing.PublishAsync(new BeforeResourceStartedEvent(embedded, e.Services), ct);
        });
        return builder.AddResource(embedded)
            .WithInitialState(new CustomResourceSnapshot { ResourceType = "Redis (embedded)", State = KnownResourceStates.Starting, Properties = [] })
            .WithHealthCheck(healthKey);
    }

    private sealed class EmbeddedGarnet : IDisposable
    {
        private GarnetServer? _server;

        public void Start(int port)
        {
            _server = new GarnetServer(["--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--lua", "true"]);
            _server.Start();
        }

        public void Dispose() => _server?.Dispose();
    }

    private sealed class Pings(IResourceWithConnectionString resource) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            try
            {
                var connectionString = await resource.ConnectionStringExpression.GetValueAsync(ct);
                await using var redis = await ConnectionMultiplexer.ConnectAsync($"{connectionString},abortConnect=true,connectTimeout=2000");
                await redis.GetDatabase().PingAsync();
                return HealthCheckResult.Healthy();
            }
            catch (Exception e)
            {
                return HealthCheckResult.Unhealthy(e.Message);
            }
        }
    }
}
