using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TuyPhuoc.ServiceDefaults;

/// <summary>
/// Follows another service's change stream from a cursor kept in this service's database. Entries are taken in
/// batches of whatever arrived since the last one, so a follower that falls behind shares each batch's cost among
/// more entries and catches up; each batch is applied together with its cursor in one transaction, so delivery is
/// at-least-once and a replay changes nothing. Any failure (stream, source, database) reconnects from the stored
/// cursor after a growing, jittered pause.
/// </summary>
public abstract class ChangeStreamFollower<TEntry>(ILogger logger) : BackgroundService where TEntry : class
{
    public static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    /// <summary>The name of the stream, and of its cursor.</summary>
    protected abstract string Feed { get; }

    protected virtual int MaxBatch => 500;

    /// <summary>How long a batch smaller than <see cref="MaxBatch"/> waits for more before it is applied.</summary>
    protected virtual TimeSpan Linger => TimeSpan.Zero;

    protected virtual Task ReadyAsync(CancellationToken ct) => Task.CompletedTask;

    protected abstract Task<long> CursorAsync(CancellationToken ct);

    protected abstract IAsyncEnumerable<TEntry> WatchAsync(long after, CancellationToken ct);

    protected abstract long SequenceOf(TEntry entry);

    /// <summary>Applies entries after the cursor and stores the last one's sequence as the cursor, in one transaction.</summary>
    protected abstract Task ApplyAsync(IReadOnlyList<TEntry> batch, CancellationToken ct);

    protected virtual void Received(TEntry entry) { }

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        await ReadyAsync(ct);
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
                logger.LogWarning(e, "Following the {Feed} change stream failed; resuming from the stored cursor in {Delay}", Feed, backoff);
            }
            try
            {
                await Task.Delay(backoff * (0.75 + Random.Shared.NextDouble() / 2), ct);
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
        var cursor = await CursorAsync(ct);
        logger.LogInformation("Following the {Feed} change stream after {Sequence}", Feed, cursor);
        var channel = Channel.CreateBounded<TEntry>(new BoundedChannelOptions(2 * MaxBatch) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pump = PumpAsync(cursor, channel.Writer, stop.Token);
        try
        {
            var batch = new List<TEntry>(MaxBatch);
            while (await channel.Reader.WaitToReadAsync(ct))
            {
                if (Linger > TimeSpan.Zero && channel.Reader.Count < MaxBatch) await Task.Delay(Linger, ct);
                batch.Clear();
                while (batch.Count < MaxBatch && channel.Reader.TryRead(out var entry))
                {
                    // A replay from an older cursor is harmless, but there is no need to take it again.
                    if (SequenceOf(entry) > cursor) batch.Add(entry);
                }
                if (batch.Count == 0) continue;
                await ApplyAsync(batch, ct);
                cursor = SequenceOf(batch[^1]);
                progressed();
            }
        }
        finally
        {
            await stop.CancelAsync();
            await pump;
        }
    }

    private async Task PumpAsync(long after, ChannelWriter<TEntry> writer, CancellationToken ct)
    {
        try
        {
            await foreach (var entry in WatchAsync(after, ct))
            {
                Received(entry);
                await writer.WriteAsync(entry, ct);
            }
            writer.TryComplete(new EndOfStreamException($"The {Feed} change stream ended."));
        }
        catch (Exception e)
        {
            writer.TryComplete(e);
        }
    }
}
