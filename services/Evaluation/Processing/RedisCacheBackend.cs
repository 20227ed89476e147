namespace TuyPhuoc.Evaluation.Processing;

public sealed class RedisCacheBackend(IConnectionMultiplexer redis) : ICacheBackend
{
    public async Task<byte[]?> GetAsync(string key) => await redis.GetDatabase().StringGetAsync(key) is { IsNull: false } value ? (byte[]?)value : null;

    public Task SetAsync(string key, byte[] value, TimeSpan ttl) => redis.GetDatabase().StringSetAsync(key, value, ttl);

    public Task IncrementAsync(string key) => redis.GetDatabase().StringIncrementAsync(key);
}
