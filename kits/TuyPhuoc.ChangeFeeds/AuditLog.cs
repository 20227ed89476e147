using TuyPhuoc.Contracts.Audit.V1;

namespace TuyPhuoc.ChangeFeeds;

/// <summary>
/// A service's change log read as its audit: who changed what and when, newest first, each entry with what the
/// previous change of the same subject (its key, in the same family of kinds) recorded, so a reader sees before and after.
/// </summary>
public static class AuditLog
{
    public const int MaxPageSize = 200;

    private sealed record Row(long Sequence, DateTimeOffset OccurredAt, string? By, string Kind, string Key, string After, string? Before);

    /// <param name="leftOut">Kinds the service keeps a history of its own for (Submissions' actual.revised: every revision of a cell).</param>
    public static async Task<ListAuditResponse> ListAsync(this DbContext db, ListAuditRequest request, CancellationToken ct, params string[] leftOut)
    {
        if (request.BeforeSequence < 0) throw new InvalidInputException("before_sequence", "must not be negative");
        var size = request.PageSize is > 0 and <= MaxPageSize ? request.PageSize : 50;
        var (by, about, kind) = (request.By.Trim(), request.About.Trim(), request.Kind.Trim());
        var rows = await db.Database.SqlQuery<Row>($"""
            SELECT e."Sequence", e."OccurredAt", e."By", e."Kind", e."Key", e."Data"::text AS "After",
                   (SELECT p."Data"::text FROM change_log p
                     WHERE p."Key" = e."Key" AND split_part(p."Kind", '.', 1) = split_part(e."Kind", '.', 1) AND p."Sequence" < e."Sequence"
                     ORDER BY p."Sequence" DESC LIMIT 1) AS "Before"
            FROM change_log e
            WHERE e."Sequence" IS NOT NULL AND ({request.BeforeSequence} = 0 OR e."Sequence" < {request.BeforeSequence})
              AND NOT (e."Kind" = ANY({leftOut}))
              AND ({by} = '' OR ({by} = 'suite' AND e."By" IS NULL) OR e."By" = {by})
              AND ({about} = '' OR strpos(e."Key", {about}) > 0 OR strpos(e."Data"::text, {about}) > 0)
              AND ({kind} = '' OR starts_with(e."Kind", {kind}))
            ORDER BY e."Sequence" DESC
            LIMIT {size + 1}
            """).ToListAsync(ct);
        return new ListAuditResponse
        {
            Entries =
            {
                rows.Take(size).Select(r => new AuditEntry
                {
                    Sequence = r.Sequence, OccurredAt = r.OccurredAt.ToProto(), By = r.By ?? "", Kind = r.Kind, Key = r.Key, After = r.After, Before = r.Before ?? "",
                }),
            },
            NextBeforeSequence = rows.Count > size ? rows[size - 1].Sequence : 0,
        };
    }
}
