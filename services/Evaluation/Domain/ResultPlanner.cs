namespace TuyPhuoc.Evaluation.Domain;

/// <summary>Which results a plan has and which ones a change touches. Pure.</summary>
public static class ResultPlanner
{
    public static IEnumerable<ResultSpec> All(PlanSnapshot plan) => plan.Indicators.Values.SelectMany(i => For(plan, i));

    public static IEnumerable<ResultSpec> ForIndicator(PlanSnapshot plan, string indicatorCode) =>
        plan.Indicators.TryGetValue(indicatorCode, out var indicator) ? For(plan, indicator) : [];

    /// <summary>The results an actual of a unit feeds: its own allocation and the district roll-up, or the district figure it reports.</summary>
    public static IEnumerable<ResultSpec> TouchedBy(PlanSnapshot plan, string unitCode, string indicatorCode) =>
        PlanIndex.Of(plan).TouchedBy(unitCode, indicatorCode);

    /// <summary>The units whose own months a result reads; the units it only sums or averages are in <see cref="AggregatedUnits"/>.</summary>
    /// <remarks>A weighted mean reads its units' own months: kept totals carry no weights.</remarks>
    public static IReadOnlyList<string> CellUnits(ResultSpec spec) => spec.Kind switch
    {
        FigureKind.DistrictRollUp or FigureKind.DistrictMean => [],
        _ => spec.SourceUnits,
    };

    /// <summary>The units a district figure sums (roll-up) or averages (mean of the communes); none for the others.</summary>
    public static IReadOnlyList<string> AggregatedUnits(ResultSpec spec) => spec.Kind switch
    {
        FigureKind.DistrictRollUp or FigureKind.DistrictMean => spec.SourceUnits,
        _ => [],
    };

    static IEnumerable<ResultSpec> For(PlanSnapshot plan, IndicatorPlan target)
    {
        var (revision, decision) = (target.Revision, plan.DecisionOf(target.Revision));
        if (plan.AtQuarterEnds.Count == 0)
        {
            foreach (var spec in Specs(plan, target)) yield return spec with { Revision = revision, Decision = decision };
            yield break;
        }
        // Each quarter's plan, and its allocations of the indicator by unit, read once for all the indicator's results.
        var quarters = Enumerable.Range(1, 4).Select(plan.AtEndOf).ToList();
        var targets = quarters.Append(plan).Distinct().ToDictionary(p => p, p => p.Indicators.GetValueOrDefault(target.Indicator.Code) is { } t
            ? (t, t.Allocations.DistinctBy(a => a.UnitCode).ToDictionary(a => a.UnitCode))
            : ((IndicatorPlan, Dictionary<string, AllocationPlan>)?)null);
        foreach (var spec in Specs(plan, target))
        {
            yield return spec with
            {
                Revision = revision, Decision = decision,
                QuarterPlans = [.. quarters.Select(p => QuarterPlan(p, targets[p], spec) ?? QuarterPlan(plan, targets[plan], spec)!)],
            };
        }
    }

    /// <summary>What a quarter's plan gives the result; null when the indicator or the unit's allocation is not in it.</summary>
    static QuarterPlan? QuarterPlan(PlanSnapshot plan, (IndicatorPlan Target, Dictionary<string, AllocationPlan> Allocations)? of, ResultSpec spec) =>
        of is not { } found ? null
        : spec.Kind != FigureKind.Allocation
            ? new(found.Target.Revision, plan.DecisionOf(found.Target.Revision), found.Target.YearTarget, found.Target.QuarterTargets, found.Target.Indicator.Baseline)
        : found.Allocations.TryGetValue(spec.Key.UnitCode, out var a)
            ? new(found.Target.Revision, plan.DecisionOf(found.Target.Revision), a.YearTarget, a.QuarterTargets, found.Target.Indicator.Baseline)
        : null;

    static IEnumerable<ResultSpec> Specs(PlanSnapshot plan, IndicatorPlan target)
    {
        var indicator = target.Indicator;
        var districtKey = new ResultKey(plan.Year, indicator.Code, plan.DistrictCode);
        if (indicator.CommuneAllocated && target.Allocations.Count > 0)
        {
            foreach (var a in target.Allocations)
            {
                yield return new(new(plan.Year, indicator.Code, a.UnitCode), indicator, FigureKind.Allocation, a.UnitCode,
                    a.YearTarget, a.QuarterTargets, [a.UnitCode]);
            }
            string[] communes = [.. target.Allocations.Select(a => a.UnitCode)];
            yield return target.Aggregation switch
            {
                Aggregation.Sum => new(districtKey, indicator, FigureKind.DistrictRollUp, plan.DistrictCode, target.YearTarget, target.QuarterTargets, communes),
                Aggregation.Mean => new(districtKey, indicator, FigureKind.DistrictMean, plan.DistrictCode, target.YearTarget, target.QuarterTargets, communes),
                Aggregation.WeightedMean => new(districtKey, indicator, FigureKind.DistrictWeightedMean, plan.DistrictCode, target.YearTarget,
                    target.QuarterTargets, communes, [.. target.Allocations.Select(a => a.Weight ?? 0)]),
                _ => Reported(),
            };
            yield break;
        }
        // Levels, growth rates and year-end figures of the district are what the responsible office reports.
        yield return Reported();

        ResultSpec Reported() => new(districtKey, indicator, FigureKind.DistrictReported, indicator.ResponsibleOffice, target.YearTarget,
            target.QuarterTargets, Reporters(plan, indicator));
    }

    static string[] Reporters(PlanSnapshot plan, IndicatorInfo indicator) =>
        indicator.ResponsibleOffice == plan.DistrictCode ? [plan.DistrictCode] : [indicator.ResponsibleOffice, plan.DistrictCode];

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ResultSpec, AggregateSet> AggregateSets = [];

    /// <summary>The <see cref="AggregatedUnits"/> of a district figure as a set, with a fingerprint that changes when the set does.</summary>
    public static AggregateSet Aggregate(ResultSpec spec) => AggregateSets.GetValue(spec, s =>
    {
        var units = AggregatedUnits(s);
        var fingerprint = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', units.Order(StringComparer.Ordinal))));
        return new([.. units], fingerprint);
    });

    /// <summary>The inputs of a result from the actuals of its source units (twelve months each, null when not submitted).</summary>
    public static EvaluationInput Input(ResultSpec spec, Func<string, MonthlyActual?[]?> actualsOf, EvaluationPolicy policy) =>
        Input(spec, actualsOf, MonthlyTotals.Of(AggregatedUnits(spec).Select(actualsOf)), policy);

    /// <summary>
    /// The same from the months of the <see cref="CellUnits"/> and the totals of the <see cref="AggregatedUnits"/>,
    /// which a caller may have summed elsewhere (in the database): decimal sums are exact, so the result is the same.
    /// </summary>
    public static EvaluationInput Input(ResultSpec spec, Func<string, MonthlyActual?[]?> actualsOf, MonthlyTotals totals, EvaluationPolicy policy)
    {
        var months = new decimal?[12];
        switch (spec.Kind)
        {
            case FigureKind.DistrictRollUp:
                for (var m = 0; m < 12; m++) months[m] = totals.Count[m] > 0 ? totals.Sum[m] : null;
                break;
            case FigureKind.DistrictMean:
                for (var m = 0; m < 12; m++) months[m] = totals.Count[m] > 0 ? totals.Sum[m] / totals.Count[m] : null;
                break;
            case FigureKind.DistrictWeightedMean:
                var (weighted, weights) = (new decimal[12], new decimal[12]);
                for (var u = 0; u < spec.SourceUnits.Count; u++)
                {
                    if (actualsOf(spec.SourceUnits[u]) is not { } unitMonths) continue;
                    for (var m = 0; m < 12; m++)
                    {
                        if (unitMonths[m] is { } x) (weighted[m], weights[m]) = (weighted[m] + spec.Weights![u] * x.Value, weights[m] + spec.Weights[u]);
                    }
                }
                for (var m = 0; m < 12; m++) months[m] = weights[m] > 0 ? weighted[m] / weights[m] : null;
                break;
            case var _ when spec.SourceUnits.Count == 1:
                if (actualsOf(spec.SourceUnits[0]) is { } own)
                {
                    for (var m = 0; m < 12; m++) months[m] = own[m]?.Value;
                }
                break;
            default:
                var latest = Latest(spec.SourceUnits.Select(actualsOf));
                for (var m = 0; m < 12; m++) months[m] = latest[m]?.Value;
                break;
        }
        var quarterTargets = spec.Indicator.Kind == MeasureKind.YearEnd ? null : spec.QuarterTargets;
        return new(spec.Indicator.Definition, spec.YearTarget, quarterTargets, months, 4, policy);
    }

    /// <summary>Month by month, the latest revision among several units' values.</summary>
    static MonthlyActual?[] Latest(IEnumerable<MonthlyActual?[]?> units)
    {
        var merged = new MonthlyActual?[12];
        foreach (var unitMonths in units.OfType<MonthlyActual?[]>())
        {
            for (var m = 0; m < 12; m++)
            {
                if (unitMonths[m] is { } x && (merged[m] is not { } y || x.Sequence > y.Sequence)) merged[m] = x;
            }
        }
        return merged;
    }

    /// <summary>The latest quarter with a submitted month (1 when none).</summary>
    public static int LatestQuarterWithData(IReadOnlyList<decimal?> months)
    {
        for (var m = 11; m >= 0; m--)
        {
            if (months[m] is not null) return PlanCalendar.QuarterOf(m + 1);
        }
        return 1;
    }
}
