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

    /// <summary>The units merged into <paramref name="unit"/> since, directly or through another merger, by code.</summary>
    /// <param name="formerOf">Each unit's units merged into it, from the mergers (merged unit → the unit it went into).</param>
    public static IReadOnlyList<string> FormerUnits(string unit, ILookup<string, string> formerOf)
    {
        var former = new List<string>();
        var reach = new Queue<string>([unit]);
        while (reach.TryDequeue(out var next))
        {
            foreach (var from in formerOf[next].Order(StringComparer.Ordinal).Where(f => f != unit && !former.Contains(f)))
            {
                former.Add(from);
                reach.Enqueue(from);
            }
        }
        return former;
    }

    /// <summary>
    /// How last year's figure of a result is formed: over its units and the units merged into them since, the former
    /// units' months added in (a cumulative figure, a roll-up) or averaged in (a level or rate of one unit, a mean of the
    /// communes; a weighted mean weighs them alike, having no weights of its own for them). An office's figure is as it
    /// is.
    /// </summary>
    public static (ResultSpec Spec, IReadOnlyList<string> Former) LastYear(ResultSpec spec, ILookup<string, string> formerOf)
    {
        if (spec.Kind == FigureKind.DistrictReported || formerOf.Count == 0) return (spec, []);
        IReadOnlyList<string> former = [.. spec.SourceUnits.SelectMany(u => FormerUnits(u, formerOf)).Distinct().Except(spec.SourceUnits)];
        if (former.Count == 0) return (spec, []);
        var summed = spec.Kind == FigureKind.DistrictRollUp || spec.Kind == FigureKind.Allocation && spec.Indicator.Kind == MeasureKind.Cumulative;
        return (spec with { Kind = summed ? FigureKind.DistrictRollUp : FigureKind.DistrictMean, SourceUnits = [.. spec.SourceUnits, .. former], Weights = null }, former);
    }
}
