namespace TuyPhuoc.EmulationScoring.Data;

public static class PendingMarks
{
    public const string AllUnits = "*";

    // A per-year lock id in its own range, apart from the change log's append lock.
    private const long YearLockBase = 0x7363_6f72_0000_0000;

    public static Task LockYearAsync(this EmulationScoringDbContext db, int year, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({YearLockBase + year})", ct);

    /// <summary>Marks units for recomputation; a unit marked again gets a new stamp, so a recomputation running now does not clear it.</summary>
    public static async Task MarkAsync(EmulationScoringDbContext db, int year, IEnumerable<string> unitCodes, string? traceParent, DateTimeOffset at, CancellationToken ct)
    {
        foreach (var unit in unitCodes.Distinct())
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO pending_recomputes ("Year", "UnitCode", "TraceParent", "Stamp", "MarkedAt")
                VALUES ({year}, {unit}, {traceParent}, {Guid.NewGuid()}, {at})
                ON CONFLICT ("Year", "UnitCode") DO UPDATE SET "TraceParent" = EXCLUDED."TraceParent", "Stamp" = EXCLUDED."Stamp", "MarkedAt" = EXCLUDED."MarkedAt"
                """, ct);
        }
    }
}
