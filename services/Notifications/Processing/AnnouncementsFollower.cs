namespace TuyPhuoc.Notifications.Processing;

/// <summary>The quarters' announcements issued by the planning office (Evaluation's WatchAnnouncements).</summary>
public sealed class AnnouncementsFollower(IServiceScopeFactory scopes, Migrated<NotificationsDbContext> migrated, ChangeSignal mail,
    IOptions<NotificationsOptions> options, NotificationsTelemetry telemetry, TimeProvider clock, FollowerHealth health, ILogger<AnnouncementsFollower> logger)
    : FeedFollower<Eval.AnnouncementChange>(scopes, migrated, mail, options, telemetry, clock, health, logger)
{
    protected override string Feed => "evaluation.announcements";

    protected override AsyncServerStreamingCall<Eval.AnnouncementChange> Watch(IServiceProvider services, long after, CancellationToken ct) =>
        services.GetRequiredService<Eval.Evaluation.EvaluationClient>().WatchAnnouncements(new Eval.WatchAnnouncementsRequest { AfterSequence = after, Consumer = Consumer }, cancellationToken: ct);

    protected override IEnumerable<Draft> DraftsOf(Eval.AnnouncementChange change) => AnnouncementRules.From(change);
}
