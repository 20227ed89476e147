using Grpc.Core;
using Proto = TuyPhuoc.Contracts.Plans.V1;

namespace TuyPhuoc.Submissions.Plans;

/// <summary>
/// Follows IndicatorPlans' change feed and drops the cached plans a change touches. Resumes from the last
/// sequence it saw; reconnects with a growing back-off when the stream breaks.
/// </summary>
public sealed class PlanFeedFollower(Proto.IndicatorPlans.IndicatorPlansClient plans, PlanCache cache, ILogger<PlanFeedFollower> logger)
    : BackgroundService
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(200), MaxBackoff = TimeSpan.FromSeconds(30);

    public const string ConsumerName = "submissions";

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        long after = 0;
        var backoff = FirstBackoff;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                using var call = plans.WatchChanges(new Proto.WatchChangesRequest { AfterSequence = after },
                    new Metadata { { "consumer", ConsumerName } }, cancellationToken: ct);
                await foreach (var change in call.ResponseStream.ReadAllAsync(ct))
                {
                    Apply(change);
                    after = change.Sequence;
                    backoff = FirstBackoff;
                }
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "The plans' change feed broke after sequence {Sequence}; reconnecting in {Backoff}", after, backoff);
                // Changes missed while disconnected are delivered on resume; plans read meanwhile may be stale, so drop them.
                cache.Invalidate();
                await Task.Delay(backoff, ct);
                backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
            }
        }
    }

    private void Apply(Proto.Change change)
    {
        if (change.Kind.StartsWith("plan.", StringComparison.Ordinal) && change.Year != 0) cache.Invalidate(change.Year);
        else cache.Invalidate();
    }
}
