using System.Runtime.CompilerServices;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TuyPhuoc.Notifications.Data;
using TuyPhuoc.Notifications.Domain;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.Notifications.Processing;

/// <summary>
/// Follows another service's change feed from the cursor in our database: each batch's notifications and mails are
/// stored with the cursor in one transaction, so nothing is lost across restarts and a replay adds nothing.
/// </summary>
public abstract class FeedFollower<TChange>(IServiceScopeFactory scopes, Migrated<NotificationsDbContext> migrated, ChangeSignal mail,
    IOptions<NotificationsOptions> options, NotificationsTelemetry telemetry, TimeProvider clock, FollowerHealth health, ILogger logger)
    : ChangeStreamFollower<TChange>(health, logger) where TChange : class
{
    protected const string Consumer = "notifications";

    protected abstract AsyncServerStreamingCall<TChange> Watch(IServiceProvider services, long after, CancellationToken ct);

    /// <summary>What the entry tells, and to whom.</summary>
    protected abstract IEnumerable<Draft> DraftsOf(TChange change);

    protected abstract DateTimeOffset? OccurredAt(TChange change);

    protected override DateTimeOffset OccurredAtOf(TChange change) => OccurredAt(change) ?? clock.GetUtcNow();

    protected override Task ReadyAsync(CancellationToken ct) => migrated.WaitAsync(ct);

    protected override async Task<T> WithDatabaseAsync<T>(Func<DbContext, Task<T>> work, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<NotificationsDbContext>());
    }

    protected override async IAsyncEnumerable<TChange> WatchAsync(long after, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        using var call = Watch(scope.ServiceProvider, after, ct);
        await foreach (var change in call.ResponseStream.ReadAllAsync(ct)) yield return change;
    }

    protected override async Task ApplyAsync(IReadOnlyList<TChange> batch, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var now = clock.GetUtcNow();
        var maxAge = options.Value.MailMaxAge;
        var queued = 0;
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            queued = 0;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Old events (a first start catching up on the feed's history) fill the inboxes but are not mailed.
            foreach (var fresh in batch.GroupBy(c => now - OccurredAtOf(c) <= maxAge))
            {
                queued += await NotificationWriter.AddAsync(db, [.. fresh.SelectMany(DraftsOf)], mail: fresh.Key, now, ct);
            }
            await FeedCursors.AdvanceAsync(db, Feed, SequenceOf(batch[^1]), ct);
            await tx.CommitAsync(ct);
        });
        foreach (var kind in batch.SelectMany(DraftsOf).GroupBy(d => d.Kind)) telemetry.Created(kind.Key.ToString(), kind.Count());
        if (queued > 0) mail.Pulse();
    }
}
