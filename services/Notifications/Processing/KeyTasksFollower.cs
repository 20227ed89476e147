namespace TuyPhuoc.Notifications.Processing;

/// <summary>Key tasks: a later deadline asked for by the lead unit, and the planning office's decision on it.</summary>
public sealed class KeyTasksFollower(IServiceScopeFactory scopes, Migrated<NotificationsDbContext> migrated, ChangeSignal mail,
    IOptions<NotificationsOptions> options, NotificationsTelemetry telemetry, TimeProvider clock, FollowerHealth health, ILogger<KeyTasksFollower> logger)
    : FeedFollower<Tasks.Change>(scopes, migrated, mail, options, telemetry, clock, health, logger)
{
    protected override string Feed => "keytasks.changes";

    protected override AsyncServerStreamingCall<Tasks.Change> Watch(IServiceProvider services, long after, CancellationToken ct) =>
        services.GetRequiredService<Tasks.KeyTasks.KeyTasksClient>().WatchChanges(new Tasks.WatchChangesRequest { AfterSequence = after, Consumer = Consumer }, cancellationToken: ct);

    protected override IEnumerable<Draft> DraftsOf(Tasks.Change change) => TaskChangeRules.From(change);
}
