using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>
/// A suite of its own for the tests that break things (kill a service, stop a server, throw hostile input at it),
/// so the other tests never see the damage. Its tests run one after another.
/// </summary>
public class IsolatedSuite : SuiteFixture
{
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromMinutes(2);

    /// <summary>redis-server where installed (CI installs it), so Redis can be stopped and started again.</summary>
    protected override IEnumerable<string> Arguments => [];

    /// <summary>kill -9 of the resource's process and everything it started.</summary>
    public void Kill(string resource)
    {
        var pid = Property(resource, "executable.pid") ?? throw new InvalidOperationException($"{resource} has no process id.");
        using var process = Process.GetProcessById(Convert.ToInt32(pid, System.Globalization.CultureInfo.InvariantCulture));
        process.Kill(entireProcessTree: true);
    }

    public Task StopAsync(string resource) => CommandAsync(resource, KnownResourceCommands.Stop);

    /// <summary>Starts a stopped or killed resource again and waits until it is healthy.</summary>
    public async Task StartAsync(string resource)
    {
        using var timeout = new CancellationTokenSource(RecoveryTimeout);
        await App.ResourceNotifications.WaitForResourceAsync(resource,
            e => e.Snapshot.State?.Text is "Exited" or "Finished" or "Stopped" or "FailedToStart", timeout.Token);
        await CommandAsync(resource, KnownResourceCommands.Start);
        // Right after the start command the snapshot may still show the old process as exited: wait through that.
        await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, WaitBehavior.WaitOnResourceUnavailable, timeout.Token);
    }

    public string? ResourceType(string resource) =>
        App.ResourceNotifications.TryGetCurrentState(resource, out var e) ? e.Snapshot.ResourceType : null;

    /// <summary>What the resource's own /health answers (Healthy, Degraded or Unhealthy), as an operator's probe reads it.</summary>
    public async Task<string> HealthAsync(string resource)
    {
        using var http = new HttpClient { BaseAddress = App.GetEndpoint(resource, ResourceNames.HttpEndpoint) };
        using var response = await http.GetAsync("/health");
        return await response.Content.ReadAsStringAsync();
    }

    private string? Property(string resource, string name) =>
        App.ResourceNotifications.TryGetCurrentState(resource, out var e)
            ? e.Snapshot.Properties.FirstOrDefault(p => p.Name == name)?.Value?.ToString()
            : null;

    private async Task CommandAsync(string resource, string command)
    {
        var result = await App.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(resource, command);
        if (!result.Success) throw new InvalidOperationException($"{command} on {resource} failed: {result.Message}");
    }

    private static class KnownResourceCommands
    {
        public const string Start = "resource-start";
        public const string Stop = "resource-stop";
    }
}

[CollectionDefinition(Name)]
public sealed class IsolatedSuiteCollection : ICollectionFixture<IsolatedSuite>
{
    public const string Name = "isolated suite";
}
