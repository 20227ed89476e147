namespace TuyPhuoc.Submissions.Data;

/// <summary>What interactive submissions and imports share: statements over arrays of cells or months, and when to write again.</summary>
internal static class ActualsSql
{
    /// <summary>The latest revision number of each cell, 0 for a new one, in the given order.</summary>
    public static NpgsqlBatchCommand Latest(IReadOnlyCollection<ActualInput> cells) => Command("""
        SELECT COALESCE((SELECT max(r."Revision") FROM actual_revisions r
                         WHERE r."UnitCode" = k.u AND r."Year" = k.y AND r."IndicatorCode" = k.i AND r."Month" = k.m), 0)
        FROM unnest($1::text[], $2::int[], $3::text[], $4::int[]) WITH ORDINALITY AS k(u, y, i, m, n)
        ORDER BY k.n
        """, cells.Select(c => c.UnitCode).ToArray(), cells.Select(c => c.Year).ToArray(), cells.Select(c => c.IndicatorCode).ToArray(), cells.Select(c => c.Month).ToArray());

    /// <summary>
    /// Share-locks the given months until the transaction ends. Writers take it before they read <see cref="Locked"/>,
    /// an approval takes <see cref="LockMonth"/> exclusively: the two serialize, so nothing is stored in a month after
    /// it was approved, and what was approved is what is evaluated.
    /// </summary>
    public static NpgsqlBatchCommand ShareLock(IReadOnlyCollection<(string Unit, int Year, int Month)> months) => Command("""
        SELECT pg_advisory_xact_lock_shared(hashtextextended(k.u || '/' || k.y || '/' || k.m, 0))
        FROM unnest($1::text[], $2::int[], $3::int[]) AS k(u, y, m)
        """, months.Select(m => m.Unit).ToArray(), months.Select(m => m.Year).ToArray(), months.Select(m => m.Month).ToArray());

    /// <summary>The month's lock ($1 unit, $2 year, $3 month), exclusively: see <see cref="ShareLock"/>.</summary>
    public const string LockMonth = "SELECT pg_advisory_xact_lock(hashtextextended({0} || '/' || {1} || '/' || {2}, 0))";

    /// <summary>The locked ones of the given months; read after <see cref="ShareLock"/>, in a statement of its own.</summary>
    public static NpgsqlBatchCommand Locked(IReadOnlyCollection<(string Unit, int Year, int Month)> months) => Command("""
        SELECT r."UnitCode", r."Year", r."Month" FROM reports r
        JOIN unnest($1::text[], $2::int[], $3::int[]) AS k(u, y, m) ON r."UnitCode" = k.u AND r."Year" = k.y AND r."Month" = k.m
        WHERE r."Status" = ANY($4)
        """, months.Select(m => m.Unit).ToArray(), months.Select(m => m.Year).ToArray(), months.Select(m => m.Month).ToArray(), LockedStatuses);

    /// <summary>The statuses that lock a month, as stored: those of <see cref="ReportWorkflow.IsLocked"/>.</summary>
    public static readonly int[] LockedStatuses = [.. Enum.GetValues<ReportStatus>().Where(ReportWorkflow.IsLocked).Select(s => (int)s)];

    /// <summary>The months of a <see cref="Locked"/> result.</summary>
    public static async Task<HashSet<(string Unit, int Year, int Month)>> ReadMonthsAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        var months = new HashSet<(string, int, int)>();
        while (await reader.ReadAsync(ct)) months.Add((reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2)));
        return months;
    }

    public static NpgsqlBatchCommand Command(string sql, params object?[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in parameters) command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        return command;
    }

    /// <summary>A write that lost a race (a number or key taken, a deadlock) or met a restarting server: worth running again.</summary>
    public static bool IsRetryable(Exception e) =>
        (e as PostgresException ?? e.InnerException as PostgresException) is { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected }
        || e is NpgsqlException { IsTransient: true };
}
