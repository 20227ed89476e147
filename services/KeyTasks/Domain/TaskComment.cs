namespace TuyPhuoc.KeyTasks.Domain;

/// <summary>What a coordinating unit, the lead unit or the planning office says of a task.</summary>
public sealed class TaskComment
{
    public long Id { get; set; }
    public Guid TaskId { get; set; }
    public string UnitCode { get; set; } = "";
    public required string Text { get; set; }
    public DateTimeOffset At { get; set; }
    public required string By { get; set; }
}
