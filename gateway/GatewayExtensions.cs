using Grpc.Reflection;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using TuyPhuoc.Gateway;

namespace Microsoft.Extensions.Hosting;

public static class GatewayExtensions
{
    public static void AddGateway(this IHostApplicationBuilder builder)
    {
        builder.AddSuiteGrpc();
        builder.Services.AddReverseProxy()
            .LoadFromMemory(ProxyConfig.Routes(), ProxyConfig.Clusters())
            .AddServiceDiscoveryDestinationResolver();
        builder.Services.AddRelayTracing();
        builder.Services.AddCallerRateLimits(builder.Configuration,
            [.. SuiteServices.Backends.Select(b => b.Descriptor), Health.Descriptor, Grpc.Reflection.V1Alpha.ServerReflection.Descriptor, Grpc.Reflection.V1.ServerReflection.Descriptor]);
        builder.Services.AddValidatedTokens();
        // The gateway only relays and never blocks: a call is served on the thread its bytes arrive on, without a hand-off.
        builder.Services.Configure<SocketTransportOptions>(o => o.UnsafePreferInlineScheduling = true);

        foreach (var backend in SuiteServices.Backends)
        {
            builder.Services.AddGrpcClient<Health.HealthClient>(backend.Resource, o => o.Address = ResourceNames.GrpcAddress(backend.Resource));
        }

        // Reflection answers for the services behind the gateway too, so grpcurl needs only the gateway's address.
        builder.Services.AddSingleton(sp => new ReflectionServiceImpl(ReflectedServices(sp)));
        builder.Services.AddSingleton(sp => new ReflectionV1ServiceImpl(ReflectedServices(sp)));
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        // Authentication first, so the limiter can tell callers apart by their token.
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseStrictJson();

        app.MapDefaultEndpoints(grpcHealth: false);
        app.MapGrpcService<SuiteHealthService>().AllowAnonymous().RequireRateLimiting(CallerRateLimits.Policy);
        app.MapGrpcService<ReflectionServiceImpl>().AllowAnonymous().RequireRateLimiting(CallerRateLimits.Policy);
        app.MapGrpcService<ReflectionV1ServiceImpl>().AllowAnonymous().RequireRateLimiting(CallerRateLimits.Policy);
        if (DevTokensService.IsEnabled(app.Services))
        {
            app.MapGrpcService<DevTokensService>().AllowAnonymous().RequireRateLimiting(CallerRateLimits.Policy);
        }
        app.MapSuiteOpenApi();
        app.MapReverseProxy();
        return app;
    }

    private static IEnumerable<ServiceDescriptor> ReflectedServices(IServiceProvider services) =>
    [
        .. SuiteServices.Backends.Select(b => b.Descriptor),
        Health.Descriptor,
        .. DevTokensService.IsEnabled(services) ? [DevTokens.Descriptor] : Array.Empty<ServiceDescriptor>(),
    ];
}
