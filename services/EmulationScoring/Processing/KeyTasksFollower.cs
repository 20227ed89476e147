namespace TuyPhuoc.EmulationScoring.Processing;

/// <summary>Takes in KeyTasks' changes: a task moves the deductions of its lead unit, a new decision those of its whole year.</summary>
public sealed class KeyTasksFollower(IServiceScopeFactory scopes, DatabaseReady ready, ChangeSignal recompute, TimeProvider clock,
    FollowerHealth health, ILogger<KeyTasksFollower> logger) : StreamFollower<Tasks.Change>(scopes, ready, recompute, clock, health, logger)
{
    protected override string Feed => Feeds.KeyTasks;

    protected override AsyncServerStreamingCall<Tasks.Change> Watch(IServiceProvider services, long after, CancellationToken ct) =>
        services.GetRequiredService<Tasks.KeyTasks.KeyTasksClient>().WatchChanges(new Tasks.WatchChangesRequest { AfterSequence = after, Consumer = "emulationscoring" }, cancellationToken: ct);

    protected override Task TakeAsync(EmulationScoringDbContext db, IReadOnlyList<Tasks.Change> batch, ISet<int> finalYears, DateTimeOffset now, CancellationToken ct) =>
        MarkAsync(db, batch.Select(c => (c.Year, c.Task?.LeadUnitCode ?? PendingMarks.AllUnits, c.TraceParent)), finalYears, now, ct);
}
