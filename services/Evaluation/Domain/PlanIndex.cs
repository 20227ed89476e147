namespace TuyPhuoc.Evaluation.Domain;

/// <summary>
/// The results of a plan by indicator and unit, built once per plan: finding what a change touches must not cost
/// a pass over every allocation of the indicator (thousands at national scale) for each change.
/// </summary>
public sealed class PlanIndex
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PlanSnapshot, PlanIndex> Indexes = [];

    private readonly Dictionary<string, (Dictionary<string, ResultSpec> Own, ResultSpec? District, HashSet<string> DistrictSources)> _byIndicator = [];

    private PlanIndex(PlanSnapshot plan)
    {
        foreach (var code in plan.Indicators.Keys)
        {
            var own = new Dictionary<string, ResultSpec>();
            ResultSpec? district = null;
            foreach (var spec in ResultPlanner.ForIndicator(plan, code))
            {
                if (spec.Kind == FigureKind.Allocation) own.TryAdd(spec.Key.UnitCode, spec);
                else district = spec;
            }
            _byIndicator[code] = (own, district, [.. district?.SourceUnits ?? []]);
        }
    }

    public static PlanIndex Of(PlanSnapshot plan) => Indexes.GetValue(plan, p => new PlanIndex(p));

    /// <summary>The result of a unit and indicator: the unit's own allocation, or the district figure; null when the plan has none.</summary>
    public ResultSpec? Spec(string indicatorCode, string unitCode) =>
        !_byIndicator.TryGetValue(indicatorCode, out var indicator) ? null
        : indicator.Own.TryGetValue(unitCode, out var own) ? own
        : indicator.District is { } district && district.Key.UnitCode == unitCode ? district : null;

    public IEnumerable<ResultSpec> TouchedBy(string unitCode, string indicatorCode)
    {
        if (!_byIndicator.TryGetValue(indicatorCode, out var indicator)) yield break;
        if (indicator.Own.TryGetValue(unitCode, out var own)) yield return own;
        if (indicator.District is { } district && indicator.DistrictSources.Contains(unitCode)) yield return district;
    }
}
