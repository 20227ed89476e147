using System.Diagnostics;
using Google.Protobuf;
using TuyPhuoc.Evaluation.Data;
using TuyPhuoc.Evaluation.Domain;
using TuyPhuoc.Evaluation.Feeds;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.Evaluation.Processing;

public sealed record RecomputeOutcome(int Year, int Results, int Changed, TimeSpan Elapsed);

/// <summary>
/// Applies change-feed entries and full recomputes. Each batch is one transaction: the actuals, the results it
/// touches, their change-log entries and the feed cursor commit together, so a replay after a crash finds the
/// same state and changes nothing (results whose bytes did not change are not written again).
/// </summary>
public sealed class Evaluator(
    EvaluationStore store, IPlanSource plans, EvaluationPolicy policy, ResultCache cache, ChangeSignal signal,
    EvaluationMetrics metrics, TimeProvider clock, ILogger<Evaluator> logger)
{
    public async Task<int> ApplyAsync(string source, IReadOnlyList<FeedEntry> batch, CancellationToken ct)
    {
        if (batch.Count == 0) return 0;
        var started = Stopwatch.GetTimestamp();
        using var activity = StartActivity(source, batch);
        var touched = new Dictionary<ResultKey, (ResultSpec Spec, string? Trace)>();
        int written;
        await using (var transaction = await store.BeginWriteAsync(ct))
        {
            await store.UpsertActualsAsync([.. batch.Where(e => e.Actual is not null).Select(e => e.Actual!)], ct);
            foreach (var entry in batch)
            {
                foreach (var spec in await TouchedAsync(entry, ct)) touched[spec.Key] = (spec, entry.TraceParent);
            }
            written = 0;
            foreach (var year in touched.Values.GroupBy(t => t.Spec.Key.Year))
            {
                written += await ComputeAndWriteAsync(year.Key, [.. year], all: false, ct);
            }
            await store.AdvanceCursorAsync(source, batch[^1].Sequence, ct);
            await transaction.CommitAsync(ct);
        }
        await AfterCommitAsync(written, [.. touched.Keys.Select(k => k.Year).Distinct()], ct);
        metrics.Recomputed("incremental", Stopwatch.GetElapsedTime(started));
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
            changed = await ComputeAndWriteAsync(year, specs, all: true, ct);
            await transaction.CommitAsync(ct);
        }
        await AfterCommitAsync(changed, [year], ct);
        var elapsed = Stopwatch.GetElapsedTime(started);
        metrics.Recomputed("full", elapsed);
        logger.LogInformation("Recomputed {Year}: {Results} results, {Changed} changed in {Elapsed}", year, results, changed, elapsed);
        return new(year, results, changed, elapsed);
    }

    private async Task<IEnumerable<ResultSpec>> TouchedAsync(FeedEntry entry, CancellationToken ct)
    {
        switch (entry.Kind)
        {
            case SubmissionsFeed.ActualRevised when entry.Actual is { } actual:
                return await plans.GetAsync(actual.Year, ct) is { } plan ? ResultPlanner.TouchedBy(plan, actual.UnitCode, actual.IndicatorCode) : [];
            case "plan.created" or "plan.revised" when entry.Year is { } year:
                plans.Invalidate(year);
                if (await plans.GetAsync(year, ct) is not { } revised) return [];
                return entry.IndicatorCodes is { Count: > 0 } codes
                    ? codes.SelectMany(c => ResultPlanner.ForIndicator(revised, c))
                    : ResultPlanner.All(revised);
            case "unit.created" or "unit.closed" or "indicator.created":
                // No result changes until a plan names them; the cached plans must see the new catalog then.
                plans.Invalidate();
                return [];
            default:
                return [];
        }
    }

    /// <summary>
    /// Evaluates the specs from the stored actuals and writes those whose snapshot changed; returns how many.
    /// Each indicator is evaluated on the thread pool as soon as its actuals are read, while the next ones are read.
    /// </summary>
    private async Task<int> ComputeAndWriteAsync(int year, IReadOnlyList<(ResultSpec Spec, string? Trace)> specs, bool all, CancellationToken ct)
    {
        if (specs.Count == 0) return 0;
        var byIndicator = specs.GroupBy(s => s.Spec.Key.IndicatorCode).ToDictionary(g => g.Key, g => g.ToList());
        IReadOnlyCollection<string>? indicators = all ? null : byIndicator.Keys;
        var hashes = await store.HashesAsync(year, indicators, ct);
        var work = new List<Task<List<ComputedResult>>>();
        await foreach (var (indicator, units) in store.ActualsByIndicatorAsync(year, indicators, ct))
        {
            if (byIndicator.Remove(indicator, out var group)) work.Add(Task.Run(() => Changed(group, units, hashes), ct));
        }
        // Indicators nobody reported yet still have results (no data).
        work.AddRange(byIndicator.Values.Select(group => Task.Run(() => Changed(group, [], hashes), ct)));
        var changed = (await Task.WhenAll(work)).SelectMany(c => c).ToList();
        await store.WriteResultsAsync(changed, clock.GetUtcNow(), ct);
        return changed.Count;
    }

    private List<ComputedResult> Changed(List<(ResultSpec Spec, string? Trace)> specs, Dictionary<string, MonthlyActual?[]> units,
        Dictionary<(string Indicator, string Unit), byte[]> hashes)
    {
        var changed = new List<ComputedResult>();
        foreach (var (spec, trace) in specs)
        {
            var input = ResultPlanner.Input(spec, unit => units.GetValueOrDefault(unit), policy);
            var snapshot = Snapshots.From(spec, EvaluationRules.Evaluate(input)).ToByteArray();
            var hash = Snapshots.Hash(snapshot);
            if (!hashes.TryGetValue((spec.Key.IndicatorCode, spec.Key.UnitCode), out var stored) || !stored.AsSpan().SequenceEqual(hash))
            {
                changed.Add(new(spec, snapshot, hash, trace));
            }
        }
        return changed;
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
        var district = (await store.ResultsAsync(year, ct, districtOnly: true)).Select(r => Snapshots.Parse(r.Snapshot)).ToList();
        for (var q = 1; q <= 4; q++)
        {
            metrics.BelowCheckpoint(year, q, district.Select(s => Snapshots.Slice(s, q)).Count(s => s.CheckpointDue && !s.PassesCheckpoints));
        }
    }

    /// <summary>
    /// The batch's work joins the trace of the change that caused it (the usual case: one submission, one batch);
    /// a batch of several changes continues the first one's trace and links the others.
    /// </summary>
    private static Activity? StartActivity(string source, IReadOnlyList<FeedEntry> batch)
    {
        var contexts = batch.Select(e => ActivityContext.TryParse(e.TraceParent, null, out var c) ? c : (ActivityContext?)null).OfType<ActivityContext>().ToList();
        var activity = EvaluationMetrics.ActivitySource.StartActivity(
            $"evaluation.apply {source}", ActivityKind.Consumer, contexts.FirstOrDefault(),
            links: contexts.Skip(1).Select(c => new ActivityLink(c)));
        activity?.SetTag("evaluation.source", source);
        activity?.SetTag("evaluation.entries", batch.Count);
        activity?.SetTag("evaluation.last_sequence", batch[^1].Sequence);
        return activity;
    }
}
