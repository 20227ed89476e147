namespace TuyPhuoc.Evaluation.Processing;

/// <summary>
/// Hot read models in Redis under a generation per year: a write bumps the generation after it commits, so a
/// reader never keeps serving a model older than the last commit it could have seen. Redis is only a cache:
/// when it fails or is slow, every read is answered from the database and the failure is logged.
/// </summary>
public sealed class ResultCache(ICacheBackend backend, EvaluationMetrics metrics, ILogger<ResultCache> logger, TimeProvider clock)
{
    public static readonly TimeSpan Ttl = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<int, byte> _pendingInvalidations = new();
    private long _lastWarningTicks;

    public static string GenerationKey(int year) => $"evaluation:v1:{year}:generation";

    public async Task<T> GetOrLoadAsync<T>(int year, string name, MessageParser<T> parser, Func<Task<T>> load) where T : IMessage<T>
    {
        string? key = null;
        try
        {
            var generation = await Guard(backend.GetAsync(GenerationKey(year)));
            key = $"evaluation:v1:{year}:{(generation is null ? "0" : System.Text.Encoding.ASCII.GetString(generation))}:{name}";
            if (await Guard(backend.GetAsync(key)) is { } cached)
            {
                metrics.CacheLookup("hit");
                return parser.ParseFrom(cached);
            }
            metrics.CacheLookup("miss");
        }
        catch (Exception e) when (IsCacheFailure(e))
        {
            metrics.CacheLookup("error");
            Warn(e, "reading");
            return await load();
        }
        var value = await load();
        try
        {
            await Guard(backend.SetAsync(key!, value.ToByteArray(), Ttl));
        }
        catch (Exception e) when (IsCacheFailure(e))
        {
            Warn(e, "filling");
        }
        return value;
    }

    /// <summary>Call after the commit. Years whose invalidation failed are retried with the next call; the TTL bounds the rest.</summary>
    public async Task InvalidateAsync(IEnumerable<int> years)
    {
        foreach (var year in years) _pendingInvalidations[year] = 0;
        foreach (var year in _pendingInvalidations.Keys)
        {
            try
            {
                await Guard(backend.IncrementAsync(GenerationKey(year)));
                _pendingInvalidations.TryRemove(year, out _);
            }
            catch (Exception e) when (IsCacheFailure(e))
            {
                Warn(e, "invalidating");
            }
        }
    }

    public bool HasPendingInvalidations => !_pendingInvalidations.IsEmpty;

    public static bool IsCacheFailure(Exception e) => e is RedisException or TimeoutException;

    private static async Task<T> Guard<T>(Task<T> task) => await task.WaitAsync(Timeout);

    private static async Task Guard(Task task) => await task.WaitAsync(Timeout);

    // One warning per period: with Redis down, every read would otherwise log.
    private void Warn(Exception e, string doing)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastWarningTicks);
        if (now - last < LogEvery.Ticks || Interlocked.CompareExchange(ref _lastWarningTicks, now, last) != last) return;
        logger.LogWarning(e, "Redis failed while {Doing} the read-model cache; answering from the database", doing);
    }
}
