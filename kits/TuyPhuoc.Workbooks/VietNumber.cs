using System.Text.RegularExpressions;

namespace TuyPhuoc.Workbooks;

/// <summary>Numbers as written in Vietnam: 1.234,5 (a dot between thousands, a comma before the decimals).</summary>
public static partial class VietNumber
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>A day as the district writes it, dd/MM/yyyy; empty for none.</summary>
    public static string Day(DateOnly? day) => day?.ToString("dd/MM/yyyy", Culture) ?? "";

    public static string Format(double value) => value.ToString("#,##0.###", Culture);

    /// <summary>A value as the person would type it again: every decimal kept.</summary>
    public static string Input(double value) => value.ToString("#,##0.##########", Culture);

    public static string Format(double? value) => value is { } v ? Format(v) : "—";

    /// <summary>A fraction as a percentage: 0.456 is 45,6%.</summary>
    public static string Percent(double? fraction) => fraction is { } f ? (f * 100).ToString("#,##0.#", Culture) + "%" : "—";

    /// <summary>
    /// Reads 1.234,5, 1234,5 or 1234; refuses what could be misread (1.2345, 1,234.5, 12.5 written the English way would
    /// silently become 125 under a lenient parser).
    /// </summary>
    public static bool TryParse(string? text, out double value)
    {
        value = 0;
        var trimmed = text?.Trim().Replace(" ", "", StringComparison.Ordinal) ?? "";
        if (!Shape().IsMatch(trimmed)) return false;
        return double.TryParse(trimmed.Replace(".", "", StringComparison.Ordinal).Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
            CultureInfo.InvariantCulture, out value);
    }

    [GeneratedRegex(@"^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")]
    private static partial Regex Shape();
}
