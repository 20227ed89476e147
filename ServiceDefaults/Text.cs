namespace TuyPhuoc.ServiceDefaults;

public static class Text
{
    /// <summary>An optional proto string: null when empty or blank, else trimmed.</summary>
    public static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
