namespace TuyPhuoc.EmulationScoring.Processing;

/// <summary>Recomputes the marked units as soon as a follower signals, and at least every few seconds.</summary>
public sealed class RecomputeWorker(IServiceScopeFactory scopes, DatabaseReady ready, ChangeSignal signal, ILogger<RecomputeWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);
    // Marks that arrive within this time after a wake are scored together: a unit touched many times is scored once.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        await ready.WaitAsync(ct);
        for (var failures = 0; !ct.IsCancellationRequested;)
        {
            var wake = signal.WaitAsync(Poll, ct);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var taken = await scope.ServiceProvider.GetRequiredService<Recomputer>().RunPendingAsync(ct);
                failures = 0;
                if (taken > 0) continue;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                failures++;
                logger.LogWarning(e, "Recomputing scores failed (attempt {Attempt}); the marks stay for the next run", failures);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(failures * 2, 30)), ct);
            }
            await wake;
            await Task.Delay(Settle, ct);
        }
    }
}
