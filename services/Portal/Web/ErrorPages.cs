using System.Text.Encodings.Web;

namespace TuyPhuoc.Portal.Web;

/// <summary>
/// The page a refused or failed request answers with, in the person's language: what happened and the way home, never
/// a stack trace. Plain HTML, so it shows wherever the request failed (before or outside Blazor).
/// </summary>
public static class ErrorPages
{
    public static async Task WriteAsync(HttpContext http, int status, string? message = null)
    {
        var l = http.RequestServices.GetRequiredService<IStringLocalizer<Strings>>();
        var html = http.RequestServices.GetRequiredService<HtmlEncoder>();
        var kind = status switch
        {
            StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound or StatusCodes.Status429TooManyRequests => status,
            >= 500 => StatusCodes.Status500InternalServerError,
            _ => StatusCodes.Status400BadRequest,
        };
        string E(string text) => html.Encode(text);
        var title = l[$"Error_{kind}"].Value;
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="{CultureInfo.CurrentUICulture.TwoLetterISOLanguageName}">
            <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1.0" /><title>{E(title)}</title><link rel="stylesheet" href="/app.css" /></head>
            <body>
            <header class="top"><div class="brand">{E(l["AppName"])}</div></header>
            <main id="main"><div class="page error-page" data-status="{status}">
            <h1>{E(title)}</h1>
            <p class="problem" role="alert">{E(message ?? l[$"Error_{kind}_Text"])}</p>
            <p><a href="{LocalReturn.Home}">{E(l["Error_Home"])}</a></p>
            </div></main>
            </body>
            </html>
            """, http.RequestAborted);
    }
}

/// <summary>An endpoint's answer as an <see cref="ErrorPages"/> page.</summary>
public sealed class ErrorResult(int status, string? message = null) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext) => ErrorPages.WriteAsync(httpContext, status, message);
}
