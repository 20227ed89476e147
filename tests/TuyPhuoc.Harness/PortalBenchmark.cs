using System.Net;
using System.Text.RegularExpressions;

namespace TuyPhuoc.Harness;

/// <summary>
/// The portal's server render: signs in as a unit's reporter (development tokens), then asks for the home page and the
/// month's form over and over. A page is rendered whole at the server before it is sent (its gRPC calls included),
/// so the time to the last byte of the HTML on loopback is the server's render time.
/// </summary>
public static partial class PortalBenchmark
{
    public static async Task RunAsync(Uri portal, string unit, int year, int month, int[] clients, TimeSpan duration, TextWriter log, CancellationToken ct)
    {
        using var http = await SignedInAsync(portal, unit, ct);
        foreach (var (name, path) in new[] { ("home", $"/?nam={year}"), ("month", $"/bao-cao?nam={year}&thang={month}") })
        {
            var rows = await GetAsync(http, path, ct);
            log.WriteLine($"{name} ({path}): {rows} indicators on the page");
            foreach (var count in clients)
            {
                var result = await LoadRunner.ClosedLoopAsync(count, duration, 1_000_000, async (_, _, token) => await GetAsync(http, path, token), ct);
                log.WriteLine(FormattableString.Invariant($"  {count,3} clients: {result.Summary}  p95 {result.Percentile(95),7:F1} ms"));
            }
        }
    }

    private static async Task<HttpClient> SignedInAsync(Uri portal, string unit, CancellationToken ct)
    {
        var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = portal };
        var form = await http.GetStringAsync("/dang-nhap", ct);
        var antiforgery = Antiforgery().Match(form) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("The sign-in page has no antiforgery token.");
        using var signedIn = await http.PostAsync("/dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery, ["Role"] = "unit_reporter", ["Unit"] = unit, ["ReturnUrl"] = "/",
        }), ct);
        if (signedIn.StatusCode != HttpStatusCode.Redirect || signedIn.Headers.Location?.OriginalString != "/")
        {
            throw new InvalidOperationException($"Signing in as {unit} answered {(int)signedIn.StatusCode} {signedIn.Headers.Location}.");
        }
        return http;
    }

    /// <summary>The page's HTML, whole; fails unless it shows the unit's indicators (no redirect to sign in, no problem shown).</summary>
    private static async Task<int> GetAsync(HttpClient http, string path, CancellationToken ct)
    {
        using var response = await http.GetAsync(path, ct);
        var html = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode != HttpStatusCode.OK || html.Contains("class=\"problem\"", StringComparison.Ordinal))
        {
            throw new HttpRequestException($"{path} answered {(int)response.StatusCode} {response.Headers.Location} {Problem().Match(html).Value}");
        }
        return Indicator().Count(html);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    [GeneratedRegex("data-indicator=\"")]
    private static partial Regex Indicator();

    [GeneratedRegex("class=\"problem\"[^<]*")]
    private static partial Regex Problem();
}
