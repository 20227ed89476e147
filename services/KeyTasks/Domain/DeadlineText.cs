namespace TuyPhuoc.KeyTasks.Domain;

/// <summary>
/// Reads the "Thời gian hoàn thành" of an annex row: "Thường xuyên", "Quý II/2024" (or "Quý 2", the decision's year),
/// "Tháng 6/2024" (or "Tháng 6"), a day "30/6/2024", or a spreadsheet date.
/// </summary>
public static partial class DeadlineText
{
    /// <summary>The deadline, or why the text is not one.</summary>
    public static (Deadline? Deadline, string? Problem) Parse(string text, int year)
    {
        var t = Regex.Replace(text.Trim(), @"\s+", " ").ToLower(CultureInfo.GetCultureInfo("vi-VN"));
        if (t.Length == 0) return (null, "is empty: give a day, a month, a quarter or \"Thường xuyên\"");
        if (t is "thường xuyên" or "hằng năm" or "hàng năm" or "hằng quý" or "hàng quý") return (Deadline.Regular, null);
        if (QuarterPattern().Match(t) is { Success: true } q)
        {
            var quarter = Array.IndexOf(Deadline.Roman, q.Groups[1].Value.ToUpperInvariant()) + 1;
            if (quarter == 0 && int.TryParse(q.Groups[1].Value, CultureInfo.InvariantCulture, out var n)) quarter = n;
            if (quarter is < 1 or > 4) return (null, $"names no quarter: \"{text.Trim()}\"");
            return YearOf(q.Groups[2], year) is { } y ? (new Deadline(DeadlineKind.Quarter, PlanCalendar.QuarterEnd(y, quarter)), null) : (null, $"has no valid year: \"{text.Trim()}\"");
        }
        if (MonthPattern().Match(t) is { Success: true } m)
        {
            var month = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            if (month is < 1 or > 12) return (null, $"names no month: \"{text.Trim()}\"");
            return YearOf(m.Groups[2], year) is { } y ? (Deadline.Of(DeadlineKind.Month, new DateOnly(y, month, 1)), null) : (null, $"has no valid year: \"{text.Trim()}\"");
        }
        if (DayPattern().Match(t) is { Success: true } d)
        {
            var (day, month, y) = (int.Parse(d.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(d.Groups[2].Value, CultureInfo.InvariantCulture),
                int.Parse(d.Groups[3].Value, CultureInfo.InvariantCulture));
            if (PlanCalendar.IsPlanYear(y) && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(y, month))
                return (new Deadline(DeadlineKind.Date, new DateOnly(y, month, day)), null);
            return (null, $"is not a valid day: \"{text.Trim()}\"");
        }
        return (null, $"is not a deadline (a day dd/mm/yyyy, \"Tháng 6/2024\", \"Quý II/2024\" or \"Thường xuyên\"): \"{text.Trim()}\"");
    }

    private static readonly double FirstSerial = new DateTime(PlanCalendar.FirstYear, 1, 1).ToOADate(),
        LastSerial = new DateTime(PlanCalendar.LastYear + 1, 1, 1).ToOADate();

    /// <summary>A spreadsheet's date serial (days since 30/12/1899).</summary>
    public static (Deadline? Deadline, string? Problem) FromSerial(double serial)
    {
        if (!double.IsFinite(serial) || serial < FirstSerial || serial >= LastSerial)
            return (null, $"is a number, not a day of {PlanCalendar.FirstYear} to {PlanCalendar.LastYear}: {serial}");
        return (new Deadline(DeadlineKind.Date, DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)))), null);
    }

    private static int? YearOf(Group group, int year)
    {
        if (!group.Success) return year;
        var y = int.Parse(group.Value, CultureInfo.InvariantCulture);
        return PlanCalendar.IsPlanYear(y) ? y : null;
    }

    [GeneratedRegex(@"^(?:trong |trước |hoàn thành trong )?quý ([ivx]+|\d+)(?: ?(?:/|năm) ?(\d{4}))?$")]
    private static partial Regex QuarterPattern();

    [GeneratedRegex(@"^(?:trong |trước |hoàn thành trong )?tháng (\d{1,2})(?: ?(?:/|năm) ?(\d{4}))?$")]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@"^(?:trước |trước ngày |ngày )?(\d{1,2})/(\d{1,2})/(\d{4})$")]
    private static partial Regex DayPattern();
}
