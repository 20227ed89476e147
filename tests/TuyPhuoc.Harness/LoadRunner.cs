using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;

namespace TuyPhuoc.Harness;

/// <summary>Calls completed in one measured run, with their latencies in milliseconds, sorted.</summary>
public sealed record LoadResult(int Calls, int Errors, double Seconds, double[] LatenciesMs)
{
    public double PerSecond => Calls / Seconds;

    public double Percentile(double p) =>
        LatenciesMs.Length == 0 ? double.NaN : LatenciesMs[Math.Clamp((int)Math.Ceiling(p / 100 * LatenciesMs.Length) - 1, 0, LatenciesMs.Length - 1)];

    public string Summary =>
        string.Create(CultureInfo.InvariantCulture, $"{PerSecond,8:N0}/s  p50 {Percentile(50),6:F2} ms  p90 {Percentile(90),6:F2} ms  p99 {Percentile(99),7:F2} ms  ({Calls} calls, {Errors} errors, {Seconds:F1} s)");

    public static LoadResult Merge(IEnumerable<LoadResult> results)
    {
        var list = results.ToList();
        var latencies = list.SelectMany(r => r.LatenciesMs).ToArray();
        Array.Sort(latencies);
        return new(list.Sum(r => r.Calls), list.Sum(r => r.Errors), list.Sum(r => r.Seconds), latencies);
    }
}

/// <summary>Closed-loop and paced load, bounded in calls and time; latencies are kept as samples (a run holds at most <c>maxCalls</c>).</summary>
public static class LoadRunner
{
    /// <summary>
    /// <paramref name="clients"/> loops that each send the next call as soon as the previous one answers, until
    /// <paramref name="duration"/> passes or <paramref name="maxCalls"/> calls were sent. A failed call counts as an error, not a sample.
    /// </summary>
    public static async Task<LoadResult> ClosedLoopAsync(int clients, TimeSpan duration, int maxCalls,
        Func<int, long, CancellationToken, Task> call, CancellationToken ct)
    {
        long sent = -1;
        var errors = 0;
        var samples = Enumerable.Range(0, clients).Select(_ => new List<double>(1024)).ToArray();
        var watch = Stopwatch.StartNew();
        var end = watch.Elapsed + duration;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var mine = samples[client];
            long n;
            while (!ct.IsCancellationRequested && watch.Elapsed < end && (n = Interlocked.Increment(ref sent)) < maxCalls)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await call(client, n, ct);
                    mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
                catch (Exception e) when (e is RpcException or Npgsql.NpgsqlException or HttpRequestException && !ct.IsCancellationRequested)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }, ct)));
        var seconds = watch.Elapsed.TotalSeconds;
        var latencies = samples.SelectMany(s => s).ToArray();
        Array.Sort(latencies);
        return new(latencies.Length, errors, seconds, latencies);
    }

    /// <summary>A channel whose calls may spread over several HTTP/2 connections, as many independent clients would.</summary>
    public static GrpcChannel Channel(string address) => GrpcChannel.ForAddress(address, new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) },
        MaxReceiveMessageSize = 16 * 1024 * 1024,
    });

    public static Metadata Bearer(string token) => new() { { "Authorization", $"Bearer {token}" } };

    /// <summary>One token per client, each with its own subject, as different people would call (the gateway still counts development tokens by address).</summary>
    public static async Task<Metadata[]> CallersAsync(GrpcChannel gateway, string role, string subject, int count, CancellationToken ct)
    {
        var tokens = new TuyPhuoc.Contracts.DevTokens.V1.DevTokens.DevTokensClient(gateway);
        var callers = new Metadata[count];
        for (var i = 0; i < count; i++)
        {
            var answer = await tokens.IssueTokenAsync(new() { Role = role, Subject = $"{subject}-{i}" }, deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: ct);
            callers[i] = Bearer(answer.AccessToken);
        }
        return callers;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN
            : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
