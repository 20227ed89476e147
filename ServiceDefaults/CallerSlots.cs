namespace TuyPhuoc.ServiceDefaults;

/// <summary>
/// A pool of places for work that holds resources while it runs (an import's rows, an open stream), shared by every
/// caller, of which one caller holds at most its share: a caller who opens more waits for its own to end, and the
/// others still get in. Past either bound the call is refused at once with ResourceExhausted.
/// </summary>
public sealed class CallerSlots(string what, int capacity, int perCaller)
{
    private readonly Dictionary<string, int> _held = new(StringComparer.Ordinal);
    private int _total;

    public int Capacity => capacity;
    public int PerCaller => perCaller;

    public IDisposable Take(string caller)
    {
        lock (_held)
        {
            var held = _held.GetValueOrDefault(caller);
            if (held >= perCaller) throw Busy($"This caller has {held} {what} running already, its share; retry when one has ended.");
            if (_total >= capacity) throw Busy($"{capacity} {what} are running already; retry in a moment.");
            _held[caller] = held + 1;
            _total++;
        }
        return new Slot(this, caller);
    }

    private void Release(string caller)
    {
        lock (_held)
        {
            _total--;
            if (--_held[caller] == 0) _held.Remove(caller);
        }
    }

    private static RpcException Busy(string message) => new(new Status(StatusCode.ResourceExhausted, message));

    private sealed class Slot(CallerSlots slots, string caller) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) slots.Release(caller);
        }
    }
}

/// <summary>
/// How long a client stream may keep the server waiting for its next message: never more than the idle bound, and
/// only as long as its average since the first message stays above the minimum rate (after a grace period) and the
/// whole call within its total time. A stream that trickles is let go as surely as one that stops.
/// </summary>
public sealed record StreamPace(TimeSpan Idle, TimeSpan Grace, double MinItemsPerSecond, TimeSpan Total)
{
    /// <summary>The wait allowed for the next message, <paramref name="elapsed"/> after the first, with <paramref name="received"/> items in; with why it ends.</summary>
    public (TimeSpan Wait, string Reason) NextWait(TimeSpan elapsed, long received)
    {
        var pace = Grace + TimeSpan.FromSeconds(received / MinItemsPerSecond) - elapsed;
        var total = Total - elapsed;
        if (Idle <= pace && Idle <= total) return (Idle, $"no message arrived for {Idle.TotalSeconds:0} s");
        return pace <= total
            ? (pace > TimeSpan.Zero ? pace : TimeSpan.Zero, $"it sent {received} rows in {elapsed.TotalSeconds:0} s, slower than {MinItemsPerSecond:0} rows a second")
            : (total > TimeSpan.Zero ? total : TimeSpan.Zero, $"it ran longer than {Total.TotalMinutes:0} minutes");
    }
}
