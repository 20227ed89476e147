using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TuyPhuoc.ServiceDefaults.Tests;

/// <summary>What an operator sees of a follower: its lag per entry, what waits, and health.</summary>
public sealed class FollowerHealthTests
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task Each_applied_entry_records_its_lag_and_a_set_aside_entry_degrades_health()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var clock = new Clock(new DateTimeOffset(2024, 7, 1, 8, 0, 0, TimeSpan.Zero));
        var health = new FollowerHealth(services.GetRequiredService<IMeterFactory>(), clock);
        var lags = new List<(double Seconds, object? Feed)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Name == FollowerHealth.LagName) l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) => lags.Add((value, tags[0].Value)));
        listener.Start();

        health.Register("submissions");
        health.Received("submissions", 7);
        health.Applied("submissions", 7, [clock.Now.AddSeconds(-2), clock.Now.AddSeconds(-0.5)]);
        Assert.Equal([(2.0, (object?)"submissions"), (0.5, "submissions")], lags);
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken)).Status);

        health.SetAside("submissions", 1, added: true);
        var degraded = await health.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Contains("submissions: 1 entries set aside", degraded.Description);
    }
}
