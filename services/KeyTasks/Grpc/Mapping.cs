using Google.Protobuf.WellKnownTypes;
using Proto = TuyPhuoc.Contracts.Tasks.V1;

namespace TuyPhuoc.KeyTasks.Grpc;

public static class Mapping
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static Guid Id(string id, string field) =>
        Guid.TryParse(id, out var guid) ? guid : throw new InvalidInputException(field, "is not an id this service gave out");

    public static DecisionHeader ToHeader(string number, Google.Type.Date? date, string title, int year) =>
        new(number, date.ToDate("decision_date"), title, year);

    public static TaskInput ToInput(this Proto.TaskInput t, int i) => new(
        t.Number, t.Field, t.Content, t.LeadUnitCode, t.CoordinatingUnitCodes, t.Block,
        ToDeadline(t.Deadline, $"tasks[{i}].deadline.due_date"), t.Product, t.IndicatorCodes, t.Note);

    public static ProgressInput ToInput(this Proto.ReportProgressRequest r) => new(
        (ProgressState)r.State, r.PercentDone, r.WorkDone, r.Difficulties, r.ProductReference, r.CompletedOn.ToDate("completed_on"));

    private static Deadline? ToDeadline(Proto.Deadline? d, string field)
    {
        if (d is null || !System.Enum.IsDefined((DeadlineKind)d.Kind)) return null;
        var kind = (DeadlineKind)d.Kind;
        return d.DueDate.ToDate(field) is { } day && kind != DeadlineKind.Regular ? Deadline.Of(kind, day) : new Deadline(kind, d.DueDate.ToDate(field));
    }

    public static Proto.Deadline ToProto(this Deadline d) => new() { Kind = (Proto.DeadlineKind)d.Kind, DueDate = d.DueDate.ToProto(), Label = d.Label };

    public static Proto.Decision ToProto(this Decision d) => new()
    {
        Id = d.Id.ToString(),
        Number = d.Number,
        DecisionDate = d.DecisionDate.ToProto(),
        Title = d.Title,
        Year = d.Year,
        Demo = d.Demo,
        TaskCount = d.Tasks.Count,
        CreatedAt = d.CreatedAt.ToProto(),
        CreatedBy = d.CreatedBy,
    };

    /// <summary>A task with its status; with its history, comments and extension requests when asked.</summary>
    public static Proto.KeyTask ToProto(this KeyTask t, TaskAssessment a, bool history)
    {
        var task = new Proto.KeyTask
        {
            Id = t.Id.ToString(),
            DecisionId = t.DecisionId.ToString(),
            DecisionNumber = t.DecisionNumber,
            Year = t.Year,
            Number = t.Number,
            Field = t.Field,
            Content = t.Content,
            LeadUnitCode = t.LeadUnitCode,
            CoordinatingUnitCodes = { t.CoordinatingUnitCodes },
            Block = t.Block,
            Deadline = a.Deadline.ToProto(),
            OriginalDeadline = t.OriginalDeadline.ToProto(),
            Product = t.Product,
            IndicatorCodes = { t.IndicatorCodes },
            Note = t.Note,
            Status = (Proto.TaskStatus)a.Status,
            Overdue = a.Overdue,
            PercentDone = a.PercentDone,
            LatestProgress = a.Latest?.ToProto(),
            AsOf = a.AsOf.ToProto(),
            Demo = t.Demo,
            AwaitsConfirmation = a.AwaitsConfirmation,
        };
        if (history)
        {
            task.History.AddRange(t.Progress.OrderBy(p => p.Id).Select(p => p.ToProto()));
            task.Comments.AddRange(t.Comments.OrderBy(c => c.Id).Select(c => new Proto.TaskComment
            {
                Id = c.Id, UnitCode = c.UnitCode, Text = c.Text, At = c.At.ToProto(), By = c.By,
            }));
            task.Extensions.AddRange(t.Extensions.OrderBy(e => e.Id).Select(ToProto));
        }
        return task;
    }

    public static Proto.ProgressReport ToProto(this ProgressReport p) => new()
    {
        Id = p.Id,
        State = (Proto.ProgressState)p.State,
        PercentDone = p.PercentDone,
        WorkDone = p.WorkDone,
        Difficulties = p.Difficulties,
        ProductReference = p.ProductReference,
        CompletedOn = p.CompletedOn.ToProto(),
        ReportedAt = p.ReportedAt.ToProto(),
        ReportedBy = p.ReportedBy,
        ReportedFor = p.ReportedFor,
        ConfirmedBy = p.ConfirmedBy ?? "",
        ConfirmedAt = p.ConfirmedAt.ToProto(),
        ConfirmationReason = p.ConfirmationReason ?? "",
    };

    public static Proto.ExtensionRequest ToProto(this ExtensionRequest e) => new()
    {
        Id = e.Id,
        RequestedDueDate = e.RequestedDueDate.ToProto(),
        PreviousDueDate = e.PreviousDueDate.ToProto(),
        Reason = e.Reason,
        RequestedAt = e.RequestedAt.ToProto(),
        RequestedBy = e.RequestedBy,
        Decision = (Proto.ExtensionDecision)e.Decision,
        DecisionReason = e.DecisionReason,
        DecidedAt = e.DecidedAt.ToProto(),
        DecidedBy = e.DecidedBy ?? "",
    };

    /// <summary>
    /// What a task's change-log entry keeps: the task as it stands after the change, its status as of the change's day,
    /// and the extension request the change concerns as its only extension (<see cref="ToChange"/> gives that as the change's own).
    /// </summary>
    public static string EntryData(KeyTask task, TaskAssessment assessment, ExtensionRequest? extension)
    {
        var data = task.ToProto(assessment, history: false);
        if (extension is not null) data.Extensions.Add(extension.ToProto());
        return JsonFormatter.Default.Format(data);
    }

    /// <summary>A change-log entry with the snapshot kept with it.</summary>
    public static Proto.Change ToChange(ChangeLogEntry e)
    {
        var change = e.ToMessage<Proto.Change>();
        if (e.Kind == ChangeKinds.DecisionCreated) change.Decision = Parser.Parse<Proto.Decision>(e.Data);
        else
        {
            change.Task = Parser.Parse<Proto.KeyTask>(e.Data);
            // An extension's entry stores the request concerned as the task's only extension (the feed's tasks have no history).
            if (change.Task.Extensions is [.., var extension])
            {
                change.Extension = extension;
                change.Task.Extensions.Clear();
            }
        }
        change.Year = change.Decision?.Year ?? change.Task?.Year ?? 0;
        return change;
    }
}
