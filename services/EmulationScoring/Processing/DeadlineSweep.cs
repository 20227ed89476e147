namespace TuyPhuoc.EmulationScoring.Processing;

/// <summary>
/// Reports become missing and escalations overdue as days pass, with no change to follow: every open year with a
/// scheme is marked for recomputation at start and then periodically.
/// </summary>
public sealed class DeadlineSweep(IServiceScopeFactory scopes, DatabaseReady ready, ChangeSignal signal, IConfiguration configuration, TimeProvider clock, ILogger<DeadlineSweep> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var interval = configuration.GetValue("Scoring:SweepInterval", TimeSpan.FromMinutes(15));
        await ready.WaitAsync(ct);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<EmulationScoringDbContext>();
                var years = await db.Schemes.Select(s => s.Year).Distinct()
                    .Where(y => !db.Years.Any(s => s.Year == y && s.Final)).ToListAsync(ct);
                foreach (var year in years) await PendingMarks.MarkAsync(db, year, [PendingMarks.AllUnits], null, clock.GetUtcNow(), ct);
                signal.Pulse();
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Marking the open years for the deadline sweep failed");
            }
            await Task.Delay(interval, ct);
        }
    }
}
