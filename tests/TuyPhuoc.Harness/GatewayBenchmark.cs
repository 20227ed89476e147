using Grpc.Core;
using Grpc.Net.Client;
using TuyPhuoc.Contracts.Evaluation.V1;
using TuyPhuoc.Contracts.Plans.V1;

namespace TuyPhuoc.Harness;

/// <summary>
/// The gateway's cost on a read through the gateway against the same call straight to the service's own gRPC endpoint,
/// closed-loop at several concurrencies: IndicatorPlans.GetIndicator (the lightest read of the suite) or
/// Evaluation.GetScorecard (a unit's scorecard, what a reporter reads most). Each round measures both, alternating
/// which goes first, so that the load of other processes falls on both alike.
/// </summary>
public static class GatewayBenchmark
{
    private const int CallerPool = 64;

    /// <summary>A read to measure, with its service's own gRPC endpoint (appsettings.json).</summary>
    public sealed record Read(string Name, string DirectAddress, Func<GrpcChannel, Func<CallOptions, Task>> Client);

    public static readonly IReadOnlyDictionary<string, Read> Reads = new Dictionary<string, Read>
    {
        ["indicator"] = new("GetIndicator", "http://localhost:5102", channel =>
        {
            var plans = new IndicatorPlans.IndicatorPlansClient(channel);
            var request = new GetIndicatorRequest { Code = "CT01" };
            return async options => await plans.GetIndicatorAsync(request, options);
        }),
        ["scorecard"] = new("GetScorecard", "http://localhost:5122", channel =>
        {
            var evaluation = new TuyPhuoc.Contracts.Evaluation.V1.Evaluation.EvaluationClient(channel);
            var request = new GetScorecardRequest { UnitCode = "PHUOC_THANG", Year = 2024, Quarter = 2 };
            return async options => await evaluation.GetScorecardAsync(request, options);
        }),
    };

    /// <param name="nginx">Compare with nginx's grpc_pass in front of the service (started here) instead of the service itself.</param>
    public static async Task RunAsync(GrpcChannel gateway, string gatewayAddress, string directAddress, bool nginx, Read read, int[] concurrencies, int rounds,
        TimeSpan duration, int maxCalls, TextWriter log, CancellationToken ct)
    {
        using var peer = nginx ? await NginxPeer.StartAsync(directAddress, ct) : null;
        var peerName = nginx ? "nginx" : "direct";
        // Calls take turns over many callers, so that none goes past the gateway's per-caller limit (200 calls/s by default):
        // the limiter still runs on every call, but this measures the gateway's cost, not the limit a single caller meets.
        var callers = await LoadRunner.CallersAsync(gateway, "planning_office", "bench-gateway", Math.Max(CallerPool, concurrencies.Max()), ct);
        using var viaGateway = LoadRunner.Channel(gatewayAddress);
        using var direct = LoadRunner.Channel(peer?.Address ?? directAddress);
        var targets = new[] { ("gateway", read.Client(viaGateway)), (peerName, read.Client(direct)) };

        Task<LoadResult> Run(Func<CallOptions, Task> call, int clients, TimeSpan time) =>
            LoadRunner.ClosedLoopAsync(clients, time, maxCalls,
                async (_, n, token) => await call(new CallOptions(callers[n % callers.Length], DateTime.UtcNow.AddSeconds(10), token)), ct);

        log.WriteLine($"{read.Name} through {gatewayAddress} vs {(peer is null ? "straight to" : $"nginx at {peer.Address} in front of")} {directAddress}; {rounds} rounds of {duration.TotalSeconds:F0} s per side and concurrency.");
        foreach (var (_, client) in targets) await Run(client, 8, TimeSpan.FromSeconds(2));

        var summary = new List<string>();
        foreach (var clients in concurrencies)
        {
            var results = targets.ToDictionary(t => t.Item1, _ => new List<LoadResult>());
            var ratios = new List<double>();
            for (var round = 1; round <= rounds; round++)
            {
                var order = round % 2 == 1 ? targets : targets.Reverse().ToArray();
                foreach (var (name, client) in order) results[name].Add(await Run(client, clients, duration));
                var (g, d) = (results["gateway"][^1], results[peerName][^1]);
                ratios.Add(g.PerSecond / d.PerSecond);
                log.WriteLine($"  c={clients,2} round {round}: gateway {g.Summary}");
                log.WriteLine($"  c={clients,2} round {round}: {peerName,-7} {d.Summary}   ratio {g.PerSecond / d.PerSecond:F2}");
            }
            var (gateways, directs) = (results["gateway"], results[peerName]);
            var (gAll, dAll) = (LoadResult.Merge(gateways), LoadResult.Merge(directs));
            summary.Add($"| {clients} | {LoadRunner.Median(gateways.Select(r => r.PerSecond)):N0} | {gAll.Percentile(50):F2} | {gAll.Percentile(90):F2} | {gAll.Percentile(99):F2} "
                + $"| {LoadRunner.Median(directs.Select(r => r.PerSecond)):N0} | {dAll.Percentile(50):F2} | {dAll.Percentile(90):F2} | {dAll.Percentile(99):F2} "
                + $"| {LoadRunner.Median(ratios):F2} ({ratios.Min():F2}-{ratios.Max():F2}) |");
        }
        log.WriteLine();
        log.WriteLine($"| clients | gateway calls/s (median) | p50 ms | p90 ms | p99 ms | {peerName} calls/s (median) | p50 ms | p90 ms | p99 ms | ratio, median of rounds (range) |");
        log.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var line in summary) log.WriteLine(line);
        log.WriteLine($"Latencies are over every call of every round; the goal is a ratio of at least {(peer is null ? "0.75" : "1")}.");
    }
}
