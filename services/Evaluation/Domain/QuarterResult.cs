namespace TuyPhuoc.Evaluation.Domain;

/// <summary>
/// One quarter with every number needed to check it by hand. Progress and PercentOfRequirement are fractions (1 = 100%).
/// </summary>
/// <param name="PhasedTarget">t_q.</param>
/// <param name="CarryIn">D_{q-1}, the shortfall carried in (never negative).</param>
/// <param name="SurplusIn">The surplus carried in; non-zero only with the surplus-offsets policy.</param>
/// <param name="Requirement">What the basis compares against: R_q, CP_q, the quarter target, q/4 or the year target.</param>
/// <param name="Actual">a_q: the quarter's sum (cumulative) or its latest value; null when nothing was submitted in the quarter.</param>
/// <param name="YearToDate">A_q: the sum to date (cumulative) or the latest value to date.</param>
/// <param name="CumulativePlan">CP_q = Σ t_k for k ≤ q (cumulative only).</param>
/// <param name="CarryOut">D_q, the shortfall carried to the next quarter (never negative).</param>
/// <param name="Baseline">B, the baseline a level's progress (A − B)/(T − B) was measured from; null when there is none.</param>
public sealed record QuarterResult(
    int Quarter,
    Status Status,
    StatusBasis Basis,
    decimal? PhasedTarget,
    decimal CarryIn,
    decimal SurplusIn,
    decimal? Requirement,
    decimal? Actual,
    decimal? YearToDate,
    decimal? CumulativePlan,
    decimal CarryOut,
    decimal? Progress,
    decimal? PercentOfRequirement,
    IReadOnlyList<CheckpointResult> Checkpoints,
    decimal? Baseline = null);
