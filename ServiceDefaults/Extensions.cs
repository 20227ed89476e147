using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry;
using TuyPhuoc.Calendar;
using TuyPhuoc.ServiceDefaults;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>What every process of the suite shares: telemetry, health, service discovery, auth, gRPC errors.</summary>
public static class ServiceDefaultsExtensions
{
    public const string MeterPrefix = "TuyPhuoc.";
    private const string HealthPath = "/health";
    private const string AlivePath = "/alive";

    /// <param name="bearerTokens">False for the portal, which signs people in with cookies and checks no bearer token itself.</param>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder, bool bearerTokens = true) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDistrictClock();
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        builder.Services.AddServiceDiscovery();
        // No blanket HTTP resilience handler: its 30 s total timeout would cut gRPC server streams.
        // gRPC clients get per-call deadlines and the gRPC retry policy instead (AddSuiteGrpcClient).
        builder.Services.ConfigureHttpClientDefaults(http => http.AddServiceDiscovery());
        if (bearerTokens) builder.AddSuiteAuthentication();
        return builder;
    }

    /// <summary>A gRPC service of the suite: the access table's policy, error mapping, gRPC health bound to the health checks, REST/JSON (<see cref="RestApi"/>).</summary>
    public static Grpc.AspNetCore.Server.IGrpcServerBuilder AddSuiteGrpc(this IHostApplicationBuilder builder, params string[] grpcServiceNames)
    {
        builder.Services.AddAccessPolicy();
        var grpc = builder.Services.AddGrpc(o =>
        {
            o.Interceptors.Add<DomainExceptionInterceptor>();
            o.Interceptors.Add<InputGuardInterceptor>();
            o.Interceptors.Add<ChangeActorInterceptor>();
            o.MaxReceiveMessageSize = 16 * 1024 * 1024;
        });
        grpc.AddSuiteJsonTranscoding();
        builder.Services.AddGrpcHealthChecks(o =>
        {
            foreach (var name in grpcServiceNames)
            {
                o.Services.Map(name, _ => true);
            }
        });
        return grpc;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Npgsql", "Microsoft.EntityFrameworkCore", MeterPrefix + "*"))
            .WithTracing(tracing =>
            {
                tracing.AddSource(builder.Environment.ApplicationName, "Npgsql", MeterPrefix + "*")
                    .AddAspNetCoreInstrumentation(o => o.Filter = ctx =>
                        !ctx.Request.Path.StartsWithSegments(HealthPath) && !ctx.Request.Path.StartsWithSegments(AlivePath))
                    .AddGrpcClientInstrumentation()
                    .AddHttpClientInstrumentation();
                // Chosen here, so Aspire's OTEL_TRACES_SAMPLER=always_on for local runs does not apply.
                tracing.SetSampler(TraceSampling.From(builder.Configuration.GetSection("Telemetry")));
            });

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }
        return builder;
    }

    /// <param name="grpcHealth">False where the app serves its own gRPC health (the gateway answers for the suite).</param>
    public static WebApplication MapDefaultEndpoints(this WebApplication app, bool grpcHealth = true)
    {
        app.MapHealthChecks(HealthPath).AllowAnonymous();
        app.MapHealthChecks(AlivePath, new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") }).AllowAnonymous();
        if (grpcHealth)
        {
            app.MapGrpcHealthChecksService().AllowAnonymous();
        }
        return app;
    }
}
