using Grpc.Net.Client;
using TuyPhuoc.Harness;

// Usage:
//   token [--role planning_office|unit_reporter|block_leader|home_affairs|partner] [--unit CODE] [--block NAME] [--gateway URL]
//   demo [--gateway http://localhost:5080]
//   bench-recompute --postgres "Host=...;Username=postgres;Database=postgres" [--units 5000] [--runs 3]
//   bench-import --gateway http://localhost:5080 --postgres "Host=...;Port=...;Username=postgres;Password=...;Database=postgres" [--rows 60000] [--runs 3]
//                [--direct http://localhost:PORT (the Submissions service's gRPC endpoint, to show the gateway's share)]
//   bench-gateway [--rpc indicator|scorecard] [--direct http://localhost:5102 (5122 for scorecard)] [--nginx (against nginx grpc_pass in front of --direct)] [--concurrency 1,8,32,64] [--rounds 3] [--seconds 5] [--max-calls 2000000]
//   bench-submit --postgres "..." [--clients 64] [--rounds 3] [--seconds 10] [--max-calls 200000]
//   bench-freshness [--rate 500] [--seconds 30] [--timeline (lag by the second of acknowledgement)]
//   bench-feed --postgres "..." [--units 5000] [--rates 500,2000] [--seconds 20] [--backlog 20000]   (Evaluation's feed processing alone)
//   national [--units 5000]   (national-scale data through the API, then the resident size of every process)
//   rss   (resident size of the suite's processes on this machine)
//   bench-portal [--portal http://localhost:5070] [--unit NAT_0001] [--year 2022] [--month 7] [--clients 1,8] [--seconds 10]
var options = Arguments.Parse(args.Skip(1));
// Under the AppHost (--Demo:Load=true) the gateway's address comes from service discovery.
var gateway = options.GetValueOrDefault("gateway") ?? Environment.GetEnvironmentVariable("services__gateway__grpc__0") ?? "http://localhost:5080";
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
using var channel = GrpcChannel.ForAddress(gateway, new GrpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 * 1024 });

switch (args.FirstOrDefault())
{
    case "token":
        var token = await new TuyPhuoc.Contracts.DevTokens.V1.DevTokens.DevTokensClient(channel).IssueTokenAsync(new()
        {
            Role = options.GetValueOrDefault("role") ?? "planning_office",
            Unit = options.GetValueOrDefault("unit") ?? "",
            Block = options.GetValueOrDefault("block") ?? "",
        }, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: cancel.Token);
        Console.WriteLine(token.AccessToken);
        return 0;
    case "demo":
        var summary = await DemoActuals.LoadAsync(channel, Console.Out, cancel.Token);
        Console.WriteLine(summary);
        return 0;
    case "bench-import":
        var postgres = options.GetValueOrDefault("postgres") ?? throw new ArgumentException("--postgres <connection string> is required");
        var rows = int.Parse(options.GetValueOrDefault("rows") ?? "60000", System.Globalization.CultureInfo.InvariantCulture);
        var runs = int.Parse(options.GetValueOrDefault("runs") ?? "3", System.Globalization.CultureInfo.InvariantCulture);
        using (var direct = options.GetValueOrDefault("direct") is { } address ? GrpcChannel.ForAddress(address) : null)
        {
            await ImportBenchmark.RunAsync(channel, postgres, rows, runs, Console.Out, cancel.Token, direct);
        }
        return 0;
    case "bench-recompute":
        await RecomputeBenchmark.RunAsync(options.GetValueOrDefault("postgres") ?? throw new ArgumentException("--postgres <connection string> is required"),
            int.Parse(options.GetValueOrDefault("units") ?? "5000", System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(options.GetValueOrDefault("runs") ?? "3", System.Globalization.CultureInfo.InvariantCulture), Console.Out, cancel.Token);
        return 0;
    case "bench-gateway":
        var read = GatewayBenchmark.Reads[options.GetValueOrDefault("rpc") ?? "indicator"];
        await GatewayBenchmark.RunAsync(channel, gateway, options.GetValueOrDefault("direct") ?? read.DirectAddress, options.ContainsKey("nginx"), read,
            (options.GetValueOrDefault("concurrency") ?? "1,8,32,64").Split(',').Select(Int).ToArray(), Int(options.GetValueOrDefault("rounds") ?? "3"),
            TimeSpan.FromSeconds(Int(options.GetValueOrDefault("seconds") ?? "5")), Int(options.GetValueOrDefault("max-calls") ?? "2000000"), Console.Out, cancel.Token);
        return 0;
    case "bench-submit":
        await SubmitBenchmark.RunAsync(channel, gateway, options.GetValueOrDefault("postgres") ?? throw new ArgumentException("--postgres <connection string> is required"),
            Int(options.GetValueOrDefault("clients") ?? "64"), Int(options.GetValueOrDefault("rounds") ?? "3"),
            TimeSpan.FromSeconds(Int(options.GetValueOrDefault("seconds") ?? "10")), Int(options.GetValueOrDefault("max-calls") ?? "200000"), Console.Out, cancel.Token);
        return 0;
    case "bench-freshness":
        await FreshnessBenchmark.RunAsync(channel, gateway, Int(options.GetValueOrDefault("rate") ?? "500"),
            TimeSpan.FromSeconds(Int(options.GetValueOrDefault("seconds") ?? "30")), options.ContainsKey("timeline"), Console.Out, cancel.Token);
        return 0;
    case "bench-feed":
        await FeedBenchmark.RunAsync(options.GetValueOrDefault("postgres") ?? throw new ArgumentException("--postgres <connection string> is required"),
            Int(options.GetValueOrDefault("units") ?? "5000"), (options.GetValueOrDefault("rates") ?? "500,2000").Split(',').Select(Int).ToArray(),
            TimeSpan.FromSeconds(Int(options.GetValueOrDefault("seconds") ?? "20")), Int(options.GetValueOrDefault("backlog") ?? "20000"), Console.Out, cancel.Token);
        return 0;
    case "national":
        await NationalScale.RunAsync(channel, Int(options.GetValueOrDefault("units") ?? "5000"), Console.Out, cancel.Token);
        return 0;
    case "bench-portal":
        await PortalBenchmark.RunAsync(new Uri(options.GetValueOrDefault("portal") ?? "http://localhost:5070"), options.GetValueOrDefault("unit") ?? "NAT_0001",
            Int(options.GetValueOrDefault("year") ?? "2022"), Int(options.GetValueOrDefault("month") ?? "7"),
            (options.GetValueOrDefault("clients") ?? "1,8").Split(',').Select(Int).ToArray(), TimeSpan.FromSeconds(Int(options.GetValueOrDefault("seconds") ?? "10")),
            Console.Out, cancel.Token);
        return 0;
    case "rss":
        MemoryReport.Print(Console.Out);
        return 0;
    default:
        Console.Error.WriteLine("Usage: TuyPhuoc.Harness token [--role R] [--unit U] [--block B] | demo | bench-import --postgres CS | bench-recompute --postgres CS "
            + "| bench-gateway [--direct URL] | bench-submit --postgres CS | bench-freshness [--rate N] | rss   (each takes --gateway URL, default http://localhost:5080)");
        return 2;
}

static int Int(string text) => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

internal static class Arguments
{
    public static Dictionary<string, string> Parse(IEnumerable<string> args)
    {
        var result = new Dictionary<string, string>();
        string? name = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal)) result[name = arg[2..]] = "";
            else if (name is not null)
            {
                result[name] = arg;
                name = null;
            }
        }
        return result;
    }
}
