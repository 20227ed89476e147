namespace TuyPhuoc.Evaluation.Domain;

/// <summary>
/// The targets a quarter of one result is judged against: those in force at the quarter's end (or those of a later
/// revision that applies from the start of the year), with the revision and the decision that set them, and the
/// baseline a level's progress is measured from in that revision.
/// </summary>
public sealed record QuarterPlan(int Revision, string DecisionNumber, decimal YearTarget, IReadOnlyList<decimal>? QuarterTargets, decimal? Baseline = null)
{
    /// <summary>Whether the input is judged as this plan would judge it: the same targets and the same baseline.</summary>
    public bool Judges(EvaluationInput input) =>
        YearTarget == input.YearTarget && Baseline == input.Indicator.Baseline
        && (QuarterTargets ?? []).SequenceEqual(input.QuarterTargets ?? []) && (QuarterTargets is null) == (input.QuarterTargets is null);
}
