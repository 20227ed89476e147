namespace TuyPhuoc.KeyTasks.Domain;

/// <summary>One report of the lead unit on a task; every report is kept.</summary>
public sealed class ProgressReport
{
    public long Id { get; set; }
    public Guid TaskId { get; set; }
    public ProgressState State { get; set; }
    public int PercentDone { get; set; }
    public string WorkDone { get; set; } = "";
    public string Difficulties { get; set; } = "";
    public string ProductReference { get; set; } = "";
    /// <summary>The day the work was done, for a report of done work.</summary>
    public DateOnly? CompletedOn { get; set; }
    public DateTimeOffset ReportedAt { get; set; }
    /// <summary>The local day of <see cref="ReportedAt"/>: the day the report counts from.</summary>
    public DateOnly ReportedOn { get; set; }
    public required string ReportedBy { get; set; }
    public required string ReportedFor { get; set; }
    /// <summary>Who confirmed the completion day of a report made after the deadline, when (and the local day) and why.</summary>
    public string? ConfirmedBy { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    public DateOnly? ConfirmedOn { get; set; }
    public string? ConfirmationReason { get; set; }
}
