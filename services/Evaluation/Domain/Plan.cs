namespace TuyPhuoc.Evaluation.Domain;

public enum IndicatorSource { Province = 1, District = 2 }

public sealed record IndicatorInfo(
    string Code, MeasureKind Kind, Direction Direction, decimal? Baseline, IndicatorSource Source, string Block,
    string ResponsibleOffice, bool CommuneAllocated)
{
    public IndicatorDefinition Definition => new(Code, Kind, Direction, Baseline);
}

/// <param name="QuarterTargets">Null when the allocation has no phasing of its own.</param>
public sealed record AllocationPlan(string UnitCode, decimal YearTarget, IReadOnlyList<decimal>? QuarterTargets);

public sealed record IndicatorPlan(IndicatorInfo Indicator, decimal YearTarget, IReadOnlyList<decimal>? QuarterTargets, IReadOnlyList<AllocationPlan> Allocations);

/// <summary>What the evaluation needs of a year's plan: the district (the unit without a parent) and the targets in force.</summary>
public sealed record PlanSnapshot(int Year, string DistrictCode, IReadOnlyDictionary<string, IndicatorPlan> Indicators);

public enum FigureKind
{
    /// <summary>A commune's or town's allocation, reported by the unit itself.</summary>
    Allocation,
    /// <summary>The district figure of a commune-allocated cumulative indicator: the sum of the allocations' actuals.</summary>
    DistrictRollUp,
    /// <summary>The district figure reported by the responsible office (or entered for the district itself).</summary>
    DistrictReported,
    /// <summary>
    /// The district figure of a commune-allocated level or rate: what the office reports for a month when it does, else
    /// the mean of the communes' values (the plan assigns the communes, so often nobody else reports it).
    /// </summary>
    DistrictMean,
}

public readonly record struct ResultKey(int Year, string IndicatorCode, string UnitCode);

/// <summary>How one result is formed: whose actuals, against which targets.</summary>
/// <param name="ReportingUnit">Who answers for the figure: the unit, the responsible office, or the district for a roll-up.</param>
/// <param name="SourceUnits">The units whose actuals make the figure: summed for a roll-up, else the latest revision of a month wins.</param>
public sealed record ResultSpec(
    ResultKey Key, IndicatorInfo Indicator, FigureKind Kind, string ReportingUnit, decimal YearTarget,
    IReadOnlyList<decimal>? QuarterTargets, IReadOnlyList<string> SourceUnits)
{
    public bool DistrictFigure => Kind != FigureKind.Allocation;
}

/// <summary>One month's actual as kept by the evaluation: the latest revision, with the source sequence that set it.</summary>
public readonly record struct MonthlyActual(decimal Value, long Sequence);

/// <summary>Which results a plan has and which ones a change touches. Pure.</summary>
public static class ResultPlanner
{
    public static IEnumerable<ResultSpec> All(PlanSnapshot plan) => plan.Indicators.Values.SelectMany(i => For(plan, i));

    public static IEnumerable<ResultSpec> ForIndicator(PlanSnapshot plan, string indicatorCode) =>
        plan.Indicators.TryGetValue(indicatorCode, out var indicator) ? For(plan, indicator) : [];

    /// <summary>The results an actual of a unit feeds: its own allocation and the district roll-up, or the district figure it reports.</summary>
    public static IEnumerable<ResultSpec> TouchedBy(PlanSnapshot plan, string unitCode, string indicatorCode) =>
        ForIndicator(plan, indicatorCode).Where(s => s.SourceUnits.Contains(unitCode));

    static IEnumerable<ResultSpec> For(PlanSnapshot plan, IndicatorPlan target)
    {
        var indicator = target.Indicator;
        var districtKey = new ResultKey(plan.Year, indicator.Code, plan.DistrictCode);
        if (indicator.CommuneAllocated && target.Allocations.Count > 0)
        {
            foreach (var a in target.Allocations)
            {
                yield return new(new(plan.Year, indicator.Code, a.UnitCode), indicator, FigureKind.Allocation, a.UnitCode,
                    a.YearTarget, AllocationQuarters(target, a), [a.UnitCode]);
            }
            yield return indicator.Kind == MeasureKind.Cumulative
                ? new(districtKey, indicator, FigureKind.DistrictRollUp, plan.DistrictCode, target.YearTarget, target.QuarterTargets,
                    [.. target.Allocations.Select(a => a.UnitCode)])
                : new(districtKey, indicator, FigureKind.DistrictMean, indicator.ResponsibleOffice, target.YearTarget, target.QuarterTargets,
                    [.. Reporters(plan, indicator), .. target.Allocations.Select(a => a.UnitCode)]);
            yield break;
        }
        // Levels, growth rates and year-end figures of the district are what the responsible office reports.
        yield return new(districtKey, indicator, FigureKind.DistrictReported, indicator.ResponsibleOffice, target.YearTarget, target.QuarterTargets,
            Reporters(plan, indicator));
    }

    static string[] Reporters(PlanSnapshot plan, IndicatorInfo indicator) =>
        indicator.ResponsibleOffice == plan.DistrictCode ? [plan.DistrictCode] : [indicator.ResponsibleOffice, plan.DistrictCode];

    // An allocation without phasing of its own follows the district's phasing in proportion (cumulative only).
    static IReadOnlyList<decimal>? AllocationQuarters(IndicatorPlan target, AllocationPlan a) =>
        a.QuarterTargets
        ?? (target.Indicator.Kind == MeasureKind.Cumulative && target.QuarterTargets is { } q && target.YearTarget != 0
            ? [.. q.Select(x => x * a.YearTarget / target.YearTarget)]
            : null);

    /// <summary>The inputs of a result from the actuals of its source units (twelve months each, null when not submitted).</summary>
    public static EvaluationInput Input(ResultSpec spec, Func<string, MonthlyActual?[]?> actualsOf, EvaluationPolicy policy)
    {
        IReadOnlyList<decimal?> months;
        if (spec.Kind == FigureKind.DistrictRollUp)
        {
            months = RollUp.DistrictMonthlyActuals(spec.SourceUnits
                .Select(u => actualsOf(u))
                .OfType<MonthlyActual?[]>()
                .Select(m => (IReadOnlyList<decimal?>)[.. m.Select(x => x?.Value)]));
        }
        else if (spec.Kind == FigureKind.DistrictMean)
        {
            var reporters = Reporters(spec);
            var reported = Latest(reporters.Select(actualsOf));
            var communes = spec.SourceUnits.Except(reporters).Select(actualsOf).OfType<MonthlyActual?[]>().ToList();
            months = [.. Enumerable.Range(0, 12).Select(m => reported[m]?.Value
                ?? (communes.Select(c => c[m]?.Value).OfType<decimal>().ToList() is { Count: > 0 } values ? values.Average() : (decimal?)null))];
        }
        else if (spec.SourceUnits.Count == 1)
        {
            var own = actualsOf(spec.SourceUnits[0]);
            var values = new decimal?[12];
            if (own is not null)
            {
                for (var m = 0; m < 12; m++) values[m] = own[m]?.Value;
            }
            months = values;
        }
        else
        {
            months = [.. Latest(spec.SourceUnits.Select(actualsOf)).Select(x => x?.Value)];
        }
        var quarterTargets = spec.Indicator.Kind == MeasureKind.YearEnd ? null : spec.QuarterTargets;
        return new(spec.Indicator.Definition, spec.YearTarget, quarterTargets, months, 4, policy);
    }

    static string[] Reporters(ResultSpec spec) =>
        spec.ReportingUnit == spec.Key.UnitCode ? [spec.Key.UnitCode] : [spec.ReportingUnit, spec.Key.UnitCode];

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
            if (months[m] is not null) return m / 3 + 1;
        }
        return 1;
    }
}
