namespace TuyPhuoc.Evaluation.Data;

/// <summary>One issued version of a quarter's announcement: its number and date, and its content frozen as issued (a serialized Announcement).</summary>
public sealed class AnnouncementRow
{
    public int Year { get; set; }
    public int Quarter { get; set; }
    public int Version { get; set; }
    public required string Number { get; set; }
    public DateOnly Date { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public required string IssuedBy { get; set; }
    /// <summary>The version that superseded this one; 0 while it is in force.</summary>
    public int SupersededBy { get; set; }
    public required byte[] Content { get; set; }
}
