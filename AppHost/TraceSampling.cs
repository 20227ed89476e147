using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace TuyPhuoc.AppHost;

public static class TraceSampling
{
    /// <summary>
    /// --Telemetry:TraceSampleRatio=0.1 keeps one trace in ten (decided where a trace starts, followed downstream).
    /// Every trace is kept by default, which is what a developer wants; under load the dashboard's intake of every
    /// span competes with the services for the same cores.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithTraceSampling(this IResourceBuilder<ProjectResource> project) =>
        project.ApplicationBuilder.Configuration.GetValue<double?>("Telemetry:TraceSampleRatio") is { } ratio and >= 0 and < 1
            ? project.WithEnvironment("OTEL_TRACES_SAMPLER", "parentbased_traceidratio")
                .WithEnvironment("OTEL_TRACES_SAMPLER_ARG", ratio.ToString(CultureInfo.InvariantCulture))
            : project;
}
