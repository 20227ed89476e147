using System.Runtime.CompilerServices;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TuyPhuoc.Notifications.Data;
using TuyPhuoc.Notifications.Domain;
using TuyPhuoc.ServiceDefaults;
using Subs = TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.Notifications.Processing;

/// <summary>
/// Follows Submissions' change feed from the cursor in our database: each batch's notifications and mails are stored
/// with the cursor in one transaction, so nothing is lost across restarts and a replay adds nothing.
/// </summary>
public sealed class SubmissionsFollower(IServiceScopeFactory scopes, Migrated<NotificationsDbContext> migrated, ChangeSignal mail,
    IOptions<NotificationsOptions> options, NotificationsTelemetry telemetry, TimeProvider clock, FollowerHealth health, ILogger<SubmissionsFollower> logger)
    : ChangeStreamFollower<Subs.Change>(health, logger)
{
    public const string FeedName = "submissions.changes";

    protected override string Feed => FeedName;

    protected override Task ReadyAsync(CancellationToken ct) => migrated.WaitAsync(ct);

    protected override async Task<T> WithDatabaseAsync<T>(Func<DbContext, Task<T>> work, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<NotificationsDbContext>());
    }

    protected override async IAsyncEnumerable<Subs.Change> WatchAsync(long after, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        using var call = scope.ServiceProvider.GetRequiredService<Subs.Submissions.SubmissionsClient>()
            .WatchChanges(new Subs.WatchChangesRequest { AfterSequence = after, Consumer = "notifications" }, cancellationToken: ct);
        await foreach (var change in call.ResponseStream.ReadAllAsync(ct)) yield return change;
    }

    protected override long SequenceOf(Subs.Change change) => change.Sequence;

    protected override DateTimeOffset OccurredAtOf(Subs.Change change) => change.OccurredAt?.ToDateTimeOffset() ?? clock.GetUtcNow();

    protected override async Task ApplyAsync(IReadOnlyList<Subs.Change> batch, CancellationToken ct)
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
            foreach (var fresh in batch.GroupBy(c => now - OccurredAtOf(c) <= maxAge))
            {
                queued += await NotificationWriter.AddAsync(db, [.. fresh.SelectMany(ChangeRules.From)], mail: fresh.Key, now, ct);
            }
            await FeedCursors.AdvanceAsync(db, Feed, SequenceOf(batch[^1]), ct);
            await tx.CommitAsync(ct);
        });
        foreach (var kind in batch.SelectMany(ChangeRules.From).GroupBy(d => d.Kind)) telemetry.Created(kind.Key.ToString(), kind.Count());
        if (queued > 0) mail.Pulse();
    }
}
