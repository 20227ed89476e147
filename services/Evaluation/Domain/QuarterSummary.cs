namespace TuyPhuoc.Evaluation.Domain;

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
