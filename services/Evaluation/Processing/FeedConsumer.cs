using System.Threading.Channels;
using TuyPhuoc.Evaluation.Data;
using TuyPhuoc.Evaluation.Feeds;

namespace TuyPhuoc.Evaluation.Processing;

/// <summary>
/// Follows one source's change feed from the cursor stored in the evaluation's database. Each pass applies
/// everything received since the last one as one batch, so the cost of a pass is shared by more entries the further
/// the consumer falls behind, and it catches up instead of falling further; any failure (stream, source, database) reconnects from the stored cursor
/// after a growing, jittered pause, so every entry is applied at least once and a replay changes nothing.
/// </summary>
public sealed class FeedConsumer<TFeed>(TFeed feed, IServiceScopeFactory scopes, EvaluationMetrics metrics, TimeProvider clock,
    ILogger<FeedConsumer<TFeed>> logger) : BackgroundService where TFeed : IChangeFeed
{
    public const int MaxBatch = 20_000;
    public static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var backoff = MinBackoff;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await FollowAsync(() => backoff = MinBackoff, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Following the {Source} change feed failed; reconnecting in {Delay}", feed.Source, backoff);
            }
            try
            {
                await Task.Delay(backoff * (0.75 + Random.Shared.NextDouble() / 2), clock, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
        }
    }

    private async Task FollowAsync(Action progressed, CancellationToken ct)
    {
        long cursor;
        await using (var scope = scopes.CreateAsyncScope())
        {
            cursor = await scope.ServiceProvider.GetRequiredService<EvaluationStore>().CursorAsync(feed.Source, ct);
        }
        logger.LogInformation("Following the {Source} change feed after {Sequence}", feed.Source, cursor);
        var channel = Channel.CreateBounded<FeedEntry>(new BoundedChannelOptions(2 * MaxBatch) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pump = PumpAsync(cursor, channel.Writer, stop.Token);
        try
        {
            var batch = new List<FeedEntry>(MaxBatch);
            while (await channel.Reader.WaitToReadAsync(ct))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && channel.Reader.TryRead(out var entry))
                {
                    if (entry.Sequence > cursor) batch.Add(entry);
                }
                if (batch.Count == 0) continue;
                await using (var scope = scopes.CreateAsyncScope())
                {
                    await scope.ServiceProvider.GetRequiredService<Evaluator>().ApplyAsync(feed.Source, batch, ct);
                }
                cursor = batch[^1].Sequence;
                metrics.Processed(feed.Source, cursor, batch.Select(e => e.OccurredAt), clock.GetUtcNow());
                progressed();
            }
        }
        finally
        {
            await stop.CancelAsync();
            await pump;
        }
    }

    private async Task PumpAsync(long after, ChannelWriter<FeedEntry> writer, CancellationToken ct)
    {
        try
        {
            await foreach (var entry in feed.WatchAsync(after, ct))
            {
                metrics.Received(feed.Source, entry.Sequence);
                await writer.WriteAsync(entry, ct);
            }
            writer.TryComplete(new EndOfStreamException($"The {feed.Source} change feed ended."));
        }
        catch (Exception e)
        {
            writer.TryComplete(e);
        }
    }
}
