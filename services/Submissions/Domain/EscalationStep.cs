namespace TuyPhuoc.Submissions.Domain;

public sealed class EscalationStep
{
    public long Id { get; set; }
    public Guid EscalationId { get; set; }
    public EscalationStatus Status { get; set; }
    public DateTimeOffset At { get; set; }
    public required string By { get; set; }
    public string Text { get; set; } = "";
}
