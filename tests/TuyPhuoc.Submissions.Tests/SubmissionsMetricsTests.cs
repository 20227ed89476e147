using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using TuyPhuoc.ServiceDefaults;
using TuyPhuoc.Submissions.Domain;
using TuyPhuoc.Submissions.Processing;

namespace TuyPhuoc.Submissions.Tests;

public sealed class SubmissionsMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, long Value, Dictionary<string, object?> Tags)> _measurements = [];

    public SubmissionsMetricsTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == SubmissionsMetrics.MeterName) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            _measurements.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        _listener.Start();
    }

    private SubmissionsMetrics Metrics() => new(_services.GetRequiredService<IMeterFactory>());

    [Fact]
    public void Refused_InvalidInput_CountedByTheFirstField()
    {
        var metrics = Metrics();

        metrics.Accepted(Origin.Interactive);
        metrics.Refused(new InvalidInputException("value", "must be a finite number"), Origin.Interactive);
        metrics.Refused(new PermissionDeniedException("no"), Origin.Import);

        Assert.Contains(_measurements, m => m.Instrument == "tuyphuoc.submissions.accepted" && (string?)m.Tags["origin"] == "interactive");
        Assert.Contains(_measurements, m => m.Instrument == "tuyphuoc.submissions.refused" && (string?)m.Tags["reason"] == "invalid_value");
        Assert.Contains(_measurements, m => m.Instrument == "tuyphuoc.submissions.refused" && (string?)m.Tags["reason"] == "PermissionDenied");
    }

    [Fact]
    public void ChangeFeedUnread_PerConsumer_LatestSequenceMinusLastStreamed()
    {
        var metrics = Metrics();
        metrics.LatestSequence(120);
        metrics.ConsumerRead("evaluation", 100);
        metrics.ConsumerRead("emulationscoring", 120);

        _listener.RecordObservableInstruments();

        var unread = _measurements.Where(m => m.Instrument == "tuyphuoc.submissions.changefeed.unread")
            .ToDictionary(m => (string)m.Tags["consumer"]!, m => m.Value);
        Assert.Equal(20, unread["evaluation"]);
        Assert.Equal(0, unread["emulationscoring"]);
    }

    [Fact]
    public void ReportsOverdue_LateAndMissingPerYear()
    {
        var metrics = Metrics();
        metrics.Overdue([(2024, Timeliness.Late, 5), (2024, Timeliness.Missing, 2)]);

        _listener.RecordObservableInstruments();

        var overdue = _measurements.Where(m => m.Instrument == "tuyphuoc.submissions.reports.overdue")
            .ToDictionary(m => (string)m.Tags["timeliness"]!, m => m.Value);
        Assert.Equal(5, overdue["late"]);
        Assert.Equal(2, overdue["missing"]);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    [Fact]
    public void ConsumerRead_NamesChosenByCallers_TrackedUpToTheBoundThenShared()
    {
        var metrics = Metrics();

        for (var i = 0; i < 1000; i++) metrics.ConsumerRead($"consumer-{i}", i);
        metrics.ConsumerRead(new string('x', 10_000), 5);
        _listener.RecordObservableInstruments();

        var series = _measurements.Where(m => m.Instrument == "tuyphuoc.submissions.changefeed.unread").Select(m => (string?)m.Tags["consumer"]).ToList();
        Assert.Equal(SubmissionsMetrics.MaxConsumers + 1, series.Count);
        Assert.Contains(SubmissionsMetrics.OtherConsumers, series);
    }
}
