namespace TuyPhuoc.Submissions.Domain;

/// <summary>An office's review of the indicators it answers for, for a quarter, filed to its block leader.</summary>
public sealed class OfficeReview
{
    public required string OfficeCode { get; set; }
    public int Year { get; set; }
    public int Quarter { get; set; }
    public string Summary { get; set; } = "";
    public List<ReviewItem> Items { get; set; } = [];
    /// <summary>When it was first filed: what its timeliness is judged by.</summary>
    public DateTimeOffset FirstFiledAt { get; set; }
    public DateTimeOffset FiledAt { get; set; }
    public string FiledBy { get; set; } = "";
}

/// <summary>What the office says of one lagging indicator: its difficulties (khó khăn, vướng mắc) and solutions (giải pháp).</summary>
public sealed class ReviewItem
{
    public required string IndicatorCode { get; set; }
    public string Difficulties { get; set; } = "";
    public string Solutions { get; set; } = "";
}

/// <summary>
/// The rules of an office's quarterly review: an office answering for indicators of the year's plan files it from the
/// quarter's last month on, with its summary of the results and, per lagging indicator it answers for, the difficulties
/// or the solutions. It is due with the quarter's last monthly report; filing again replaces the text, and the first
/// filing's day is the one judged on time or late.
/// </summary>
public static class ReviewRules
{
    public const int MaxTextLength = 4000;

    public static OfficeReview File(Caller caller, string office, int year, int quarter, string summary, IReadOnlyList<ReviewItem> items,
        PlanView? plan, OfficeReview? filed, DateTimeOffset at, DateOnly today)
    {
        var violations = new Violations().RequirePlanYear(year, today);
        violations.RequireText(office, "office_code", 40);
        violations.Require(quarter is >= 1 and <= 4, "quarter", "must be between 1 and 4");
        violations.RequireText(summary, "summary", MaxTextLength);
        var answered = plan is null || string.IsNullOrWhiteSpace(office) ? [] : plan.AnsweredBy(office);
        if (plan is null) violations.Add("year", "has no plan");
        else if (!string.IsNullOrWhiteSpace(office) && (!plan.Units.TryGetValue(office, out var unit) || unit.Kind != UnitKind.Office)) violations.Add("office_code", $"{office} is not an office");
        else if (!string.IsNullOrWhiteSpace(office) && answered.Count == 0) violations.Add("office_code", $"{office} answers for no indicator of {year}");
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (plan is not null && answered.Count > 0 && !answered.Contains(item.IndicatorCode)) violations.Add($"items[{i}].indicator_code", $"{item.IndicatorCode} is not an indicator {office} answers for");
            if (items.Take(i).Any(x => x.IndicatorCode == item.IndicatorCode)) violations.Add($"items[{i}].indicator_code", $"{item.IndicatorCode} is named twice");
            if (string.IsNullOrWhiteSpace(item.Difficulties) && string.IsNullOrWhiteSpace(item.Solutions)) violations.Add($"items[{i}]", "needs its difficulties or its solutions");
            violations.Require(item.Difficulties.Length <= MaxTextLength, $"items[{i}].difficulties", $"is longer than {MaxTextLength} characters");
            violations.Require(item.Solutions.Length <= MaxTextLength, $"items[{i}].solutions", $"is longer than {MaxTextLength} characters");
        }
        violations.ThrowIfAny();
        caller.EnsureMayActFor(office);
        if (today < new DateOnly(year, PlanCalendar.LastMonthOf(quarter), 1))
        {
            throw new FailedPreconditionException($"The review of Q{quarter} {year} can be filed from the quarter's last month on.");
        }
        var review = filed ?? new OfficeReview { OfficeCode = office, Year = year, Quarter = quarter, FirstFiledAt = at };
        review.Summary = summary.Trim();
        review.Items = [.. items.Select(x => new ReviewItem { IndicatorCode = x.IndicatorCode, Difficulties = x.Difficulties.Trim(), Solutions = x.Solutions.Trim() })];
        (review.FiledAt, review.FiledBy) = (at, caller.Subject);
        return review;
    }

    /// <summary>Due with the report of the quarter's last month.</summary>
    public static DateOnly Deadline(int year, int quarter, int dayOfFollowingMonth) =>
        ReportingCalendar.Deadline(year, PlanCalendar.LastMonthOf(quarter), dayOfFollowingMonth);
}
