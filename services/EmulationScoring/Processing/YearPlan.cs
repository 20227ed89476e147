using TuyPhuoc.EmulationScoring.Domain;
using TuyPhuoc.ServiceDefaults;
using Plans = TuyPhuoc.Contracts.Plans.V1;

namespace TuyPhuoc.EmulationScoring.Processing;

/// <summary>Who is scored in a year and on which indicators: every unit with an assignment in the year's plan.</summary>
public sealed record YearPlan(int Year, IReadOnlyList<string> IndicatorCodes, IReadOnlyDictionary<string, ScoredUnit> Units)
{
    /// <summary>Communes and towns belong to no sector block; they are ranked among themselves under this name.</summary>
    public const string CommunesBlock = "communes";

    public static IReadOnlyList<string> Blocks { get; } = [.. PublishedPlan.BlockNames, CommunesBlock];

    /// <summary>Every unit of the year with what IndicatorPlans assigns it, and the plan's indicators.</summary>
    public static YearPlan From(PublishedPlan plan)
    {
        var scored = plan.Assignments
            .Where(a => plan.Units.ContainsKey(a.Key))
            .ToDictionary(a => a.Key, a => new ScoredUnit(a.Key, BlockOf(plan.Units[a.Key]), a.Value
                .Select(i => plan.Catalog.GetValueOrDefault(i.IndicatorCode)).OfType<Plans.Indicator>()
                .Select(i => new AssignedIndicator(i.Code, Kind(i.MeasureKind), i.Direction == Plans.Direction.LowerIsBetter))
                .DistinctBy(i => i.Code).OrderBy(i => i.Code, StringComparer.Ordinal).ToList()));
        return new YearPlan(plan.Year, plan.Plan.Targets.Select(t => t.IndicatorCode).Distinct().Order(StringComparer.Ordinal).ToList(), scored);
    }

    public static string BlockOf(Plans.Unit unit) => PublishedPlan.BlockName(unit.Block) is { Length: > 0 } block ? block : CommunesBlock;

    public static MeasureKind Kind(Plans.MeasureKind kind) => kind switch
    {
        Plans.MeasureKind.Cumulative => MeasureKind.Cumulative,
        Plans.MeasureKind.Level => MeasureKind.Level,
        Plans.MeasureKind.Growth => MeasureKind.Growth,
        Plans.MeasureKind.YearEnd => MeasureKind.YearEnd,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown measure kind."),
    };
}
