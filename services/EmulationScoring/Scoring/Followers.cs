using System.Runtime.CompilerServices;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using TuyPhuoc.EmulationScoring.Data;
using TuyPhuoc.ServiceDefaults;
using Eval = TuyPhuoc.Contracts.Evaluation.V1;
using Subs = TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.EmulationScoring.Scoring;

/// <summary>
/// Follows a change stream of another service from the cursor stored in our database. Each batch is taken in one
/// transaction with the cursor and the pending marks, so delivery is at-least-once and a replay changes nothing.
/// </summary>
public abstract class StreamFollower<TChange>(IServiceScopeFactory scopes, DatabaseReady ready, ChangeSignal recompute, ScoringTelemetry telemetry, TimeProvider clock,
    FollowerHealth health, ILogger logger) : ChangeStreamFollower<TChange>(health, logger) where TChange : class
{
    // Scores have no freshness goal: a short wait lets a stream of changes go into one transaction instead of many.
    protected override TimeSpan Linger => TimeSpan.FromMilliseconds(250);

    protected abstract AsyncServerStreamingCall<TChange> Watch(IServiceProvider services, long after, CancellationToken ct);

    /// <summary>Stores what the batch brings and marks the touched units; runs inside the batch's transaction.</summary>
    protected abstract Task TakeAsync(EmulationScoringDbContext db, IReadOnlyList<TChange> batch, ISet<int> finalYears, DateTimeOffset now, CancellationToken ct);

    protected override Task ReadyAsync(CancellationToken ct) => ready.WaitAsync(ct);

    protected override async Task<T> WithDatabaseAsync<T>(Func<DbContext, Task<T>> work, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<EmulationScoringDbContext>());
    }

    protected override async IAsyncEnumerable<TChange> WatchAsync(long after, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        using var call = Watch(scope.ServiceProvider, after, ct);
        await foreach (var change in call.ResponseStream.ReadAllAsync(ct)) yield return change;
    }

    protected override async Task ApplyAsync(IReadOnlyList<TChange> batch, CancellationToken ct)
    {
        var last = batch[^1];
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EmulationScoringDbContext>();
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var finalYears = (await db.Years.AsNoTracking().Where(y => y.Final).Select(y => y.Year).ToListAsync(ct)).ToHashSet();
            var now = clock.GetUtcNow();
            await TakeAsync(db, batch, finalYears, now, ct);
            await FeedCursors.AdvanceAsync(db, Feed, SequenceOf(last), ct);
            await tx.CommitAsync(ct);
        });
        telemetry.ResultsTaken(Feed, SequenceOf(last), OccurredAtOf(last), clock.GetUtcNow());
        recompute.Pulse();
    }

    /// <summary>The latest trace of each touched (year, unit), so the recomputation joins it.</summary>
    protected static async Task MarkAsync(EmulationScoringDbContext db, IEnumerable<(int Year, string Unit, string TraceParent)> touched,
        ISet<int> finalYears, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var group in touched.Where(t => !finalYears.Contains(t.Year) && t.Unit != "").GroupBy(t => (t.Year, t.Unit)))
        {
            var trace = group.Last().TraceParent;
            await PendingMarks.MarkAsync(db, group.Key.Year, [group.Key.Unit], trace == "" ? null : trace, now, ct);
        }
    }
}

/// <summary>Takes in Evaluation's results: the latest result per unit and indicator, then marks the unit.</summary>
public sealed class EvaluationFollower(IServiceScopeFactory scopes, DatabaseReady ready, ChangeSignal recompute, ScoringTelemetry telemetry, TimeProvider clock,
    FollowerHealth health, ILogger<EvaluationFollower> logger) : StreamFollower<Eval.ResultChange>(scopes, ready, recompute, telemetry, clock, health, logger)
{
    protected override string Feed => Feeds.Evaluation;

    protected override AsyncServerStreamingCall<Eval.ResultChange> Watch(IServiceProvider services, long after, CancellationToken ct) =>
        services.GetRequiredService<Eval.Evaluation.EvaluationClient>().WatchResults(new Eval.WatchResultsRequest { AfterSequence = after }, cancellationToken: ct);

    protected override long SequenceOf(Eval.ResultChange change) => change.Sequence;

    /// <summary>The unit that answers for the figure: a district figure counts for the office that reports it.</summary>
    public static string ScoredUnit(Eval.ResultChange c) =>
        c.Status is { ReportingUnitCode: { Length: > 0 } reporting } ? reporting : c.UnitCode;
    protected override DateTimeOffset OccurredAtOf(Eval.ResultChange change) => change.OccurredAt?.ToDateTimeOffset() ?? DateTimeOffset.UtcNow;

    protected override async Task TakeAsync(EmulationScoringDbContext db, IReadOnlyList<Eval.ResultChange> batch, ISet<int> finalYears, DateTimeOffset now, CancellationToken ct)
    {
        // Kept even for a final year: reopening it scores the data as it stands.
        foreach (var c in batch.Where(c => c.Status is not null && c.UnitCode != "" && c.IndicatorCode != ""))
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO indicator_results ("Year", "UnitCode", "IndicatorCode", "Sequence", "Status")
                VALUES ({c.Year}, {ScoredUnit(c)}, {c.IndicatorCode}, {c.Sequence}, {c.Status.ToByteArray()})
                ON CONFLICT ("Year", "UnitCode", "IndicatorCode") DO UPDATE SET "Sequence" = EXCLUDED."Sequence", "Status" = EXCLUDED."Status"
                WHERE indicator_results."Sequence" < EXCLUDED."Sequence"
                """, ct);
        }
        await MarkAsync(db, batch.Select(c => (c.Year, ScoredUnit(c), c.TraceParent)), finalYears, now, ct);
    }
}

/// <summary>Takes in Submissions' report, escalation and deadline changes: they move the deductions of a unit (or of a whole year).</summary>
public sealed class SubmissionsFollower(IServiceScopeFactory scopes, DatabaseReady ready, ChangeSignal recompute, ScoringTelemetry telemetry, TimeProvider clock,
    FollowerHealth health, ILogger<SubmissionsFollower> logger) : StreamFollower<Subs.Change>(scopes, ready, recompute, telemetry, clock, health, logger)
{
    protected override string Feed => Feeds.Submissions;

    protected override AsyncServerStreamingCall<Subs.Change> Watch(IServiceProvider services, long after, CancellationToken ct) =>
        services.GetRequiredService<Subs.Submissions.SubmissionsClient>().WatchChanges(new Subs.WatchChangesRequest { AfterSequence = after }, cancellationToken: ct);

    protected override long SequenceOf(Subs.Change change) => change.Sequence;
    protected override DateTimeOffset OccurredAtOf(Subs.Change change) => change.OccurredAt?.ToDateTimeOffset() ?? DateTimeOffset.UtcNow;

    protected override Task TakeAsync(EmulationScoringDbContext db, IReadOnlyList<Subs.Change> batch, ISet<int> finalYears, DateTimeOffset now, CancellationToken ct) =>
        MarkAsync(db, batch.SelectMany(Touched), finalYears, now, ct);

    public static IEnumerable<(int Year, string Unit, string TraceParent)> Touched(Subs.Change c)
    {
        if (c.Kind.StartsWith(ChangeKinds.ReportPrefix, StringComparison.Ordinal) && c.Report is { } report)
            yield return (report.Year, report.UnitCode, c.TraceParent);
        else if (c.Kind.StartsWith(ChangeKinds.EscalationPrefix, StringComparison.Ordinal) && c.Escalation is { } escalation)
            yield return (escalation.Year, escalation.AssignedOfficeCode, c.TraceParent);
        else if (c.Kind == ChangeKinds.DeadlinesSet && c.Deadlines is { } deadlines)
            yield return (deadlines.Year, PendingMarks.AllUnits, c.TraceParent);
    }
}

/// <summary>Recomputes the marked units as soon as a follower signals, and at least every few seconds.</summary>
public sealed class RecomputeWorker(IServiceScopeFactory scopes, DatabaseReady ready, ChangeSignal signal, ILogger<RecomputeWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);
    // Marks that arrive within this time after a wake are scored together: a unit touched many times is scored once.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        await ready.WaitAsync(ct);
        for (var failures = 0; !ct.IsCancellationRequested;)
        {
            var wake = signal.WaitAsync(Poll, ct);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var taken = await scope.ServiceProvider.GetRequiredService<Recomputer>().RunPendingAsync(ct);
                failures = 0;
                if (taken > 0) continue;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                failures++;
                logger.LogWarning(e, "Recomputing scores failed (attempt {Attempt}); the marks stay for the next run", failures);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(failures * 2, 30)), ct);
            }
            await wake;
            await Task.Delay(Settle, ct);
        }
    }
}

/// <summary>
/// Reports become missing and escalations overdue as days pass, with no change to follow: every open year with a
/// scheme is marked for recomputation at start and then periodically.
/// </summary>
public sealed class DeadlineSweep(IServiceScopeFactory scopes, DatabaseReady ready, ChangeSignal signal, IConfiguration configuration, TimeProvider clock, ILogger<DeadlineSweep> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var interval = configuration.GetValue("Scoring:SweepInterval", TimeSpan.FromMinutes(15));
        await ready.WaitAsync(ct);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<EmulationScoringDbContext>();
                var years = await db.Schemes.Select(s => s.Year).Distinct()
                    .Where(y => !db.Years.Any(s => s.Year == y && s.Final)).ToListAsync(ct);
                foreach (var year in years) await PendingMarks.MarkAsync(db, year, [PendingMarks.AllUnits], null, clock.GetUtcNow(), ct);
                signal.Pulse();
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Marking the open years for the deadline sweep failed");
            }
            await Task.Delay(interval, ct);
        }
    }
}
