using System.Diagnostics;
using OpenTelemetry.Instrumentation.Http;

namespace TuyPhuoc.Gateway;

/// <summary>
/// A relayed call is traced as the gateway's server span with the service's span right under it: no client span in
/// between, which would only repeat the server span's timing and cost its export on every call.
/// </summary>
public static class RelayTracing
{
    private static readonly HttpRequestOptionsKey<bool> Relayed = new("tuyphuoc.relayed");

    public static IServiceCollection AddRelayTracing(this IServiceCollection services)
    {
        services.AddSingleton<IForwarderHttpClientFactory, RelayClientFactory>();
        return services.Configure<HttpClientTraceInstrumentationOptions>(o =>
        {
            var filter = o.FilterHttpRequestMessage;
            o.FilterHttpRequestMessage = request => !request.Options.TryGetValue(Relayed, out _) && (filter?.Invoke(request) ?? true);
        });
    }

    private sealed class RelayClientFactory(ILogger<ForwarderHttpClientFactory> logger) : ForwarderHttpClientFactory(logger)
    {
        protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
        {
            base.ConfigureHandler(context, handler);
            handler.ActivityHeadersPropagator = new ServerSpanPropagator(handler.ActivityHeadersPropagator ?? DistributedContextPropagator.Current);
        }

        protected override HttpMessageHandler WrapHandler(ForwarderHttpClientContext context, HttpMessageHandler handler) =>
            new MarkRelayed(base.WrapHandler(context, handler));
    }

    private sealed class MarkRelayed(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            request.Options.Set(Relayed, true);
            return base.SendAsync(request, ct);
        }
    }

    /// <summary>Names the server span as the parent when the client span is not recorded.</summary>
    private sealed class ServerSpanPropagator(DistributedContextPropagator inner) : DistributedContextPropagator
    {
        public override IReadOnlyCollection<string> Fields => inner.Fields;

        public override void Inject(Activity? activity, object? carrier, PropagatorSetterCallback? setter) =>
            inner.Inject(activity is { Recorded: false, Parent: { Recorded: true } parent } ? parent : activity, carrier, setter);

        public override void ExtractTraceIdAndState(object? carrier, PropagatorGetterCallback? getter, out string? traceId, out string? traceState) =>
            inner.ExtractTraceIdAndState(carrier, getter, out traceId, out traceState);

        public override IEnumerable<KeyValuePair<string, string?>>? ExtractBaggage(object? carrier, PropagatorGetterCallback? getter) =>
            inner.ExtractBaggage(carrier, getter);
    }
}
