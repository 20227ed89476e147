namespace TuyPhuoc.Evaluation.Data;

/// <summary>The approval of the units' monthly reports, kept from the submissions' feed in plain SQL (inside the passes' transactions).</summary>
public sealed class ReportStates(EvaluationStore store)
{
    /// <summary>Keeps each report's latest step; an older one replayed or arriving late changes nothing.</summary>
    public async Task UpsertAsync(IReadOnlyCollection<ReportChange> changes, CancellationToken ct)
    {
        if (changes.Count == 0) return;
        var latest = changes.GroupBy(c => (c.Year, c.UnitCode, c.Month)).Select(g => g.MaxBy(c => c.Sequence)!).ToList();
        await using var cmd = await store.CommandAsync("""
            INSERT INTO report_states (year, unit_code, month, approved, source_sequence)
            SELECT * FROM unnest(@y, @u, @m, @a, @q)
            ON CONFLICT (year, unit_code, month) DO UPDATE
               SET approved = excluded.approved, source_sequence = excluded.source_sequence
             WHERE report_states.source_sequence < excluded.source_sequence
            """, ct);
        cmd.Parameters.AddWithValue("y", latest.Select(c => c.Year).ToArray());
        cmd.Parameters.AddWithValue("u", latest.Select(c => c.UnitCode).ToArray());
        cmd.Parameters.AddWithValue("m", latest.Select(c => c.Month).ToArray());
        cmd.Parameters.AddWithValue("a", latest.Select(c => c.Approved).ToArray());
        cmd.Parameters.AddWithValue("q", latest.Select(c => c.Sequence).ToArray());
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The approved (unit, month) reports of a year.</summary>
    public async Task<HashSet<(string Unit, int Month)>> ApprovedAsync(int year, CancellationToken ct)
    {
        await using var cmd = await store.CommandAsync("SELECT unit_code, month FROM report_states WHERE year = @y AND approved", ct);
        cmd.Parameters.AddWithValue("y", year);
        var approved = new HashSet<(string, int)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) approved.Add((reader.GetString(0), reader.GetInt32(1)));
        return approved;
    }
}
