namespace TuyPhuoc.KeyTasks.Domain;

/// <summary>
/// What happens to a task after its list is issued: the lead unit reports progress (each report kept) and may ask for
/// a later deadline, which the planning office grants or refuses with a reason; the units involved comment.
/// The caller's grant comes from the access table: all for the planning office, its own unit for a reporter.
/// </summary>
public static class TaskWorkflow
{
    public const int MaxTextLength = 4000, MaxReferenceLength = 200;

    public static ProgressReport ReportProgress(KeyTask task, CallerScope caller, ProgressInput input, DateTimeOffset at, DateOnly today)
    {
        DemandLead(task, caller, "report progress on");
        var violations = new Violations();
        var percent = input.State == ProgressState.Done && input.PercentDone == 0 ? 100 : input.PercentDone;
        switch (input.State)
        {
            case ProgressState.NotStarted:
                violations.Require(percent == 0, "percent_done", "must be 0 for work not started");
                break;
            case ProgressState.InProgress:
                violations.Require(percent is >= 0 and <= 99, "percent_done", "must be between 0 and 99 for work in progress");
                violations.RequireText(input.WorkDone, "work_done", MaxTextLength);
                break;
            case ProgressState.Done:
                violations.Require(percent == 100, "percent_done", "must be 100 (or 0, read as 100) for done work");
                violations.RequireText(input.WorkDone, "work_done", MaxTextLength);
                violations.RequireText(input.ProductReference, "product_reference", MaxReferenceLength);
                break;
            default:
                violations.Add("state", "is required: not started, in progress or done");
                break;
        }
        violations.Require(input.WorkDone.Length <= MaxTextLength, "work_done", $"is longer than {MaxTextLength} characters");
        violations.Require(input.Difficulties.Length <= MaxTextLength, "difficulties", $"is longer than {MaxTextLength} characters");
        violations.Require(input.ProductReference.Length <= MaxReferenceLength, "product_reference", $"is longer than {MaxReferenceLength} characters");
        if (input.CompletedOn is { } on)
        {
            violations.Require(input.State == ProgressState.Done, "completed_on", "is given only for done work");
            violations.Require(on <= today, "completed_on", "lies in the future");
            violations.Require(on >= task.StartsOn, "completed_on", $"lies before the decision of {Day(task.StartsOn)}");
        }
        violations.ThrowIfAny();
        var report = new ProgressReport
        {
            TaskId = task.Id,
            State = input.State,
            PercentDone = percent,
            WorkDone = input.WorkDone.Trim(),
            Difficulties = input.Difficulties.Trim(),
            ProductReference = input.ProductReference.Trim(),
            CompletedOn = input.State == ProgressState.Done ? input.CompletedOn ?? today : null,
            ReportedAt = at,
            ReportedOn = today,
            ReportedBy = caller.Subject,
            ReportedFor = task.LeadUnitCode,
        };
        task.Progress.Add(report);
        return report;
    }

    /// <summary>A comment for a unit involved in the task; a reporter speaks for its own unit, the planning office for any or none.</summary>
    public static TaskComment Comment(KeyTask task, CallerScope caller, string unitCode, string text, DateTimeOffset at)
    {
        var unit = Text.Optional(unitCode) ?? (caller.Grant == Grant.OwnUnit ? caller.Unit! : "");
        var violations = new Violations();
        violations.RequireText(text, "note", MaxTextLength);
        violations.ThrowIfAny();
        if (caller.Grant != Grant.All && !caller.SeesUnit(unit, null))
            throw new PermissionDeniedException($"A caller of {caller.Unit} may not comment for {unit}.");
        if (unit.Length > 0 && !task.Involves(unit))
        {
            if (caller.Grant != Grant.All) throw new PermissionDeniedException($"{unit} neither leads nor coordinates task {task.Number} of {task.DecisionNumber}.");
            throw new InvalidInputException("unit_code", $"{unit} neither leads nor coordinates task {task.Number} of {task.DecisionNumber}");
        }
        var comment = new TaskComment { TaskId = task.Id, UnitCode = unit, Text = text.Trim(), At = at, By = caller.Subject };
        task.Comments.Add(comment);
        return comment;
    }

    public static ExtensionRequest RequestExtension(KeyTask task, CallerScope caller, DateOnly? requested, string reason, DateTimeOffset at, DateOnly today)
    {
        DemandLead(task, caller, "ask for a later deadline of");
        var current = TaskStatusRules.Assess(task, today);
        var violations = new Violations();
        violations.RequireText(reason, "reason", MaxTextLength);
        if (requested is not { } day) violations.Add("requested_due_date", "is required");
        else if (current.Deadline.DueDate is { } due && day <= due) violations.Add("requested_due_date", $"must be later than the deadline in force, {Day(due)}");
        else if (day > today.AddYears(1)) violations.Add("requested_due_date", $"lies more than a year ahead (after {Day(today.AddYears(1))})");
        violations.ThrowIfAny();
        if (task.DeadlineKind == DeadlineKind.Regular)
            throw new FailedPreconditionException($"Task {task.Number} of {task.DecisionNumber} is regular (thường xuyên): it has no deadline to extend.");
        if (current.Status is TaskStatus.DoneOnTime or TaskStatus.DoneLate)
            throw new FailedPreconditionException($"Task {task.Number} of {task.DecisionNumber} is done: its deadline can no longer move.");
        if (task.Extensions.Any(e => e.Decision == ExtensionDecision.Pending))
            throw new FailedPreconditionException($"Task {task.Number} of {task.DecisionNumber} already has a request waiting for the planning office.");
        var extension = new ExtensionRequest
        {
            TaskId = task.Id,
            RequestedDueDate = requested!.Value,
            PreviousDueDate = current.Deadline.DueDate,
            Reason = reason.Trim(),
            RequestedAt = at,
            RequestedBy = caller.Subject,
        };
        task.Extensions.Add(extension);
        return extension;
    }

    public static ExtensionRequest DecideExtension(KeyTask task, long extensionId, bool grant, string reason, string by, DateTimeOffset at, DateOnly today)
    {
        var violations = new Violations();
        violations.RequireText(reason, "reason", MaxTextLength);
        violations.ThrowIfAny();
        var extension = task.Extensions.SingleOrDefault(e => e.Id == extensionId)
            ?? throw new NotFoundException($"Task {task.Number} of {task.DecisionNumber} has no extension request {extensionId}.");
        if (extension.Decision != ExtensionDecision.Pending)
            throw new FailedPreconditionException($"Extension request {extensionId} was already {extension.Decision.ToString().ToLowerInvariant()} on {Day(extension.DecidedOn!.Value)}.");
        extension.Decision = grant ? ExtensionDecision.Granted : ExtensionDecision.Refused;
        extension.DecisionReason = reason.Trim();
        extension.DecidedAt = at;
        extension.DecidedOn = today;
        extension.DecidedBy = by;
        return extension;
    }

    /// <summary>The planning office confirms the completion day of the task's latest report, where it awaits that (<see cref="TaskStatusRules.AwaitsConfirmation"/>).</summary>
    public static ProgressReport ConfirmCompletion(KeyTask task, long reportId, string reason, string by, DateTimeOffset at, DateOnly today)
    {
        var violations = new Violations();
        violations.RequireText(reason, "reason", MaxTextLength);
        violations.ThrowIfAny();
        var report = task.Progress.SingleOrDefault(p => p.Id == reportId)
            ?? throw new NotFoundException($"Task {task.Number} of {task.DecisionNumber} has no progress report {reportId}.");
        var assessment = TaskStatusRules.Assess(task, today);
        if (assessment.Latest?.Id != reportId || !assessment.AwaitsConfirmation)
            throw new FailedPreconditionException($"Report {reportId} of task {task.Number} awaits no confirmation: only the latest report of done work, made after the deadline with a completion day within it, is confirmed.");
        report.ConfirmedBy = by;
        report.ConfirmedAt = at;
        report.ConfirmedOn = today;
        report.ConfirmationReason = reason.Trim();
        return report;
    }

    private static void DemandLead(KeyTask task, CallerScope caller, string act)
    {
        if (!caller.SeesUnit(task.LeadUnitCode, null))
            throw new PermissionDeniedException($"Only {task.LeadUnitCode}, the lead unit, or the planning office may {act} task {task.Number} of {task.DecisionNumber}.");
    }

    private static string Day(DateOnly d) => d.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
