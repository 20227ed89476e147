using System.Text.Json;

namespace TuyPhuoc.Submissions.Data;

/// <summary>The change feed as it is read: the change log, with the revision each actual.revised entry names.</summary>
public sealed class ChangeFeedStore(SubmissionsDbContext db)
{

    /// <summary>What an actual.revised entry keeps: the revision number; its key is the cell's.</summary>
    public static string RevisionData(int revision) => JsonSerializer.Serialize(new RevisionRef(revision));

    internal sealed record RevisionRef(int Revision);

    /// <summary>The next entries after a sequence, with the revision each actual.revised entry names (if asked for).</summary>
    public async Task<(List<ChangeLogEntry> Entries, Dictionary<long, ActualRevision> Revisions)> ChangesAfterAsync(long after, bool withRevisions, CancellationToken ct)
    {
        var entries = await db.ReadAfterAsync(after, 500, ct);
        var revised = withRevisions ? entries.Where(e => e.Kind == ChangeKinds.ActualRevised).ToList() : [];
        var revisions = new Dictionary<long, ActualRevision>();
        if (revised.Count == 0) return (entries, revisions);
        var refs = revised.Select(e => (Entry: e, Cell: e.Key.Split('/'), JsonSerializer.Deserialize<RevisionRef>(e.Data)!.Revision)).ToList();
        var units = refs.Select(r => r.Cell[0]).ToArray();
        var indicators = refs.Select(r => r.Cell[1]).ToArray();
        var years = refs.Select(r => int.Parse(r.Cell[2], CultureInfo.InvariantCulture)).ToArray();
        var months = refs.Select(r => int.Parse(r.Cell[3], CultureInfo.InvariantCulture)).ToArray();
        var numbers = refs.Select(r => r.Revision).ToArray();
        var found = await db.Revisions.FromSql($"""
            SELECT r.* FROM actual_revisions r
            JOIN unnest({units}, {indicators}, {years}, {months}, {numbers}) AS k(u, i, y, m, n)
              ON r."UnitCode" = k.u AND r."IndicatorCode" = k.i AND r."Year" = k.y AND r."Month" = k.m AND r."Revision" = k.n
            """).AsNoTracking().ToListAsync(ct);
        var byKey = found.ToDictionary(r => (r.CellKey, r.Revision));
        foreach (var r in refs)
        {
            if (byKey.TryGetValue((r.Entry.Key, r.Revision), out var revision)) revisions[r.Entry.Sequence!.Value] = revision;
        }
        return (entries, revisions);
    }

    public async Task<long> LatestSequenceAsync(CancellationToken ct) =>
        await db.ChangeLog.MaxAsync(e => (long?)e.Sequence, ct) ?? 0;
}
