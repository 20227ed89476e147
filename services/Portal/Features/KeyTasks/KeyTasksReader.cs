using TuyPhuoc.Contracts.Tasks.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>The key tasks in the suite: a year's list, one task, and what units and the planning office write to a task.</summary>
public sealed class KeyTasksReader(KeyTasks.KeyTasksClient tasks, PlanCache plans)
{
    /// <summary>The year's tasks open to the person; <paramref name="unit"/> is a reporting unit's own (its counts are of the tasks it leads).</summary>
    public async Task<KeyTasksView> ListAsync(int year, string? unit, CallOptions call)
    {
        var summary = tasks.SummarizeTasksAsync(new SummarizeTasksRequest { Year = year, LeadUnitCode = unit ?? "" }, call).ResponseAsync;
        var all = await Paging.AllAsync(
            token => tasks.ListTasksAsync(new ListTasksRequest { Year = year, PageSize = Paging.MaxPageSize, PageToken = token }, call).ResponseAsync,
            page => (page.Tasks, page.NextPageToken)).ToListAsync();
        return new(year, TaskCounts.From(await summary), all, unit, await plans.UnitsByCodeAsync(call));
    }

    /// <summary>A decision's list of key tasks imported from its annex workbook, read by KeyTasks itself (every wrong cell named).</summary>
    public async Task<Decision> ImportDecisionAsync(string number, DateOnly? date, string title, int year, string block, UploadedWorkbook file, CallOptions call) =>
        await tasks.ImportDecisionAsync(new ImportDecisionRequest
        {
            Number = number, DecisionDate = date.ToProto(), Title = title, Year = year, Block = block,
            Workbook = Google.Protobuf.ByteString.CopyFrom(file.Bytes), IdempotencyKey = $"portal-decision-{year}-{file.Hash}",
        }, call);

    public async Task<IReadOnlyList<Decision>> DecisionsAsync(int year, CallOptions call) =>
        await Paging.AllAsync(token => tasks.ListDecisionsAsync(new ListDecisionsRequest { Year = year, PageSize = Paging.MaxPageSize, PageToken = token }, call).ResponseAsync,
            page => (page.Decisions, page.NextPageToken)).ToListAsync();

    public async Task<KeyTaskView> ReadAsync(string id, CallOptions call) =>
        new(await tasks.GetTaskAsync(new GetTaskRequest { Id = id }, call), await plans.UnitsByCodeAsync(call));

    public async Task<KeyTask> ReportProgressAsync(ReportProgressRequest report, CallOptions call) => await tasks.ReportProgressAsync(report, call);

    public async Task<KeyTask> CommentAsync(string id, string unit, string note, string key, CallOptions call) =>
        await tasks.CommentTaskAsync(new CommentTaskRequest { TaskId = id, UnitCode = unit, Note = note, IdempotencyKey = key }, call);

    public async Task<KeyTask> RequestExtensionAsync(string id, DateOnly? due, string reason, string key, CallOptions call) =>
        await tasks.RequestExtensionAsync(new RequestExtensionRequest { TaskId = id, RequestedDueDate = due.ToProto(), Reason = reason, IdempotencyKey = key }, call);

    public async Task<KeyTask> DecideExtensionAsync(string id, long extension, bool grant, string reason, string key, CallOptions call) =>
        await tasks.DecideExtensionAsync(new DecideExtensionRequest { TaskId = id, ExtensionId = extension, Grant = grant, Reason = reason, IdempotencyKey = key }, call);

    public async Task<KeyTask> ConfirmCompletionAsync(string id, long report, string reason, string key, CallOptions call) =>
        await tasks.ConfirmCompletionAsync(new ConfirmCompletionRequest { TaskId = id, ReportId = report, Reason = reason, IdempotencyKey = key }, call);
}
