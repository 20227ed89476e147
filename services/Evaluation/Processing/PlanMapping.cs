namespace TuyPhuoc.Evaluation.Processing;

/// <summary>From the messages of tuyphuoc.plans.v1 to the evaluation's view of a plan.</summary>
public static class PlanMapping
{
    public static PlanSnapshot ToSnapshot(Plans.Plan plan, IEnumerable<Plans.Indicator> catalog, string districtCode, IReadOnlyDictionary<int, string>? decisions = null)
    {
        var byCode = catalog.ToDictionary(i => i.Code);
        var indicators = new Dictionary<string, IndicatorPlan>();
        foreach (var target in plan.Targets)
        {
            if (!byCode.TryGetValue(target.IndicatorCode, out var indicator)) continue;
            var info = ToDomain(indicator) with { Baseline = target.HasBaseline ? (decimal)target.Baseline : null };
            indicators[info.Code] = new IndicatorPlan(
                info, (decimal)target.DistrictTarget, Quarters(info.Kind, target.Quarters, target.Months),
                [.. target.Allocations.Select(a => new AllocationPlan(a.UnitCode, (decimal)a.YearTarget, Quarters(info.Kind, [], a.Months), a.HasWeight ? (decimal)a.Weight : null))],
                target.Aggregation switch
                {
                    Plans.Aggregation.Mean => Aggregation.Mean,
                    Plans.Aggregation.WeightedMean => Aggregation.WeightedMean,
                    Plans.Aggregation.ResponsibleOffice => Aggregation.ResponsibleOffice,
                    _ => Aggregation.Sum,
                },
                target.Revision);
        }
        return new PlanSnapshot(plan.Year, districtCode, indicators, decisions);
    }

    public static IndicatorInfo ToDomain(Plans.Indicator i) => new(
        i.Code,
        i.MeasureKind.ToDomain(),
        i.Direction == Plans.Direction.LowerIsBetter ? Direction.LowerIsBetter : Direction.HigherIsBetter,
        i.HasBaseline ? (decimal)i.Baseline : null,
        i.Source == Plans.IndicatorSource.Province ? IndicatorSource.Province : IndicatorSource.District,
        Blocks.Name(i.Block),
        i.ResponsibleOfficeCode,
        i.CommuneAllocated);

    /// <summary>Quarter targets: the given four, else from twelve months (sums for cumulative indicators, the quarter-end level otherwise).</summary>
    public static IReadOnlyList<decimal>? Quarters(MeasureKind kind, IReadOnlyList<double> quarters, IReadOnlyList<double> months)
    {
        if (kind == MeasureKind.YearEnd) return null;
        if (quarters.Count == 4) return [.. quarters.Select(q => (decimal)q)];
        if (months.Count != 12) return null;
        return PlanCalendar.QuarterTargets(kind.IsSummed(), [.. months.Select(m => (decimal)m)]);
    }
}
