using System.Runtime.CompilerServices;
using Grpc.Core;
using TuyPhuoc.ServiceDefaults;
using Plans = TuyPhuoc.Contracts.Plans.V1;

namespace TuyPhuoc.Evaluation.Processing;

public sealed class PlansFeed(Plans.IndicatorPlans.IndicatorPlansClient client) : IChangeFeed
{
    public const string Name = "plans";
    public string Source => Name;

    public async IAsyncEnumerable<FeedEntry> WatchAsync(long afterSequence, [EnumeratorCancellation] CancellationToken ct)
    {
        using var call = client.WatchChanges(new Plans.WatchChangesRequest { AfterSequence = afterSequence }, cancellationToken: ct);
        await foreach (var change in call.ResponseStream.ReadAllAsync(ct))
        {
            yield return new FeedEntry(change.Sequence, change.OccurredAt?.ToDateTimeOffset() ?? DateTimeOffset.UtcNow, change.Kind, change.Key,
                Text.Optional(change.TraceParent), Year: change.Year == 0 ? null : change.Year, IndicatorCodes: [.. change.IndicatorCodes]);
        }
    }

}
