namespace TuyPhuoc.EmulationScoring.Processing;

/// <summary>Takes in Evaluation's results: the latest result per unit and indicator, then marks the unit.</summary>
public sealed class EvaluationFollower(IServiceScopeFactory scopes, DatabaseReady ready, ChangeSignal recompute, TimeProvider clock,
    FollowerHealth health, ILogger<EvaluationFollower> logger) : StreamFollower<Eval.ResultChange>(scopes, ready, recompute, clock, health, logger)
{
    protected override string Feed => Feeds.Evaluation;

    protected override AsyncServerStreamingCall<Eval.ResultChange> Watch(IServiceProvider services, long after, CancellationToken ct) =>
        services.GetRequiredService<Eval.Evaluation.EvaluationClient>().WatchResults(new Eval.WatchResultsRequest { AfterSequence = after }, cancellationToken: ct);

    /// <summary>The unit that answers for the figure: a district figure counts for the office that reports it.</summary>
    public static string ScoredUnit(Eval.ResultChange c) =>
        c.Status is { ReportingUnitCode: { Length: > 0 } reporting } ? reporting : c.UnitCode;

    protected override async Task TakeAsync(EmulationScoringDbContext db, IReadOnlyList<Eval.ResultChange> batch, ISet<int> finalYears, DateTimeOffset now, CancellationToken ct)
    {
        // Kept even for a final year: reopening it scores the data as it stands. One statement for the batch, the latest of each result.
        var latest = batch.Where(c => c.Status is not null && c.UnitCode != "" && c.IndicatorCode != "")
            .GroupBy(c => (c.Year, Unit: ScoredUnit(c), c.IndicatorCode)).Select(g => g.MaxBy(c => c.Sequence)!).ToList();
        if (latest.Count > 0)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO indicator_results ("Year", "UnitCode", "IndicatorCode", "Sequence", "Status")
                SELECT * FROM unnest({latest.Select(c => c.Year).ToArray()}, {latest.Select(ScoredUnit).ToArray()},
                    {latest.Select(c => c.IndicatorCode).ToArray()}, {latest.Select(c => c.Sequence).ToArray()}, {latest.Select(c => c.Status.ToByteArray()).ToArray()})
                ON CONFLICT ("Year", "UnitCode", "IndicatorCode") DO UPDATE SET "Sequence" = EXCLUDED."Sequence", "Status" = EXCLUDED."Status"
                WHERE indicator_results."Sequence" < EXCLUDED."Sequence"
                """, ct);
        }
        await MarkAsync(db, batch.Select(c => (c.Year, ScoredUnit(c), c.TraceParent)), finalYears, now, ct);
    }
}
