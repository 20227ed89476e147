namespace TuyPhuoc.Notifications.Processing;

/// <summary>
/// Sends the outbox's mails. A round claims the due mails (committed as sending before any is sent, and with SKIP
/// LOCKED so replicas never take the same row), holds back those over a recipient's hourly bound, sends the rest over
/// one connection and records each outcome on its own row: a refused address fails alone, a server that is down puts
/// every mail back with a growing pause. Just before its SMTP conversation a mail is marked in flight, and its outcome
/// is recorded as soon as it is known: a crash leaves at most the one mail in flight of a round, which is given up (it
/// may have reached the server), while the round's mails not tried yet go back to the outbox and are sent after. A
/// round's claim is a lease: a claim older than <see cref="InterruptedAfter"/> is taken back, and the mail is then
/// skipped by the round that claimed it (its claim no longer matches), so no mail is ever sent twice.
/// </summary>
public sealed class MailDispatcher(IServiceScopeFactory scopes, Migrated<NotificationsDbContext> migrated, ChangeSignal signal, IConfiguration configuration,
    IOptions<NotificationsOptions> options, NotificationsTelemetry telemetry, TimeProvider clock, ILogger<MailDispatcher> logger) : BackgroundService
{
    private const int BatchSize = 50;
    public static readonly TimeSpan InterruptedAfter = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        await migrated.WaitAsync(ct);
        var connection = configuration.GetConnectionString(SmtpEndpoint.ConnectionName);
        SmtpMailer? mailer = null;
        if (string.IsNullOrWhiteSpace(connection)) logger.LogWarning("No SMTP server is configured (ConnectionStrings:{Name}): mails stay in the outbox", SmtpEndpoint.ConnectionName);
        else mailer = new SmtpMailer(SmtpEndpoint.Parse(connection), options.Value.From, options.Value.PortalBaseUrl);
        while (!ct.IsCancellationRequested)
        {
            var wake = signal.WaitAsync(options.Value.PollInterval, ct);
            try
            {
                if (mailer is not null)
                {
                    await GiveUpInterruptedAsync(ct);
                    while (await RoundAsync(mailer, ct) > 0) { }
                }
                await CountQueuedAsync(ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Sending the outbox's mails failed; trying again");
            }
            try { await wake; }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <returns>How many mails the round tried.</returns>
    public async Task<int> RoundAsync(SmtpMailer mailer, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var now = clock.GetUtcNow();
        var claimed = await db.Outbox.FromSqlInterpolated($"""
            UPDATE mail_outbox SET "Status" = {(int)DeliveryStatus.Sending}, "Attempts" = "Attempts" + 1, "NextAttemptAt" = {now}
            WHERE "Id" IN (SELECT "Id" FROM mail_outbox WHERE "Status" = {(int)DeliveryStatus.Pending} AND "NextAttemptAt" <= {now}
                           ORDER BY "NextAttemptAt", "Id" LIMIT {BatchSize} FOR UPDATE SKIP LOCKED)
            RETURNING *
            """).AsNoTracking().ToListAsync(ct);
        if (claimed.Count == 0) return 0;

        var (allowed, deferred) = await BoundAsync(db, claimed, now, ct);
        var ids = allowed.Select(o => o.NotificationId).Distinct().ToList();
        var notes = await db.Notifications.AsNoTracking().Where(n => ids.Contains(n.Id)).ToDictionaryAsync(n => n.Id, ct);
        var claims = claimed.ToDictionary(c => c.Id, c => c.NextAttemptAt);
        // Still this round's (its claim unchanged): in flight now; once tried, sent or back to this round's claim.
        async Task<bool> TakeAsync(OutgoingMail mail) => await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE mail_outbox SET "Status" = {(int)DeliveryStatus.InFlight}
            WHERE "Id" = {mail.OutboxId} AND "Status" = {(int)DeliveryStatus.Sending} AND "NextAttemptAt" = {claims[mail.OutboxId]}
            """, CancellationToken.None) == 1;
        Task TakenAsync(OutgoingMail mail, FailureKind? failure) => db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE mail_outbox SET "Status" = {(int)(failure is null ? DeliveryStatus.Sent : DeliveryStatus.Sending)}, "SentAt" = {(failure is null ? clock.GetUtcNow() : null)}
            WHERE "Id" = {mail.OutboxId}
            """, CancellationToken.None);
        var results = allowed.Count == 0 ? []
            : await mailer.SendAsync([.. allowed.Select(o => new OutgoingMail(o.Id, o.Address, notes[o.NotificationId].Title, notes[o.NotificationId].Body, notes[o.NotificationId].Link))], ct,
                TakeAsync, TakenAsync);

        var rows = await db.Outbox.Where(o => claimed.Select(c => c.Id).Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var done = clock.GetUtcNow();
        foreach (var (row, at) in deferred)
        {
            rows[row.Id].Status = DeliveryStatus.Pending;
            rows[row.Id].Attempts--;
            rows[row.Id].NextAttemptAt = at;
            telemetry.Deferred();
        }
        foreach (var (mail, failure, error) in results)
        {
            var row = rows[mail.OutboxId];
            if (failure is null)
            {
                (row.Status, row.SentAt, row.LastError) = (DeliveryStatus.Sent, done, null);
                telemetry.Sent(done - notes[row.NotificationId].CreatedAt);
                continue;
            }
            var (status, next) = options.Value.Retry.After(failure.Value, row.Attempts, done);
            (row.Status, row.NextAttemptAt, row.LastError) = (status, next ?? done, error is { Length: > 400 } ? error[..400] : error);
            telemetry.Failed(givenUp: status == DeliveryStatus.Failed);
            if (status == DeliveryStatus.Failed) logger.LogWarning("Mail {Id} to {Recipient} is given up after {Attempts} attempts: {Error}", row.Id, row.Recipient, row.Attempts, error);
        }
        await db.SaveChangesAsync(CancellationToken.None);
        return results.Count;
    }

    /// <summary>The claimed mails that may go now, and those over their recipient's hourly bound with when they may.</summary>
    private async Task<(List<OutboxRow> Allowed, List<(OutboxRow Row, DateTimeOffset At)> Deferred)> BoundAsync(
        NotificationsDbContext db, List<OutboxRow> claimed, DateTimeOffset now, CancellationToken ct)
    {
        var recipients = claimed.Select(c => c.Recipient).Distinct().ToList();
        var since = now - RateBound.Window;
        var sent = (await db.Outbox.AsNoTracking().Where(o => recipients.Contains(o.Recipient) && o.SentAt > since).Select(o => new { o.Recipient, o.SentAt }).ToListAsync(ct))
            .GroupBy(o => o.Recipient).ToDictionary(g => g.Key, g => g.Select(o => o.SentAt!.Value).ToList());
        var rate = options.Value.Rate;
        var allowed = new List<OutboxRow>();
        var deferred = new List<(OutboxRow, DateTimeOffset)>();
        foreach (var row in claimed)
        {
            var times = sent.TryGetValue(row.Recipient, out var t) ? t : sent[row.Recipient] = [];
            if (rate.NextAllowed(times, now) is { } at) deferred.Add((row, at));
            else
            {
                allowed.Add(row);
                times.Add(now);
            }
        }
        return (allowed, deferred);
    }

    private async Task GiveUpInterruptedAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var before = clock.GetUtcNow() - InterruptedAfter;
        // Claimed by a round that is gone (or too slow) and never tried: back to the outbox.
        await db.Outbox.Where(o => o.Status == DeliveryStatus.Sending && o.NextAttemptAt < before)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, DeliveryStatus.Pending), ct);
        var interrupted = await db.Outbox.Where(o => o.Status == DeliveryStatus.InFlight && o.NextAttemptAt < before)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, DeliveryStatus.Failed)
                .SetProperty(o => o.LastError, "interrupted while sending: not sent again, so that it is never sent twice"), ct);
        for (var i = 0; i < interrupted; i++) telemetry.Failed(givenUp: true);
        if (interrupted > 0) logger.LogWarning("{Count} mails were interrupted while being sent and are not sent again", interrupted);
    }

    private async Task CountQueuedAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        telemetry.Queued(await db.Outbox.CountAsync(o => o.Status == DeliveryStatus.Pending || o.Status == DeliveryStatus.Sending || o.Status == DeliveryStatus.InFlight, ct));
    }
}
