using System.Diagnostics.Metrics;

namespace TuyPhuoc.Notifications.Processing;

/// <summary>Meter "TuyPhuoc.Notifications" (ServiceDefaults exports "TuyPhuoc.*"): mails sent, failed, queued, and their lag.</summary>
public sealed class NotificationsTelemetry
{
    public const string Name = "TuyPhuoc.Notifications";

    private readonly Counter<long> _created, _sent, _failed, _deferred;
    private readonly Histogram<double> _lag;
    private long _queued;

    public NotificationsTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        _created = meter.CreateCounter<long>("tuyphuoc.notifications.created", "{notification}", "Notifications stored in an inbox, by kind");
        _sent = meter.CreateCounter<long>("tuyphuoc.notifications.mail.sent", "{mail}", "Mails the SMTP server accepted");
        _failed = meter.CreateCounter<long>("tuyphuoc.notifications.mail.failed", "{mail}",
            "Mail attempts that failed (outcome=retry: tried again later; outcome=given_up: the address refused or too many attempts)");
        _deferred = meter.CreateCounter<long>("tuyphuoc.notifications.mail.deferred", "{mail}", "Mails held back by the bound per recipient and hour");
        _lag = meter.CreateHistogram<double>("tuyphuoc.notifications.mail.lag", "s", "From a notification's creation to its mail's acceptance by the SMTP server");
        meter.CreateObservableGauge("tuyphuoc.notifications.mail.queued", () => Interlocked.Read(ref _queued), "{mail}", "Mails waiting to be sent or retried");
    }

    public void Created(string kind, int count) => _created.Add(count, new KeyValuePair<string, object?>("kind", kind));
    public void Sent(TimeSpan lag)
    {
        _sent.Add(1);
        _lag.Record(Math.Max(0, lag.TotalSeconds));
    }
    public void Failed(bool givenUp) => _failed.Add(1, new KeyValuePair<string, object?>("outcome", givenUp ? "given_up" : "retry"));
    public void Deferred() => _deferred.Add(1);
    public void Queued(long count) => Interlocked.Exchange(ref _queued, count);
}
