namespace TuyPhuoc.KeyTasks.Domain;

/// <summary>A decision of the People's Committee that issues a list of key tasks (808/QĐ-UBND, 1307/QĐ-UBND).</summary>
public sealed class Decision
{
    public Guid Id { get; set; }
    public required string Number { get; set; }
    public DateOnly DecisionDate { get; set; }
    public required string Title { get; set; }
    public int Year { get; set; }
    /// <summary>Demo data, not the district's real annex.</summary>
    public bool Demo { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public List<KeyTask> Tasks { get; set; } = [];
}
