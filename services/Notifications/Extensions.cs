using TuyPhuoc.Notifications.Processing;

namespace Microsoft.Extensions.Hosting;

public static class NotificationsExtensions
{
    public static void AddNotificationsServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<NotificationsDbContext>(ResourceNames.NotificationsDb);
        builder.Services.AddMigration<NotificationsDbContext>();
        builder.AddSuiteGrpcClient<Subs.Submissions.SubmissionsClient>(ResourceNames.Submissions);
        builder.AddSuiteGrpcClient<TuyPhuoc.Contracts.Tasks.V1.KeyTasks.KeyTasksClient>(ResourceNames.KeyTasks);
        builder.AddSuiteGrpcClient<TuyPhuoc.Contracts.Evaluation.V1.Evaluation.EvaluationClient>(ResourceNames.Evaluation);
        builder.Services.Configure<NotificationsOptions>(builder.Configuration.GetSection(NotificationsOptions.Section));

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ChangeSignal>();
        builder.Services.AddSingleton<NotificationsTelemetry>();
        builder.Services.AddScoped<InboxStore>();
        builder.Services.AddFollower<SubmissionsFollower>();
        builder.Services.AddFollower<KeyTasksFollower>();
        builder.Services.AddFollower<AnnouncementsFollower>();
        builder.Services.AddHostedService<DeadlineReminders>();
        builder.Services.AddHostedService<OverdueNotices>();
        builder.Services.AddHostedService<MailDispatcher>();
        builder.AddSuiteGrpc(TuyPhuoc.Contracts.Notifications.V1.Notifications.Descriptor.FullName);
    }
}
