using System.Threading.Channels;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.ChangeFeeds;

/// <summary>A follower whose set-aside entries can be tried again on demand (a recompute, once the cause is fixed).</summary>
public interface ISetAsideRetry
{
    /// <returns>How many entries are still set aside.</returns>
    Task<int> RetrySetAsideAsync(CancellationToken ct);
}

public static class FollowerRegistration
{
    /// <summary>The followers' health, once per process: a health check ("followers") and the lag and set-aside metrics.</summary>
    public static IServiceCollection AddFollowerHealth(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(FollowerHealth))) return services;
        services.AddSingleton<FollowerHealth>();
        services.AddHealthChecks().AddCheck<FollowerHealth>("followers");
        return services;
    }

    /// <summary>Runs the follower in the background and lets others ask it to retry what it set aside.</summary>
    public static IServiceCollection AddFollower<TFollower>(this IServiceCollection services) where TFollower : class, IHostedService, ISetAsideRetry =>
        services.AddFollowerHealth().AddSingleton<TFollower>()
            .AddHostedService(sp => sp.GetRequiredService<TFollower>())
            .AddSingleton<ISetAsideRetry>(sp => sp.GetRequiredService<TFollower>());
}

/// <summary>
/// Follows another service's change stream from a cursor kept in this service's database. Entries are taken in
/// batches of whatever arrived since the last one, so a follower that falls behind shares each batch's cost among
/// more entries and catches up; each batch is applied together with its cursor in one transaction, so delivery is
/// at-least-once and a replay changes nothing. A failure of the stream, the source or the database reconnects from
/// the stored cursor after a growing, jittered pause. A batch that fails for what it holds is applied entry by entry,
/// and an entry that cannot be applied on its own is set aside (kept, logged, counted, health Degraded) while every
/// other entry goes on; set-aside entries are tried again every so often and on <see cref="RetrySetAsideAsync"/>.
/// </summary>
public abstract class ChangeStreamFollower<TEntry>(FollowerHealth health, ILogger logger) : BackgroundService, ISetAsideRetry where TEntry : class
{
    public static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan RetryInterval = TimeSpan.FromMinutes(1);

    /// <summary>The name of the stream, and of its cursor.</summary>
    protected abstract string Feed { get; }

    protected virtual int MaxBatch => 500;

    /// <summary>How long a batch smaller than <see cref="MaxBatch"/> waits for more before it is applied.</summary>
    protected virtual TimeSpan Linger => TimeSpan.Zero;

    protected virtual Task ReadyAsync(CancellationToken ct) => Task.CompletedTask;

    private Task<long> CursorAsync(CancellationToken ct) => WithDatabaseAsync(db => FeedCursors.ReadAsync(db, Feed, ct), ct);

    protected abstract IAsyncEnumerable<TEntry> WatchAsync(long after, CancellationToken ct);

    protected abstract long SequenceOf(TEntry entry);

    protected abstract DateTimeOffset OccurredAtOf(TEntry entry);

    /// <summary>
    /// Applies entries and stores the last one's sequence with <see cref="FeedCursors.AdvanceAsync"/>, in one transaction.
    /// Applying an entry again, or an older one after a newer, changes nothing.
    /// </summary>
    protected abstract Task ApplyAsync(IReadOnlyList<TEntry> batch, CancellationToken ct);

    /// <summary>Runs work on a fresh context of this service's database, where set-aside entries are kept.</summary>
    protected abstract Task<T> WithDatabaseAsync<T>(Func<DbContext, Task<T>> work, CancellationToken ct);

    /// <summary>A failure that says nothing of the entries (the network, a source or database restarting): retry them all later.</summary>
    protected virtual bool IsTransient(Exception e) =>
        e is RpcException or TimeoutException or IOException or OperationCanceledException or Npgsql.NpgsqlException { IsTransient: true }
        || e.InnerException is { } inner && IsTransient(inner);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        await ReadyAsync(ct);
        health.Register(Feed);
        var backoff = MinBackoff;
        var nextRetry = DateTimeOffset.UtcNow;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (DateTimeOffset.UtcNow >= nextRetry)
                {
                    await RetrySetAsideAsync(ct);
                    nextRetry = DateTimeOffset.UtcNow + RetryInterval;
                }
                await FollowAsync(() => backoff = MinBackoff, () => health.HasSetAside(Feed) && DateTimeOffset.UtcNow >= nextRetry, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                health.Failed(Feed, e);
                logger.LogWarning(e, "Following the {Feed} change stream failed; resuming from the stored cursor in {Delay}", Feed, backoff);
            }
            try
            {
                await Task.Delay(backoff * (0.75 + Random.Shared.NextDouble() / 2), ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
        }
    }

    /// <summary>Applies each set-aside entry again, read from the source; those that now apply are no longer set aside.</summary>
    public async Task<int> RetrySetAsideAsync(CancellationToken ct)
    {
        var sequences = await WithDatabaseAsync(db => SetAsideEntries.ListAsync(db, Feed, ct), ct);
        foreach (var sequence in sequences)
        {
            TEntry? entry = null;
            using (var found = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                found.CancelAfter(TimeSpan.FromSeconds(10));
                await foreach (var e in WatchAsync(sequence - 1, found.Token)) { entry = e; break; }
            }
            if (entry is null || SequenceOf(entry) != sequence)
            {
                logger.LogWarning("Set-aside entry {Sequence} of the {Feed} change stream is no longer in the stream", sequence, Feed);
                continue;
            }
            try
            {
                await ApplyAsync([entry], ct);
                await WithDatabaseAsync(db => SetAsideEntries.ResolveAsync(db, Feed, sequence, ct), ct);
                logger.LogInformation("Set-aside entry {Sequence} of the {Feed} change stream is applied now", sequence, Feed);
            }
            catch (Exception e) when (!ct.IsCancellationRequested && !IsTransient(e))
            {
                await WithDatabaseAsync(db => SetAsideEntries.AddAsync(db, Feed, sequence, e, ct), ct);
            }
        }
        var left = await WithDatabaseAsync(db => SetAsideEntries.CountAsync(db, Feed, ct), ct);
        health.SetAside(Feed, left);
        return left;
    }

    private async Task FollowAsync(Action progressed, Func<bool> retryDue, CancellationToken ct)
    {
        var cursor = await CursorAsync(ct);
        health.SetAside(Feed, await WithDatabaseAsync(db => SetAsideEntries.CountAsync(db, Feed, ct), ct));
        logger.LogInformation("Following the {Feed} change stream after {Sequence}", Feed, cursor);
        var channel = Channel.CreateBounded<TEntry>(new BoundedChannelOptions(2 * MaxBatch) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pump = PumpAsync(cursor, channel.Writer, stop.Token);
        try
        {
            var batch = new List<TEntry>(MaxBatch);
            while (await channel.Reader.WaitToReadAsync(ct))
            {
                if (Linger > TimeSpan.Zero && channel.Reader.Count < MaxBatch) await Task.Delay(Linger, ct);
                batch.Clear();
                while (batch.Count < MaxBatch && channel.Reader.TryRead(out var entry))
                {
                    // A replay from an older cursor is harmless, but there is no need to take it again.
                    if (SequenceOf(entry) > cursor) batch.Add(entry);
                }
                if (batch.Count == 0) continue;
                health.Pending(Feed, OccurredAtOf(batch[0]));
                try
                {
                    await ApplyAsync(batch, ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested && !IsTransient(e))
                {
                    logger.LogWarning("A batch of {Count} entries of the {Feed} change stream failed ({Error}); each is applied alone",
                        batch.Count, Feed, InputBounds.Quote(e.Message));
                    await ApplyEachAsync(batch, ct);
                }
                cursor = SequenceOf(batch[^1]);
                health.Applied(Feed, cursor, batch.Select(OccurredAtOf));
                progressed();
                if (retryDue()) return;
            }
        }
        finally
        {
            await stop.CancelAsync();
            await pump;
        }
    }

    private async Task ApplyEachAsync(List<TEntry> batch, CancellationToken ct)
    {
        foreach (var entry in batch)
        {
            try
            {
                await ApplyAsync([entry], ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested && !IsTransient(e))
            {
                logger.LogWarning(e, "Entry {Sequence} of the {Feed} change stream cannot be applied; it is set aside and the stream goes on",
                    SequenceOf(entry), Feed);
                await WithDatabaseAsync(db => SetAsideEntries.AddAsync(db, Feed, SequenceOf(entry), e, ct), ct);
                health.SetAside(Feed, await WithDatabaseAsync(db => SetAsideEntries.CountAsync(db, Feed, ct), ct), added: true);
            }
        }
    }

    private async Task PumpAsync(long after, ChannelWriter<TEntry> writer, CancellationToken ct)
    {
        try
        {
            await foreach (var entry in WatchAsync(after, ct))
            {
                health.Received(Feed, SequenceOf(entry));
                await writer.WriteAsync(entry, ct);
            }
            writer.TryComplete(new EndOfStreamException($"The {Feed} change stream ended."));
        }
        catch (Exception e)
        {
            writer.TryComplete(e);
        }
    }
}

/// <summary>
/// Follows another service's gRPC change stream from the cursor kept in the service's own database
/// (<typeparamref name="TContext"/>): each batch is taken in one transaction with the cursor, so delivery is
/// at-least-once and a replay changes nothing.
/// </summary>
public abstract class DatabaseStreamFollower<TEntry, TContext>(IServiceScopeFactory scopes, FollowerHealth health, ILogger logger)
    : ChangeStreamFollower<TEntry>(health, logger) where TEntry : class where TContext : DbContext
{
    protected abstract AsyncServerStreamingCall<TEntry> Watch(IServiceProvider services, long after, CancellationToken ct);

    /// <summary>Stores what the batch brings; runs inside the batch's transaction, again when that is retried.</summary>
    protected abstract Task TakeAsync(TContext db, IReadOnlyList<TEntry> batch, CancellationToken ct);

    /// <summary>After the batch is committed: the follower's signals and counts.</summary>
    protected virtual void Taken(IReadOnlyList<TEntry> batch)
    {
    }

    protected override async Task<T> WithDatabaseAsync<T>(Func<DbContext, Task<T>> work, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TContext>());
    }

    protected override async IAsyncEnumerable<TEntry> WatchAsync(long after, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        using var call = Watch(scope.ServiceProvider, after, ct);
        await foreach (var entry in call.ResponseStream.ReadAllAsync(ct)) yield return entry;
    }

    protected override async Task ApplyAsync(IReadOnlyList<TEntry> batch, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await TakeAsync(db, batch, ct);
            await FeedCursors.AdvanceAsync(db, Feed, SequenceOf(batch[^1]), ct);
            await tx.CommitAsync(ct);
        });
        Taken(batch);
    }
}
