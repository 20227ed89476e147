namespace TuyPhuoc.Notifications.Data;

/// <summary>A caller's inboxes, read state and preferences; every query is limited to the caller's own inboxes.</summary>
public sealed class InboxStore(NotificationsDbContext db, TimeProvider clock)
{
    public sealed record Listed(NotificationRow Row, bool Read);

    public async Task<(List<Listed> Items, string Next)> ListAsync(CallerScope caller, int pageSize, string? pageToken, bool unreadOnly, CancellationToken ct)
    {
        var size = Paging.PageSize(pageSize);
        long? before = Paging.After(pageToken) is { } token
            ? long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : throw new InvalidInputException("page_token", "is not a token this service gave out")
            : null;
        var query = await VisibleAsync(caller, ct);
        if (before is { } b) query = query.Where(n => n.Id < b);
        if (unreadOnly) query = query.Where(n => !db.Reads.Any(r => r.NotificationId == n.Id && r.Reader == caller.Subject));
        var page = await query.OrderByDescending(n => n.Id).Take(size + 1)
            .Select(n => new Listed(n, db.Reads.Any(r => r.NotificationId == n.Id && r.Reader == caller.Subject))).ToListAsync(ct);
        if (page.Count <= size) return (page, "");
        page.RemoveAt(size);
        return (page, Paging.Token(page[^1].Row.Id.ToString(CultureInfo.InvariantCulture)));
    }

    public async Task<int> CountUnreadAsync(CallerScope caller, CancellationToken ct) =>
        await (await VisibleAsync(caller, ct)).CountAsync(n => !db.Reads.Any(r => r.NotificationId == n.Id && r.Reader == caller.Subject), ct);

    /// <returns>How many were not read before.</returns>
    public async Task<int> MarkReadAsync(CallerScope caller, IReadOnlyList<long> ids, bool all, CancellationToken ct)
    {
        var inboxes = Inboxes.Of(caller);
        var targets = db.Notifications.Where(n => inboxes.Contains(n.Inbox));
        if (!all)
        {
            var found = await targets.Where(n => ids.Contains(n.Id)).Select(n => n.Id).ToListAsync(ct);
            if (ids.FirstOrDefault(id => !found.Contains(id)) is var missing and not 0)
                throw new NotFoundException($"There is no notification {missing} in the caller's inboxes.");
            targets = targets.Where(n => ids.Contains(n.Id));
        }
        var unread = await targets.Where(n => !db.Reads.Any(r => r.NotificationId == n.Id && r.Reader == caller.Subject)).Select(n => n.Id).ToListAsync(ct);
        var now = clock.GetUtcNow();
        db.Reads.AddRange(unread.Select(id => new NotificationRead { NotificationId = id, Reader = caller.Subject, ReadAt = now }));
        return unread.Count;
    }

    public async Task<Preferences> PreferencesAsync(CallerScope caller, CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Subject == caller.Subject, ct);
        var mandatory = await MandatoryAsync(ct);
        var disabled = person?.DisabledKinds ?? [];
        return new Preferences
        {
            MailAddress = person?.MailAddress ?? "",
            Kinds =
            {
                Kinds.All.Select(k => new KindPreference
                {
                    Kind = k, Title = Kinds.Title(k), Mandatory = mandatory.Contains(k), Enabled = PreferenceRules.Receives(k, disabled, mandatory),
                }),
            },
        };
    }

    public async Task SetPreferencesAsync(CallerScope caller, IReadOnlyList<NotificationKind> disabled, string? mailAddress, CancellationToken ct)
    {
        PreferenceRules.CheckDisabled(disabled, await MandatoryAsync(ct));
        var person = await db.People.SingleOrDefaultAsync(p => p.Subject == caller.Subject, ct);
        if (person is null) db.People.Add(person = new PersonRow { Subject = caller.Subject });
        person.SharedInbox = Inboxes.Of(caller) is [var shared, _] ? shared : null;
        person.DisabledKinds = [.. disabled];
        person.MailAddress = mailAddress;
        person.UpdatedAt = clock.GetUtcNow();
    }

    public async Task<List<NotificationKind>> MandatoryAsync(CancellationToken ct) =>
        await db.MandatoryKinds.AsNoTracking().Select(m => m.Kind).OrderBy(k => k).ToListAsync(ct);

    public async Task SetMandatoryAsync(IReadOnlyList<NotificationKind> kinds, CancellationToken ct)
    {
        PreferenceRules.CheckKinds(kinds, "kinds");
        await db.MandatoryKinds.ExecuteDeleteAsync(ct);
        db.MandatoryKinds.AddRange(kinds.Select(k => new MandatoryKindRow { Kind = k }));
    }

    public async Task<MailAddressRow> SetMailAddressAsync(string inbox, string? address, CancellationToken ct)
    {
        var row = await db.MailAddresses.SingleOrDefaultAsync(a => a.Inbox == inbox, ct);
        var now = clock.GetUtcNow();
        if (address is null)
        {
            if (row is not null) db.MailAddresses.Remove(row);
            return new MailAddressRow { Inbox = inbox, Address = "", UpdatedAt = now };
        }
        if (row is null) db.MailAddresses.Add(row = new MailAddressRow { Inbox = inbox, Address = address });
        row.Address = address;
        row.UpdatedAt = now;
        return row;
    }

    public Task<List<MailAddressRow>> MailAddressesAsync(CancellationToken ct) => db.MailAddresses.AsNoTracking().OrderBy(a => a.Inbox).ToListAsync(ct);

    private async Task<IQueryable<NotificationRow>> VisibleAsync(CallerScope caller, CancellationToken ct)
    {
        var inboxes = Inboxes.Of(caller);
        var disabled = await db.People.AsNoTracking().Where(p => p.Subject == caller.Subject).Select(p => p.DisabledKinds).SingleOrDefaultAsync(ct) ?? [];
        var hidden = PreferenceRules.Hidden(disabled, disabled.Count == 0 ? [] : await MandatoryAsync(ct)).ToList();
        return db.Notifications.AsNoTracking().Where(n => inboxes.Contains(n.Inbox) && !hidden.Contains(n.Kind));
    }
}
