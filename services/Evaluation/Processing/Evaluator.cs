using System.Diagnostics;
using System.Threading.Channels;
using Google.Protobuf;
using TuyPhuoc.Evaluation.Data;
using TuyPhuoc.Evaluation.Domain;
using TuyPhuoc.Evaluation.Feeds;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.Evaluation.Processing;

public sealed record RecomputeOutcome(int Year, int Results, int Changed, TimeSpan Elapsed);

/// <summary>
/// Applies change-feed entries and full recomputes. Each batch is one transaction: the actuals, the district totals,
/// the results it touches, their change-log entries and the feed cursor commit together, so a replay after a crash finds the
/// same state and changes nothing (results whose bytes did not change are not written again).
/// </summary>
public sealed class Evaluator(
    EvaluationStore store, IPlanSource plans, EvaluationPolicy policy, ResultCache cache, ChangeSignal signal,
    EvaluationMetrics metrics, TimeProvider clock, ILogger<Evaluator> logger)
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
            foreach (var year in years)
            {
                written += await ComputeTouchedAsync(year.Key, [.. year], before[year.Key], [.. stored.Where(a => a.Year == year.Key)], ct);
            }
            await store.AdvanceCursorAsync(source, batch[^1].Sequence, ct);
            await transaction.CommitAsync(ct);
        }
        await AfterCommitAsync(written, [.. touched.Keys.Select(k => k.Year).Distinct()], ct);
        metrics.Recomputed("incremental", Stopwatch.GetElapsedTime(started));
        activity?.SetTag("evaluation.results_touched", touched.Count);
        activity?.SetTag("evaluation.results_changed", written);
        return written;
    }

    /// <summary>Every result of a year from the stored actuals and the plan as it is now; the same as the incremental path.</summary>
    public async Task<RecomputeOutcome> RecomputeAsync(int year, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = EvaluationMetrics.ActivitySource.StartActivity("evaluation.recompute");
        activity?.SetTag("evaluation.year", year);
        int changed, results;
        await using (var transaction = await store.BeginWriteAsync(ct))
        {
            plans.Invalidate(year);
            var plan = await plans.GetAsync(year, ct) ?? throw new NotFoundException($"There is no plan for {year}.");
            var specs = ResultPlanner.All(plan).Select(s => (s, Activity.Current?.Id)).ToList();
            results = specs.Count;
            changed = await ComputeAllAsync(year, specs, ct);
            await transaction.CommitAsync(ct);
        }
        await AfterCommitAsync(changed, [year], ct);
        var elapsed = Stopwatch.GetElapsedTime(started);
        metrics.Recomputed("full", elapsed);
        logger.LogInformation("Recomputed {Year}: {Results} results, {Changed} changed in {Elapsed}", year, results, changed, elapsed);
        return new(year, results, changed, elapsed);
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
            case ChangeKinds.UnitCreated or ChangeKinds.UnitClosed or ChangeKinds.IndicatorCreated:
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
        Dictionary<(string Indicator, string Unit), MonthlyActual?[]> cells, IReadOnlyList<ActualChange> stored, CancellationToken ct)
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
            .Select(s => Changed(s.Spec, s.Trace, ResultPlanner.Input(s.Spec, unit => cells.GetValueOrDefault((s.Spec.Key.IndicatorCode, unit)),
                totals.GetValueOrDefault(s.Spec.Key) ?? new MonthlyTotals(), policy), hashes))
            .OfType<ComputedResult>().ToList();
        await store.WriteResultsAsync(changed, clock.GetUtcNow(), ct);
        return changed.Count;
    }

    /// <summary>
    /// Evaluates every result of a year and writes those whose snapshot changed, and every district figure's totals;
    /// returns how many results changed. The actuals and the stored hashes stream on connections of their own, each
    /// indicator is evaluated on the thread pool as soon as its actuals are read, and the transaction's connection
    /// writes the changed results a few thousand at a time meanwhile, so writing overlaps reading.
    /// </summary>
    private async Task<int> ComputeAllAsync(int year, IReadOnlyList<(ResultSpec Spec, string? Trace)> specs, CancellationToken ct)
    {
        var computed = Channel.CreateUnbounded<List<ComputedResult>>(new UnboundedChannelOptions { SingleReader = true });
        var evaluation = EvaluateAllAsync(year, specs, computed.Writer, ct);
        var (written, pending, now) = (0, new List<ComputedResult>(), clock.GetUtcNow());
        await foreach (var changed in computed.Reader.ReadAllAsync(ct))
        {
            pending.AddRange(changed);
            if (pending.Count < WriteChunk) continue;
            await store.WriteResultsAsync(pending, now, ct);
            (written, pending) = (written + pending.Count, []);
        }
        await store.WriteResultsAsync(pending, now, ct);
        await store.WriteDistrictTotalsAsync(year, await evaluation, ct);
        return written + pending.Count;
    }

    private const int WriteChunk = 2_000;

    private async Task<List<(string, byte[], MonthlyTotals)>> EvaluateAllAsync(int year, IReadOnlyList<(ResultSpec Spec, string? Trace)> specs,
        ChannelWriter<List<ComputedResult>> changed, CancellationToken ct)
    {
        try
        {
            var byIndicator = specs.GroupBy(s => s.Spec.Key.IndicatorCode).ToDictionary(g => g.Key, g => g.ToList());
            var hashes = store.HashesAsync(year, ct);
            var work = new List<Task<List<(string, byte[], MonthlyTotals)>>>();
            await foreach (var (indicator, units) in store.ActualsByIndicatorAsync(year, null, ct))
            {
                if (byIndicator.Remove(indicator, out var group)) work.Add(Task.Run(() => EvaluateAsync(group, units), ct));
            }
            // Indicators nobody reported yet still have results (no data).
            work.AddRange(byIndicator.Values.Select(group => Task.Run(() => EvaluateAsync(group, []), ct)));
            var totals = (await Task.WhenAll(work)).SelectMany(t => t).ToList();
            changed.Complete();
            return totals;

            async Task<List<(string, byte[], MonthlyTotals)>> EvaluateAsync(List<(ResultSpec Spec, string? Trace)> group, Dictionary<string, MonthlyActual?[]> units)
            {
                var (results, figures) = Changed(group, units, await hashes);
                changed.TryWrite(results);
                return figures;
            }
        }
        catch (Exception e)
        {
            changed.TryComplete(e);
            throw;
        }
    }

    private (List<ComputedResult>, List<(string, byte[], MonthlyTotals)>) Changed(List<(ResultSpec Spec, string? Trace)> specs,
        Dictionary<string, MonthlyActual?[]> units, Dictionary<(string Indicator, string Unit), byte[]> hashes)
    {
        var changed = new List<ComputedResult>();
        var figures = new List<(string, byte[], MonthlyTotals)>();
        foreach (var (spec, trace) in specs)
        {
            var totals = new MonthlyTotals();
            if (spec.Kind is FigureKind.DistrictRollUp or FigureKind.DistrictMean)
            {
                var aggregate = ResultPlanner.Aggregate(spec);
                totals = MonthlyTotals.Of(aggregate.Units.Select(units.GetValueOrDefault));
                figures.Add((spec.Key.IndicatorCode, aggregate.Fingerprint, totals));
            }
            if (Changed(spec, trace, ResultPlanner.Input(spec, unit => units.GetValueOrDefault(unit), totals, policy), hashes) is { } result) changed.Add(result);
        }
        return (changed, figures);
    }

    /// <summary>The result to store, or null when its stored snapshot is already this one.</summary>
    private static ComputedResult? Changed(ResultSpec spec, string? trace, EvaluationInput input, Dictionary<(string Indicator, string Unit), byte[]> hashes)
    {
        var snapshot = Snapshots.From(spec, EvaluationRules.Evaluate(input)).ToByteArray();
        var hash = Snapshots.Hash(snapshot);
        return hashes.TryGetValue((spec.Key.IndicatorCode, spec.Key.UnitCode), out var stored) && stored.AsSpan().SequenceEqual(hash)
            ? null
            : new(spec, snapshot, hash, trace);
    }

    private async Task AfterCommitAsync(int written, IReadOnlyList<int> years, CancellationToken ct)
    {
        if (written > 0)
        {
            signal.Pulse();
            await cache.InvalidateAsync(years);
            foreach (var year in years) await CountBelowCheckpointAsync(year, ct);
        }
        else if (cache.HasPendingInvalidations)
        {
            await cache.InvalidateAsync([]);
        }
    }

    private async Task CountBelowCheckpointAsync(int year, CancellationToken ct)
    {
        // Through the district's unit (an index) rather than the district_figure flag, which would scan every result of the year.
        if (await plans.GetAsync(year, ct) is not { } plan) return;
        var district = (await store.ResultsAsync(year, ct, unit: plan.DistrictCode, districtOnly: true)).Select(r => Snapshots.Parse(r.Snapshot)).ToList();
        for (var q = 1; q <= 4; q++)
        {
            metrics.BelowCheckpoint(year, q, district.Select(s => Snapshots.Slice(s, q)).Count(s => s.CheckpointDue && !s.PassesCheckpoints));
        }
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
