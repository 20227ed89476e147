namespace TuyPhuoc.Evaluation.Domain;

/// <summary>
/// The comparison with the same period last year (cùng kỳ): last year's figure through the same quarter, measured as
/// this year's year to date is (the sum for a cumulative indicator, the latest value for a level, rate or year-end
/// figure), and this year's as a share of it. Pure.
/// </summary>
public static class SamePeriod
{
    /// <param name="lastYear">Last year's twelve months of the figure, formed as this year's are (<see cref="ResultPlanner.Input(ResultSpec, Func{string, MonthlyActual?[]?}, EvaluationPolicy)"/>).</param>
    public static (decimal? LastYear, decimal? Versus) Of(MeasureKind kind, decimal? yearToDate, IReadOnlyList<decimal?> lastYear, int quarter)
    {
        var same = PlanCalendar.YearToDate(summed: kind == MeasureKind.Cumulative, lastYear, PlanCalendar.LastMonthOf(quarter));
        return (same, yearToDate is { } now && same is { } then && then != 0 ? now / then : null);
    }
}
