using OpenTelemetry;

namespace TuyPhuoc.EmulationScoring.Processing;

/// <summary>
/// Recomputes the scores of the units marked pending and re-ranks their year, in one transaction under the
/// year's lock. A final year is left as it is; its marks are dropped.
/// </summary>
public sealed class Recomputer(EmulationScoringDbContext db, IScoringInputs inputs, ScoringTelemetry telemetry, DistrictClock clock, ILogger<Recomputer> logger)
{
    private const int MaxMarks = 200;

    /// <returns>How many marks were taken.</returns>
    public async Task<int> RunPendingAsync(CancellationToken ct)
    {
        List<PendingRecompute> marks;
        // Looking for marks every few seconds is not traced; the recomputation of what it finds is.
        using (SuppressInstrumentationScope.Begin()) marks = await db.Pending.AsNoTracking().OrderBy(p => p.MarkedAt).Take(MaxMarks).ToListAsync(ct);
        foreach (var year in marks.GroupBy(m => m.Year))
        {
            await RecomputeAsync(year.Key, year.ToList(), ct);
        }
        return marks.Count;
    }

    private async Task RecomputeAsync(int year, List<PendingRecompute> marks, CancellationToken ct)
    {
        using var activity = StartActivity(year, marks);
        var scheme = await LatestSchemeAsync(year, ct);
        var plan = scheme is null ? null : await inputs.PlanAsync(year, ct);
        if (await db.Years.AsNoTracking().AnyAsync(y => y.Year == year && y.Final, ct) || scheme is null || plan is null)
        {
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await ClearAsync(marks, ct);
                await tx.CommitAsync(ct);
            });
            if (scheme is not null && plan is not null) telemetry.SkippedFinal(marks.Count, year);
            activity?.SetTag("scoring.skipped", scheme is null ? "no_scheme" : plan is null ? "no_plan" : "final");
            return;
        }

        var all = marks.Any(m => m.UnitCode == PendingMarks.AllUnits);
        var marked = all ? plan.Units.Keys.ToList() : marks.Select(m => m.UnitCode).Distinct().ToList();
        var today = clock.Today;
        var computed = new Dictionary<string, (ScoredUnit Unit, IReadOnlyDictionary<int, ScoreBreakdown> Scores)>();
        foreach (var code in marked.Where(plan.Units.ContainsKey))
        {
            var unit = plan.Units[code];
            try
            {
                computed[code] = (unit, await ScoreUnitAsync(scheme, unit, today, ct));
            }
            catch (Exception e) when (e is ArgumentException or ArithmeticException)
            {
                // The plan and the scheme disagree (a weight missing for a newly assigned indicator), or a figure cannot be
                // computed with: keep the unit's last score and go on with the others.
                logger.LogError(e, "Scores of {Unit} for {Year} could not be computed with scheme v{Version}", code, year, scheme.Version);
            }
        }
        var gone = all ? null : marked.Where(c => !plan.Units.ContainsKey(c)).ToList();

        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.LockYearAsync(year, ct);
            var state = await db.Years.SingleOrDefaultAsync(y => y.Year == year, ct);
            if (state is { Final: true })
            {
                // Finalised while we computed: the frozen scores stay.
                await ClearAsync(marks, ct);
                await tx.CommitAsync(ct);
                return;
            }
            if (state is null) db.Years.Add(state = new YearStateRow { Year = year });
            state.RankingRevision++;

            var rows = await db.Scores.Where(s => s.Year == year).ToListAsync(ct);
            var now = clock.Now;
            foreach (var (code, (unit, scores)) in computed)
            {
                foreach (var (quarter, breakdown) in scores)
                {
                    var row = rows.SingleOrDefault(r => r.Quarter == quarter && r.UnitCode == code);
                    if (row is null)
                    {
                        rows.Add(row = new ScoreRow { Year = year, Quarter = quarter, UnitCode = code, Block = unit.Block, Breakdown = [] });
                        db.Scores.Add(row);
                    }
                    row.Block = unit.Block;
                    (row.Total, row.IndicatorPoints, row.Deducted) = (breakdown.Total, breakdown.IndicatorPoints, breakdown.Deducted);
                    (row.SchemeVersion, row.ComputedAt) = (scheme.Version, now);
                    row.Breakdown = breakdown.ToProto(code, unit.Block, year, quarter, scheme.Version, now).ToByteArray();
                }
            }
            var removed = rows.Where(r => all ? !plan.Units.ContainsKey(r.UnitCode) : gone!.Contains(r.UnitCode)).ToList();
            db.Scores.RemoveRange(removed);
            Rank(scheme, rows.Except(removed).ToList());
            await ClearAsync(marks, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            telemetry.Classified(year, rows.Except(removed).Where(r => r.Quarter == 0).GroupBy(r => r.ClassCode).ToDictionary(g => g.Key, g => g.Count()));
        });
        telemetry.Recomputed(computed.Count, year);
        activity?.SetTag("scoring.units", computed.Count);
        logger.LogDebug("Recomputed {Count} unit scores of {Year}", computed.Count, year);
    }

    private async Task<IReadOnlyDictionary<int, ScoreBreakdown>> ScoreUnitAsync(ScoringScheme scheme, ScoredUnit unit, DateOnly today, CancellationToken ct)
    {
        var results = (await db.IndicatorResults.AsNoTracking()
                .Where(r => r.Year == scheme.Year && r.UnitCode == unit.Code).ToListAsync(ct))
            .ToDictionary(r => r.IndicatorCode, r => Eval.IndicatorStatus.Parser.ParseFrom(r.Status));
        var facts = unit.Indicators
            .Select(i => results.TryGetValue(i.Code, out var status) ? status.ToFacts(i) : IndicatorFacts.WithoutResult(i.Code, i.Kind, i.LowerIsBetter))
            .ToList();
        var reports = await inputs.ReportsAsync(unit.Code, scheme.Year, ct);
        IReadOnlyList<EscalationFact> escalations = unit.Block == Blocks.Communes
            ? [] : await inputs.EscalationsAssignedToAsync(unit.Code, scheme.Year, ct);
        var overdueKeyTasks = await inputs.OverdueKeyTasksAsync(unit.Code, scheme.Year, ct);
        return UnitScores.Compute(scheme, facts, reports, escalations, today, overdueKeyTasks);
    }

    private static void Rank(ScoringScheme scheme, IReadOnlyList<ScoreRow> rows)
    {
        foreach (var quarter in rows.GroupBy(r => r.Quarter))
        {
            var byUnit = quarter.ToDictionary(r => r.UnitCode);
            var ranked = Ranking.RankAndClassify(scheme, quarter.Select(r => new UnitTotal(r.UnitCode, r.Block, r.Total, r.IndicatorPoints, r.Deducted,
                Contracts.Scoring.V1.Score.Parser.ParseFrom(r.Breakdown).Scored)).ToList());
            foreach (var r in ranked)
            {
                var row = byUnit[r.UnitCode];
                (row.Rank, row.BlockRank, row.ClassCode, row.ClassName, row.HeldBackByCap) = (r.Rank, r.BlockRank, r.Class.Code, r.Class.Name, r.HeldBackByCap);
            }
        }
    }

    /// <summary>Clears only the marks this run has seen: one set again meanwhile has a new stamp and stays.</summary>
    private async Task ClearAsync(IEnumerable<PendingRecompute> marks, CancellationToken ct)
    {
        foreach (var m in marks)
        {
            await db.Pending.Where(p => p.Year == m.Year && p.UnitCode == m.UnitCode && p.Stamp == m.Stamp).ExecuteDeleteAsync(ct);
        }
    }

    private async Task<ScoringScheme?> LatestSchemeAsync(int year, CancellationToken ct)
    {
        var row = await db.Schemes.AsNoTracking().Where(s => s.Year == year).OrderByDescending(s => s.Version).FirstOrDefaultAsync(ct);
        return row is null ? null : Contracts.Scoring.V1.Scheme.Parser.ParseFrom(row.Definition).ToDomain(row.Version);
    }

    /// <summary>The recomputation joins the trace of the change that caused it; the other causes are linked.</summary>
    private static Activity? StartActivity(int year, IReadOnlyList<PendingRecompute> marks)
    {
        var parents = marks.Select(m => ActivityContext.TryParse(m.TraceParent, null, out var c) ? c : (ActivityContext?)null)
            .OfType<ActivityContext>().ToList();
        var activity = ScoringTelemetry.Source.StartActivity("scoring.recompute", ActivityKind.Internal,
            parents.Count > 0 ? parents[^1] : default, links: parents.SkipLast(1).Select(p => new ActivityLink(p)));
        activity?.SetTag("scoring.year", year);
        activity?.SetTag("scoring.marked_units", string.Join(",", marks.Select(m => m.UnitCode).Take(50)));
        return activity;
    }
}
