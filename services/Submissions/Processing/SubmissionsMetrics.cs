using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace TuyPhuoc.Submissions.Processing;

/// <summary>What an operator watches: submissions accepted and refused, import speed, overdue reports, change-feed lag per consumer.</summary>
public sealed class SubmissionsMetrics
{
    public const string MeterName = "TuyPhuoc.Submissions";

    private readonly Counter<long> _accepted;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _importRows;
    private readonly Histogram<double> _importRate;
    private readonly ConcurrentDictionary<string, long> _consumerPositions = new();
    private long _latestSequence;
    private IReadOnlyList<(int Year, Timeliness Timeliness, long Count)> _overdue = [];

    public SubmissionsMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _accepted = meter.CreateCounter<long>("tuyphuoc.submissions.accepted", "{value}", "Actuals stored, by origin (interactive or import).");
        _refused = meter.CreateCounter<long>("tuyphuoc.submissions.refused", "{value}", "Actuals refused, by reason.");
        _importRows = meter.CreateCounter<long>("tuyphuoc.submissions.import.rows", "{row}", "Rows stored by bulk imports.");
        _importRate = meter.CreateHistogram<double>("tuyphuoc.submissions.import.rate", "{row}/s", "Rows per second of each stored import batch.");
        meter.CreateObservableGauge("tuyphuoc.submissions.reports.overdue", () => _overdue.Select(o =>
            new Measurement<long>(o.Count, new("year", o.Year), new("timeliness", o.Timeliness == Timeliness.Late ? "late" : "missing"))),
            "{report}", "Monthly reports sent late or missing, per year.");
        meter.CreateObservableGauge("tuyphuoc.submissions.changefeed.unread", () => _consumerPositions.Select(c =>
            new Measurement<long>(Math.Max(0, Interlocked.Read(ref _latestSequence) - c.Value), new KeyValuePair<string, object?>("consumer", c.Key))),
            "{entry}", "Change-log entries not yet streamed to each consumer.");
    }

    public void Accepted(Origin origin, long count = 1) =>
        _accepted.Add(count, Tag(origin));

    public void Refused(DomainException e, Origin origin)
    {
        var reason = e is InvalidInputException invalid && invalid.Violations.Count > 0
            ? "invalid_" + invalid.Violations[0].Field.Split('[')[0]
            : e.Code.ToString();
        _refused.Add(1, new("reason", reason), Tag(origin));
    }

    public void Refused(string reason, Origin origin) => _refused.Add(1, new("reason", reason), Tag(origin));

    private static KeyValuePair<string, object?> Tag(Origin origin) => new("origin", origin == Origin.Import ? "import" : "interactive");

    public void Imported(long rows, TimeSpan elapsed)
    {
        _importRows.Add(rows);
        if (elapsed > TimeSpan.Zero) _importRate.Record(rows / elapsed.TotalSeconds);
    }

    /// <summary>Consumers tracked by name; the names come from callers, so beyond these they share one series.</summary>
    public const int MaxConsumers = 32;
    public const string OtherConsumers = "other";

    /// <summary>The last sequence streamed to a consumer: what it has read.</summary>
    public void ConsumerRead(string consumer, long sequence)
    {
        var known = consumer.Length <= InputBounds.MaxKeyLength && !consumer.Any(char.IsControl)
            && (_consumerPositions.ContainsKey(consumer) || _consumerPositions.Count < MaxConsumers);
        _consumerPositions[known ? consumer : OtherConsumers] = sequence;
    }

    public void LatestSequence(long sequence)
    {
        long current;
        while (sequence > (current = Interlocked.Read(ref _latestSequence)) && Interlocked.CompareExchange(ref _latestSequence, sequence, current) != current) { }
    }

    public void Overdue(IReadOnlyList<(int Year, Timeliness Timeliness, long Count)> overdue) => _overdue = overdue;
}
