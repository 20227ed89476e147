using System.Text.Json;

namespace TuyPhuoc.EmulationScoring.Data;

/// <summary>The scoring use cases over the database: schemes, year states, scores and rankings as stored.</summary>
public sealed class ScoringStore(EmulationScoringDbContext db, TimeProvider clock)
{
    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<StoredScheme?> SchemeAsync(int year, int version, CancellationToken ct)
    {
        var query = db.Schemes.AsNoTracking().Where(s => s.Year == year);
        var row = version == 0
            ? await query.OrderByDescending(s => s.Version).FirstOrDefaultAsync(ct)
            : await query.SingleOrDefaultAsync(s => s.Version == version, ct);
        return row is null ? null : ToStored(row);
    }

    public async Task<List<StoredScheme>> SchemeVersionsAsync(int year, CancellationToken ct) =>
        (await db.Schemes.AsNoTracking().Where(s => s.Year == year).OrderBy(s => s.Version).ToListAsync(ct)).Select(ToStored).ToList();

    /// <summary>Records version N+1 of the year's scheme and marks every unit of the year for recomputation.</summary>
    public async Task<StoredScheme> AddSchemeAsync(Proto.Scheme requested, IReadOnlyCollection<string> assignedIndicatorCodes, string recordedBy, CancellationToken ct)
    {
        await LockYearAsync(requested.Year, ct);
        var latest = await db.Schemes.Where(s => s.Year == requested.Year).MaxAsync(s => (int?)s.Version, ct) ?? 0;
        var scheme = requested.ToDomain(latest + 1);
        var violations = SchemeValidator.Validate(scheme, assignedIndicatorCodes);
        if (violations.Count > 0) throw new InvalidInputException(violations.Select(v => v with { Field = "scheme." + v.Field }).ToList());
        if (await db.Years.AsNoTracking().SingleOrDefaultAsync(y => y.Year == scheme.Year, ct) is { Final: true })
            throw new FailedPreconditionException($"The scores of {scheme.Year} are final; reopen the year before changing its scheme.");
        var stored = new StoredScheme(scheme, Now, recordedBy);
        db.Schemes.Add(new SchemeVersionRow
        {
            Year = scheme.Year, Version = scheme.Version, Definition = stored.ToProto().ToByteArray(), RecordedAt = stored.RecordedAt, RecordedBy = recordedBy,
        });
        await MarkAsync(scheme.Year, PendingMarks.AllUnits, ct);
        Log(ChangeKinds.SchemeSet, $"{scheme.Year}/{scheme.Version}", new { scheme.Year, scheme.Version });
        return stored;
    }

    public async Task<YearStatus> YearAsync(int year, CancellationToken ct) =>
        await db.Years.AsNoTracking().SingleOrDefaultAsync(y => y.Year == year, ct) is { } row ? ToStatus(row) : YearStatus.Open(year);

    public async Task<YearStatus> FinalizeAsync(int year, string by, string reason, CancellationToken ct)
    {
        await LockYearAsync(year, ct);
        var row = await YearRowAsync(year, ct);
        var scheme = await db.Schemes.Where(s => s.Year == year).MaxAsync(s => (int?)s.Version, ct) ?? 0;
        if (!await db.Scores.AnyAsync(s => s.Year == year, ct))
            throw new FailedPreconditionException($"There are no scores for {year} yet: nothing to finalise.");
        var state = ToStatus(row).Finalize(by, reason, Now, scheme);
        Apply(row, state, "finalized", ChangeKinds.YearFinalized);
        return state;
    }

    public async Task<YearStatus> ReopenAsync(int year, string by, string reason, CancellationToken ct)
    {
        await LockYearAsync(year, ct);
        var row = await YearRowAsync(year, ct);
        var state = ToStatus(row).Reopen(by, reason, Now);
        Apply(row, state, "reopened", ChangeKinds.YearReopened);
        // Data that came in while the year was final is taken in now.
        await MarkAsync(year, PendingMarks.AllUnits, ct);
        return state;
    }

    public Task<List<YearStateEvent>> YearEventsAsync(int year, CancellationToken ct) =>
        db.YearEvents.AsNoTracking().Where(e => e.Year == year).OrderBy(e => e.Id).ToListAsync(ct);

    public Task<ScoreRow?> ScoreAsync(string unitCode, int year, int quarter, CancellationToken ct) =>
        db.Scores.AsNoTracking().SingleOrDefaultAsync(s => s.Year == year && s.Quarter == quarter && s.UnitCode == unitCode, ct);

    /// <summary>The ranking as stored, in rank order (block rank order for one block).</summary>
    public Task<List<ScoreRow>> RankingAsync(int year, int quarter, string? block, CancellationToken ct)
    {
        var rows = db.Scores.AsNoTracking().Where(s => s.Year == year && s.Quarter == quarter);
        return block is null ? rows.OrderBy(s => s.Rank).ToListAsync(ct) : rows.Where(s => s.Block == block).OrderBy(s => s.BlockRank).ToListAsync(ct);
    }

    public async Task<long> RankingRevisionAsync(int year, CancellationToken ct) =>
        await db.Years.AsNoTracking().Where(y => y.Year == year).Select(y => (long?)y.RankingRevision).SingleOrDefaultAsync(ct) ?? 0;

    /// <summary>Runs a write once per idempotency key: a retry with the same request gets the first answer and stores nothing.</summary>
    public Task<TResponse> WriteAsync<TResponse>(string operation, string? idempotencyKey, IMessage request,
        MessageParser<TResponse> parser, Func<CancellationToken, Task<TResponse>> write, CancellationToken ct)
        where TResponse : class, IMessage<TResponse> =>
        db.WriteOnceAsync(operation, idempotencyKey, request, parser, write, ct);

    /// <summary>Serialises the writers of one year (recomputation, scheme, finalisation) for the rest of the transaction.</summary>
    public Task LockYearAsync(int year, CancellationToken ct) => db.LockYearAsync(year, ct);

    private Task MarkAsync(int year, string unitCode, CancellationToken ct) =>
        PendingMarks.MarkAsync(db, year, [unitCode], System.Diagnostics.Activity.Current?.Id, Now, ct);

    private async Task<YearStateRow> YearRowAsync(int year, CancellationToken ct)
    {
        var row = await db.Years.SingleOrDefaultAsync(y => y.Year == year, ct);
        if (row is null) db.Years.Add(row = new YearStateRow { Year = year });
        return row;
    }

    private void Apply(YearStateRow row, YearStatus state, string action, string kind)
    {
        (row.Final, row.ChangedAt, row.ChangedBy, row.Reason, row.SchemeVersion) = (state.Final, state.ChangedAt, state.ChangedBy, state.Reason, state.SchemeVersion);
        row.RankingRevision++;
        db.YearEvents.Add(new YearStateEvent
        {
            Year = state.Year, Action = action, At = state.ChangedAt!.Value, By = state.ChangedBy, Reason = state.Reason, SchemeVersion = state.SchemeVersion,
        });
        Log(kind, state.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), new { state.Year, state.Reason, state.SchemeVersion });
    }

    private void Log(string kind, string key, object data) => db.ChangeLog.Add(ChangeLogEntry.For(kind, key, JsonSerializer.Serialize(data)));

    private static YearStatus ToStatus(YearStateRow row) => new(row.Year, row.Final, row.ChangedAt, row.ChangedBy, row.Reason, row.SchemeVersion);

    private static StoredScheme ToStored(SchemeVersionRow row)
    {
        var proto = Proto.Scheme.Parser.ParseFrom(row.Definition);
        return new StoredScheme(proto.ToDomain(row.Version), row.RecordedAt, row.RecordedBy);
    }
}
