using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using static TuyPhuoc.KeyTasks.Domain.TaskAccess;
using Domain = TuyPhuoc.KeyTasks.Domain;
using TaskStatus = TuyPhuoc.Contracts.Tasks.V1.TaskStatus;

namespace TuyPhuoc.KeyTasks.Grpc;

using TuyPhuoc.Contracts.Tasks.V1;

[Authorize(Policy = AccessPolicy.Name)]
public sealed class KeyTasksService(TasksStore store, KeyTasksDbContext db, ChangeSignal signal) : Contracts.Tasks.V1.KeyTasks.KeyTasksBase
{
    public override Task<Contracts.Audit.V1.ListAuditResponse> ListAudit(Contracts.Audit.V1.ListAuditRequest request, ServerCallContext context) =>
        db.ListAsync(request, context.CancellationToken);

    public override Task<Decision> CreateDecision(CreateDecisionRequest request, ServerCallContext context) =>
        WriteAsync(nameof(CreateDecision), context, request.IdempotencyKey, request, Decision.Parser, async (caller, ct) =>
            (await store.CreateDecisionAsync(caller, Mapping.ToHeader(request.Number, request.DecisionDate, request.Title, request.Year),
                [.. request.Tasks.Select((t, i) => t.ToInput(i))], ct)).ToProto());

    public override Task<Decision> ImportDecision(ImportDecisionRequest request, ServerCallContext context) =>
        WriteAsync(nameof(ImportDecision), context, request.IdempotencyKey, request, Decision.Parser, async (caller, ct) =>
            (await store.ImportDecisionAsync(caller, Mapping.ToHeader(request.Number, request.DecisionDate, request.Title, request.Year),
                request.Workbook.ToByteArray(), request.Block, ct)).ToProto());

    public override async Task<Decision> GetDecision(GetDecisionRequest request, ServerCallContext context) =>
        (await store.GetDecisionAsync(Mapping.Id(request.Id, "id"), context.CancellationToken)).ToProto();

    public override async Task<ListDecisionsResponse> ListDecisions(ListDecisionsRequest request, ServerCallContext context)
    {
        var decisions = (await store.ListDecisionsAsync(request.Year, context.CancellationToken))
            .Select(d => (Key: $"{d.Year:D4}|{d.DecisionDate:yyyyMMdd}|{d.Id:N}", Decision: d)).OrderBy(d => d.Key, StringComparer.Ordinal);
        var (page, next) = Paging.Page(decisions, d => d.Key, request.PageSize, request.PageToken);
        return new ListDecisionsResponse { Decisions = { page.Select(d => d.Decision.ToProto()) }, NextPageToken = next };
    }

    public override async Task<KeyTask> GetTask(GetTaskRequest request, ServerCallContext context)
    {
        var task = await store.GetTaskAsync(Mapping.Id(request.Id, "id"), context.CancellationToken);
        CallerScope.Of(context).DemandTask(task);
        return task.ToProto(Domain.TaskStatusRules.Assess(task, store.Clock.AsOf(request.AsOf.ToDate("as_of"))), history: true);
    }

    public override async Task<ListTasksResponse> ListTasks(ListTasksRequest request, ServerCallContext context)
    {
        var caller = CallerScope.Of(context);
        var asOf = store.Clock.AsOf(request.AsOf.ToDate("as_of"));
        var (decision, unit, block) = (Text.Optional(request.DecisionId) is { } d ? Mapping.Id(d, "decision_id") : (Guid?)null,
            Text.Optional(request.UnitCode), Text.Optional(request.Block));
        unit = caller.NarrowUnit(unit, Refusal(caller.Unit, "unit", unit));
        block = caller.NarrowBlock(block, Refusal(caller.Block, "block", block));
        var listed = (await store.ListTasksAsync(request.Year, context.CancellationToken))
            .Where(t => caller.SeesTask(t) && (decision is null || t.DecisionId == decision) && (unit is null || t.Involves(unit)) && (block is null || t.Block == block))
            .Select(t => (Task: t, Assessment: Domain.TaskStatusRules.Assess(t, asOf)))
            .Where(x => (request.Status == TaskStatus.Unspecified || (int)x.Assessment.Status == (int)request.Status) && (!request.OverdueOnly || x.Assessment.Overdue))
            .Select(x => (Key: Domain.TaskOrder.Key(x.Task, x.Assessment), x.Task, x.Assessment))
            .OrderBy(x => x.Key, StringComparer.Ordinal);
        var (page, next) = Paging.Page(listed, x => x.Key, request.PageSize, request.PageToken);
        return new ListTasksResponse { Tasks = { page.Select(x => x.Task.ToProto(x.Assessment, history: false)) }, NextPageToken = next };
    }

    public override async Task<TaskSummary> SummarizeTasks(SummarizeTasksRequest request, ServerCallContext context)
    {
        var caller = CallerScope.Of(context);
        var asOf = store.Clock.AsOf(request.AsOf.ToDate("as_of"));
        var (block, lead) = (Text.Optional(request.Block), Text.Optional(request.LeadUnitCode));
        block = caller.NarrowBlock(block, Refusal(caller.Block, "block", block));
        lead = caller.NarrowUnit(lead, Refusal(caller.Unit, "unit", lead));
        var summary = Domain.TaskSummary.Of((await store.ListTasksAsync(request.Year, context.CancellationToken))
            .Where(t => caller.SeesTask(t) && (block is null || t.Block == block) && (lead is null || t.LeadUnitCode == lead))
            .Select(t => (t, Domain.TaskStatusRules.Assess(t, asOf))));
        return new TaskSummary
        {
            Year = request.Year,
            Block = block ?? "",
            LeadUnitCode = lead ?? "",
            AsOf = asOf.ToProto(),
            Total = summary.Total,
            Counts = { summary.Counts.Select(c => new StatusCount { Status = (TaskStatus)c.Key, Count = c.Value }) },
            OverdueCount = summary.Overdue.Count,
            Overdue = { summary.Overdue.Select(o => o.Task.ToProto(o.Assessment, history: false)) },
        };
    }

    public override Task<KeyTask> ReportProgress(ReportProgressRequest request, ServerCallContext context) =>
        WriteAsync(nameof(ReportProgress), context, request.IdempotencyKey, request, KeyTask.Parser, async (caller, ct) =>
            Answer(await store.ReportProgressAsync(caller, Mapping.Id(request.TaskId, "task_id"), request.ToInput(), ct)));

    public override Task<KeyTask> CommentTask(CommentTaskRequest request, ServerCallContext context) =>
        WriteAsync(nameof(CommentTask), context, request.IdempotencyKey, request, KeyTask.Parser, async (caller, ct) =>
            Answer(await store.CommentAsync(caller, Mapping.Id(request.TaskId, "task_id"), request.UnitCode, request.Note, ct)));

    public override Task<KeyTask> RequestExtension(RequestExtensionRequest request, ServerCallContext context) =>
        WriteAsync(nameof(RequestExtension), context, request.IdempotencyKey, request, KeyTask.Parser, async (caller, ct) =>
            Answer(await store.RequestExtensionAsync(caller, Mapping.Id(request.TaskId, "task_id"), request.RequestedDueDate.ToDate("requested_due_date"), request.Reason, ct)));

    public override Task<KeyTask> DecideExtension(DecideExtensionRequest request, ServerCallContext context) =>
        WriteAsync(nameof(DecideExtension), context, request.IdempotencyKey, request, KeyTask.Parser, async (caller, ct) =>
            Answer(await store.DecideExtensionAsync(caller, Mapping.Id(request.TaskId, "task_id"), request.ExtensionId, request.Grant, request.Reason, ct)));

    public override Task<KeyTask> ConfirmCompletion(ConfirmCompletionRequest request, ServerCallContext context) =>
        WriteAsync(nameof(ConfirmCompletion), context, request.IdempotencyKey, request, KeyTask.Parser, async (caller, ct) =>
            Answer(await store.ConfirmCompletionAsync(caller, Mapping.Id(request.TaskId, "task_id"), request.ReportId, request.Reason, ct)));

    public override async Task WatchChanges(WatchChangesRequest request, IServerStreamWriter<Change> responseStream, ServerCallContext context)
    {
        if (request.AfterSequence < 0) throw new InvalidInputException("after_sequence", "must not be negative");
        await ChangeFeedStreaming.StreamAsync((after, ct) => db.ReadAfterAsync(after, 500, ct), Mapping.ToChange,
            request.AfterSequence, responseStream, signal, context.CancellationToken);
    }

    private static string Refusal(string? own, string filter, string? asked) => $"A caller of {own} may not read the tasks of {filter} {asked}.";

    private KeyTask Answer(Domain.KeyTask task) => task.ToProto(Domain.TaskStatusRules.Assess(task, store.Clock.Today), history: true);

    /// <summary>A write run once per the caller's idempotency key, in one transaction with its change-log entry.</summary>
    private async Task<TResponse> WriteAsync<TResponse>(string operation, ServerCallContext context, string key, IMessage request,
        MessageParser<TResponse> parser, Func<CallerScope, CancellationToken, Task<TResponse>> write) where TResponse : class, IMessage<TResponse>
    {
        var caller = CallerScope.Of(context);
        return await signal.WriteOnceAsync(db, operation, caller.Key(key), request, parser, ct => write(caller, ct), context.CancellationToken);
    }
}
