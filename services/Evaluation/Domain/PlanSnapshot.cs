namespace TuyPhuoc.Evaluation.Domain;

/// <summary>What the evaluation needs of a year's plan: the district (the unit without a parent) and the targets in force.</summary>
/// <param name="Revision">The revision in force, and its decision: what a quarter judged against this plan names.</param>
public sealed record PlanSnapshot(int Year, string DistrictCode, IReadOnlyDictionary<string, IndicatorPlan> Indicators, int Revision = 0, string DecisionNumber = "")
{
    /// <summary>The plan in force at the end of each quarter; empty when every quarter is judged against this one.</summary>
    public IReadOnlyList<PlanSnapshot> AtQuarterEnds { get; init; } = [];

    public PlanSnapshot AtEndOf(int quarter) => AtQuarterEnds.Count == 4 ? AtQuarterEnds[quarter - 1] : this;
}
