
namespace TuyPhuoc.Submissions.Domain;

/// <summary>What a submitted actual must satisfy before anything is stored. Pure: the plan and the date are passed in.</summary>
public static class ActualRules
{
    public const int MaxNoteLength = 4000;

    /// <summary>Every reason to refuse the input, by field; empty when it may be stored (the period lock is checked by the store).</summary>
    public static List<FieldViolation> Check(ActualInput input, PlanView? plan, DateOnly today)
    {
        var violations = new List<FieldViolation>();
        void Add(string field, string description) => violations.Add(new(field, description));

        if (string.IsNullOrWhiteSpace(input.UnitCode)) Add("unit_code", "is required");
        if (string.IsNullOrWhiteSpace(input.IndicatorCode)) Add("indicator_code", "is required");
        var periodKnown = CheckPeriod(input.Year, input.Month, today, Add);

        if (!double.IsFinite(input.Value))
        {
            Add("value", "must be a finite number");
        }
        if (input.Note.Length > MaxNoteLength) Add("note", $"is longer than {MaxNoteLength} characters");
        if (input.Solutions.Length > MaxNoteLength) Add("solutions", $"is longer than {MaxNoteLength} characters");

        if (plan is null && periodKnown && violations.Count == 0) Add("year", $"{input.Year} has no plan");
        if (violations.Any(v => v.Field is "unit_code" or "indicator_code") || !periodKnown || plan is null) return violations;

        if (!plan.Units.ContainsKey(input.UnitCode))
        {
            Add("unit_code", $"{input.UnitCode} is not a unit of {input.Year}");
        }
        if (!plan.Indicators.TryGetValue(input.IndicatorCode, out var indicator))
        {
            Add("indicator_code", $"{input.IndicatorCode} is not in the catalog");
            return violations;
        }
        if (plan.Units.ContainsKey(input.UnitCode) && !plan.IsAssigned(input.UnitCode, input.IndicatorCode))
        {
            Add("indicator_code", $"{input.IndicatorCode} is not assigned to {input.UnitCode} in {input.Year}");
        }
        if (double.IsFinite(input.Value) && RangeViolation(indicator, input.Value) is { } problem) Add("value", problem);
        return violations;
    }

    /// <summary>A year that can have a plan: from the first plan year to the next one.</summary>
    public static Violations RequirePlanYear(this Violations violations, int year, DateOnly today) =>
        violations.Require(year >= PlanCalendar.FirstYear && year <= today.Year + 1, "year", $"must be between {PlanCalendar.FirstYear} and {today.Year + 1}");

    /// <summary>A month of a plan year that has begun: 1..12, and not after the current month.</summary>
    public static bool CheckPeriod(int year, int month, DateOnly today, Action<string, string> add)
    {
        var ok = true;
        if (year < PlanCalendar.FirstYear || year > today.Year)
        {
            add("year", $"must be between {PlanCalendar.FirstYear} and {today.Year}");
            ok = false;
        }
        if (month is < 1 or > 12)
        {
            add("month", "must be between 1 and 12");
            ok = false;
        }
        else if (ok && (year, month).CompareTo((today.Year, today.Month)) > 0)
        {
            add("month", $"{year}-{month:00} lies in the future");
            ok = false;
        }
        return ok;
    }

    /// <summary>Why the value cannot be a value of the indicator, or null: within its range, else non-negative.</summary>
    public static string? RangeViolation(IndicatorInfo indicator, double value)
    {
        if (indicator.RangeMin is { } min && indicator.RangeMax is { } max)
        {
            return value < min || value > max ? $"must lie between {min} and {max} for {indicator.Code}" : null;
        }
        return value < 0 ? $"must not be negative for {indicator.Code}" : null;
    }
}
