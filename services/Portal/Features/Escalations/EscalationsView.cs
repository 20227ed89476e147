using System.Globalization;
using System.Text.RegularExpressions;
using TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.Portal.Features;

public sealed record EscalationStepLine(EscalationStatus Status, DateTimeOffset? At, string By, string Text);

/// <summary>Where an escalation beyond the district's authority went ("chuyển cấp trên"), and the answer from there once recorded.</summary>
public sealed record ReferralLine(string Authority, string Number, DateOnly? Date, string AnsweredBy, string AnswerNumber, DateOnly? AnswerDate);

/// <summary>An escalation as its card shows it (here and on a block's page): what was asked, who answers by when, each step.</summary>
/// <remarks>
/// The days in the texts the service writes on a step (assigned, referred, answered from above: "… 2024-08-20") are shown
/// the Vietnamese way, 20/08/2024; what people typed (a title, an answer, a reason) is shown as typed.
/// </remarks>
public sealed partial record EscalationLine(string Id, string Unit, string Title, string Description, EscalationStatus Status, IReadOnlyList<string> Indicators,
    string AssignedOffice, DateOnly? Due, string Answer, bool Overdue, IReadOnlyList<EscalationStepLine> Steps, ReferralLine? Referral = null)
{
    public static EscalationLine From(Escalation e) => new(e.Id, e.UnitCode, e.Title, e.Description, e.Status, [.. e.IndicatorCodes], e.AssignedOfficeCode,
        Day(e.DueDate), e.Answer, e.Overdue,
        [.. e.Steps.Select(s => new EscalationStepLine(s.Status, s.At?.ToDateTimeOffset(), s.By, Written(e, s) ? IsoDay().Replace(s.Text, "$3/$2/$1") : s.Text))],
        e.Referral is { } r ? new ReferralLine(r.Authority, r.DocumentNumber, Day(r.DocumentDate), r.AnsweredBy, r.AnswerDocumentNumber, Day(r.AnswerDocumentDate)) : null);

    private static DateOnly? Day(Google.Type.Date? d) => d is { Year: > 0 } ? new DateOnly(d.Year, d.Month, d.Day) : null;

    private static bool Written(Escalation e, EscalationStep s) =>
        s.Status is EscalationStatus.Assigned or EscalationStatus.Referred || (s.Status == EscalationStatus.Answered && e.Referral is not null);

    [GeneratedRegex(@"\b(\d{4})-(\d{2})-(\d{2})\b")]
    private static partial Regex IsoDay();
}

/// <summary>A unit's escalations of a year: those it raised, those assigned to it (an office), and the indicators it may raise one about.</summary>
public sealed record EscalationsView(string Unit, int Year, IReadOnlyList<EscalationLine> Raised, IReadOnlyList<EscalationLine> AssignedToUs,
    IReadOnlyList<PlannedIndicator> Indicators);

/// <summary>Which of the year's escalations the planning office asks for; empty or unspecified means any.</summary>
public sealed record EscalationFilter(EscalationStatus Status = EscalationStatus.Unspecified, bool OverdueOnly = false, string Office = "", string Indicator = "");

/// <summary>A code with the name a person reads.</summary>
public sealed record NamedCode(string Code, string Name);

/// <summary>
/// The planning office's register of the district's escalations of a year (those the filter asks for, oldest first), the
/// offices it can assign one to and the indicators it can filter by.
/// </summary>
public sealed record EscalationRegisterView(int Year, EscalationFilter Filter, IReadOnlyList<EscalationLine> Escalations, IReadOnlyList<NamedCode> Offices,
    IReadOnlyList<NamedCode> Indicators, IReadOnlyDictionary<string, string> UnitNames)
{
    public string NameOf(string unit) => UnitNames.GetValueOrDefault(unit, unit);
}

/// <summary>A day as a Vietnamese person types it: dd/MM/yyyy (d/M/yyyy too).</summary>
public static class TypedDay
{
    private static readonly string[] Formats = ["dd/MM/yyyy", "d/M/yyyy"];

    /// <summary>Empty is no day (the service says whether one is required); false when the text is not a day.</summary>
    public static bool TryRead(string? text, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!DateOnly.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) return false;
        day = parsed;
        return true;
    }

    public static string Show(DateOnly? day) => day?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "—";
}
