namespace TuyPhuoc.Evaluation.Processing;

public sealed class PlansFeed(Plans.IndicatorPlans.IndicatorPlansClient client) : StreamedFeed<Plans.Change>(Name)
{
    public const string Name = "plans";

    protected override AsyncServerStreamingCall<Plans.Change> Watch(long afterSequence, CancellationToken ct) =>
        client.WatchChanges(new Plans.WatchChangesRequest { AfterSequence = afterSequence }, cancellationToken: ct);

    protected override FeedEntry Read(Plans.Change change) =>
        FeedEntry.Of(change) with { Year = change.Year == 0 ? null : change.Year, IndicatorCodes = [.. change.IndicatorCodes] };
}
