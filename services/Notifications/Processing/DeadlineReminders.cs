namespace TuyPhuoc.Notifications.Processing;

/// <summary>
/// Deadlines pass with no change to follow: every so often, for each month due soon or due yesterday (on the
/// district's calendar), the units that have not sent are asked of Submissions and told. A sweep that runs twice on a
/// day stores nothing twice: the event key names the month and the day's reminder.
/// </summary>
public sealed class DeadlineReminders(IServiceScopeFactory scopes, Migrated<NotificationsDbContext> migrated, Subs.Submissions.SubmissionsClient submissions,
    DistrictClock clock, ChangeSignal mail, IOptions<NotificationsOptions> options, NotificationsTelemetry telemetry, ILogger<DeadlineReminders> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        await migrated.WaitAsync(ct);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(clock.Today, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "The deadline reminders' sweep failed; trying again at the next one");
            }
            await Task.Delay(options.Value.ReminderInterval, ct);
        }
    }

    public async Task SweepAsync(DateOnly today, CancellationToken ct)
    {
        var deadlines = new Dictionary<int, int?>();
        foreach (var year in new[] { today.Year - 1, today.Year }) deadlines[year] = await DeadlineDayAsync(year, ct);
        foreach (var due in DeadlineRules.Due(today, options.Value.ReminderDaysBefore, y => deadlines.GetValueOrDefault(y)))
        {
            var wanted = due.Kind == Contracts.Notifications.V1.NotificationKind.ReportMissing ? Subs.Timeliness.Missing : Subs.Timeliness.NotDue;
            var units = await Paging.AllAsync(
                    token => submissions.ListTimelinessAsync(new Subs.ListTimelinessRequest { Year = due.Year, Month = due.Month, PageToken = token, PageSize = 1000 }, cancellationToken: ct).ResponseAsync,
                    r => (r.Entries.AsEnumerable(), r.NextPageToken))
                .Where(e => e.Timeliness == wanted).Select(e => e.UnitCode).Distinct().ToListAsync(ct);
            if (units.Count == 0) continue;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            var queued = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var n = await NotificationWriter.AddAsync(db, [.. units.Select(u => DeadlineRules.For(due, u))], mail: true, clock.Now, ct);
                await tx.CommitAsync(ct);
                return n;
            });
            logger.LogInformation("{Kind} for {Month}/{Year}: {Units} units not sent, {Queued} mails queued", due.Kind, due.Month, due.Year, units.Count, queued);
            telemetry.Created(due.Kind.ToString(), units.Count);
            if (queued > 0) mail.Pulse();
        }
    }

    private async Task<int?> DeadlineDayAsync(int year, CancellationToken ct)
    {
        try
        {
            var deadlines = await submissions.GetDeadlinesAsync(new Subs.GetDeadlinesRequest { Year = year }, cancellationToken: ct);
            return deadlines.DayOfFollowingMonth is > 0 and var day ? day : null;
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.InvalidArgument or StatusCode.FailedPrecondition)
        {
            return null;
        }
    }
}
