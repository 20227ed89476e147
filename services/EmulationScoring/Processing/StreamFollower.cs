using TuyPhuoc.Contracts;

namespace TuyPhuoc.EmulationScoring.Processing;

/// <summary>
/// Follows a change stream of another service into the scores' database: each batch is taken with the cursor and the
/// pending marks of the units it touches, and a recomputation is signalled once it is committed.
/// </summary>
public abstract class StreamFollower<TChange>(IServiceScopeFactory scopes, DatabaseReady ready, ChangeSignal recompute, TimeProvider clock,
    FollowerHealth health, ILogger logger) : DatabaseStreamFollower<TChange, EmulationScoringDbContext>(scopes, health, logger) where TChange : class, IFeedMessage
{
    // Scores have no freshness goal: a short wait lets a stream of changes go into one transaction instead of many.
    protected override TimeSpan Linger => TimeSpan.FromMilliseconds(250);

    protected override long SequenceOf(TChange change) => change.Sequence;

    protected override DateTimeOffset OccurredAtOf(TChange change) => change.OccurredAt?.ToDateTimeOffset() ?? DateTimeOffset.UtcNow;

    /// <summary>Stores what the batch brings and marks the touched units; runs inside the batch's transaction.</summary>
    protected abstract Task TakeAsync(EmulationScoringDbContext db, IReadOnlyList<TChange> batch, ISet<int> finalYears, DateTimeOffset now, CancellationToken ct);

    protected override Task ReadyAsync(CancellationToken ct) => ready.WaitAsync(ct);

    protected override async Task TakeAsync(EmulationScoringDbContext db, IReadOnlyList<TChange> batch, CancellationToken ct)
    {
        var finalYears = (await db.Years.AsNoTracking().Where(y => y.Final).Select(y => y.Year).ToListAsync(ct)).ToHashSet();
        await TakeAsync(db, batch, finalYears, clock.GetUtcNow(), ct);
    }

    protected override void Taken(IReadOnlyList<TChange> batch) => recompute.Pulse();

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
