using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TuyPhuoc.EmulationScoring.Scoring;

/// <summary>Meter and activity source "TuyPhuoc.EmulationScoring" (ServiceDefaults exports "TuyPhuoc.*").</summary>
public sealed class ScoringTelemetry
{
    public const string Name = "TuyPhuoc.EmulationScoring";
    public static readonly ActivitySource Source = new(Name);

    private readonly Counter<long> _recomputations;
    private readonly Histogram<double> _lag;
    private double _lastLagSeconds;
    private (int Year, IReadOnlyDictionary<string, int> Counts) _classes = (0, new Dictionary<string, int>());
    private readonly ConcurrentDictionary<string, long> _cursors = new();

    public ScoringTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        _recomputations = meter.CreateCounter<long>("tuyphuoc.scoring.recomputations", "{unit}",
            "Unit scores recomputed (outcome=computed), or skipped because their year is final (outcome=skipped_final).");
        _lag = meter.CreateHistogram<double>("tuyphuoc.scoring.evaluation_lag", "s",
            "Time from a change of an evaluation result to its arrival in scoring.");
        meter.CreateObservableGauge("tuyphuoc.scoring.evaluation_lag.current", () => Volatile.Read(ref _lastLagSeconds), "s",
            "Lag of the latest evaluation result taken in.");
        meter.CreateObservableGauge("tuyphuoc.scoring.feed_position", () =>
            _cursors.Select(c => new Measurement<long>(c.Value, new KeyValuePair<string, object?>("feed", c.Key))), "{sequence}",
            "Last sequence taken in from each followed stream.");
        meter.CreateObservableGauge("tuyphuoc.scoring.units_by_classification", () =>
        {
            var (year, counts) = _classes;
            return counts.Select(c => new Measurement<int>(c.Value,
                new KeyValuePair<string, object?>("year", year), new KeyValuePair<string, object?>("classification", c.Key)));
        }, "{unit}", "Units per classification of the year's score, for the latest year scored.");
    }

    public void Recomputed(int units, int year) => _recomputations.Add(units, new KeyValuePair<string, object?>("outcome", "computed"), new("year", year));

    public void SkippedFinal(int units, int year) => _recomputations.Add(units, new KeyValuePair<string, object?>("outcome", "skipped_final"), new("year", year));

    public void ResultsTaken(string feed, long sequence, DateTimeOffset occurredAt, DateTimeOffset now)
    {
        _cursors[feed] = sequence;
        if (feed != Feeds.Evaluation) return;
        var lag = Math.Max(0, (now - occurredAt).TotalSeconds);
        Volatile.Write(ref _lastLagSeconds, lag);
        _lag.Record(lag);
    }

    public void Classified(int year, IReadOnlyDictionary<string, int> counts)
    {
        if (year >= _classes.Year) _classes = (year, counts);
    }
}

public static class Feeds
{
    public const string Evaluation = "evaluation.results";
    public const string Submissions = "submissions.changes";
    public const string KeyTasks = "keytasks.changes";
}
