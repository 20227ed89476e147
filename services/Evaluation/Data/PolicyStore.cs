using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using TuyPhuoc.Evaluation.Domain;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.Evaluation.Data;

/// <summary>The years' evaluation policies: versions set through the API, read by every pass and recompute.</summary>
public sealed class PolicyStore(EvaluationDbContext db, TimeProvider clock)
{
    private IQueryable<PolicyVersionRow> Versions => db.Set<PolicyVersionRow>();

    /// <summary>The version to judge a year by: the latest set, else the defaults.</summary>
    public async Task<EvaluationPolicy> InForceAsync(int year, CancellationToken ct) => (await GetAsync(year, 0, ct))?.Policy ?? EvaluationPolicy.Default;

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
    public Task MarkAppliedAsync(int year, int version, CancellationToken ct) =>
        Versions.Where(p => p.Year == year && p.Version == version && p.AppliedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.AppliedAt, clock.GetUtcNow()), ct);

    /// <summary>The years whose latest version no recompute has applied yet (one set just before a crash).</summary>
    public Task<List<int>> UnappliedYearsAsync(CancellationToken ct) =>
        Versions.Where(p => p.AppliedAt == null && !Versions.Any(later => later.Year == p.Year && later.Version > p.Version))
            .Select(p => p.Year).ToListAsync(ct);

    private static StoredPolicy ToStored(PolicyVersionRow row) => new(
        row.Year,
        new EvaluationPolicy
        {
            Version = row.Version,
            SurplusOffsets = row.SurplusOffsets,
            AtRiskBand = row.AtRiskBand,
            Checkpoints = [.. row.CheckpointQuarters.Zip(row.CheckpointMinimums, (q, m) => new Checkpoint(q, m))],
        },
        row.Reason, row.RecordedAt, row.RecordedBy);
}
