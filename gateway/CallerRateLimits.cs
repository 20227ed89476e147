using System.Globalization;
using System.Threading.RateLimiting;
using Grpc.Core;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.Gateway;

/// <summary>A token bucket per caller: the token's subject, else the remote address.</summary>
public static class CallerRateLimits
{
    public const string Policy = "per-caller";

    public static IServiceCollection AddCallerRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var permitsPerSecond = configuration.GetValue("RateLimits:PermitsPerSecond", 200);
        var burst = configuration.GetValue("RateLimits:Burst", 400);
        return services.AddRateLimiter(o =>
        {
            o.AddPolicy(Policy, http => RateLimitPartition.GetTokenBucketLimiter(CallerOf(http), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = burst,
                TokensPerPeriod = permitsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
            o.OnRejected = (context, _) =>
            {
                // gRPC clients read the status from the trailers, not from the HTTP status.
                var response = context.HttpContext.Response;
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = "application/grpc";
                response.Headers["grpc-status"] = ((int)StatusCode.ResourceExhausted).ToString(CultureInfo.InvariantCulture);
                response.Headers["grpc-message"] = "Too many calls from this caller; slow down and retry.";
                return ValueTask.CompletedTask;
            };
        });
    }

    public static string CallerOf(HttpContext http) =>
        http.User.FindFirst(SuiteClaims.Subject)?.Value is { Length: > 0 } subject
            ? "sub:" + subject
            : "ip:" + http.Connection.RemoteIpAddress;
}
