using System.Threading.Channels;

namespace TuyPhuoc.Evaluation.Processing;

/// <summary>
/// Every result of a year from the stored actuals and the plan as it is now, in one transaction: the same answers as
/// the incremental passes, and the district totals summed afresh.
/// </summary>
public sealed class FullRecompute(EvaluationStore store, IPlanSource plans, PolicyStore policies, ResultPublisher publisher,
    EvaluationMetrics metrics, TimeProvider clock, ILogger<FullRecompute> logger)
{
    public async Task<RecomputeOutcome> RunAsync(int year, CancellationToken ct)
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
            var policy = await policies.InForceAsync(year, ct);
            changed = await ComputeAllAsync(year, specs, policy, ct);
            await policies.MarkAppliedAsync(year, policy.Version, ct);
            await transaction.CommitAsync(ct);
        }
        await publisher.PublishAsync(changed, [year], ct);
        var elapsed = Stopwatch.GetElapsedTime(started);
        metrics.Recomputed("full", elapsed);
        logger.LogInformation("Recomputed {Year}: {Results} results, {Changed} changed in {Elapsed}", year, results, changed, elapsed);
        return new(year, results, changed, elapsed);
    }

    /// <summary>
    /// Evaluates every result of a year and writes those whose snapshot changed, and every district figure's totals;
    /// returns how many results changed. The actuals and the stored hashes stream on connections of their own, each
    /// indicator is evaluated on the thread pool as soon as its actuals are read, and the transaction's connection
    /// writes the changed results a few thousand at a time meanwhile, so writing overlaps reading.
    /// </summary>
    private async Task<int> ComputeAllAsync(int year, IReadOnlyList<(ResultSpec Spec, string? Trace)> specs, EvaluationPolicy policy, CancellationToken ct)
    {
        var computed = Channel.CreateUnbounded<List<ComputedResult>>(new UnboundedChannelOptions { SingleReader = true });
        var evaluation = EvaluateAllAsync(year, specs, policy, computed.Writer, ct);
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
        EvaluationPolicy policy, ChannelWriter<List<ComputedResult>> changed, CancellationToken ct)
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
                var (results, figures) = Changed(group, units, await hashes, policy);
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

    private static (List<ComputedResult>, List<(string, byte[], MonthlyTotals)>) Changed(List<(ResultSpec Spec, string? Trace)> specs,
        Dictionary<string, MonthlyActual?[]> units, Dictionary<(string Indicator, string Unit), byte[]> hashes, EvaluationPolicy policy)
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
            if (ComputedResult.IfChanged(spec, trace, ResultPlanner.Input(spec, unit => units.GetValueOrDefault(unit), totals, policy), hashes) is { } result) changed.Add(result);
        }
        return (changed, figures);
    }

}
