using System.Net;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;

namespace TuyPhuoc.Portal.Web;

/// <summary>
/// What every request of the portal goes through: security headers, one error page in the person's language for
/// whatever fails or is refused, the query values checked, and a budget per address for people not signed in.
/// </summary>
public static class PortalDoors
{
    public const string AnonymousPolicy = "anonymous-per-address";

    // Blazor's script and Radzen's are files of the portal; Radzen sets styles inline; the circuit's WebSocket is same-origin.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static void AddPortalDoors(this WebApplicationBuilder builder)
    {
        // Vietnamese leaves as UTF-8 text, not as numeric character references.
        builder.Services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        // A query value that does not bind answers 400 (the error page says so), not an exception, in every environment.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        var limits = builder.Configuration.GetSection("RateLimits");
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.GetValue("AnonymousPageBurst", 100),
            TokensPerPeriod = limits.GetValue("AnonymousPagesPerSecond", 2),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        builder.Services.AddRateLimiter(o =>
        {
            // Signed-in people are counted at the gateway, by their token; people not signed in here, by address.
            o.AddPolicy(AnonymousPolicy, http => http.User.Identity?.IsAuthenticated == true
                ? RateLimitPartition.GetNoLimiter(IPAddress.None)
                : RateLimitPartition.GetTokenBucketLimiter(AddressOf(http), _ => bucket));
            o.OnRejected = async (context, ct) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(after.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }
                await ErrorPages.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests);
            };
        });
    }

    /// <summary>On every response, whatever answers it.</summary>
    public static void UseSecurityHeaders(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                return Task.CompletedTask;
            });
            return next(http);
        });
    }

    /// <summary>After the culture: nothing unexpected shows a stack trace (the developer exception page included), every refusal a page.</summary>
    public static void UseErrorPages(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = http => ErrorPages.WriteAsync(http, http.Features.Get<IExceptionHandlerFeature>()?.Error switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                AntiforgeryValidationException => StatusCodes.Status400BadRequest,
                _ => StatusCodes.Status500InternalServerError,
            }),
        });
        app.UseStatusCodePages(context => ErrorPages.WriteAsync(context.HttpContext, context.HttpContext.Response.StatusCode));
    }

    private static IPAddress AddressOf(HttpContext http) =>
        http.Connection.RemoteIpAddress is { IsIPv4MappedToIPv6: true } mapped ? mapped.MapToIPv4() : http.Connection.RemoteIpAddress ?? IPAddress.None;
}
