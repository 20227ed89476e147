namespace TuyPhuoc.Evaluation.Processing;

/// <summary>
/// Applies a pass of change-feed entries in one transaction: the actuals, the district totals, the results it touches,
/// their change-log entries and the feed cursor commit together, so a replay after a crash finds the same state and
/// changes nothing (results whose bytes did not change are not written again).
/// </summary>
public sealed class IncrementalPass(EvaluationStore store, IPlanSource plans, PolicyStore policies, ReportStates reports, ResultPublisher publisher,
    EvaluationMetrics metrics, TimeProvider clock)
{
    /// <summary>
    /// Applies a pass of entries, however many: the latest revision of each cell is stored, each result they touch
    /// is recomputed once (a district figure once, however many of its units changed), from one read of the cells
    /// and the district totals, and the changed ones are written with the cursor in one transaction.
    /// </summary>
    public async Task<int> ApplyAsync(string source, IReadOnlyList<FeedEntry> batch, CancellationToken ct)
    {
        if (batch.Count == 0) return 0;
        if (batch.FirstOrDefault(e => e.Unreadable is not null) is { } unreadable)
        {
            throw new InvalidDataException($"Entry {unreadable.Sequence} of {source} cannot be evaluated: {unreadable.Unreadable}.");
        }
        var started = Stopwatch.GetTimestamp();
        using var activity = StartActivity(source, batch);
        Dictionary<ResultKey, (ResultSpec Spec, string? Trace)> touched;
        var written = 0;
        await using (var transaction = await store.BeginWriteAsync(ct))
        {
            touched = await TouchedAsync(batch, ct);
            var actuals = batch.Select(e => e.Actual).OfType<ActualChange>().ToList();
            var years = touched.Values.GroupBy(t => t.Spec.Key.Year).ToList();
            // The cells as they were, for the change each stored revision makes to the district totals.
            var before = new Dictionary<int, Dictionary<(string Indicator, string Unit), MonthlyActual?[]>>();
            foreach (var year in years)
            {
                before[year.Key] = await store.CellsAsync(year.Key, year.SelectMany(t => ResultPlanner.CellUnits(t.Spec).Select(u => (t.Spec.Key.IndicatorCode, u)))
                    .Concat(actuals.Where(a => a.Year == year.Key).Select(a => (a.IndicatorCode, a.UnitCode))).ToHashSet(), ct);
            }
            var stored = await store.UpsertActualsAsync(actuals, ct);
            await reports.UpsertAsync([.. batch.Select(e => e.Report).OfType<ReportChange>()], ct);
            foreach (var year in years)
            {
                written += await ComputeTouchedAsync(year.Key, [.. year], before[year.Key], [.. stored.Where(a => a.Year == year.Key)],
                    await policies.InForceAsync(year.Key, ct), ct);
            }
            await store.AdvanceCursorAsync(source, batch[^1].Sequence, ct);
            await transaction.CommitAsync(ct);
        }
        await publisher.PublishAsync(written, [.. touched.Keys.Select(k => k.Year).Distinct()], ct);
        // A report's approval shows beside its figures, and a year's reports compare with last year's actuals.
        var beside = batch.Select(e => e.Report?.Year).Concat(batch.Select(e => e.Actual?.Year + 1)).OfType<int>().Distinct().ToList();
        if (beside.Count > 0) await publisher.ReportsChangedAsync(beside);
        metrics.Recomputed("incremental", Stopwatch.GetElapsedTime(started));
        activity?.SetTag("evaluation.results_touched", touched.Count);
        activity?.SetTag("evaluation.results_changed", written);
        return written;
    }

    /// <summary>Every result the entries touch, once, with the trace of the last entry that touched it.</summary>
    private async Task<Dictionary<ResultKey, (ResultSpec Spec, string? Trace)>> TouchedAsync(IReadOnlyList<FeedEntry> batch, CancellationToken ct)
    {
        var touched = new Dictionary<ResultKey, (ResultSpec, string?)>();
        var yearPlans = new Dictionary<int, PlanSnapshot?>();
        foreach (var entry in batch)
        {
            foreach (var spec in await TouchedAsync(entry, yearPlans, ct)) touched[spec.Key] = (spec, entry.TraceParent);
        }
        return touched;
    }

    private async Task<IEnumerable<ResultSpec>> TouchedAsync(FeedEntry entry, Dictionary<int, PlanSnapshot?> yearPlans, CancellationToken ct)
    {
        switch (entry.Kind)
        {
            case ChangeKinds.ActualRevised when entry.Actual is { } actual:
                return await PlanAsync(actual.Year) is { } plan ? PlanIndex.Of(plan).TouchedBy(actual.UnitCode, actual.IndicatorCode) : [];
            case ChangeKinds.PlanCreated or ChangeKinds.PlanRevised when entry.Year is { } year:
                plans.Invalidate(year);
                yearPlans.Remove(year);
                if (await PlanAsync(year) is not { } revised) return [];
                return entry.IndicatorCodes is { Count: > 0 } codes
                    ? codes.SelectMany(c => ResultPlanner.ForIndicator(revised, c))
                    : ResultPlanner.All(revised);
            case ChangeKinds.IndicatorUpdated when entry.Year is { } year && entry.IndicatorCodes is { Count: > 0 } updated:
                // Its office or range may change who reports it and how its values read in a year that plans it (one entry a year).
                plans.Invalidate();
                yearPlans.Clear();
                return await PlanAsync(year) is { } planned ? updated.SelectMany(c => ResultPlanner.ForIndicator(planned, c)) : [];
            case ChangeKinds.UnitCreated or ChangeKinds.UnitClosed or ChangeKinds.UnitRenamed or ChangeKinds.IndicatorCreated or ChangeKinds.IndicatorUpdated
                or ChangeKinds.IndicatorRetired:
                // No result changes until a plan names them; the cached plans must see the new catalog then.
                plans.Invalidate();
                yearPlans.Clear();
                return [];
            default:
                return [];
        }

        async Task<PlanSnapshot?> PlanAsync(int year)
        {
            if (!yearPlans.TryGetValue(year, out var plan)) yearPlans[year] = plan = await plans.GetAsync(year, ct);
            return plan;
        }
    }

    /// <summary>
    /// Evaluates the given results of a year from the months of their own cells and the totals of the units their
    /// district figures sum or average, and writes those whose snapshot changed; returns how many. A figure's stored
    /// totals move by what the pass stored; they are summed again from the actuals when missing or when the plan
    /// changed the figure's units, so a district figure never costs a read of all its units' rows.
    /// </summary>
    private async Task<int> ComputeTouchedAsync(int year, IReadOnlyList<(ResultSpec Spec, string? Trace)> specs,
        Dictionary<(string Indicator, string Unit), MonthlyActual?[]> cells, IReadOnlyList<ActualChange> stored, EvaluationPolicy policy, CancellationToken ct)
    {
        var figures = specs.Select(s => s.Spec).Where(s => s.Kind is FigureKind.DistrictRollUp or FigureKind.DistrictMean).ToList();
        var kept = await store.DistrictTotalsAsync(year, [.. figures.Select(f => f.Key.IndicatorCode)], ct);
        var stale = figures.Where(f => !kept.TryGetValue(f.Key.IndicatorCode, out var k) || !k.Units.AsSpan().SequenceEqual(ResultPlanner.Aggregate(f).Fingerprint)).ToList();
        var totals = await store.TotalsAsync([.. stale.Select(f => (f.Key, (IReadOnlyList<string>)[.. ResultPlanner.Aggregate(f).Units]))], ct);
        foreach (var figure in figures.Except(stale))
        {
            var units = ResultPlanner.Aggregate(figure).Units;
            totals[figure.Key] = kept[figure.Key.IndicatorCode].Totals.Apply(stored
                .Where(a => a.IndicatorCode == figure.Key.IndicatorCode && units.Contains(a.UnitCode))
                .Select(a => (a.Month, a.Value, cells.GetValueOrDefault((a.IndicatorCode, a.UnitCode))?[a.Month - 1])));
        }
        await store.WriteDistrictTotalsAsync(year, [.. figures.Select(f => (f.Key.IndicatorCode, ResultPlanner.Aggregate(f).Fingerprint, totals[f.Key]))], ct);
        foreach (var a in stored)
        {
            if (!cells.TryGetValue((a.IndicatorCode, a.UnitCode), out var months)) cells[(a.IndicatorCode, a.UnitCode)] = months = new MonthlyActual?[12];
            months[a.Month - 1] = new(a.Value, a.Sequence);
        }

        var hashes = await store.HashesAsync(year, [.. specs.Select(s => s.Spec.Key)], ct);
        var changed = specs.AsParallel().WithCancellation(ct)
            .Select(s => ComputedResult.IfChanged(s.Spec, s.Trace, ResultPlanner.Input(s.Spec, unit => cells.GetValueOrDefault((s.Spec.Key.IndicatorCode, unit)),
                totals.GetValueOrDefault(s.Spec.Key) ?? new MonthlyTotals(), policy), hashes))
            .OfType<ComputedResult>().ToList();
        await store.WriteResultsAsync(changed, clock.GetUtcNow(), ct);
        return changed.Count;
    }

    /// <summary>
    /// The pass's work joins the trace of the change that caused it (the usual case at a low rate: one submission,
    /// one pass); a pass of several changes continues the first one's trace and links a few of the others, since a
    /// pass may hold thousands.
    /// </summary>
    private static Activity? StartActivity(string source, IReadOnlyList<FeedEntry> batch)
    {
        if (!EvaluationMetrics.ActivitySource.HasListeners()) return null;
        var contexts = batch.Select(e => ActivityContext.TryParse(e.TraceParent, null, out var c) ? c : (ActivityContext?)null)
            .OfType<ActivityContext>().Take(MaxLinks + 1).ToList();
        var activity = EvaluationMetrics.ActivitySource.StartActivity(
            $"evaluation.apply {source}", ActivityKind.Consumer, contexts.FirstOrDefault(),
            links: contexts.Skip(1).Select(c => new ActivityLink(c)));
        activity?.SetTag("evaluation.source", source);
        activity?.SetTag("evaluation.entries", batch.Count);
        activity?.SetTag("evaluation.last_sequence", batch[^1].Sequence);
        return activity;
    }

    private const int MaxLinks = 32;
}
