namespace TuyPhuoc.Notifications.Data;

/// <summary>
/// Stores notifications and their mails in the caller's transaction. An event already stored for an inbox is skipped,
/// so a replay stores and mails nothing twice; the outbox's unique key holds the same line for the mails.
/// </summary>
public static class NotificationWriter
{
    /// <param name="mail">False for events too old to mail (a first start that catches up on the feed's history).</param>
    /// <returns>How many mails were queued.</returns>
    public static async Task<int> AddAsync(NotificationsDbContext db, IReadOnlyList<Draft> drafts, bool mail, DateTimeOffset now, CancellationToken ct)
    {
        if (drafts.Count == 0) return 0;
        var keys = drafts.Select(d => d.EventKey).Distinct().ToList();
        var stored = (await db.Notifications.AsNoTracking().Where(n => keys.Contains(n.EventKey)).Select(n => new { n.EventKey, n.Inbox }).ToListAsync(ct))
            .Select(n => (n.EventKey, n.Inbox)).ToHashSet();
        var fresh = drafts.Where(d => stored.Add((d.EventKey, d.Inbox))).Select(d => (Draft: d, Row: new NotificationRow
        {
            EventKey = d.EventKey, Inbox = d.Inbox, Kind = d.Kind, Title = d.Title, Body = d.Body, Link = d.Link, CreatedAt = now,
        })).ToList();
        if (fresh.Count == 0) return 0;
        db.Notifications.AddRange(fresh.Select(f => f.Row));
        await db.SaveChangesAsync(ct);
        if (!mail) return 0;

        var inboxes = fresh.Select(f => f.Row.Inbox).Distinct().ToList();
        var official = await db.MailAddresses.AsNoTracking().Where(a => inboxes.Contains(a.Inbox)).ToDictionaryAsync(a => a.Inbox, a => a.Address, ct);
        var people = await db.People.AsNoTracking().Where(p => p.MailAddress != null && p.SharedInbox != null && inboxes.Contains(p.SharedInbox)).ToListAsync(ct);
        var mandatory = await db.MandatoryKinds.AsNoTracking().Select(m => m.Kind).ToListAsync(ct);
        var queued = 0;
        foreach (var (_, row) in fresh)
        {
            var recipients = new List<(string Recipient, string Address)>();
            if (official.TryGetValue(row.Inbox, out var address)) recipients.Add((row.Inbox, address));
            recipients.AddRange(people.Where(p => p.SharedInbox == row.Inbox && PreferenceRules.Receives(row.Kind, p.DisabledKinds, mandatory))
                .Select(p => (Inboxes.Person(p.Subject), p.MailAddress!)));
            foreach (var (recipient, to) in recipients.DistinctBy(r => r.Address.ToLowerInvariant()))
            {
                db.Outbox.Add(new OutboxRow
                {
                    NotificationId = row.Id, EventKey = row.EventKey, Recipient = recipient, Channel = NotificationsDbContext.MailChannel,
                    Address = to, Status = DeliveryStatus.Pending, NextAttemptAt = now, CreatedAt = now,
                });
                queued++;
            }
        }
        await db.SaveChangesAsync(ct);
        return queued;
    }

}
