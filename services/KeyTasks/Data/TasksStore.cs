using TuyPhuoc.KeyTasks.Import;

namespace TuyPhuoc.KeyTasks.Data;

/// <summary>Decisions and tasks: each write checked by the Domain's rules on the rows locked, with its change-log entry.</summary>
public sealed class TasksStore(KeyTasksDbContext db, PlanUnitsReader plans, DistrictClock clock)
{
    public DistrictClock Clock => clock;

    public async Task<Decision> CreateDecisionAsync(CallerScope caller, DecisionHeader header, IReadOnlyList<TaskInput> tasks, CancellationToken ct)
    {
        var plan = await plans.GetAsync(header.Year, ct);
        return await AddAsync(DecisionRules.Create(header, tasks, plan, DecisionRules.ByField, clock.Now, caller.Subject), ct);
    }

    /// <summary>The decision of an annex: the workbook is read whole and every wrong cell named before anything is stored.</summary>
    public async Task<Decision> ImportDecisionAsync(CallerScope caller, DecisionHeader header, byte[] workbook, string block, CancellationToken ct)
    {
        var (sheet, cells) = await AnnexWorkbook.ReadAsync(caller.Subject, workbook, ct);
        var plan = await plans.GetAsync(header.Year, ct);
        var rows = AnnexRows.Read(sheet, cells, plan, block, header.Year);
        return await AddAsync(DecisionRules.Create(header, rows.Tasks, plan, rows.Where, clock.Now, caller.Subject, rows.Violations), ct);
    }

    public async Task<Decision> GetDecisionAsync(Guid id, CancellationToken ct) =>
        await db.Decisions.AsNoTracking().Include(d => d.Tasks).SingleOrDefaultAsync(d => d.Id == id, ct)
        ?? throw new NotFoundException($"Decision {id} does not exist.");

    public async Task<List<Decision>> ListDecisionsAsync(int year, CancellationToken ct) =>
        await db.Decisions.AsNoTracking().Include(d => d.Tasks).Where(d => year == 0 || d.Year == year)
            .OrderBy(d => d.Year).ThenBy(d => d.DecisionDate).ThenBy(d => d.Id).ToListAsync(ct);

    public async Task<KeyTask> GetTaskAsync(Guid id, CancellationToken ct) =>
        await WithHistory(db.Tasks.AsNoTracking()).SingleOrDefaultAsync(t => t.Id == id, ct)
        ?? throw new NotFoundException($"Task {id} does not exist.");

    /// <summary>The tasks of a year with their reports and extensions (what a status needs), in list order.</summary>
    public async Task<List<KeyTask>> ListTasksAsync(int year, CancellationToken ct) =>
        await db.Tasks.AsNoTracking().AsSplitQuery().Include(t => t.Progress).Include(t => t.Extensions)
            .Where(t => t.Year == year).OrderBy(t => t.StartsOn).ThenBy(t => t.DecisionId).ThenBy(t => t.Position).ToListAsync(ct);

    public Task<KeyTask> ReportProgressAsync(CallerScope caller, Guid id, ProgressInput input, CancellationToken ct) =>
        ChangeAsync(id, ChangeKinds.TaskProgressReported, t => TaskWorkflow.ReportProgress(t, caller, input, clock.Now, clock.Today), ct);

    public Task<KeyTask> CommentAsync(CallerScope caller, Guid id, string unitCode, string text, CancellationToken ct) =>
        ChangeAsync(id, ChangeKinds.TaskCommented, t => TaskWorkflow.Comment(t, caller, unitCode, text, clock.Now), ct);

    public Task<KeyTask> RequestExtensionAsync(CallerScope caller, Guid id, DateOnly? requested, string reason, CancellationToken ct) =>
        ChangeAsync(id, ChangeKinds.TaskExtensionRequested, t => TaskWorkflow.RequestExtension(t, caller, requested, reason, clock.Now, clock.Today), ct);

    public Task<KeyTask> DecideExtensionAsync(CallerScope caller, Guid id, long extensionId, bool grant, string reason, CancellationToken ct) =>
        ChangeAsync(id, ChangeKinds.TaskExtensionDecided, t => TaskWorkflow.DecideExtension(t, extensionId, grant, reason, caller.Subject, clock.Now, clock.Today), ct);

    public Task<KeyTask> ConfirmCompletionAsync(CallerScope caller, Guid id, long reportId, string reason, CancellationToken ct) =>
        ChangeAsync(id, ChangeKinds.TaskCompletionConfirmed, t => TaskWorkflow.ConfirmCompletion(t, reportId, reason, caller.Subject, clock.Now, clock.Today), ct);

    private async Task<Decision> AddAsync(Decision decision, CancellationToken ct)
    {
        if (await db.Decisions.AnyAsync(d => d.Year == decision.Year && d.Number == decision.Number, ct))
            throw new AlreadyExistsException($"Decision {decision.Number} of {decision.Year} already exists.");
        db.Decisions.Add(decision);
        db.ChangeLog.Add(ChangeLogEntry.For(ChangeKinds.DecisionCreated, decision.Id.ToString(), JsonFormatter.Default.Format(decision.ToProto())));
        return decision;
    }

    private Task<KeyTask> ChangeAsync(Guid id, string kind, Action<KeyTask> change, CancellationToken ct) =>
        ChangeAsync(id, kind, t => { change(t); return null; }, ct);

    /// <param name="change">Changes the task; returns the extension request it concerns, if any, which the entry carries too.</param>
    private async Task<KeyTask> ChangeAsync(Guid id, string kind, Func<KeyTask, ExtensionRequest?> change, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM key_tasks WHERE "Id" = {id} FOR UPDATE""", ct);
        var task = await WithHistory(db.Tasks).SingleOrDefaultAsync(t => t.Id == id, ct)
            ?? throw new NotFoundException($"Task {id} does not exist.");
        var extension = change(task);
        // Saved within the write's transaction, so the new report or request has its id in the answer and the entry.
        await db.SaveChangesAsync(ct);
        db.ChangeLog.Add(ChangeLogEntry.For(kind, task.Id.ToString(), Mapping.EntryData(task, TaskStatusRules.Assess(task, clock.Today), extension)));
        return task;
    }

    private static IQueryable<KeyTask> WithHistory(IQueryable<KeyTask> tasks) =>
        tasks.AsSplitQuery().Include(t => t.Progress.OrderBy(p => p.Id)).Include(t => t.Comments.OrderBy(c => c.Id)).Include(t => t.Extensions.OrderBy(e => e.Id));
}
