namespace TuyPhuoc.Evaluation.Domain;

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
