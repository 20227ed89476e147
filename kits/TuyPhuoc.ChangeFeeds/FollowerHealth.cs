using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;


namespace TuyPhuoc.ChangeFeeds;

/// <summary>
/// How far each change-stream follower of this process is, for operators: lag in entries and seconds as metrics, and
/// health Degraded while a follower has entries set aside or has not applied anything for a while after a failure.
/// </summary>
public sealed class FollowerHealth : IHealthCheck
{
    public const string MeterName = "TuyPhuoc.Followers", LagName = "tuyphuoc.follower.lag";
    public static readonly TimeSpan StuckAfter = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, State> _feeds = new();
    private readonly TimeProvider _clock;
    private readonly Counter<long> _setAside;
    private readonly Histogram<double> _lag;

    private sealed class State
    {
        public long Received, Applied, SetAside;
        public DateTimeOffset? OldestPending, FailingSince;
        public string? LastError;
    }

    public FollowerHealth(IMeterFactory meters, TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        var meter = meters.Create(MeterName);
        _lag = meter.CreateHistogram<double>(LagName, "s", "From an entry's change at its source to its application here");
        _setAside = meter.CreateCounter<long>("tuyphuoc.follower.set_aside", "{entry}", "Entries set aside because they could not be applied");
        meter.CreateObservableGauge("tuyphuoc.follower.lag.entries", () => Each(s => Math.Max(0, s.Received - s.Applied)), "{entry}",
            "Entries received from the stream and not applied yet");
        meter.CreateObservableGauge("tuyphuoc.follower.lag.seconds", () => Each(s => s.OldestPending is { } t ? (_clock.GetUtcNow() - t).TotalSeconds : 0), "s",
            "Age of the oldest entry received and not applied yet");
        meter.CreateObservableGauge("tuyphuoc.follower.set_aside.current", () => Each(s => Interlocked.Read(ref s.SetAside)), "{entry}",
            "Entries set aside now");
    }

    public void Register(string feed) => _feeds.GetOrAdd(feed, _ => new State());

    public void Received(string feed, long sequence) => Interlocked.Exchange(ref Of(feed).Received, sequence);

    public void Pending(string feed, DateTimeOffset oldest) => Of(feed).OldestPending ??= oldest;

    public void Applied(string feed, long sequence, IEnumerable<DateTimeOffset> occurredAt)
    {
        var now = _clock.GetUtcNow();
        var tag = new KeyValuePair<string, object?>("feed", feed);
        foreach (var at in occurredAt) _lag.Record(Math.Max(0, (now - at).TotalSeconds), tag);
        var state = Of(feed);
        Interlocked.Exchange(ref state.Applied, sequence);
        state.OldestPending = null;
        state.FailingSince = null;
    }

    public void Failed(string feed, Exception e)
    {
        var state = Of(feed);
        state.FailingSince ??= _clock.GetUtcNow();
        state.LastError = InputBounds.Quote(e.Message);
    }

    public void SetAside(string feed, long count, bool added = false)
    {
        Interlocked.Exchange(ref Of(feed).SetAside, count);
        if (added) _setAside.Add(1, new KeyValuePair<string, object?>("feed", feed));
    }

    public bool HasSetAside(string feed) => Interlocked.Read(ref Of(feed).SetAside) > 0;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var now = _clock.GetUtcNow();
        var problems = _feeds
            .Select(f => Interlocked.Read(ref f.Value.SetAside) is > 0 and var n ? $"{f.Key}: {n} entries set aside"
                : f.Value.FailingSince is { } since && now - since > StuckAfter ? $"{f.Key}: stuck since {since:O} ({f.Value.LastError})"
                : null)
            .OfType<string>().Order(StringComparer.Ordinal).ToList();
        return Task.FromResult(problems.Count == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded(string.Join("; ", problems)));
    }

    private State Of(string feed) => _feeds.GetOrAdd(feed, _ => new State());

    private IEnumerable<Measurement<T>> Each<T>(Func<State, T> value) where T : struct =>
        _feeds.Select(f => new Measurement<T>(value(f.Value), new KeyValuePair<string, object?>("feed", f.Key)));
}

/// <summary>Where a follower keeps the entries it set aside: one row per feed and sequence, with the last reason.</summary>
public sealed class SetAsideEntry
{
    public required string Feed { get; set; }
    public long Sequence { get; set; }
    public required string Reason { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset SetAsideAt { get; set; }
    public DateTimeOffset LastTriedAt { get; set; }
}

public static class SetAsideEntries
{
    public static void ConfigureSetAsideEntries(this ModelBuilder model) => model.Entity<SetAsideEntry>(e =>
    {
        e.ToTable("set_aside_entries");
        e.HasKey(x => new { x.Feed, x.Sequence });
        e.Property(x => x.Feed).HasMaxLength(50);
        e.Property(x => x.Reason).HasMaxLength(500);
    });

    public static async Task<int> AddAsync(DbContext db, string feed, long sequence, Exception reason, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var text = $"{reason.GetType().Name}: {InputBounds.Quote(reason.Message)}";
        var row = await db.Set<SetAsideEntry>().FindAsync([feed, sequence], ct);
        if (row is null) db.Set<SetAsideEntry>().Add(row = new SetAsideEntry { Feed = feed, Sequence = sequence, Reason = text, SetAsideAt = now });
        row.Reason = text;
        row.Attempts++;
        row.LastTriedAt = now;
        return await db.SaveChangesAsync(ct);
    }

    public static Task<List<long>> ListAsync(DbContext db, string feed, CancellationToken ct) =>
        db.Set<SetAsideEntry>().AsNoTracking().Where(e => e.Feed == feed).OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync(ct);

    public static Task<int> CountAsync(DbContext db, string feed, CancellationToken ct) =>
        db.Set<SetAsideEntry>().CountAsync(e => e.Feed == feed, ct);

    public static Task<int> ResolveAsync(DbContext db, string feed, long sequence, CancellationToken ct) =>
        db.Set<SetAsideEntry>().Where(e => e.Feed == feed && e.Sequence == sequence).ExecuteDeleteAsync(ct);
}
