
namespace TuyPhuoc.Evaluation.Processing;

/// <summary>The few Redis operations the read-model cache uses; a seam for tests.</summary>
public interface ICacheBackend
{
    Task<byte[]?> GetAsync(string key);
    Task SetAsync(string key, byte[] value, TimeSpan ttl);
    Task IncrementAsync(string key);
}
