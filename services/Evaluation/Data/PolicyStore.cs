namespace TuyPhuoc.Evaluation.Data;

/// <summary>
/// The years' evaluation policies: versions set through the API, read by every pass and recompute. What runs inside
/// their transactions is plain SQL over the store's connection (the retrying strategy refuses EF queries there).
/// </summary>
public sealed class PolicyStore(EvaluationDbContext db, EvaluationStore store, TimeProvider clock)
{
    private IQueryable<PolicyVersionRow> Versions => db.Set<PolicyVersionRow>();

    /// <summary>The version to judge a year by: the latest set, else the defaults.</summary>
    public async Task<EvaluationPolicy> InForceAsync(int year, CancellationToken ct)
    {
        await using var cmd = await store.CommandAsync("""
            SELECT version, surplus_offsets, at_risk_band, checkpoint_quarters, checkpoint_minimums
            FROM policy_versions WHERE year = @y ORDER BY version DESC LIMIT 1
            """, ct);
        cmd.Parameters.AddWithValue("y", year);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return EvaluationPolicy.Default;
        return Policy(reader.GetInt32(0), reader.GetBoolean(1), reader.GetDecimal(2), reader.GetFieldValue<int[]>(3), reader.GetFieldValue<decimal[]>(4));
    }

    /// <summary>A version of the year's policy (0: the latest, the defaults when none was set); null when that version does not exist.</summary>
    public async Task<StoredPolicy?> GetAsync(int year, int version, CancellationToken ct)
    {
        var query = Versions.AsNoTracking().Where(p => p.Year == year);
        var row = version == 0
            ? await query.OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct)
            : await query.SingleOrDefaultAsync(p => p.Version == version, ct);
        return row is not null ? ToStored(row) : version == 0 ? StoredPolicy.Defaults(year) : null;
    }

    public async Task<List<StoredPolicy>> VersionsAsync(int year, CancellationToken ct) =>
        [.. (await Versions.AsNoTracking().Where(p => p.Year == year).OrderBy(p => p.Version).ToListAsync(ct)).Select(ToStored)];

    /// <summary>Records version N+1 of the year's policy; the caller recomputes the year with it once committed.</summary>
    public async Task<StoredPolicy> AddAsync(int year, EvaluationPolicy policy, string reason, string recordedBy, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtext('evaluation.policy'), {0})", [year], ct);
        var latest = await Versions.Where(p => p.Year == year).MaxAsync(p => (int?)p.Version, ct) ?? 0;
        var row = new PolicyVersionRow
        {
            Year = year,
            Version = latest + 1,
            SurplusOffsets = policy.SurplusOffsets,
            AtRiskBand = policy.AtRiskBand,
            CheckpointQuarters = [.. policy.Checkpoints.Select(c => c.Quarter)],
            CheckpointMinimums = [.. policy.Checkpoints.Select(c => c.MinimumProgress)],
            Reason = reason.Trim(),
            RecordedAt = clock.GetUtcNow(),
            RecordedBy = recordedBy,
        };
        db.Add(row);
        db.Add(ChangeLogEntry.For(ChangeKinds.PolicySet, $"{year}/{row.Version}",
            System.Text.Json.JsonSerializer.Serialize(new { Year = year, row.Version })));
        return ToStored(row);
    }

    /// <summary>Runs a write once per idempotency key: a retry with the same request gets the first answer and stores nothing.</summary>
    public Task<TResponse> WriteOnceAsync<TResponse>(string operation, string? idempotencyKey, IMessage request, MessageParser<TResponse> parser,
        Func<CancellationToken, Task<TResponse>> write, CancellationToken ct) where TResponse : class, IMessage<TResponse> =>
        db.WriteOnceAsync(operation, idempotencyKey, request, parser, write, ct);

    /// <summary>Notes, in the recompute's transaction, that the year's results are now judged by this version.</summary>
    public async Task MarkAppliedAsync(int year, int version, CancellationToken ct)
    {
        await using var cmd = await store.CommandAsync("UPDATE policy_versions SET applied_at = @at WHERE year = @y AND version = @v AND applied_at IS NULL", ct);
        cmd.Parameters.AddWithValue("at", clock.GetUtcNow());
        cmd.Parameters.AddWithValue("y", year);
        cmd.Parameters.AddWithValue("v", version);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The years whose latest version no recompute has applied yet (one set just before a crash).</summary>
    public Task<List<int>> UnappliedYearsAsync(CancellationToken ct) =>
        Versions.Where(p => p.AppliedAt == null && !Versions.Any(later => later.Year == p.Year && later.Version > p.Version))
            .Select(p => p.Year).ToListAsync(ct);

    private static StoredPolicy ToStored(PolicyVersionRow row) => new(
        row.Year, Policy(row.Version, row.SurplusOffsets, row.AtRiskBand, row.CheckpointQuarters, row.CheckpointMinimums),
        row.Reason, row.RecordedAt, row.RecordedBy);

    private static EvaluationPolicy Policy(int version, bool surplusOffsets, decimal atRiskBand, int[] quarters, decimal[] minimums) => new()
    {
        Version = version,
        SurplusOffsets = surplusOffsets,
        AtRiskBand = atRiskBand,
        Checkpoints = [.. quarters.Zip(minimums, (q, m) => new Checkpoint(q, m))],
    };
}
