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
    /// <summary>The higher authority it was referred to ("chuyển cấp trên"), with the district's document.</summary>
    public string? ReferredTo { get; set; }
    public string? ReferralNumber { get; set; }
    public DateOnly? ReferralDate { get; set; }
    /// <summary>Who answered above, with their document; the answer itself is <see cref="Answer"/>.</summary>
    public string? AnsweredAbove { get; set; }
    public string? AnswerNumber { get; set; }
    public DateOnly? AnswerDate { get; set; }
    public List<EscalationStep> Steps { get; set; } = [];

    /// <summary>Whether its unit or the office it is assigned to is among <paramref name="units"/>: either sees it.</summary>
    public bool InvolvesAny(Func<string, bool> units) => units(UnitCode) || (AssignedOfficeCode is { } office && units(office));
}
