using System.Data;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace TuyPhuoc.Evaluation.Data;

/// <summary>
/// The evaluation's tables, in plain SQL over the context's connection: the hot paths move thousands of rows
/// (unnest arrays, one round trip each), which EF change tracking would make slow.
/// </summary>
public sealed class EvaluationStore(EvaluationDbContext db)
{
    NpgsqlConnection Connection => (NpgsqlConnection)db.Database.GetDbConnection();

    NpgsqlTransaction? Transaction => db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction;

    /// <summary>A write transaction that serializes every writer of results (the feed consumers and a recompute).</summary>
    public async Task<IDbContextTransaction> BeginWriteAsync(CancellationToken ct)
    {
        var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtext('evaluation.results'))", ct);
        return transaction;
    }

    internal async Task<NpgsqlCommand> CommandAsync(string sql, CancellationToken ct)
    {
        if (Connection.State != ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        return new NpgsqlCommand(sql, Connection, Transaction);
    }

    public Task<long> CursorAsync(string feed, CancellationToken ct) => FeedCursors.ReadAsync(db, feed, ct);

    public Task AdvanceCursorAsync(string feed, long sequence, CancellationToken ct) => FeedCursors.AdvanceAsync(db, feed, sequence, ct);

    /// <summary>
    /// Keeps the latest revision of each month: a value only replaces one set by an earlier source sequence.
    /// Returns the revisions actually stored (a replay or an older revision stores nothing).
    /// </summary>
    public async Task<List<ActualChange>> UpsertActualsAsync(IReadOnlyCollection<ActualChange> actuals, CancellationToken ct)
    {
        var stored = new List<ActualChange>();
        if (actuals.Count == 0) return stored;
        await using var cmd = await CommandAsync("""
            INSERT INTO actuals (year, indicator_code, unit_code, month, value, source_sequence)
            SELECT * FROM unnest(@y, @i, @u, @m, @v, @q)
            ON CONFLICT (year, indicator_code, unit_code, month) DO UPDATE
               SET value = excluded.value, source_sequence = excluded.source_sequence
             WHERE actuals.source_sequence < excluded.source_sequence
            RETURNING unit_code, indicator_code, year, month, value, source_sequence
            """, ct);
        // Within one batch only the latest revision of a cell goes in: a row may be touched once per statement.
        var latest = actuals.GroupBy(a => (a.Year, a.IndicatorCode, a.UnitCode, a.Month)).Select(g => g.MaxBy(a => a.Sequence)!).ToList();
        cmd.Parameters.AddWithValue("y", latest.Select(a => a.Year).ToArray());
        cmd.Parameters.AddWithValue("i", latest.Select(a => a.IndicatorCode).ToArray());
        cmd.Parameters.AddWithValue("u", latest.Select(a => a.UnitCode).ToArray());
        cmd.Parameters.AddWithValue("m", latest.Select(a => a.Month).ToArray());
        cmd.Parameters.AddWithValue("v", latest.Select(a => a.Value).ToArray());
        cmd.Parameters.AddWithValue("q", latest.Select(a => a.Sequence).ToArray());
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            stored.Add(new(reader.GetString("unit_code"), reader.GetString("indicator_code"), reader.GetInt32("year"), reader.GetInt32("month"),
                reader.GetDecimal("value"), reader.GetInt64("source_sequence")));
        }
        return stored;
    }

    /// <summary>The stored totals behind the district figures of the given indicators of a year, with the fingerprint of their units.</summary>
    public async Task<Dictionary<string, (byte[] Units, MonthlyTotals Totals)>> DistrictTotalsAsync(int year, IReadOnlyCollection<string> indicators, CancellationToken ct)
    {
        var result = new Dictionary<string, (byte[], MonthlyTotals)>();
        if (indicators.Count == 0) return result;
        await using var cmd = await CommandAsync("SELECT indicator_code, units_hash, sums, counts FROM district_totals WHERE year = @y AND indicator_code = ANY(@i)", ct);
        cmd.Parameters.AddWithValue("y", year);
        cmd.Parameters.AddWithValue("i", indicators.ToArray());
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result[reader.GetString("indicator_code")] = (reader.GetFieldValue<byte[]>("units_hash"),
                new(reader.GetFieldValue<decimal[]>("sums"), reader.GetFieldValue<int[]>("counts")));
        }
        return result;
    }

    public async Task WriteDistrictTotalsAsync(int year, IReadOnlyCollection<(string Indicator, byte[] Units, MonthlyTotals Totals)> totals, CancellationToken ct)
    {
        if (totals.Count == 0) return;
        if (Connection.State != ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(Connection, Transaction);
        foreach (var (indicator, units, monthly) in totals)
        {
            var cmd = new NpgsqlBatchCommand("""
                INSERT INTO district_totals (year, indicator_code, units_hash, sums, counts) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (year, indicator_code) DO UPDATE SET units_hash = excluded.units_hash, sums = excluded.sums, counts = excluded.counts
                """);
            cmd.Parameters.Add(new() { Value = year });
            cmd.Parameters.Add(new() { Value = indicator });
            cmd.Parameters.Add(new() { Value = units });
            cmd.Parameters.Add(new() { Value = monthly.Sum });
            cmd.Parameters.Add(new() { Value = monthly.Count });
            batch.BatchCommands.Add(cmd);
        }
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The months of every (indicator, unit) of a year, for the given indicators (all when null).</summary>
    public async Task<Dictionary<(string Indicator, string Unit), MonthlyActual?[]>> ActualsAsync(int year, IReadOnlyCollection<string>? indicators, CancellationToken ct)
    {
        var result = new Dictionary<(string, string), MonthlyActual?[]>();
        await foreach (var (indicator, units) in ActualsByIndicatorAsync(year, indicators, ct))
        {
            foreach (var (unit, months) in units) result[(indicator, unit)] = months;
        }
        return result;
    }

    /// <summary>
    /// The same rows one indicator at a time, in key order, so a caller can evaluate an indicator while the next
    /// one is still being read. They stream on a connection of their own, which leaves the caller's transaction free
    /// to write meanwhile; under the write lock nobody else changes actuals, so that connection sees what the
    /// transaction would.
    /// </summary>
    public async IAsyncEnumerable<(string Indicator, Dictionary<string, MonthlyActual?[]> Units)> ActualsByIndicatorAsync(
        int year, IReadOnlyCollection<string>? indicators, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = (NpgsqlConnection)((ICloneable)Connection).Clone();
        await connection.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(
            "SELECT indicator_code, unit_code, month, value, source_sequence FROM actuals WHERE year = @y"
            + (indicators is null ? "" : " AND indicator_code = ANY(@i)")
            + " ORDER BY year, indicator_code, unit_code, month", connection);
        cmd.Parameters.AddWithValue("y", year);
        if (indicators is not null) cmd.Parameters.AddWithValue("i", indicators.ToArray());
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        string? indicator = null, unit = null;
        Dictionary<string, MonthlyActual?[]>? units = null;
        MonthlyActual?[] months = [];
        var column = MonthColumns.Of(reader);
        while (await reader.ReadAsync(ct))
        {
            var rowIndicator = reader.GetString(column.Indicator);
            if (rowIndicator != indicator)
            {
                if (units is not null) yield return (indicator!, units);
                (indicator, units, unit) = (rowIndicator, [], null);
            }
            var rowUnit = reader.GetString(column.Unit);
            if (rowUnit != unit) units![unit = rowUnit] = months = new MonthlyActual?[12];
            column.Read(reader, months);
        }
        if (units is not null) yield return (indicator!, units);
    }

    /// <summary>The months of the given (indicator, unit) cells of a year; cells nobody reported are absent.</summary>
    public async Task<Dictionary<(string Indicator, string Unit), MonthlyActual?[]>> CellsAsync(int year, IReadOnlyCollection<(string Indicator, string Unit)> cells, CancellationToken ct)
    {
        var result = new Dictionary<(string, string), MonthlyActual?[]>();
        if (cells.Count == 0) return result;
        await using var cmd = await CommandAsync("""
            SELECT a.indicator_code, a.unit_code, a.month, a.value, a.source_sequence
              FROM actuals a JOIN unnest(@i, @u) AS k(i, u) ON a.year = @y AND a.indicator_code = k.i AND a.unit_code = k.u
            """, ct);
        cmd.Parameters.AddWithValue("y", year);
        cmd.Parameters.AddWithValue("i", cells.Select(c => c.Indicator).ToArray());
        cmd.Parameters.AddWithValue("u", cells.Select(c => c.Unit).ToArray());
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var column = MonthColumns.Of(reader);
        while (await reader.ReadAsync(ct))
        {
            var key = (reader.GetString(column.Indicator), reader.GetString(column.Unit));
            if (!result.TryGetValue(key, out var months)) result[key] = months = new MonthlyActual?[12];
            column.Read(reader, months);
        }
        return result;
    }

    /// <summary>
    /// Month by month, the sum and count of the actuals of each figure's units, summed by the server: a district
    /// figure over thousands of units then costs one index range of the indicator, not its rows on the wire.
    /// </summary>
    public async Task<Dictionary<ResultKey, MonthlyTotals>> TotalsAsync(IReadOnlyCollection<(ResultKey Figure, IReadOnlyList<string> Units)> figures, CancellationToken ct)
    {
        var result = new Dictionary<ResultKey, MonthlyTotals>();
        if (figures.Count == 0) return result;
        if (Connection.State != ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(Connection, Transaction);
        foreach (var (figure, units) in figures)
        {
            var cmd = new NpgsqlBatchCommand("""
                SELECT month, sum(value) AS sum, count(*)::int AS count FROM actuals
                 WHERE year = $1 AND indicator_code = $2 AND unit_code = ANY($3) AND month BETWEEN 1 AND 12
                 GROUP BY month
                """);
            cmd.Parameters.Add(new() { Value = figure.Year });
            cmd.Parameters.Add(new() { Value = figure.IndicatorCode });
            cmd.Parameters.Add(new() { Value = units.ToArray() });
            batch.BatchCommands.Add(cmd);
        }
        await using var reader = await batch.ExecuteReaderAsync(ct);
        foreach (var (figure, _) in figures)
        {
            var totals = result[figure] = new MonthlyTotals();
            while (await reader.ReadAsync(ct)) totals.Add(reader.GetInt32("month"), reader.GetDecimal("sum"), reader.GetInt32("count"));
            await reader.NextResultAsync(ct);
        }
        return result;
    }

    /// <summary>The stored hashes of the given results of a year.</summary>
    public async Task<Dictionary<(string Indicator, string Unit), byte[]>> HashesAsync(int year, IReadOnlyCollection<ResultKey> keys, CancellationToken ct)
    {
        if (keys.Count == 0) return [];
        await using var cmd = await CommandAsync("""
            SELECT r.indicator_code, r.unit_code, r.hash
              FROM results r JOIN unnest(@i, @u) AS k(i, u) ON r.year = @y AND r.indicator_code = k.i AND r.unit_code = k.u
            """, ct);
        cmd.Parameters.AddWithValue("y", year);
        cmd.Parameters.AddWithValue("i", keys.Select(k => k.IndicatorCode).ToArray());
        cmd.Parameters.AddWithValue("u", keys.Select(k => k.UnitCode).ToArray());
        return await HashesOfAsync(cmd, ct);
    }

    /// <summary>
    /// The stored hashes of every result of a year, read on a connection of their own (as the actuals are, beside
    /// them). Under the write lock nobody else changes results, so that connection sees what the transaction would.
    /// </summary>
    public async Task<Dictionary<(string Indicator, string Unit), byte[]>> HashesAsync(int year, CancellationToken ct)
    {
        await using var connection = (NpgsqlConnection)((ICloneable)Connection).Clone();
        await connection.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT indicator_code, unit_code, hash FROM results WHERE year = @y", connection);
        cmd.Parameters.AddWithValue("y", year);
        return await HashesOfAsync(cmd, ct);
    }

    private static async Task<Dictionary<(string Indicator, string Unit), byte[]>> HashesOfAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var result = new Dictionary<(string, string), byte[]>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var (indicator, unit, hash) = (reader.GetOrdinal("indicator_code"), reader.GetOrdinal("unit_code"), reader.GetOrdinal("hash"));
        while (await reader.ReadAsync(ct)) result[(reader.GetString(indicator), reader.GetString(unit))] = reader.GetFieldValue<byte[]>(hash);
        return result;
    }

    /// <summary>
    /// Stores changed results and one change-log entry each, in the caller's transaction and one statement: the
    /// entries' key and data are built by the server from the same arrays.
    /// </summary>
    public async Task WriteResultsAsync(IReadOnlyList<ComputedResult> results, DateTimeOffset computedAt, CancellationToken ct)
    {
        if (results.Count == 0) return;
        await using var cmd = await CommandAsync("""
            WITH x AS (
                SELECT * FROM unnest(@y, @i, @u, @r, @d, @s, @b, @n, @h, @trace) WITH ORDINALITY AS x(y, i, u, r, d, s, b, n, h, trace, ord)),
            written AS (
                INSERT INTO results (year, indicator_code, unit_code, reporting_unit, district_figure, source, block, snapshot, hash, computed_at)
                SELECT y, i, u, r, d, s, b, n, h, @t FROM x
                ON CONFLICT (year, indicator_code, unit_code) DO UPDATE
                   SET reporting_unit = excluded.reporting_unit, district_figure = excluded.district_figure, source = excluded.source,
                       block = excluded.block, snapshot = excluded.snapshot, hash = excluded.hash, computed_at = excluded.computed_at)
            INSERT INTO change_log ("OccurredAt", "Kind", "Key", "Data", "TraceParent")
            SELECT @t, @k, u || '/' || i || '/' || y, jsonb_build_object('Year', y, 'Indicator', i, 'Unit', u), trace FROM x ORDER BY ord
            """, ct);
        cmd.Parameters.AddWithValue("y", results.Select(r => r.Spec.Key.Year).ToArray());
        cmd.Parameters.AddWithValue("i", results.Select(r => r.Spec.Key.IndicatorCode).ToArray());
        cmd.Parameters.AddWithValue("u", results.Select(r => r.Spec.Key.UnitCode).ToArray());
        cmd.Parameters.AddWithValue("r", results.Select(r => r.Spec.ReportingUnit).ToArray());
        cmd.Parameters.AddWithValue("d", results.Select(r => r.Spec.DistrictFigure).ToArray());
        cmd.Parameters.AddWithValue("s", results.Select(r => Snapshots.SourceName(r.Spec.Indicator.Source)).ToArray());
        cmd.Parameters.AddWithValue("b", results.Select(r => r.Spec.Indicator.Block).ToArray());
        cmd.Parameters.Add(new NpgsqlParameter("n", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = results.Select(r => r.Snapshot).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("h", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = results.Select(r => r.Hash).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("trace", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = results.Select(r => (object?)r.TraceParent ?? DBNull.Value).ToArray() });
        cmd.Parameters.AddWithValue("t", computedAt);
        cmd.Parameters.AddWithValue("k", ChangeKinds.ResultChanged);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public static string ChangeKey(ResultKey key) => $"{key.UnitCode}/{key.IndicatorCode}/{key.Year}";

    public sealed record ChangeData(int Year, string Indicator, string Unit);

    /// <summary>Results of a year; filtered by a unit (its own rows and the district figures it reports), a block or an indicator.</summary>
    public async Task<List<StoredResult>> ResultsAsync(int year, CancellationToken ct, string? unit = null, string? block = null, string? indicator = null, bool districtOnly = false, int? limit = null)
    {
        var sql = $"SELECT {StoredResultColumns} FROM results WHERE year = @y";
        if (unit is not null) sql += " AND (unit_code = @u OR reporting_unit = @u)";
        if (block is not null) sql += " AND block = @b";
        if (indicator is not null) sql += " AND indicator_code = @i";
        if (districtOnly) sql += " AND district_figure";
        await using var cmd = await CommandAsync(sql + (limit is { } n ? $" LIMIT {n}" : " ORDER BY unit_code, indicator_code"), ct);
        cmd.Parameters.AddWithValue("y", year);
        if (unit is not null) cmd.Parameters.AddWithValue("u", unit);
        if (block is not null) cmd.Parameters.AddWithValue("b", block);
        if (indicator is not null) cmd.Parameters.AddWithValue("i", indicator);
        var rows = new List<StoredResult>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(StoredResultOf(reader));
        }
        return rows;
    }

    /// <summary>The current results of the given change-log entries (for WatchResults: a result as it stands now).</summary>
    public async Task<Dictionary<string, StoredResult>> ResultsOfChangesAsync(IEnumerable<ChangeLogEntry> entries, CancellationToken ct)
    {
        var keys = entries.Select(e => JsonSerializer.Deserialize<ChangeData>(e.Data)).OfType<ChangeData>().Distinct().ToList();
        if (keys.Count == 0) return [];
        await using var cmd = await CommandAsync($"""
            SELECT {StoredResultColumns} FROM results r JOIN unnest(@y, @i, @u) AS k(y, i, u) ON r.year = k.y AND r.indicator_code = k.i AND r.unit_code = k.u
            """, ct);
        cmd.Parameters.AddWithValue("y", keys.Select(k => k.Year).ToArray());
        cmd.Parameters.AddWithValue("i", keys.Select(k => k.Indicator).ToArray());
        cmd.Parameters.AddWithValue("u", keys.Select(k => k.Unit).ToArray());
        var found = new Dictionary<string, StoredResult>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var result = StoredResultOf(reader);
            found[ChangeKey(result.Key)] = result;
        }
        return found;
    }

    private const string StoredResultColumns = "year, indicator_code, unit_code, reporting_unit, district_figure, source, block, snapshot, computed_at";

    private static StoredResult StoredResultOf(NpgsqlDataReader reader) => new(
        new(reader.GetInt32("year"), reader.GetString("indicator_code"), reader.GetString("unit_code")), reader.GetString("reporting_unit"),
        reader.GetBoolean("district_figure"), reader.GetString("source"), reader.GetString("block"), reader.GetFieldValue<byte[]>("snapshot"),
        reader.GetFieldValue<DateTimeOffset>("computed_at"));

    /// <summary>Where a month's columns are, looked up by name once per query (the month readers stream millions of rows).</summary>
    private readonly record struct MonthColumns(int Indicator, int Unit, int Month, int Value, int Sequence)
    {
        public static MonthColumns Of(NpgsqlDataReader reader) => new(reader.GetOrdinal("indicator_code"), reader.GetOrdinal("unit_code"),
            reader.GetOrdinal("month"), reader.GetOrdinal("value"), reader.GetOrdinal("source_sequence"));

        public void Read(NpgsqlDataReader reader, MonthlyActual?[] months)
        {
            var month = reader.GetInt32(Month);
            if (month is >= 1 and <= 12) months[month - 1] = new(reader.GetDecimal(Value), reader.GetInt64(Sequence));
        }
    }

    public Task<List<ChangeLogEntry>> ChangesAfterAsync(long after, CancellationToken ct) => db.ReadAfterAsync(after, 500, ct);
}
