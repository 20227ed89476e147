namespace TuyPhuoc.KeyTasks.Domain;

/// <summary>A lead unit's request for a later deadline and the planning office's decision on it, both kept.</summary>
public sealed class ExtensionRequest
{
    public long Id { get; set; }
    public Guid TaskId { get; set; }
    public DateOnly RequestedDueDate { get; set; }
    /// <summary>The deadline in force when the request was made.</summary>
    public DateOnly? PreviousDueDate { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public required string RequestedBy { get; set; }
    public ExtensionDecision Decision { get; set; } = ExtensionDecision.Pending;
    public string DecisionReason { get; set; } = "";
    public DateTimeOffset? DecidedAt { get; set; }
    /// <summary>The local day of the decision: a granted deadline is in force from then on.</summary>
    public DateOnly? DecidedOn { get; set; }
    public string? DecidedBy { get; set; }
}
