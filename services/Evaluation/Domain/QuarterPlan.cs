namespace TuyPhuoc.Evaluation.Domain;

/// <summary>
/// The targets a quarter of one result is judged against: those in force at the quarter's end (or those of a later
/// revision that applies from the start of the year), with the revision and the decision that set them.
/// </summary>
public sealed record QuarterPlan(int Revision, string DecisionNumber, decimal YearTarget, IReadOnlyList<decimal>? QuarterTargets)
{
    public bool SameTargets(decimal yearTarget, IReadOnlyList<decimal>? quarterTargets) =>
        YearTarget == yearTarget && (QuarterTargets ?? []).SequenceEqual(quarterTargets ?? []) && (QuarterTargets is null) == (quarterTargets is null);
}
