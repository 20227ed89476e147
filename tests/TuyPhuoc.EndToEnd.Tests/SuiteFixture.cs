using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TuyPhuoc.Contracts.DevTokens.V1;
using TuyPhuoc.EndToEnd.Tests;
using TuyPhuoc.ServiceDefaults;

[assembly: AssemblyFixture(typeof(SuiteFixture))]

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>The whole suite, started once for all tests from a fresh, freshly seeded database.</summary>
public class SuiteFixture : IAsyncLifetime
{
    public static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    // In dependency order, so a timeout names the first resource that did not come up.
    private static readonly string[] Resources =
    [
        ResourceNames.Postgres, ResourceNames.Redis, ResourceNames.IndicatorPlans, ResourceNames.Submissions,
        ResourceNames.Evaluation, ResourceNames.EmulationScoring, ResourceNames.KeyTasks, ResourceNames.Smtp, ResourceNames.Notifications,
        ResourceNames.Gateway, ResourceNames.Portal,
    ];

    // Under /tmp, not a 0700 temp folder: the PostgreSQL server runs as the postgres user and must reach it.
    private readonly string _dataDirectory = Path.Combine("/tmp", $"tuyphuoc-e2e-{Guid.NewGuid():N}");
    private DistributedApplication? _app;
    private GrpcChannel? _gateway;
    private Task? _demo;

    /// <summary>The gateway's gRPC (HTTP/2) endpoint: the only way the tests reach the suite.</summary>
    public GrpcChannel Gateway => _gateway ?? throw new InvalidOperationException("The suite has not started.");

    /// <summary>The gateway's HTTP/1.1 endpoint: REST/JSON, the OpenAPI document and its reference page.</summary>
    public Uri GatewayHttp => App.GetEndpoint(ResourceNames.Gateway, ResourceNames.HttpEndpoint);

    /// <summary>The portal's HTTP endpoint, as a browser reaches it.</summary>
    public Uri Portal => App.GetEndpoint(ResourceNames.Portal, ResourceNames.HttpEndpoint);

    /// <summary>The web inbox of the run's SMTP server (smtp4dev): its REST API lists the mails it received.</summary>
    public Uri SmtpInbox => App.GetEndpoint(ResourceNames.Smtp, "http");

    /// <summary>The shared suite runs the embedded Redis-compatible server, as a fresh machine does.</summary>
    protected virtual IEnumerable<string> Arguments => ["--Infrastructure:Redis=embedded"];

    protected DistributedApplication App => _app ?? throw new InvalidOperationException("The suite has not started.");

    public async Task<string?> ConnectionStringAsync(string resource) => await App.GetConnectionStringAsync(resource);

    /// <summary>An open connection to a service's database, unpooled: a pooled one may predate a restart of the server.</summary>
    public async Task<Npgsql.NpgsqlConnection> OpenDatabaseAsync(string database)
    {
        var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(await ConnectionStringAsync(database)) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public virtual async ValueTask InitializeAsync()
    {
        // A resource that stops while the suite starts (e.g. a port another process took between its choice and the
        // bind) gets one more try on a fresh AppHost with fresh ports; a second failure is the suite's own.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartAsync();
                return;
            }
            catch (ResourceStoppedException e) when (attempt == 1)
            {
                Console.Error.WriteLine($"The suite did not start; starting it again: {e.Message}");
            }
        }
    }

    private async Task StartAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        using var starting = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        string? stopped = null;
        try
        {
            // The testing builder randomizes the proxied ports, so a developer's running instance is not disturbed; a local
            // run, so in Development (the portal's development sign-in).
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.TuyPhuoc_AppHost>(
                [$"--Infrastructure:DataDirectory={_dataDirectory}", "--environment=Development", .. Arguments], timeout.Token);
            // Health checks fail by design while a fault test has a resource down and while the suite stops.
            builder.Services.AddLogging(logging => logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None));
            _app = await builder.BuildAsync(timeout.Token);
            // A failed executable leaves its dependents waiting forever: the start ends when one stops.
            var app = _app;
            var watch = Task.Run(async () =>
            {
                await foreach (var e in app.ResourceNotifications.WatchAsync(starting.Token))
                {
                    if (Resources.Contains(e.Resource.Name) && e.Snapshot.State?.Text is "Finished" or "Exited" or "FailedToStart")
                    {
                        stopped = e.Resource.Name;
                        await starting.CancelAsync();
                    }
                }
            }, CancellationToken.None);
            await _app.StartAsync(starting.Token);
            foreach (var resource in Resources)
            {
                await _app.ResourceNotifications.WaitForResourceHealthyAsync(resource, starting.Token);
            }
            await starting.CancelAsync();
            await watch.ContinueWith(_ => { }, TaskScheduler.Default);
            _gateway = GrpcChannel.ForAddress(_app.GetEndpoint(ResourceNames.Gateway, ResourceNames.GrpcEndpoint));
        }
        catch (OperationCanceledException) when (starting.IsCancellationRequested)
        {
            var states = await DescribeAsync();
            await DisposeAsync();
            if (stopped is not null) throw new ResourceStoppedException($"{stopped} stopped while the suite started: {states}");
            throw new TimeoutException($"The suite was not healthy within {StartTimeout}: {states}");
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    private sealed class ResourceStoppedException(string message) : Exception(message);

    /// <summary>January to June 2024 of the demo, loaded once through the public API for every test that needs it.</summary>
    public Task DemoLoadedAsync()
    {
        lock (this)
        {
            return _demo ??= TuyPhuoc.Harness.DemoActuals.LoadAsync(Gateway, null, CancellationToken.None);
        }
    }

    public async Task<string> TokenAsync(string role, string? unit = null, string? block = null)
    {
        var reply = await new DevTokens.DevTokensClient(Gateway).IssueTokenAsync(
            new IssueTokenRequest { Role = role, Unit = unit ?? "", Block = block ?? "" }, Anonymous());
        return reply.AccessToken;
    }

    /// <summary>The token of a service of the suite, which the gateway never issues: signed here with the run's key.</summary>
    public async Task<string> ServiceTokenAsync()
    {
        var key = await App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ParameterResource>()
            .Single(p => p.Name == ResourceNames.DevSigningKey).GetValueAsync(TestContext.Current.CancellationToken);
        return new DevTokenIssuer(new AuthOptions { SigningKey = key }).Issue("e2e-tests", Roles.Service).Token;
    }

    public static Metadata Bearer(string token) => new() { { "Authorization", $"Bearer {token}" } };

    /// <summary>Call options for a caller with the given role: its token and the usual deadline.</summary>
    public async Task<CallOptions> CallAsAsync(string role, string? unit = null, string? block = null) =>
        WithBearer(await TokenAsync(role, unit, block));

    public static CallOptions WithBearer(string token) =>
        new(headers: Bearer(token), deadline: DateTime.UtcNow + CallDeadline, cancellationToken: TestContext.Current.CancellationToken);

    public static CallOptions Anonymous() =>
        new(deadline: DateTime.UtcNow + CallDeadline, cancellationToken: TestContext.Current.CancellationToken);

    public virtual async ValueTask DisposeAsync()
    {
        _gateway?.Dispose();
        if (_app is not null)
        {
            using var timeout = new CancellationTokenSource(StopTimeout);
            try
            {
                await _app.StopAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // Disposing below still tears everything down.
            }
            await _app.DisposeAsync();
            _app = null;
        }
        DeleteDataDirectory();
    }

    /// <summary>Each resource's state; for one that stopped, its exit code and the last lines it wrote, so a failed start says why.</summary>
    private async Task<string> DescribeAsync()
    {
        if (_app is null) return "the app was not built";
        var logs = _app.Services.GetRequiredService<ResourceLoggerService>();
        var states = new List<string>();
        foreach (var name in Resources)
        {
            if (!_app.ResourceNotifications.TryGetCurrentState(name, out var e))
            {
                states.Add($"{name} unknown");
                continue;
            }
            var state = $"{name} {e.Snapshot.State?.Text} ({e.Snapshot.HealthStatus?.ToString() ?? "no health yet"})";
            if (e.Snapshot.State?.Text is "Finished" or "Exited" or "FailedToStart")
            {
                var tail = new Queue<string>();
                await foreach (var batch in logs.GetAllAsync(name))
                {
                    foreach (var line in batch)
                    {
                        tail.Enqueue(line.Content);
                        if (tail.Count > 20) tail.Dequeue();
                    }
                }
                state += $" exit code {e.Snapshot.ExitCode}, its last lines:\n  {string.Join("\n  ", tail)}\n";
            }
            states.Add(state);
        }
        return string.Join("; ", states);
    }

    private void DeleteDataDirectory()
    {
        for (var attempt = 1; Directory.Exists(_dataDirectory) && attempt <= 5; attempt++)
        {
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException) when (attempt < 5)
            {
                // The database server may still be letting go of its files.
                Thread.Sleep(TimeSpan.FromSeconds(1));
            }
        }
    }
}
