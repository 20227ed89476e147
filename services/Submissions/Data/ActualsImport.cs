using System.Diagnostics;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using TuyPhuoc.Submissions.Domain;
using TuyPhuoc.Submissions.Processing;

namespace TuyPhuoc.Submissions.Data;

/// <summary>
/// Bulk import of actuals. Rows are validated as they arrive and kept while every row so far is good; once the last one
/// is in, they go by binary COPY straight into the revisions table, their change-log entries too, in one transaction:
/// a bad row anywhere stores nothing.
/// </summary>
public sealed class ActualsImport(SubmissionsDbContext db, PlanViews plans, DistrictClock clock, ChangeSignal signal, ILogger<ActualsImport> logger)
{
    public const string Operation = "ImportActuals";
    public const int MaxRows = 500_000;
    public const int MaxConcurrent = 4;
    /// <summary>Room for <see cref="MaxRows"/> rows with short notes in one JSON request (ImportActualsBatch over REST).</summary>
    public const long MaxBatchJsonBytes = 128L * 1024 * 1024;

    /// <summary>
    /// Imports hold their rows in memory until the last one arrives, so the process takes only so many at once, and one
    /// caller (a unit, or a person acting for several) one of them.
    /// </summary>
    public static readonly CallerSlots Slots = new("imports", MaxConcurrent, perCaller: 1);

    /// <summary>A client that stops sending, trickles its rows or goes on for too long is let go, with nothing stored.</summary>
    public static readonly StreamPace Pace = new(Idle: TimeSpan.FromSeconds(15), Grace: TimeSpan.FromSeconds(10), MinItemsPerSecond: 20, Total: TimeSpan.FromMinutes(5));

    public async Task<ImportOutcome> ImportAsync(Caller caller, ImportStream stream, CancellationToken ct)
    {
        var key = stream.Key;
        if (await EarlierAsync(key, ct) is not null)
        {
            await foreach (var _ in stream.Chunks.WithCancellation(ct)) { }
            return (await EarlierAsync(key, stream.ContentHash(), ct))!;
        }

        var started = Stopwatch.GetTimestamp();
        var batchId = Guid.CreateVersion7();
        var at = clock.Now;
        var rows = new List<ActualInput>();
        var validator = new ImportValidator(caller, clock.Today, ReadYearAsync);
        var received = 0L;
        // Every row is read and checked before a connection is taken: a slow or idle client holds no database resources.
        await foreach (var chunk in stream.Chunks.WithCancellation(ct))
        {
            if (received + chunk.Count > MaxRows) throw new InvalidInputException("rows", $"at most {MaxRows} rows are accepted in one batch");
            foreach (var row in chunk) await validator.CheckAsync(row, ++received, ct);
            // Nothing of a bad batch will be stored; the rest is only checked, to name every bad row.
            if (validator.Good) rows.AddRange(chunk);
            else rows.Clear();
        }
        var receivedIn = Stopwatch.GetElapsedTime(started);

        if (validator.Denied is { } denied) throw new PermissionDeniedException(denied);
        if (received == 0) throw new InvalidInputException("rows", "at least one row is required");
        if (validator.ErrorCount > 0)
        {
            logger.LogInformation("Import of {Rows} rows by {Caller} refused after {ReceiveMs:F0} ms: {Errors} bad rows",
                received, caller.Subject, receivedIn.TotalMilliseconds, validator.ErrorCount);
            return new ImportOutcome(received, 0, validator.Summary(), null);
        }

        var hash = stream.ContentHash();
        var outcome = new ImportOutcome(rows.Count, rows.Count, [], batchId);
        var connectionString = db.Database.GetConnectionString()!;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StoreAsync(connectionString, rows, outcome, caller.Subject, at, key, hash, ct);
                break;
            }
            catch (Exception e) when (attempt < 3 && ActualsSql.IsRetryable(e))
            {
                // A concurrent write took a revision number or the key: all rows again with fresh numbers, unless the key has its answer.
                if (await EarlierAsync(key, hash, ct) is { } first) return first;
            }
        }
        signal.Pulse();
        logger.LogInformation("Import of {Rows} rows by {Caller} stored as batch {BatchId}: received in {ReceiveMs:F0} ms, written and committed in {CommitMs:F0} ms",
            rows.Count, caller.Subject, batchId, receivedIn.TotalMilliseconds, (Stopwatch.GetElapsedTime(started) - receivedIn).TotalMilliseconds);
        return outcome;
    }

    private async Task<IdempotencyRecord?> EarlierAsync(string? key, CancellationToken ct) =>
        string.IsNullOrEmpty(key) ? null
            : await db.Set<IdempotencyRecord>().AsNoTracking().SingleOrDefaultAsync(r => r.Operation == Operation && r.Key == key, ct);

    private async Task<ImportOutcome?> EarlierAsync(string? key, byte[] requestHash, CancellationToken ct)
    {
        if (await EarlierAsync(key, ct) is not { } found) return null;
        if (!found.RequestHash.AsSpan().SequenceEqual(requestHash))
        {
            throw new InvalidInputException("batch_idempotency_key", "was already used for a different batch");
        }
        return Deserialize(found.Response) with { Replayed = true };
    }

    private static byte[] Serialize(ImportOutcome outcome) => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(outcome);

    private static ImportOutcome Deserialize(byte[] bytes) => System.Text.Json.JsonSerializer.Deserialize<ImportOutcome>(bytes)!;

    private async Task<(PlanView?, IReadOnlySet<(string, int, int)>)> ReadYearAsync(int year, CancellationToken ct)
    {
        var plan = await plans.GetAsync(year, ct);
        var locked = await db.Reports.AsNoTracking().Where(r => r.Year == year && ActualsSql.LockedStatuses.Contains((int)r.Status))
            .Select(r => new { r.UnitCode, r.Month }).ToListAsync(ct);
        return (plan, locked.Select(r => (r.UnitCode, year, r.Month)).ToHashSet());
    }

    /// <summary>
    /// One transaction on its own connection: the rows numbered after their cells' latest revisions (one look-up) and
    /// copied in, their change-log entries, the answer under the key. A month approved since validation refuses it all.
    /// </summary>
    private static async Task StoreAsync(string connectionString, IReadOnlyList<ActualInput> rows, ImportOutcome outcome, string recordedBy,
        DateTimeOffset at, string? key, byte[] requestHash, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var latest = new int[rows.Count];
        await using (var lookup = new NpgsqlBatch(connection, transaction) { BatchCommands = { ActualsSql.Latest(rows) } })
        await using (var reader = await lookup.ExecuteReaderAsync(ct))
        {
            for (var i = 0; await reader.ReadAsync(ct); i++) latest[i] = reader.GetInt32(0);
        }

        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY actual_revisions ("UnitCode", "Year", "IndicatorCode", "Month", "Revision", "Value", "Note", "Solutions", "RecordedAt", "RecordedBy", "Origin", "BatchId")
            FROM STDIN (FORMAT BINARY)
            """, ct))
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(row.UnitCode, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(row.Year, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(row.IndicatorCode, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(row.Month, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(latest[i] + 1, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(row.Value, NpgsqlDbType.Double, ct);
                await copy.WriteAsync(row.Note.Trim(), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(row.Solutions.Trim(), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(at, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(recordedBy, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync((int)Origin.Import, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(outcome.BatchId!.Value, NpgsqlDbType.Uuid, ct);
            }
            await copy.CompleteAsync(ct);
        }

        // The batch's months, share-locked: an approval waits for this batch, and a month approved since validation refuses the batch.
        var months = rows.Select(r => r.ReportMonth).Distinct().ToList();
        HashSet<(string, int, int)> lockedNow;
        await using (var locks = new NpgsqlBatch(connection, transaction) { BatchCommands = { ActualsSql.ShareLock(months), ActualsSql.Locked(months) } })
        await using (var reader = await locks.ExecuteReaderAsync(ct))
        {
            await reader.NextResultAsync(ct);
            lockedNow = await ActualsSql.ReadMonthsAsync(reader, ct);
        }
        if (lockedNow.Count > 0) throw new FailedPreconditionException(ReportWorkflow.LockedMessage(lockedNow));

        // The change log's sequencer gives these entries their feed positions once the batch is committed.
        var traceParent = Activity.Current?.Id;
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY change_log ("OccurredAt", "Kind", "Key", "Data", "TraceParent") FROM STDIN (FORMAT BINARY)
            """, ct))
        {
            for (var i = 0; i < rows.Count; i++)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(at, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(ChangeKinds.ActualRevised, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(ActualRevision.CellKeyOf(rows[i].UnitCode, rows[i].IndicatorCode, rows[i].Year, rows[i].Month), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(ChangeFeedStore.RevisionData(latest[i] + 1), NpgsqlDbType.Jsonb, ct);
                if (traceParent is null) await copy.WriteNullAsync(ct);
                else await copy.WriteAsync(traceParent, NpgsqlDbType.Varchar, ct);
            }
            await copy.CompleteAsync(ct);
        }

        if (key is not null)
        {
            await using var record = new NpgsqlBatch(connection, transaction)
            {
                BatchCommands =
                {
                    ActualsSql.Command("""
                        INSERT INTO idempotency ("Operation", "Key", "RequestHash", "Response", "CreatedAt") VALUES ($1, $2, $3, $4, $5)
                        """, Operation, key, requestHash, Serialize(outcome), at),
                },
            };
            await record.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }
}
