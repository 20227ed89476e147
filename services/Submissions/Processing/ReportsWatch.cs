using OpenTelemetry;

namespace TuyPhuoc.Submissions.Processing;

/// <summary>Refreshes the gauges that need the database: reports late or missing, and the change log's latest sequence.</summary>
public sealed class ReportsWatch(IServiceScopeFactory scopes, SubmissionsMetrics metrics, DistrictClock clock, ILogger<ReportsWatch> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            // A gauge refresh every half minute is housekeeping, not a request: it leaves no trace.
            using var untraced = SuppressInstrumentationScope.Begin();
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var reports = scope.ServiceProvider.GetRequiredService<ReportsStore>();
                var db = scope.ServiceProvider.GetRequiredService<SubmissionsDbContext>();
                metrics.LatestSequence(await scope.ServiceProvider.GetRequiredService<ChangeFeedStore>().LatestSequenceAsync(ct));
                var years = (await db.Reports.Select(r => r.Year).Distinct().ToListAsync(ct)).Append(clock.Today.Year).Distinct();
                var overdue = new List<(int, Timeliness, long)>();
                foreach (var year in years)
                {
                    var entries = await reports.TimelinessAsync(year, null, null, ct);
                    overdue.Add((year, Timeliness.Late, entries.Count(e => e.Timeliness == Timeliness.Late)));
                    overdue.Add((year, Timeliness.Missing, entries.Count(e => e.Timeliness == Timeliness.Missing)));
                }
                metrics.Overdue(overdue);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Refreshing the reports' gauges failed; trying again in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(ct));
    }
}
