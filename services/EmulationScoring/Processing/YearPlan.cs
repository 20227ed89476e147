namespace TuyPhuoc.EmulationScoring.Processing;

/// <summary>Who is scored in a year and on which indicators: every unit with an assignment in the year's plan.</summary>
public sealed record YearPlan(int Year, IReadOnlyList<string> IndicatorCodes, IReadOnlyDictionary<string, ScoredUnit> Units)
{
    /// <summary>Every unit of the year with what IndicatorPlans assigns it, and the plan's indicators.</summary>
    public static YearPlan From(PublishedPlan plan)
    {
        var scored = plan.Assignments
            .Where(a => plan.Units.ContainsKey(a.Key))
            .ToDictionary(a => a.Key, a => new ScoredUnit(a.Key, BlockOf(plan.Units[a.Key]), a.Value
                .Select(i => plan.Catalog.GetValueOrDefault(i.IndicatorCode)).OfType<Plans.Indicator>()
                .Select(i => new AssignedIndicator(i.Code, i.MeasureKind.ToDomain(), i.Direction == Plans.Direction.LowerIsBetter))
                .DistinctBy(i => i.Code).OrderBy(i => i.Code, StringComparer.Ordinal).ToList()));
        return new YearPlan(plan.Year, plan.Plan.Targets.Select(t => t.IndicatorCode).Distinct().Order(StringComparer.Ordinal).ToList(), scored);
    }

    public static string BlockOf(Plans.Unit unit) => Blocks.Of(unit) ?? Blocks.Communes;
}
