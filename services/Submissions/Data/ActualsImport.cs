using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using TuyPhuoc.ServiceDefaults;
using TuyPhuoc.Submissions.Domain;
using TuyPhuoc.Submissions.Plans;

namespace TuyPhuoc.Submissions.Data;

public sealed record ImportRowError(long Row, string Field, string Reason);

/// <summary>What an import did: every row stored under the batch id, or nothing and the errors.</summary>
public sealed record ImportOutcome(long RowsReceived, long RowsStored, IReadOnlyList<ImportRowError> Errors, Guid? BatchId, bool Replayed = false);

/// <summary>
/// Bulk import of actuals: every row is validated first; then all rows go in with one binary COPY into a staging
/// table and one set-based insert that numbers the revisions and writes their change-log entries, in one transaction.
/// </summary>
public sealed class ActualsImport(SubmissionsDbContext db, PlanCache plans, ReportingClock clock, ChangeSignal signal, ILogger<ActualsImport> logger)
{
    public const string Operation = "ImportActuals";
    public const int MaxRows = 500_000;
    /// <summary>Errors beyond this many are summed up in the last one, so the answer stays within message limits.</summary>
    public const int MaxErrors = 10_000;

    public async Task<ImportOutcome> ImportAsync(Caller caller, IReadOnlyList<ActualInput> rows, string? idempotencyKey, byte[] requestHash, CancellationToken ct)
    {
        if (idempotencyKey?.Length > 200) throw new InvalidInputException("batch_idempotency_key", "is longer than 200 characters");
        if (rows.Count == 0) throw new InvalidInputException("rows", "at least one row is required");
        if (rows.Count > MaxRows) throw new InvalidInputException("rows", $"at most {MaxRows} rows are accepted in one batch");
        if (await EarlierAsync(idempotencyKey, requestHash, ct) is { } earlier) return earlier;

        var started = Stopwatch.GetTimestamp();
        var errors = await ValidateAsync(caller, rows, ct);
        var validated = Stopwatch.GetElapsedTime(started);
        if (errors.Count > 0)
        {
            logger.LogInformation("Import of {Rows} rows by {Caller} refused in {ValidateMs:F0} ms: {Errors} bad rows",
                rows.Count, caller.Subject, validated.TotalMilliseconds, errors.Count);
            return new ImportOutcome(rows.Count, 0, Summarize(errors), null);
        }

        var batchId = Guid.CreateVersion7();
        var outcome = new ImportOutcome(rows.Count, rows.Count, [], batchId);
        var strategy = db.Database.CreateExecutionStrategy();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await strategy.ExecuteAsync(async token =>
                {
                    db.ChangeTracker.Clear();
                    await using var transaction = await db.Database.BeginTransactionAsync(token);
                    await StoreAsync(rows, batchId, caller.Subject, token);
                    if (!string.IsNullOrEmpty(idempotencyKey))
                    {
                        db.Set<IdempotencyRecord>().Add(new IdempotencyRecord
                        {
                            Operation = Operation, Key = idempotencyKey, RequestHash = requestHash, Response = Serialize(outcome), CreatedAt = clock.Now,
                        });
                        await db.SaveChangesAsync(token);
                    }
                    await transaction.CommitAsync(token);
                }, ct);
                signal.Pulse();
                logger.LogInformation("Import of {Rows} rows by {Caller} stored as batch {BatchId}: validated in {ValidateMs:F0} ms, stored in {StoreMs:F0} ms",
                    rows.Count, caller.Subject, batchId, validated.TotalMilliseconds, (Stopwatch.GetElapsedTime(started) - validated).TotalMilliseconds);
                return outcome;
            }
            catch (Exception e) when (attempt < 3 && IsUniqueViolation(e))
            {
                // A concurrent write took a revision number of a cell in the batch, or the same key: try again.
                if (await EarlierAsync(idempotencyKey, requestHash, ct) is { } first) return first;
            }
        }
    }

    private async Task<List<ImportRowError>> ValidateAsync(Caller caller, IReadOnlyList<ActualInput> rows, CancellationToken ct)
    {
        var errors = new List<ImportRowError>();
        var today = clock.Today;
        var planOfYear = new Dictionary<int, PlanView?>();
        var firstRowOfCell = new Dictionary<(string, string, int, int), long>();
        var validYears = rows.Select(r => r.Year).Distinct().Where(y => y >= ActualRules.MinYear && y <= today.Year).ToList();
        foreach (var year in validYears) planOfYear[year] = await plans.GetAsync(year, ct);
        var locked = (await db.Reports.AsNoTracking()
                .Where(r => validYears.Contains(r.Year) && r.Status == ReportStatus.Approved)
                .Select(r => new { r.UnitCode, r.Year, r.Month }).ToListAsync(ct))
            .Select(r => (r.UnitCode, r.Year, r.Month)).ToHashSet();

        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var position = i + 1L;
            if (!caller.MayActFor(row.UnitCode))
            {
                throw new PermissionDeniedException($"Row {position}: a reporter of {caller.Unit} may not import values of {row.UnitCode}; nothing was stored.");
            }
            var plan = planOfYear.GetValueOrDefault(row.Year);
            var violations = ActualRules.Check(row, plan, today);
            if (violations.Count == 0 && plan is null) violations.Add(new("year", $"{row.Year} has no plan"));
            foreach (var v in violations) errors.Add(new(position, v.Field, v.Description));
            if (violations.Count > 0) continue;

            if (locked.Contains((row.UnitCode, row.Year, row.Month)))
            {
                errors.Add(new(position, "month", $"the report {Report.KeyOf(row.UnitCode, row.Year, row.Month)} is approved and locked"));
            }
            if (!firstRowOfCell.TryAdd((row.UnitCode, row.IndicatorCode, row.Year, row.Month), position))
            {
                errors.Add(new(position, "indicator_code", $"the same cell is already in row {firstRowOfCell[(row.UnitCode, row.IndicatorCode, row.Year, row.Month)]}"));
            }
        }
        return errors;
    }

    private async Task StoreAsync(IReadOnlyList<ActualInput> rows, Guid batchId, string recordedBy, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.ExecuteSqlRawAsync("""
            CREATE TEMP TABLE import_staging (unit_code text, indicator_code text, year int, month int, value float8, note text) ON COMMIT DROP
            """, ct);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY import_staging (unit_code, indicator_code, year, month, value, note) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var row in rows)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(row.UnitCode, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(row.IndicatorCode, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(row.Year, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(row.Month, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(row.Value, NpgsqlDbType.Double, ct);
                await copy.WriteAsync(row.Note.Trim(), NpgsqlDbType.Text, ct);
            }
            await copy.CompleteAsync(ct);
        }

        // Reports of the batch's months, share-locked: an approval waits for this batch, and a month approved
        // since validation refuses the batch.
        var touched = await db.Database.SqlQueryRaw<ReportState>("""
            SELECT r."UnitCode" || '/' || r."Year" || '/' || r."Month" AS "Key", r."Status" AS "Status"
            FROM reports r JOIN (SELECT DISTINCT unit_code, year, month FROM import_staging) s
              ON r."UnitCode" = s.unit_code AND r."Year" = s.year AND r."Month" = s.month
            FOR SHARE OF r
            """).ToListAsync(ct);
        var lockedNow = touched.Where(r => ReportWorkflow.IsLocked((ReportStatus)r.Status)).Select(r => r.Key).Order(StringComparer.Ordinal).ToList();
        if (lockedNow.Count > 0)
        {
            throw new FailedPreconditionException($"The reports {string.Join(", ", lockedNow)} were approved meanwhile; nothing was stored.");
        }

        await db.LockForAppendAsync(ct);
        var at = clock.Now;
        var traceParent = Activity.Current?.Id;
        await db.Database.ExecuteSqlAsync($"""
            WITH inserted AS (
              INSERT INTO actual_revisions ("UnitCode", "Year", "IndicatorCode", "Month", "Revision", "Value", "Note", "RecordedAt", "RecordedBy", "Origin", "BatchId")
              SELECT s.unit_code, s.year, s.indicator_code, s.month,
                     COALESCE((SELECT max(r."Revision") FROM actual_revisions r
                               WHERE r."UnitCode" = s.unit_code AND r."Year" = s.year AND r."IndicatorCode" = s.indicator_code AND r."Month" = s.month), 0) + 1,
                     s.value, s.note, {at}, {recordedBy}, {(int)Origin.Import}, {batchId}
              FROM import_staging s
              RETURNING "UnitCode", "IndicatorCode", "Year", "Month", "Revision")
            INSERT INTO change_log ("OccurredAt", "Kind", "Key", "Data", "TraceParent")
            SELECT {at}, {SubmissionsStore.RevisedKind}, i."UnitCode" || '/' || i."IndicatorCode" || '/' || i."Year" || '/' || i."Month",
                   jsonb_build_object('Revision', i."Revision"), {traceParent}
            FROM inserted i
            """, ct);
    }

    private async Task<ImportOutcome?> EarlierAsync(string? key, byte[] requestHash, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(key)) return null;
        var found = await db.Set<IdempotencyRecord>().AsNoTracking().SingleOrDefaultAsync(r => r.Operation == Operation && r.Key == key, ct);
        if (found is null) return null;
        if (!found.RequestHash.AsSpan().SequenceEqual(requestHash))
        {
            throw new InvalidInputException("batch_idempotency_key", "was already used for a different batch");
        }
        return Deserialize(found.Response) with { Replayed = true };
    }

    private sealed record ReportState(string Key, int Status);

    private static byte[] Serialize(ImportOutcome outcome) => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(outcome);

    private static ImportOutcome Deserialize(byte[] bytes) => System.Text.Json.JsonSerializer.Deserialize<ImportOutcome>(bytes)!;

    private static bool IsUniqueViolation(Exception e) =>
        (e as PostgresException ?? e.InnerException as PostgresException) is { SqlState: PostgresErrorCodes.UniqueViolation };

    private static List<ImportRowError> Summarize(List<ImportRowError> errors)
    {
        if (errors.Count <= MaxErrors) return errors;
        var shown = errors.Take(MaxErrors - 1).ToList();
        var rest = errors.Skip(MaxErrors - 1).ToList();
        shown.Add(new(rest[0].Row, rest[0].Field, $"{rest[0].Reason}; and {rest.Count - 1} more errors up to row {rest[^1].Row}"));
        return shown;
    }
}
