using System.Diagnostics.Metrics;

namespace TuyPhuoc.EmulationScoring.Processing;

/// <summary>Meter and activity source "TuyPhuoc.EmulationScoring" (ServiceDefaults exports "TuyPhuoc.*").</summary>
public sealed class ScoringTelemetry
{
    public const string Name = "TuyPhuoc.EmulationScoring";
    public static readonly ActivitySource Source = new(Name);

    private readonly Counter<long> _recomputations;
    private (int Year, IReadOnlyDictionary<string, int> Counts) _classes = (0, new Dictionary<string, int>());

    public ScoringTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        _recomputations = meter.CreateCounter<long>("tuyphuoc.scoring.recomputations", "{unit}",
            "Unit scores recomputed (outcome=computed), or skipped because their year is final (outcome=skipped_final).");
        meter.CreateObservableGauge("tuyphuoc.scoring.units_by_classification", () =>
        {
            var (year, counts) = _classes;
            return counts.Select(c => new Measurement<int>(c.Value,
                new KeyValuePair<string, object?>("year", year), new KeyValuePair<string, object?>("classification", c.Key)));
        }, "{unit}", "Units per classification of the year's score, for the latest year scored.");
    }

    public void Recomputed(int units, int year) => _recomputations.Add(units, new KeyValuePair<string, object?>("outcome", "computed"), new("year", year));

    public void SkippedFinal(int units, int year) => _recomputations.Add(units, new KeyValuePair<string, object?>("outcome", "skipped_final"), new("year", year));

    public void Classified(int year, IReadOnlyDictionary<string, int> counts)
    {
        if (year >= _classes.Year) _classes = (year, counts);
    }
}
