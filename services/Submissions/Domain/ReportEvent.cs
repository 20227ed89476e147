namespace TuyPhuoc.Submissions.Domain;

/// <summary>One step of a report's workflow, kept for the audit: who moved it to which status, when and why.</summary>
public sealed class ReportEvent
{
    public long Id { get; set; }
    public required string UnitCode { get; set; }
    public int Year { get; set; }
    public int Month { get; set; }
    public ReportStatus Status { get; set; }
    public DateTimeOffset At { get; set; }
    public required string By { get; set; }
    public string Reason { get; set; } = "";
}
