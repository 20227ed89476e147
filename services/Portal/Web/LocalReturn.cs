using System.Diagnostics.CodeAnalysis;

namespace TuyPhuoc.Portal.Web;

/// <summary>Where the portal sends a person back to: an address of this site, or home.</summary>
public static class LocalReturn
{
    public const string Home = "/";

    /// <summary>
    /// One "/" then a path: no "//" or "/\" (another host to a browser) and no whitespace or control characters, which
    /// browsers strip before reading the address ("/", tab, "/other.example" is //other.example).
    /// </summary>
    public static bool IsLocal([NotNullWhen(true)] string? url) =>
        url is { Length: > 0 } && url[0] == '/'
        && !url.Contains("//", StringComparison.Ordinal) && !url.Contains("/\\", StringComparison.Ordinal)
        && !url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c));

    public static string OrHome(string? url) => IsLocal(url) ? url : Home;
}
