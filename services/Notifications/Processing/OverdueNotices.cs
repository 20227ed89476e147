namespace TuyPhuoc.Notifications.Processing;

/// <summary>Every so often: the current year's escalations and key tasks overdue, asked of Submissions and KeyTasks, each told once per due date.</summary>
public sealed class OverdueNotices(IServiceScopeFactory scopes, Migrated<NotificationsDbContext> migrated, Subs.Submissions.SubmissionsClient submissions,
    Tasks.KeyTasks.KeyTasksClient tasks, DistrictClock clock, ChangeSignal mail, IOptions<NotificationsOptions> options, ILogger<OverdueNotices> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        await migrated.WaitAsync(ct);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var year = clock.Today.Year;
                var escalations = await Paging.AllAsync(
                        token => submissions.ListEscalationsAsync(new Subs.ListEscalationsRequest { Year = year, OverdueOnly = true, PageSize = 1000, PageToken = token }, cancellationToken: ct).ResponseAsync,
                        r => (r.Escalations.AsEnumerable(), r.NextPageToken))
                    .Select(OverdueRules.ForEscalation).OfType<Draft>().ToListAsync(ct);
                var overdueTasks = await Paging.AllAsync(
                        token => tasks.ListTasksAsync(new Tasks.ListTasksRequest { Year = year, OverdueOnly = true, PageSize = 1000, PageToken = token }, cancellationToken: ct).ResponseAsync,
                        r => (r.Tasks.AsEnumerable(), r.NextPageToken))
                    .Select(OverdueRules.ForTask).OfType<Draft>().ToListAsync(ct);
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
                var queued = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
                {
                    db.ChangeTracker.Clear();
                    await using var tx = await db.Database.BeginTransactionAsync(ct);
                    var n = await NotificationWriter.AddAsync(db, [.. escalations, .. overdueTasks], mail: true, clock.Now, ct);
                    await tx.CommitAsync(ct);
                    return n;
                });
                if (queued > 0) mail.Pulse();
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Looking for overdue escalations and key tasks failed; trying again at the next sweep");
            }
            await Task.Delay(options.Value.ReminderInterval, ct);
        }
    }
}
