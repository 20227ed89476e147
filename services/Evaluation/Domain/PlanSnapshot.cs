namespace TuyPhuoc.Evaluation.Domain;

/// <summary>What the evaluation needs of a year's plan: the district (the unit without a parent) and the targets in force.</summary>
/// <param name="Decisions">Each revision's decision number, as a quarter judged against its targets names it.</param>
public sealed record PlanSnapshot(int Year, string DistrictCode, IReadOnlyDictionary<string, IndicatorPlan> Indicators, IReadOnlyDictionary<int, string>? Decisions = null)
{
    /// <summary>The plan in force at the end of each quarter; empty when every quarter is judged against this one.</summary>
    public IReadOnlyList<PlanSnapshot> AtQuarterEnds { get; init; } = [];

    public PlanSnapshot AtEndOf(int quarter) => AtQuarterEnds.Count == 4 ? AtQuarterEnds[quarter - 1] : this;

    public string DecisionOf(int revision) => Decisions?.GetValueOrDefault(revision) ?? "";
}
