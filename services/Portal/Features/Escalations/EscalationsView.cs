using TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.Portal.Features;

public sealed record EscalationStepLine(EscalationStatus Status, DateTimeOffset? At, string By, string Text);

/// <summary>An escalation as its card shows it (here and on a block's page): what was asked, who answers by when, each step.</summary>
public sealed record EscalationLine(string Id, string Unit, string Title, string Description, EscalationStatus Status, IReadOnlyList<string> Indicators,
    string AssignedOffice, DateOnly? Due, string Answer, bool Overdue, IReadOnlyList<EscalationStepLine> Steps)
{
    public static EscalationLine From(Escalation e) => new(e.Id, e.UnitCode, e.Title, e.Description, e.Status, [.. e.IndicatorCodes], e.AssignedOfficeCode,
        e.DueDate is { } d ? new DateOnly(d.Year, d.Month, d.Day) : null, e.Answer, e.Overdue,
        [.. e.Steps.Select(s => new EscalationStepLine(s.Status, s.At?.ToDateTimeOffset(), s.By, s.Text))]);
}

/// <summary>A unit's escalations of a year: those it raised, those assigned to it (an office), and the indicators it may raise one about.</summary>
public sealed record EscalationsView(string Unit, int Year, IReadOnlyList<EscalationLine> Raised, IReadOnlyList<EscalationLine> AssignedToUs,
    IReadOnlyList<PlannedIndicator> Indicators);
