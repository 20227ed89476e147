using System.Diagnostics;
using OpenTelemetry.Trace;

namespace TuyPhuoc.ServiceDefaults;

public static class TraceSampling
{
    public const double DefaultTracesPerSecond = 10;

    /// <summary>
    /// Which traces a process keeps (the "Telemetry" section, which the AppHost hands to every project): a trace begun
    /// elsewhere is kept or dropped as its parent was, so a kept trace stays whole across the services. A trace begun
    /// here is kept while this process starts at most Telemetry:TracesPerSecond a second (10; 0 keeps all), or in the
    /// share Telemetry:TraceSampleRatio. A person clicking through the portal sees every trace; a load of hundreds of
    /// calls a second keeps a sample instead of sending every span to the collector on the cores that serve the calls.
    /// </summary>
    public static Sampler From(IConfiguration telemetry) => new ParentBasedSampler(
        telemetry.GetValue<double?>("TraceSampleRatio") is { } ratio ? new TraceIdRatioBasedSampler(ratio)
        : telemetry.GetValue("TracesPerSecond", DefaultTracesPerSecond) is var perSecond and > 0 ? new TracesPerSecondSampler(perSecond)
        : new AlwaysOnSampler());
}

/// <summary>Keeps at most so many traces a second (a token bucket of one second's worth), drops the rest.</summary>
public sealed class TracesPerSecondSampler(double perSecond) : Sampler
{
    private readonly double _perSecond = perSecond;
    private readonly Lock _gate = new();
    private double _tokens = perSecond;
    private long _refilled = Stopwatch.GetTimestamp();

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        lock (_gate)
        {
            var now = Stopwatch.GetTimestamp();
            _tokens = Math.Min(_perSecond, _tokens + Stopwatch.GetElapsedTime(_refilled, now).TotalSeconds * _perSecond);
            _refilled = now;
            if (_tokens < 1) return new SamplingResult(SamplingDecision.Drop);
            _tokens--;
            return new SamplingResult(SamplingDecision.RecordAndSample);
        }
    }
}
