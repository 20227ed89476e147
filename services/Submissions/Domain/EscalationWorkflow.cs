
namespace TuyPhuoc.Submissions.Domain;

/// <summary>
/// An escalation's life: a unit raises it (open), the planning office assigns it to an office with a due date
/// (assigned), the office answers (answered), and the raising unit or the planning office closes it (closed): once
/// answered, or before any answer with the reason written on the closing step. The office it is assigned to answers
/// and never closes, so it cannot end its own overdue escalation without an answer. One beyond the district's authority
/// is referred upward by the planning office (referred) and answered when the higher authority's answer is recorded.
/// Every step is kept.
/// </summary>
public static class EscalationWorkflow
{
    public const int MaxTitleLength = 300, MaxTextLength = 4000, MaxIndicators = 50, MaxAuthorityLength = 300, MaxDocumentNumberLength = 100;

    public static Escalation Raise(Caller caller, string unitCode, int year, IReadOnlyList<string> indicatorCodes, string title,
        string description, PlanView? plan, DateTimeOffset at)
    {
        var violations = new Violations();
        violations.RequireText(unitCode, "unit_code", 40);
        violations.RequireText(title, "title", MaxTitleLength);
        violations.Require(description.Length <= MaxTextLength, "description", $"is longer than {MaxTextLength} characters");
        violations.Require(indicatorCodes.Count is >= 1 and <= MaxIndicators, "indicator_codes", $"must name 1 to {MaxIndicators} indicators");
        violations.Require(indicatorCodes.Distinct().Count() == indicatorCodes.Count, "indicator_codes", "must not repeat an indicator");
        if (plan is null)
        {
            violations.Add("year", $"has no plan");
        }
        else
        {
            if (!string.IsNullOrWhiteSpace(unitCode) && !plan.Units.ContainsKey(unitCode)) violations.Add("unit_code", $"{unitCode} is not a unit of {year}");
            for (var i = 0; i < indicatorCodes.Count; i++)
            {
                if (!plan.Indicators.ContainsKey(indicatorCodes[i])) violations.Add($"indicator_codes[{i}]", $"{indicatorCodes[i]} is not in the catalog");
            }
        }
        violations.ThrowIfAny();
        caller.EnsureMayActFor(unitCode);
        var escalation = new Escalation
        {
            Id = Guid.CreateVersion7(at),
            UnitCode = unitCode,
            Year = year,
            IndicatorCodes = [.. indicatorCodes],
            Title = title.Trim(),
            Description = description.Trim(),
            RaisedAt = at,
        };
        Step(escalation, EscalationStatus.Open, at, caller.Subject, escalation.Title);
        return escalation;
    }

    /// <summary>The planning office gives it to an office, or gives it to another; not once answered.</summary>
    public static void Assign(Escalation escalation, string officeCode, DateOnly? dueDate, PlanView? plan, DateTimeOffset at, DateOnly today, string by)
    {
        var violations = new Violations();
        violations.RequireText(officeCode, "office_code", 40);
        if (!string.IsNullOrWhiteSpace(officeCode) && plan is not null
            && (!plan.Units.TryGetValue(officeCode, out var office) || office.Kind != UnitKind.Office))
        {
            violations.Add("office_code", $"{officeCode} is not an office");
        }
        if (dueDate is null) violations.Add("due_date", "is required");
        else if (dueDate < today) violations.Add("due_date", "lies in the past");
        violations.ThrowIfAny();
        if (escalation.Status is not (EscalationStatus.Open or EscalationStatus.Assigned))
        {
            throw new FailedPreconditionException($"Escalation {escalation.Id} is {Describe(escalation.Status)}; only an open or assigned one can be assigned.");
        }
        escalation.AssignedOfficeCode = officeCode.Trim();
        escalation.DueDate = dueDate;
        Step(escalation, EscalationStatus.Assigned, at, by, $"{escalation.AssignedOfficeCode} by {dueDate:yyyy-MM-dd}");
    }

    public static void Answer(Escalation escalation, Caller caller, string answer, DateTimeOffset at)
    {
        var violations = new Violations();
        violations.RequireText(answer, "answer", MaxTextLength);
        violations.ThrowIfAny();
        if (!caller.IsPlanningOffice && (caller.Role != Roles.UnitReporter || caller.Unit != escalation.AssignedOfficeCode))
        {
            throw new PermissionDeniedException($"Only the assigned office or the planning office may answer escalation {escalation.Id}.");
        }
        if (escalation.Status != EscalationStatus.Assigned)
        {
            throw new FailedPreconditionException($"Escalation {escalation.Id} is {Describe(escalation.Status)}; only an assigned one can be answered.");
        }
        escalation.Answer = answer.Trim();
        Step(escalation, EscalationStatus.Answered, at, caller.Subject, escalation.Answer);
    }

    public static void Close(Escalation escalation, Caller caller, string note, DateTimeOffset at)
    {
        if (note.Length > MaxTextLength) throw new InvalidInputException("note", $"is longer than {MaxTextLength} characters");
        if (!caller.MayActFor(escalation.UnitCode))
        {
            throw new PermissionDeniedException($"Only {escalation.UnitCode}, the raising unit, or the planning office may close escalation {escalation.Id}.");
        }
        if (escalation.Status == EscalationStatus.Closed)
        {
            throw new FailedPreconditionException($"Escalation {escalation.Id} is already closed.");
        }
        // Kept as the closing step's text: why an escalation ended with no answer.
        if (escalation.Status != EscalationStatus.Answered && string.IsNullOrWhiteSpace(note))
        {
            throw new InvalidInputException("note", "is required");
        }
        Step(escalation, EscalationStatus.Closed, at, caller.Subject, note.Trim());
    }

    /// <summary>"Chuyển cấp trên": the planning office refers an open or assigned escalation to a higher authority with its document.</summary>
    public static void Refer(Escalation escalation, string authority, string documentNumber, DateOnly? documentDate, DateTimeOffset at, DateOnly today, string by)
    {
        var violations = new Violations();
        violations.RequireText(authority, "authority", MaxAuthorityLength);
        RequireDocument(violations, documentNumber, documentDate, today, null);
        violations.ThrowIfAny();
        if (escalation.Status is not (EscalationStatus.Open or EscalationStatus.Assigned))
        {
            throw new FailedPreconditionException($"Escalation {escalation.Id} is {Describe(escalation.Status)}; only an open or assigned one can be referred.");
        }
        (escalation.ReferredTo, escalation.ReferralNumber, escalation.ReferralDate) = (authority.Trim(), documentNumber.Trim(), documentDate);
        Step(escalation, EscalationStatus.Referred, at, by, $"{escalation.ReferredTo}: {escalation.ReferralNumber}, {documentDate:yyyy-MM-dd}");
    }

    /// <summary>The higher authority's answer to a referred escalation, recorded by the planning office: it is answered.</summary>
    public static void RecordReferralAnswer(Escalation escalation, string answeredBy, string documentNumber, DateOnly? documentDate, string answer,
        DateTimeOffset at, DateOnly today, string by)
    {
        var violations = new Violations();
        violations.RequireText(answeredBy, "answered_by", MaxAuthorityLength);
        RequireDocument(violations, documentNumber, documentDate, today, escalation.ReferralDate);
        violations.RequireText(answer, "answer", MaxTextLength);
        violations.ThrowIfAny();
        if (escalation.Status != EscalationStatus.Referred)
        {
            throw new FailedPreconditionException($"Escalation {escalation.Id} is {Describe(escalation.Status)}; only a referred one gets an answer from above.");
        }
        (escalation.AnsweredAbove, escalation.AnswerNumber, escalation.AnswerDate) = (answeredBy.Trim(), documentNumber.Trim(), documentDate);
        escalation.Answer = answer.Trim();
        // The step names the answer's document; its text is the escalation's answer.
        Step(escalation, EscalationStatus.Answered, at, by, $"{escalation.AnsweredAbove}: {escalation.AnswerNumber}, {documentDate:yyyy-MM-dd}");
    }

    /// <summary>Assigned and not answered by its due date.</summary>
    public static bool IsOverdue(Escalation escalation, DateOnly today) =>
        escalation.Status == EscalationStatus.Assigned && escalation.DueDate is { } due && today > due;

    /// <summary>A document's number and date: required, not in the future, not before <paramref name="notBefore"/>.</summary>
    private static void RequireDocument(Violations violations, string number, DateOnly? date, DateOnly today, DateOnly? notBefore)
    {
        violations.RequireText(number, "document_number", MaxDocumentNumberLength);
        if (date is null) violations.Add("document_date", "is required");
        else if (date > today) violations.Add("document_date", "lies in the future");
        else if (date < notBefore) violations.Add("document_date", $"is before the referral of {notBefore:yyyy-MM-dd}");
    }

    private static void Step(Escalation escalation, EscalationStatus status, DateTimeOffset at, string by, string text)
    {
        escalation.Status = status;
        escalation.Steps.Add(new EscalationStep { EscalationId = escalation.Id, Status = status, At = at, By = by, Text = text });
    }

    private static string Describe(EscalationStatus status) => status.ToString().ToLowerInvariant();
}
