using Plans = TuyPhuoc.Contracts.Plans.V1;
using Submissions = TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.Evaluation.Processing;

public interface IChangeFeed
{
    /// <summary>The name of the cursor in feed_cursors.</summary>
    string Source { get; }

    IAsyncEnumerable<FeedEntry> WatchAsync(long afterSequence, CancellationToken ct);
}
