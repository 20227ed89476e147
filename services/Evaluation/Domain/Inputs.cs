namespace TuyPhuoc.Evaluation.Domain;

public enum MeasureKind { Cumulative, Level, Growth, YearEnd }

public enum Direction { HigherIsBetter, LowerIsBetter }

/// <param name="Baseline">Last year's value; level progress is measured from it when present.</param>
public sealed record IndicatorDefinition(string Code, MeasureKind Kind, Direction Direction, decimal? Baseline = null);

/// <summary>By the end of <paramref name="Quarter"/>, progress of the year must reach <paramref name="MinimumProgress"/> (0.5 = 50%).</summary>
public sealed record Checkpoint(int Quarter, decimal MinimumProgress);

/// <summary>How a year's results are judged: the year's policy as set through the API, versioned; domain.md's defaults as version 0.</summary>
public sealed record EvaluationPolicy
{
    public static EvaluationPolicy Default { get; } = new();

    /// <summary>1, 2, … in the order the year's versions were set; 0 for the defaults.</summary>
    public int Version { get; init; }

    /// <summary>A surplus also lowers the next requirement; off by default since the source speaks only of shortfalls.</summary>
    public bool SurplusOffsets { get; init; }

    public IReadOnlyList<Checkpoint> Checkpoints { get; init; } = [new(2, 0.5m)];

    /// <summary>Share of the requirement from which a quarter not achieved is "at risk" rather than "not achieved".</summary>
    public decimal AtRiskBand { get; init; } = 0.9m;
}

/// <summary>One indicator for one unit in one year.</summary>
/// <param name="QuarterTargets">
/// Phased t_1..t_4: amounts summing to the year target for cumulative indicators (evenly phased when absent),
/// target levels or rates at each quarter end for the others (optional).
/// </param>
/// <param name="MonthlyActuals">Twelve months, null when not submitted: the month's amount for cumulative indicators, else the value at month end.</param>
/// <param name="AsOfQuarter">Quarters 1 to this one are evaluated; later months are ignored.</param>
public sealed record EvaluationInput(
    IndicatorDefinition Indicator,
    decimal YearTarget,
    IReadOnlyList<decimal>? QuarterTargets,
    IReadOnlyList<decimal?> MonthlyActuals,
    int AsOfQuarter,
    EvaluationPolicy Policy);
