namespace TuyPhuoc.EmulationScoring.Domain;


/// <summary>What Evaluation reported for one quarter of one indicator of a unit (fractions: 1 = 100%).</summary>
/// <param name="YearToDate">A_q: the sum to date (cumulative) or the latest value to date; null when nothing was submitted yet.</param>
/// <param name="CumulativePlan">CP_q, for cumulative indicators.</param>
/// <param name="Progress">Progress of the year at the quarter's end (from the baseline for levels).</param>
/// <param name="PercentOfRequirement">What Evaluation judged the quarter by, as a share of its requirement: for a level,
/// its achievement as of the quarter (against the quarter's target level when phased, else progress over q/4).</param>
public sealed record QuarterFacts(int Quarter, double? YearToDate, double? CumulativePlan, double? Progress, double? PercentOfRequirement = null);

/// <summary>One assigned indicator of a unit: its kind from the plan and, when Evaluation has a result, the numbers behind it.</summary>
/// <param name="QuarterTargets">The unit's phased targets per quarter (cumulative: the quarter's amount).</param>
/// <param name="Progress">Progress of the year as it stands now.</param>
/// <param name="Quarters">Every quarter Evaluation explained, up to the latest with data; empty without a result.</param>
/// <param name="FirstMonthWithData">1..12, the first month the unit submitted a value for; null when it submitted none.
/// A sum of nothing is 0, but it is no data, not a 0% achievement.</param>
public sealed record IndicatorFacts(
    string IndicatorCode,
    MeasureKind Kind,
    bool LowerIsBetter,
    double YearTarget,
    IReadOnlyList<double> QuarterTargets,
    double? Progress,
    IReadOnlyList<QuarterFacts> Quarters,
    int? FirstMonthWithData)
{
    public static IndicatorFacts WithoutResult(string code, MeasureKind kind, bool lowerIsBetter) =>
        new(code, kind, lowerIsBetter, 0, [], null, [], null);
}

/// <summary>
/// Achievement x_i (docs/rules.md, Achievement): for the whole year against the year target; provisionally
/// as of a quarter against the plan to date (year-to-date over cumulative plan for cumulative indicators; for levels
/// Evaluation's one definition, the share of the quarter's requirement its status was judged by, the latest quarter's
/// past the latest data). Year-end indicators count only in the year's score.
/// </summary>
public static class Achievements
{
    /// <summary>Percent of plan of a lower-is-better indicator is capped at 120%, as in Evaluation.</summary>
    private const double LowerIsBetterCap = 1.2;

    /// <param name="quarter">1..4 for a provisional score; 0 for the whole year.</param>
    public static IReadOnlyList<IndicatorAchievement> For(IEnumerable<IndicatorFacts> indicators, int quarter) =>
        indicators.Select(i => For(i, quarter)).ToList();

    public static IndicatorAchievement For(IndicatorFacts i, int quarter)
    {
        if (quarter is < 0 or > 4) throw new ArgumentOutOfRangeException(nameof(quarter), quarter, "must be 0 (the year) or 1..4");
        var isYearEnd = i.Kind == MeasureKind.YearEnd;
        if (quarter != 0 && isYearEnd) return new(i.IndicatorCode, null, IsYearEnd: true);
        var submitted = i.FirstMonthWithData is { } first && (quarter == 0 || first <= PlanCalendar.LastMonthOf(quarter));
        var x = !submitted ? null : quarter == 0 ? ForYear(i) : AsOfQuarter(i, quarter);
        return new(i.IndicatorCode, x is { } v && double.IsFinite(v) ? v : null, isYearEnd);
    }

    private static double? ForYear(IndicatorFacts i)
    {
        if (i.Quarters.Count == 0) return null;
        if (i.Kind != MeasureKind.Cumulative) return i.Progress ?? i.Quarters.LastOrDefault(q => q.Progress is not null)?.Progress;
        return YearToDate(i, 4) is { } a ? AgainstPlan(a, i.YearTarget, i.LowerIsBetter) : null;
    }

    private static double? AsOfQuarter(IndicatorFacts i, int quarter)
    {
        if (i.Quarters.Count == 0) return null;
        switch (i.Kind)
        {
            case MeasureKind.Cumulative:
                if (YearToDate(i, quarter) is not { } a) return null;
                var plan = i.Quarters.FirstOrDefault(q => q.Quarter == quarter)?.CumulativePlan
                    ?? (i.QuarterTargets.Count >= quarter ? i.QuarterTargets.Take(quarter).Sum() : null);
                return plan is { } cp ? AgainstPlan(a, cp, i.LowerIsBetter) : null;
            case MeasureKind.Level:
                return LatestUpTo(i, quarter, q => q.PercentOfRequirement);
            default:
                return LatestUpTo(i, quarter, q => q.Progress);
        }
    }

    /// <summary>A_q; past the latest quarter with data nothing more was added, so it stays as it was.</summary>
    private static double? YearToDate(IndicatorFacts i, int quarter) => LatestUpTo(i, quarter, q => q.YearToDate);

    private static double? LatestUpTo(IndicatorFacts i, int quarter, Func<QuarterFacts, double?> value) =>
        i.Quarters.Where(q => q.Quarter <= quarter && value(q) is not null).MaxBy(q => q.Quarter) is { } found ? value(found) : null;

    private static double AgainstPlan(double actual, double plan, bool lowerIsBetter)
    {
        if (lowerIsBetter)
            return plan == 0 ? (actual <= 0 ? 1 : 0) : Math.Clamp(2 - actual / plan, 0, LowerIsBetterCap);
        // Nothing planned yet: a unit that is not behind is on plan.
        return plan == 0 ? (actual >= 0 ? 1 : 0) : actual / plan;
    }
}
