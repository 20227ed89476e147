using NpgsqlTypes;

namespace TuyPhuoc.Submissions.Data;

/// <summary>
/// Bulk import of actuals. Rows are validated as they arrive and spooled while every row so far is good; once the last
/// one is in, they are copied into a staging table and stored from there with their change-log entries, in one
/// transaction: a bad row anywhere stores nothing.
/// </summary>
public sealed class ActualsImport(SubmissionsDbContext db, PlanViews plans, DistrictClock clock, ChangeSignal signal, ILogger<ActualsImport> logger)
{
    public const string Operation = "ImportActuals";
    public const int MaxRows = 500_000;
    public const int MaxConcurrent = 4;
    /// <summary>Room for <see cref="MaxRows"/> rows with short notes in one JSON request (ImportActualsBatch over REST).</summary>
    public const long MaxBatchJsonBytes = 128L * 1024 * 1024;

    /// <summary>
    /// Imports keep their checked rows until the last one arrives (in a spool file, and the cells seen in memory), so the
    /// process takes only so many at once, and one caller (a unit, or a person acting for several) one of them.
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
        await using var rows = new ImportSpool();
        var validator = new ImportValidator(caller, clock.Today, ReadYearAsync);
        var received = 0L;
        // Every row is read, checked and spooled before a connection is taken: a slow or idle client holds no database resources.
        await foreach (var chunk in stream.Chunks.WithCancellation(ct))
        {
            if (received + chunk.Count > MaxRows) throw new InvalidInputException("rows", $"at most {MaxRows} rows are accepted in one batch");
            foreach (var row in chunk)
            {
                await validator.CheckAsync(row, ++received, ct);
                // Nothing of a bad batch will be stored; the rest is only checked, to name every bad row.
                if (validator.Good) rows.Add(row);
                else if (rows.Count > 0) rows.Clear();
            }
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
        var plan = await plans.ForActualsAsync(year, clock.Today, null, ct);
        var locked = await db.Reports.AsNoTracking().Where(r => r.Year == year && ActualsSql.LockedStatuses.Contains((int)r.Status))
            .Select(r => new { r.UnitCode, r.Month }).ToListAsync(ct);
        return (plan, locked.Select(r => (r.UnitCode, year, r.Month)).ToHashSet());
    }

    /// <summary>
    /// One transaction on its own connection: the spooled rows copied into a staging table, their months share-locked,
    /// then in one statement numbered after their cells' latest revisions, stored, and given their change-log entries;
    /// the answer under the key. A month approved since validation refuses it all.
    /// </summary>
    private static async Task StoreAsync(string connectionString, ImportSpool rows, ImportOutcome outcome, string recordedBy,
        DateTimeOffset at, string? key, byte[] requestHash, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var create = new NpgsqlCommand(ImportSpool.CreateTable, connection, transaction)) await create.ExecuteNonQueryAsync(ct);
        await rows.CopyToAsync(connection, ct);

        // The batch's months, share-locked: an approval waits for this batch, and a month approved since validation refuses the batch.
        var months = rows.Months;
        HashSet<(string, int, int)> lockedNow;
        await using (var locks = new NpgsqlBatch(connection, transaction) { BatchCommands = { ActualsSql.ShareLock(months), ActualsSql.Locked(months) } })
        await using (var reader = await locks.ExecuteReaderAsync(ct))
        {
            await reader.NextResultAsync(ct);
            lockedNow = await ActualsSql.ReadMonthsAsync(reader, ct);
        }
        if (lockedNow.Count > 0) throw new FailedPreconditionException(ReportWorkflow.LockedMessage(lockedNow));

        // The change log's sequencer gives these entries their feed positions once the batch is committed.
        await using (var store = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                ActualsSql.Command($$"""
                    WITH numbered AS (
                        SELECT s.*, COALESCE((SELECT max(r."Revision") FROM actual_revisions r
                                              WHERE r."UnitCode" = s.u AND r."Year" = s.y AND r."IndicatorCode" = s.i AND r."Month" = s.m), 0) + 1 AS revision
                        FROM {{ImportSpool.Table}} s),
                    stored AS (
                        INSERT INTO actual_revisions ("UnitCode", "Year", "IndicatorCode", "Month", "Revision", "Value", "Note", "Solutions", "RecordedAt", "RecordedBy", "Origin", "BatchId")
                        SELECT u, y, i, m, revision, v, note, solutions, $1, $2, $3, $4 FROM numbered)
                    INSERT INTO change_log ("OccurredAt", "Kind", "Key", "Data", "TraceParent")
                    SELECT $1, $5, u || '/' || i || '/' || y || '/' || m, jsonb_build_object('Revision', revision), $6 FROM numbered
                    """, at, recordedBy, (int)Origin.Import, outcome.BatchId!.Value, ChangeKinds.ActualRevised, Activity.Current?.Id),
            },
        })
        {
            await store.ExecuteNonQueryAsync(ct);
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
