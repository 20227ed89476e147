namespace TuyPhuoc.Notifications.Processing;

/// <summary>Reports returned, approved and sent; escalations raised, assigned, answered and referred upward.</summary>
public sealed class SubmissionsFollower(IServiceScopeFactory scopes, Migrated<NotificationsDbContext> migrated, ChangeSignal mail,
    IOptions<NotificationsOptions> options, NotificationsTelemetry telemetry, TimeProvider clock, FollowerHealth health, ILogger<SubmissionsFollower> logger)
    : FeedFollower<Subs.Change>(scopes, migrated, mail, options, telemetry, clock, health, logger)
{
    protected override string Feed => "submissions.changes";

    protected override AsyncServerStreamingCall<Subs.Change> Watch(IServiceProvider services, long after, CancellationToken ct) =>
        services.GetRequiredService<Subs.Submissions.SubmissionsClient>().WatchChanges(new Subs.WatchChangesRequest { AfterSequence = after, Consumer = Consumer, Kinds = { ChangeRules.Kinds } }, cancellationToken: ct);

    protected override IEnumerable<Draft> DraftsOf(Subs.Change change) => ChangeRules.From(change);
}
