using TuyPhuoc.Contracts;

namespace TuyPhuoc.Notifications.Processing;

/// <summary>
/// Follows another service's change feed into the inboxes: each batch's notifications and mails are stored with the
/// cursor in one transaction, so nothing is lost across restarts and a replay adds nothing.
/// </summary>
public abstract class FeedFollower<TChange>(IServiceScopeFactory scopes, Migrated<NotificationsDbContext> migrated, ChangeSignal mail,
    IOptions<NotificationsOptions> options, NotificationsTelemetry telemetry, TimeProvider clock, FollowerHealth health, ILogger logger)
    : DatabaseStreamFollower<TChange, NotificationsDbContext>(scopes, health, logger) where TChange : class, IFeedMessage
{
    protected const string Consumer = "notifications";
    private int _queued;

    /// <summary>What the entry tells, and to whom.</summary>
    protected abstract IEnumerable<Draft> DraftsOf(TChange change);

    protected override long SequenceOf(TChange change) => change.Sequence;

    protected override DateTimeOffset OccurredAtOf(TChange change) => change.OccurredAt?.ToDateTimeOffset() ?? clock.GetUtcNow();

    protected override Task ReadyAsync(CancellationToken ct) => migrated.WaitAsync(ct);

    protected override async Task TakeAsync(NotificationsDbContext db, IReadOnlyList<TChange> batch, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        _queued = 0;
        // Old events (a first start catching up on the feed's history) fill the inboxes but are not mailed.
        foreach (var fresh in batch.GroupBy(c => now - OccurredAtOf(c) <= options.Value.MailMaxAge))
        {
            _queued += await NotificationWriter.AddAsync(db, [.. fresh.SelectMany(DraftsOf)], mail: fresh.Key, now, ct);
        }
    }

    protected override void Taken(IReadOnlyList<TChange> batch)
    {
        foreach (var kind in batch.SelectMany(DraftsOf).GroupBy(d => d.Kind)) telemetry.Created(kind.Key.ToString(), kind.Count());
        if (_queued > 0) mail.Pulse();
    }
}
