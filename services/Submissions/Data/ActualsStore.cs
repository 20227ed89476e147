namespace TuyPhuoc.Submissions.Data;

/// <summary>The stored actuals: every revision of a cell, or the latest of each. They are written by <see cref="SubmissionWriter"/> and <see cref="ActualsImport"/>.</summary>
public sealed class ActualsStore(SubmissionsDbContext db)
{
    public async Task<List<ActualRevision>> RevisionsAsync(string unit, string indicator, int year, int month, CancellationToken ct) =>
        await db.Revisions.AsNoTracking()
            .Where(r => r.UnitCode == unit && r.Year == year && r.IndicatorCode == indicator && r.Month == month)
            .OrderBy(r => r.Revision)
            .ToListAsync(ct);

    /// <summary>The latest revision of each cell of a unit's year, ordered by indicator and month.</summary>
    public async Task<List<ActualRevision>> LatestAsync(string unit, int year, string? indicator, int? month, CancellationToken ct)
    {
        var cells = db.Revisions.AsNoTracking().Where(r => r.UnitCode == unit && r.Year == year);
        if (indicator is not null) cells = cells.Where(r => r.IndicatorCode == indicator);
        if (month is not null) cells = cells.Where(r => r.Month == month);
        var latest = await cells
            .GroupBy(r => new { r.IndicatorCode, r.Month })
            .Select(g => g.OrderByDescending(r => r.Revision).First())
            .ToListAsync(ct);
        return [.. latest.OrderBy(r => r.IndicatorCode, StringComparer.Ordinal).ThenBy(r => r.Month)];
    }
}
