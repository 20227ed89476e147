namespace TuyPhuoc.Evaluation.Processing;

/// <summary>
/// Follows one source's change feed; each pass applies everything received since the last one (up to
/// <see cref="MaxBatch"/> entries) as one batch, with the cursor, in one transaction.
/// </summary>
public sealed class FeedConsumer<TFeed>(TFeed feed, IServiceScopeFactory scopes, FollowerHealth health, ILogger<FeedConsumer<TFeed>> logger) : ChangeStreamFollower<FeedEntry>(health, logger) where TFeed : IChangeFeed
{
    protected override string Feed => feed.Source;

    protected override int MaxBatch => 20_000;

    protected override IAsyncEnumerable<FeedEntry> WatchAsync(long after, CancellationToken ct) => feed.WatchAsync(after, ct);

    protected override long SequenceOf(FeedEntry entry) => entry.Sequence;

    protected override DateTimeOffset OccurredAtOf(FeedEntry entry) => entry.OccurredAt;

    protected override async Task<T> WithDatabaseAsync<T>(Func<DbContext, Task<T>> work, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<EvaluationDbContext>());
    }

    protected override async Task ApplyAsync(IReadOnlyList<FeedEntry> batch, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IncrementalPass>().ApplyAsync(feed.Source, batch, ct);
    }
}
