using System.Runtime.CompilerServices;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using TuyPhuoc.EmulationScoring.Data;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.EmulationScoring.Processing;

/// <summary>
/// Follows a change stream of another service from the cursor stored in our database. Each batch is taken in one
/// transaction with the cursor and the pending marks, so delivery is at-least-once and a replay changes nothing.
/// </summary>
public abstract class StreamFollower<TChange>(IServiceScopeFactory scopes, DatabaseReady ready, ChangeSignal recompute, TimeProvider clock,
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
