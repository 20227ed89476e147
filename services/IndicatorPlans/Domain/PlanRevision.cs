namespace TuyPhuoc.IndicatorPlans.Domain;

/// <summary>One decision that set or changed a year's targets. Revisions are never rewritten.</summary>
public sealed class PlanRevision
{
    public int Year { get; set; }
    public int Number { get; set; }
    public required string DecisionNumber { get; set; }
    public DateOnly DecisionDate { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public string Reason { get; set; } = "";
    /// <summary>Its targets replace the earlier ones from the start of the year, for quarters that ended before it too.</summary>
    public bool AppliesFromStartOfYear { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";
    public List<PlanTarget> Targets { get; set; } = [];
}
