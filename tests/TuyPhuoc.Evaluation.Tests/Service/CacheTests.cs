using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using TuyPhuoc.Evaluation.Processing;
using Proto = TuyPhuoc.Contracts.Evaluation.V1;

namespace TuyPhuoc.Evaluation.Tests.Service;

public sealed class CacheTests
{
    private static readonly Proto.QuarterReport FromDatabase = new() { Year = 2024, Quarter = 2 };

    private static (ResultCache Cache, FakeCacheBackend Redis, EvaluationMetrics Metrics) Rig()
    {
        var redis = new FakeCacheBackend();
        var metrics = new EvaluationMetrics();
        return (new ResultCache(redis, metrics, NullLogger<ResultCache>.Instance, TimeProvider.System), redis, metrics);
    }

    private static Func<Task<Proto.QuarterReport>> Load(Action counted) => () =>
    {
        counted();
        return Task.FromResult(FromDatabase.Clone());
    };

    [Fact]
    public async Task GetOrLoad_SecondRead_IsAHit()
    {
        var (cache, _, metrics) = Rig();
        var loads = 0;

        await cache.GetOrLoadAsync(2024, "report", Proto.QuarterReport.Parser, Load(() => loads++));
        var second = await cache.GetOrLoadAsync(2024, "report", Proto.QuarterReport.Parser, Load(() => loads++));

        Assert.Equal(FromDatabase, second);
        Assert.Equal(1, loads);
        Assert.Equal(0.5, metrics.HitRatio);
    }

    [Fact]
    public async Task Invalidate_AfterAWrite_NextReadLoadsAgain()
    {
        var (cache, _, _) = Rig();
        var loads = 0;
        await cache.GetOrLoadAsync(2024, "report", Proto.QuarterReport.Parser, Load(() => loads++));

        await cache.InvalidateAsync([2024]);
        await cache.GetOrLoadAsync(2024, "report", Proto.QuarterReport.Parser, Load(() => loads++));

        Assert.Equal(2, loads);
    }

    [Fact]
    public async Task GetOrLoad_RedisDown_AnswersFromTheDatabase()
    {
        var (cache, redis, metrics) = Rig();
        redis.Failure = new RedisConnectionException(ConnectionFailureType.UnableToConnect, "down");

        var report = await cache.GetOrLoadAsync(2024, "report", Proto.QuarterReport.Parser, Load(() => { }));

        Assert.Equal(FromDatabase, report);
        Assert.Equal(0, metrics.HitRatio);
    }

    [Fact]
    public async Task GetOrLoad_RedisHangs_AnswersFromTheDatabaseWithinTheTimeout()
    {
        var (cache, redis, _) = Rig();
        redis.Delay = TimeSpan.FromSeconds(10);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var report = await cache.GetOrLoadAsync(2024, "report", Proto.QuarterReport.Parser, Load(() => { }));

        Assert.Equal(FromDatabase, report);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task GetOrLoad_RedisFailsOnlyWhenFilling_StillAnswers()
    {
        var (cache, redis, _) = Rig();
        var loads = 0;

        var report = await cache.GetOrLoadAsync(2024, "report", Proto.QuarterReport.Parser, () =>
        {
            loads++;
            redis.Failure = new RedisTimeoutException("slow", CommandStatus.Sent);
            return Task.FromResult(FromDatabase.Clone());
        });

        Assert.Equal(FromDatabase, report);
        Assert.Equal(1, loads);
    }

    [Fact]
    public async Task Invalidate_WhileRedisDown_IsRetriedWithTheNextOne()
    {
        var (cache, redis, _) = Rig();
        var loads = 0;
        await cache.GetOrLoadAsync(2024, "report", Proto.QuarterReport.Parser, Load(() => loads++));
        redis.Failure = new RedisConnectionException(ConnectionFailureType.SocketFailure, "down");
        await cache.InvalidateAsync([2024]);
        Assert.True(cache.HasPendingInvalidations);

        redis.Failure = null;
        await cache.InvalidateAsync([]);
        await cache.GetOrLoadAsync(2024, "report", Proto.QuarterReport.Parser, Load(() => loads++));

        Assert.False(cache.HasPendingInvalidations);
        Assert.Equal(2, loads);
    }

    [Fact]
    public async Task RedisBackend_NoServer_FailsFastAndTheCacheFallsBack()
    {
        // The options the service uses: no abort on a failed connect, commands fail rather than queue.
        await using var redis = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
        {
            EndPoints = { "127.0.0.1:1" },
            AbortOnConnectFail = false,
            BacklogPolicy = BacklogPolicy.FailFast,
            ConnectTimeout = 200,
        });
        var cache = new ResultCache(new RedisCacheBackend(redis), new EvaluationMetrics(), NullLogger<ResultCache>.Instance, TimeProvider.System);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var report = await cache.GetOrLoadAsync(2024, "report", Proto.QuarterReport.Parser, Load(() => { }));
        await cache.InvalidateAsync([2024]);

        Assert.Equal(FromDatabase, report);
        Assert.True(cache.HasPendingInvalidations);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }
}
