namespace TuyPhuoc.Evaluation.Data;

/// <summary>The quarters' announcements as issued: each version kept whole, never rewritten but for the mark of the version that superseded it.</summary>
public sealed class Announcements(EvaluationDbContext db, TimeProvider clock)
{
    private IQueryable<AnnouncementRow> Rows => db.Set<AnnouncementRow>();

    /// <summary>Stores the content as the quarter's next version, in the caller's transaction, and marks the one it supersedes.</summary>
    public async Task<Proto.Announcement> AddAsync(Proto.Announcement content, string number, DateOnly date, string issuedBy, CancellationToken ct)
    {
        var (year, quarter) = (content.Year, content.Quarter);
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtext('evaluation.announcement'), {0})", [year * 10 + quarter], ct);
        var issued = await Rows.Where(a => a.Year == year && a.Quarter == quarter).ToListAsync(ct);
        var version = issued.Count + 1;
        foreach (var inForce in issued.Where(a => a.SupersededBy == 0)) inForce.SupersededBy = version;
        var (announcement, now) = (content.Clone(), clock.GetUtcNow());
        (announcement.Version, announcement.Number, announcement.Date, announcement.IssuedAt, announcement.IssuedBy) =
            (version, number.Trim(), date.ToProto(), now.ToProto(), issuedBy);
        db.Add(new AnnouncementRow
        {
            Year = year, Quarter = quarter, Version = version, Number = announcement.Number, Date = date, IssuedAt = now, IssuedBy = issuedBy,
            Content = announcement.ToByteArray(),
        });
        db.Add(ChangeLogEntry.For(ChangeKinds.AnnouncementIssued, Key(year, quarter, version),
            System.Text.Json.JsonSerializer.Serialize(new { Year = year, Quarter = quarter, Version = version, announcement.Number })));
        return announcement;
    }

    /// <summary>The year's announcements without their content, the latest quarter and version first.</summary>
    public async Task<List<Proto.Announcement>> ListAsync(int year, CancellationToken ct) =>
        [.. (await Rows.AsNoTracking().Where(a => a.Year == year).OrderByDescending(a => a.Quarter).ThenByDescending(a => a.Version)
            .Select(a => new { a.Year, a.Quarter, a.Version, a.Number, a.Date, a.IssuedAt, a.IssuedBy, a.SupersededBy }).ToListAsync(ct))
            .Select(a => new Proto.Announcement
            {
                Year = a.Year, Quarter = a.Quarter, Version = a.Version, Number = a.Number, Date = a.Date.ToProto(), IssuedAt = a.IssuedAt.ToProto(),
                IssuedBy = a.IssuedBy, SupersededBy = a.SupersededBy,
            })];

    /// <summary>One version with its content (0: the latest); null when the quarter has no such version.</summary>
    public async Task<Proto.Announcement?> GetAsync(int year, int quarter, int version, CancellationToken ct)
    {
        var query = Rows.AsNoTracking().Where(a => a.Year == year && a.Quarter == quarter);
        var row = version == 0 ? await query.OrderByDescending(a => a.Version).FirstOrDefaultAsync(ct) : await query.SingleOrDefaultAsync(a => a.Version == version, ct);
        if (row is null) return null;
        var announcement = Proto.Announcement.Parser.ParseFrom(row.Content);
        announcement.SupersededBy = row.SupersededBy;
        return announcement;
    }

    /// <summary>The change feed's entries of issued announcements after a position, in order.</summary>
    public Task<List<ChangeLogEntry>> IssuesAfterAsync(long after, CancellationToken ct) =>
        db.Set<ChangeLogEntry>().AsNoTracking().Where(e => e.Kind == ChangeKinds.AnnouncementIssued && e.Sequence > after)
            .OrderBy(e => e.Sequence).Take(100).ToListAsync(ct);

    /// <summary>The versions the entries name, as issued (with their content), by the entries' key "year/quarter/version".</summary>
    public async Task<Dictionary<string, Proto.Announcement>> IssuedAsync(IReadOnlyCollection<ChangeLogEntry> entries, CancellationToken ct)
    {
        var keys = entries.Select(e => e.Key).ToHashSet();
        var years = entries.Select(e => int.Parse(e.Key.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToList();
        return (await Rows.AsNoTracking().Where(a => years.Contains(a.Year)).ToListAsync(ct))
            .Where(a => keys.Contains(Key(a.Year, a.Quarter, a.Version)))
            .ToDictionary(a => Key(a.Year, a.Quarter, a.Version), a => Proto.Announcement.Parser.ParseFrom(a.Content));
    }

    private static string Key(int year, int quarter, int version) => $"{year}/{quarter}/{version}";

    public Task<TResponse> WriteOnceAsync<TResponse>(string operation, string? idempotencyKey, IMessage request, MessageParser<TResponse> parser,
        Func<CancellationToken, Task<TResponse>> write, CancellationToken ct) where TResponse : class, IMessage<TResponse> =>
        db.WriteOnceAsync(operation, idempotencyKey, request, parser, write, ct);
}
