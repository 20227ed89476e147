using System.Runtime.CompilerServices;

namespace TuyPhuoc.Evaluation.Processing;

public interface IChangeFeed
{
    /// <summary>The name of the cursor in feed_cursors.</summary>
    string Source { get; }

    IAsyncEnumerable<FeedEntry> WatchAsync(long afterSequence, CancellationToken ct);
}

/// <summary>A source's <c>WatchChanges</c> stream, each change read as a feed entry.</summary>
public abstract class StreamedFeed<TChange>(string source) : IChangeFeed where TChange : IChangeMessage
{
    public string Source => source;

    protected abstract AsyncServerStreamingCall<TChange> Watch(long afterSequence, CancellationToken ct);

    protected abstract FeedEntry Read(TChange change);

    public async IAsyncEnumerable<FeedEntry> WatchAsync(long afterSequence, [EnumeratorCancellation] CancellationToken ct)
    {
        using var call = Watch(afterSequence, ct);
        await foreach (var change in call.ResponseStream.ReadAllAsync(ct)) yield return Read(change);
    }
}
