namespace TuyPhuoc.Evaluation.Processing;

/// <summary>
/// At start, recomputes the years whose latest evaluation policy no recompute has applied (one acknowledged just before
/// a crash), so an acknowledged policy always reaches every result of its year.
/// </summary>
public sealed class PolicyCatchUp(IServiceScopeFactory scopes, IPlanSource plans, ILogger<PolicyCatchUp> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        for (var backoff = TimeSpan.FromSeconds(1); !ct.IsCancellationRequested; backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2)))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                foreach (var year in await scope.ServiceProvider.GetRequiredService<PolicyStore>().UnappliedYearsAsync(ct))
                {
                    // A year without a plan has no results yet: the plan's own evaluation uses the policy in force.
                    if (await plans.GetAsync(year, ct) is null) continue;
                    logger.LogInformation("Applying the latest evaluation policy of {Year}", year);
                    await scope.ServiceProvider.GetRequiredService<FullRecompute>().RunAsync(year, ct);
                }
                return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Applying the evaluation policies failed; retrying in {Backoff}", backoff);
                await Task.Delay(backoff, ct);
            }
        }
    }
}
