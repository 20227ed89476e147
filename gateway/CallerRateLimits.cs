using System.Globalization;
using System.Threading.RateLimiting;

namespace TuyPhuoc.Gateway;

/// <summary>Who a call counts against, on what the caller cannot choose.</summary>
public enum CallerKind
{
    /// <summary>A token from the OIDC authority: its subject.</summary>
    Subject,
    /// <summary>A development token: anyone on the machine mints one for any subject, so its remote address.</summary>
    DevelopmentToken,
    /// <summary>No valid token (health, reflection, DevTokens, refused calls): its remote address.</summary>
    Anonymous,
}

public readonly record struct Caller(CallerKind Kind, string Id)
{
    public static Caller Of(HttpContext http, bool authority)
    {
        var address = AddressOf(http).ToString();
        if (http.User.Identity?.IsAuthenticated != true) return new(CallerKind.Anonymous, address);
        return authority && http.User.FindFirst(SuiteClaims.Subject)?.Value is { Length: > 0 } subject
            ? new(CallerKind.Subject, subject)
            : new(CallerKind.DevelopmentToken, address);
    }

    public static IPAddress AddressOf(HttpContext http) =>
        http.Connection.RemoteIpAddress is { IsIPv4MappedToIPv6: true } mapped ? mapped.MapToIPv4() : http.Connection.RemoteIpAddress ?? IPAddress.None;
}

/// <summary>
/// A token bucket per caller on every gRPC call, sized by the kind of caller, and a cap on the streaming calls
/// (server, client or both) each caller holds open at once.
/// </summary>
public static class CallerRateLimits
{
    public const string Policy = "per-caller";

    public static IServiceCollection AddCallerRateLimits(this IServiceCollection services, IConfiguration configuration, IEnumerable<ServiceDescriptor> served)
    {
        var limits = configuration.GetSection("RateLimits");
        var buckets = new Dictionary<CallerKind, TokenBucketRateLimiterOptions>
        {
            [CallerKind.Subject] = Bucket(limits.GetValue("PermitsPerSecond", 200), limits.GetValue("Burst", 400)),
            // Development tokens are for one developer's machine: sized for its tests and benchmarks, still one bucket per address.
            [CallerKind.DevelopmentToken] = Bucket(limits.GetValue("DevelopmentPermitsPerSecond", 10_000), limits.GetValue("DevelopmentBurst", 20_000)),
            [CallerKind.Anonymous] = Bucket(limits.GetValue("AnonymousPermitsPerSecond", 100), limits.GetValue("AnonymousBurst", 200)),
        };
        var streams = new ConcurrencyLimiterOptions { PermitLimit = limits.GetValue("StreamsPerCaller", 200), QueueLimit = 0 };
        var streaming = StreamingPaths(served);
        var authority = (configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions()).HasAuthority;

        return services.AddRateLimiter(o =>
        {
            o.AddPolicy(Policy, http => RateLimitPartition.GetTokenBucketLimiter(Caller.Of(http, authority), caller => buckets[caller.Kind]));
            // Held for as long as the call lasts, so it counts the streams open now.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, Caller>(http => streaming.Contains(http.Request.Path.Value ?? "")
                ? RateLimitPartition.GetConcurrencyLimiter(Caller.Of(http, authority), _ => streams)
                : RateLimitPartition.GetNoLimiter(default(Caller)));
            o.OnRejected = async (context, ct) =>
            {
                var response = context.HttpContext.Response;
                var flooded = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter);
                var message = flooded
                    ? "Too many calls from this caller; slow down and retry."
                    : $"This caller has {streams.PermitLimit} streams open already; close one first.";
                if (context.HttpContext.Request.Path.StartsWithSegments(RestApi.Prefix.TrimEnd('/')))
                {
                    response.StatusCode = StatusCodes.Status429TooManyRequests;
                    response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(flooded ? retryAfter.TotalSeconds : 1)).ToString(CultureInfo.InvariantCulture);
                    response.ContentType = "application/json; charset=utf-8";
                    await response.WriteAsync(RestApi.ErrorJson(new Google.Rpc.Status { Code = (int)StatusCode.ResourceExhausted, Message = message }), ct);
                    return;
                }
                // gRPC clients read the status from the trailers, not from the HTTP status.
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = "application/grpc";
                response.Headers["grpc-status"] = ((int)StatusCode.ResourceExhausted).ToString(CultureInfo.InvariantCulture);
                response.Headers["grpc-message"] = message;
            };
        });
    }

    /// <summary>The paths of every streaming method of the services the gateway serves or relays, gRPC and REST (newline-delimited JSON).</summary>
    public static IReadOnlySet<string> StreamingPaths(IEnumerable<ServiceDescriptor> services) =>
        services.SelectMany(s => s.Methods)
            .Where(m => m.IsServerStreaming || m.IsClientStreaming)
            .SelectMany(m => RestApi.RoutesOf(m).Where(r => r.IsLiteral).Select(r => r.Template).Prepend($"/{m.Service.FullName}/{m.Name}"))
            .ToHashSet(StringComparer.Ordinal);

    private static TokenBucketRateLimiterOptions Bucket(int permitsPerSecond, int burst) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = permitsPerSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
