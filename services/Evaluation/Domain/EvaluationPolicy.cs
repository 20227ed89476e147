namespace TuyPhuoc.Evaluation.Domain;

/// <summary>
/// How a year's results are judged: the year's policy as set through the API, versioned; the defaults as version 0
/// (docs/rules.md, Evaluation policy).
/// </summary>
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
