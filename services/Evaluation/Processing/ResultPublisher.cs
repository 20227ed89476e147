namespace TuyPhuoc.Evaluation.Processing;

/// <summary>What follows a committed write of results: watchers woken, cached reports dropped, the checkpoint gauge counted again.</summary>
public sealed class ResultPublisher(EvaluationStore store, IPlanSource plans, ResultCache cache, ChangeSignal signal, EvaluationMetrics metrics)
{
    public async Task PublishAsync(int written, IReadOnlyList<int> years, CancellationToken ct)
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

    /// <summary>After what the cached reports show beside the results changed: a report's approval, or last year's actuals.</summary>
    public Task ReportsChangedAsync(IReadOnlyList<int> years) => cache.InvalidateAsync(years);

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

}
