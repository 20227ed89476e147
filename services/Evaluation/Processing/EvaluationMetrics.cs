using System.Diagnostics.Metrics;

namespace TuyPhuoc.Evaluation.Processing;

/// <summary>The evaluation's meter and activity source (ServiceDefaults exports every "TuyPhuoc.*" one).</summary>
public sealed class EvaluationMetrics
{
    public const string Name = "TuyPhuoc.Evaluation";
    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly ConcurrentDictionary<(int Year, int Quarter), int> _belowCheckpoint = new();
    private readonly Histogram<double> _recompute;
    private readonly Counter<long> _cache;
    private long _hits, _lookups;

    public EvaluationMetrics(IMeterFactory? meters = null)
    {
        var meter = meters?.Create(Name) ?? new Meter(Name);
        _recompute = meter.CreateHistogram<double>("evaluation.recompute.duration", "s", "Time to recompute and store the results a batch of changes (or a full recompute) touches.");
        _cache = meter.CreateCounter<long>("evaluation.cache.requests", "{request}", "Read-model cache look-ups by outcome (hit, miss, error).");
        meter.CreateObservableGauge("evaluation.cache.hit_ratio",
            () => Interlocked.Read(ref _lookups) is var n and > 0 ? (double)Interlocked.Read(ref _hits) / n : 0d,
            description: "Share of read-model look-ups answered by Redis since start.");
        meter.CreateObservableGauge("evaluation.below_checkpoint",
            () => _belowCheckpoint.Select(b => new Measurement<int>(b.Value,
                new KeyValuePair<string, object?>("year", b.Key.Year), new KeyValuePair<string, object?>("quarter", b.Key.Quarter))),
            "{indicator}", "District figures below a checkpoint due by the quarter.");
    }

    public void Recomputed(string scope, TimeSpan elapsed) => _recompute.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("scope", scope));

    public void CacheLookup(string outcome)
    {
        Interlocked.Increment(ref _lookups);
        if (outcome == "hit") Interlocked.Increment(ref _hits);
        _cache.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
    }

    public double HitRatio => Interlocked.Read(ref _lookups) is var n and > 0 ? (double)Interlocked.Read(ref _hits) / n : 0;

    public void BelowCheckpoint(int year, int quarter, int count) => _belowCheckpoint[(year, quarter)] = count;
}
