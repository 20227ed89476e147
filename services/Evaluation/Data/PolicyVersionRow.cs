namespace TuyPhuoc.Evaluation.Data;

/// <summary>One version of a year's evaluation policy as set, never rewritten, with who set it, when and why.</summary>
public sealed class PolicyVersionRow
{
    public int Year { get; set; }
    public int Version { get; set; }
    public bool SurplusOffsets { get; set; }
    public decimal AtRiskBand { get; set; }
    /// <summary>The checkpoints' quarters, in the order set; <see cref="CheckpointMinimums"/> holds their minimums.</summary>
    public required int[] CheckpointQuarters { get; set; }
    public required decimal[] CheckpointMinimums { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedBy { get; set; }
    /// <summary>When a full recompute of the year first judged its results by this version; null until then.</summary>
    public DateTimeOffset? AppliedAt { get; set; }
}
