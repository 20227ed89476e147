namespace TuyPhuoc.Evaluation.Domain;

public enum Status { Achieved, AtRisk, NotAchieved, NoData, JudgedAtYearEnd }

/// <summary>Which comparison decided the status; the direction of the indicator says whether it is ≥ or ≤.</summary>
public enum StatusBasis
{
    /// <summary>Cumulative, higher is better: the quarter's actual a_q against R_q = t_q + D_{q-1} (− surplus with surplus offsets).</summary>
    PeriodRequirement,
    /// <summary>Cumulative, lower is better: year-to-date A_q must stay within the cumulative plan CP_q.</summary>
    YearToDateCeiling,
    /// <summary>Level or growth: the quarter's value against the phased quarter target.</summary>
    QuarterTarget,
    /// <summary>Level without quarter targets: progress of the year against q/4.</summary>
    OnTrackProgress,
    /// <summary>Growth without quarter targets, or year-end at Q4: the value against the year target.</summary>
    YearTarget,
    /// <summary>Year-end indicator before Q4: no quarterly status.</summary>
    None,
}

public sealed record CheckpointResult(int Quarter, decimal Minimum, decimal? Progress, bool Passed);

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
    IReadOnlyList<CheckpointResult> Checkpoints);

public sealed record EvaluationResult(EvaluationInput Input, IReadOnlyList<QuarterResult> Quarters)
{
    public QuarterResult Quarter(int quarter) => Quarters[quarter - 1];

    /// <summary>Whether every checkpoint due by the end of the quarter passed; null when none was due (and always for year-end indicators).</summary>
    public bool? PassesCheckpoints(int quarter)
    {
        var due = Quarters.Take(quarter).SelectMany(q => q.Checkpoints).ToList();
        return due.Count == 0 ? null : due.All(c => c.Passed);
    }

    public Headline Headline(int quarter) => new(Quarter(quarter).Status, PassesCheckpoints(quarter), Input.Indicator.Kind == MeasureKind.YearEnd);
}

/// <summary>What a summary needs of one result as of a quarter.</summary>
/// <param name="PassesCheckpoints">Null when no checkpoint was due by the quarter.</param>
public sealed record Headline(Status Status, bool? PassesCheckpoints, bool JudgedAtYearEnd);

/// <param name="ExcludedFromCheckpoints">Year-end indicators, left out of the checkpoint counts.</param>
/// <param name="BelowCheckpoint">Keys of the results that failed a checkpoint due by the quarter.</param>
/// <param name="Laggards">Keys of the results not achieved in the quarter or below a checkpoint due by then.</param>
public sealed record QuarterSummary<TKey>(
    int Quarter,
    IReadOnlyDictionary<Status, int> CountByStatus,
    int CheckpointPassed,
    int CheckpointFailed,
    int ExcludedFromCheckpoints,
    IReadOnlyList<TKey> BelowCheckpoint,
    IReadOnlyList<TKey> Laggards);
