namespace TuyPhuoc.Submissions.Domain;

/// <summary>A problem beyond a unit's authority (kiến nghị vượt thẩm quyền), followed up by the district.</summary>
public sealed class Escalation
{
    public Guid Id { get; set; }
    public required string UnitCode { get; set; }
    public int Year { get; set; }
    public string[] IndicatorCodes { get; set; } = [];
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public EscalationStatus Status { get; set; } = EscalationStatus.Open;
    public string? AssignedOfficeCode { get; set; }
    public DateOnly? DueDate { get; set; }
    public string Answer { get; set; } = "";
    public DateTimeOffset RaisedAt { get; set; }
    public List<EscalationStep> Steps { get; set; } = [];

    /// <summary>Whether its unit or the office it is assigned to is among <paramref name="units"/>: either sees it.</summary>
    public bool InvolvesAny(Func<string, bool> units) => units(UnitCode) || (AssignedOfficeCode is { } office && units(office));
}
