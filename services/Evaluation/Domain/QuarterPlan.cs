namespace TuyPhuoc.Evaluation.Domain;

/// <summary>
/// The plan a quarter of one result is judged against: the revision in force at the quarter's end (or a later one that
/// applies from the start of the year), and that revision's targets for the result.
/// </summary>
public sealed record QuarterPlan(int Revision, string DecisionNumber, decimal YearTarget, IReadOnlyList<decimal>? QuarterTargets)
{
    public bool SameTargets(decimal yearTarget, IReadOnlyList<decimal>? quarterTargets) =>
        YearTarget == yearTarget && (QuarterTargets ?? []).SequenceEqual(quarterTargets ?? []) && (QuarterTargets is null) == (quarterTargets is null);
}
