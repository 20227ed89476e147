namespace TuyPhuoc.Evaluation.Domain;

/// <summary>What issuing a quarter's announcement requires: an ended quarter, a number, and a date from the quarter's last day to today.</summary>
public static class AnnouncementRules
{
    public const int MaxNumberLength = 50;

    public static void Check(int year, int quarter, string number, DateOnly? date, DateOnly today)
    {
        var end = PlanCalendar.QuarterEnd(year, quarter);
        // Before then no date can be right: the quarter's state is said first.
        if (today <= end) throw new FailedPreconditionException($"Quarter {quarter} of {year} ends on {end:yyyy-MM-dd}: its results can be announced after that day.");
        var violations = new Violations().RequireText(number, "number", MaxNumberLength);
        if (date is not { } day) violations.Add("date", "is required");
        else if (day < end) violations.Add("date", $"is before the quarter's last day {end:yyyy-MM-dd}");
        else if (day > today) violations.Add("date", "lies in the future");
        violations.ThrowIfAny();
    }
}
