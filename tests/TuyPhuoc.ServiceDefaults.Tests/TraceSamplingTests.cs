using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace TuyPhuoc.ServiceDefaults.Tests;

/// <summary>What an operator gets in the dashboard: every trace at a person's pace, a sample under load, and whole traces.</summary>
public sealed class TraceSamplingTests
{
    private static (TracerProvider Provider, ActivitySource Source) Tracing(params (string Key, string Value)[] settings)
    {
        var telemetry = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
        var source = new ActivitySource($"sampling-{Guid.NewGuid():N}");
        return (Sdk.CreateTracerProviderBuilder().AddSource(source.Name).SetSampler(TraceSampling.From(telemetry)).Build(), source);
    }

    private static bool KeptRoot(ActivitySource source)
    {
        using var activity = source.StartActivity("root", ActivityKind.Server, parentContext: default);
        return activity?.Recorded ?? false;
    }

    [Fact]
    public void A_burst_keeps_about_a_second_of_traces_and_a_kept_trace_stays_whole()
    {
        var (provider, source) = Tracing();
        using var _ = provider;
        var kept = Enumerable.Range(0, 500).Count(_ => KeptRoot(source));
        Assert.InRange(kept, TraceSampling.DefaultTracesPerSecond, TraceSampling.DefaultTracesPerSecond + 2);

        // Past the budget, a call whose caller kept its trace is still kept, and one whose caller dropped it is not.
        var sampledParent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);
        var droppedParent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None, isRemote: true);
        using (var child = source.StartActivity("child", ActivityKind.Server, sampledParent)) Assert.True(child?.Recorded);
        using (var child = source.StartActivity("child", ActivityKind.Server, droppedParent)) Assert.False(child?.Recorded ?? false);

        // The budget comes back with time: a person's next click, a quarter of a second later, is traced again.
        Thread.Sleep(TimeSpan.FromMilliseconds(250));
        Assert.True(KeptRoot(source));
    }

    [Fact]
    public void Zero_keeps_every_trace_and_a_ratio_replaces_the_budget()
    {
        var (all, allSource) = Tracing(("TracesPerSecond", "0"));
        using (all) Assert.Equal(500, Enumerable.Range(0, 500).Count(_ => KeptRoot(allSource)));

        var (ratio, ratioSource) = Tracing(("TraceSampleRatio", "0"));
        using (ratio) Assert.Equal(0, Enumerable.Range(0, 100).Count(_ => KeptRoot(ratioSource)));
    }
}
