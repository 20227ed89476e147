using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TuyPhuoc.Contracts.Evaluation.V1;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Submissions.V1;
using TuyPhuoc.Evaluation.Data;
using TuyPhuoc.Evaluation.Domain;
using TuyPhuoc.Evaluation.Processing;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.Harness;

/// <summary>
/// Freshness: SubmitActual through the gateway at a fixed rate (open loop: calls start on schedule whether or not
/// earlier ones have answered), while Evaluation's WatchResults stream, also through the gateway, is followed. A
/// submission is visible when a result of its unit and indicator shows its value in its month; the lag runs from the
/// submission's acknowledgement to that moment. Values are unique to the run, so an old result cannot match.
/// </summary>
public static class FreshnessBenchmark
{
    private const int MaxInFlight = 2_000;

    private sealed class Pending(SubmitActualRequest request)
    {
        public SubmitActualRequest Request { get; } = request;
        public long AcceptedAt { get; set; }
        public long VisibleAt { get; set; }
    }

    public static async Task RunAsync(GrpcChannel gateway, string gatewayAddress, int rate, TimeSpan duration, bool timeline, TextWriter log, CancellationToken ct)
    {
        var office = await LoadRunner.CallersAsync(gateway, "planning_office", "bench-plan", 1, ct);
        await ImportBenchmark.EnsureBenchPlanAsync(new IndicatorPlans.IndicatorPlansClient(gateway), office[0], log, ct);
        // The gateway limits each caller to 200 calls a second: the load comes from several callers.
        var callers = await LoadRunner.CallersAsync(gateway, "planning_office", "bench-freshness", Math.Max(4, rate / 50), ct);
        using var channel = LoadRunner.Channel(gatewayAddress);
        var submissions = new Submissions.SubmissionsClient(channel);
        var evaluation = new TuyPhuoc.Contracts.Evaluation.V1.Evaluation.EvaluationClient(channel);

        // Unique to the run: whole numbers above any value the other benchmarks write.
        var baseValue = 1_000_000 + Random.Shared.Next(1, 1_000_000) * 100_000L;
        var run = Guid.NewGuid().ToString("N")[..8];
        var offset = Random.Shared.Next(ImportBenchmark.MaxRows);
        var pending = new Dictionary<(string Unit, string Indicator), List<Pending>>();
        var probe = new Pending(SubmitBenchmark.Cell(offset, $"bench-freshness-{run}-probe"));
        probe.Request.Value = baseValue;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var seenProbe = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probeSent = DateTimeOffset.MaxValue;
        var follower = Task.Run(async () =>
        {
            using var stream = evaluation.WatchResults(new WatchResultsRequest(), office[0], cancellationToken: stop.Token);
            try
            {
                await foreach (var change in stream.ResponseStream.ReadAllAsync(stop.Token))
                {
                    var now = Stopwatch.GetTimestamp();
                    if (change.Year != ImportBenchmark.BenchYear || change.Status is null) continue;
                    lock (pending)
                    {
                        if (!pending.TryGetValue((change.UnitCode, change.IndicatorCode), out var cell)) continue;
                        foreach (var p in cell.Where(p => p.VisibleAt == 0 && ValueOf(change.Status, p.Request.Month) == p.Request.Value))
                        {
                            // Replayed entries carry results as they stand now, so the probe counts only on an entry
                            // made after it was sent: every entry before that one has then been replayed.
                            if (p == probe && change.OccurredAt.ToDateTimeOffset() < probeSent) continue;
                            p.VisibleAt = now;
                            if (p == probe) seenProbe.TrySetResult();
                        }
                    }
                }
            }
            catch (RpcException) when (stop.IsCancellationRequested) { }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        }, CancellationToken.None);

        // The stream first replays every earlier change; the probe's own entry seen on it means it is live.
        Track(pending, probe);
        probeSent = DateTimeOffset.UtcNow;
        await submissions.SubmitActualAsync(probe.Request, callers[0], DateTime.UtcNow.AddSeconds(30), ct);
        probe.AcceptedAt = Stopwatch.GetTimestamp();
        var catchUp = Stopwatch.StartNew();
        await seenProbe.Task.WaitAsync(TimeSpan.FromMinutes(3), ct);
        log.WriteLine($"WatchResults is live ({catchUp.Elapsed.TotalSeconds:F1} s to replay and see the probe). Submitting {rate}/s for {duration.TotalSeconds:F0} s ...");

        var total = (int)(rate * duration.TotalSeconds);
        var all = new List<Pending>(total);
        var calls = new List<Task>(total);
        var (errors, inFlight, skipped) = (0, 0, 0);
        var started = Stopwatch.GetTimestamp();
        for (var k = 0; k < total && !ct.IsCancellationRequested;)
        {
            var due = Math.Min(total, (int)(Stopwatch.GetElapsedTime(started).TotalSeconds * rate));
            for (; k < due; k++)
            {
                if (Volatile.Read(ref inFlight) >= MaxInFlight) { skipped++; continue; }
                var n = offset + 1 + k;
                var p = new Pending(SubmitBenchmark.Cell(n, $"bench-freshness-{run}-{k}"));
                p.Request.Value = baseValue + 1 + k;
                var caller = callers[k % callers.Length];
                Track(pending, p);
                all.Add(p);
                Interlocked.Increment(ref inFlight);
                calls.Add(Task.Run(async () =>
                {
                    try
                    {
                        await submissions.SubmitActualAsync(p.Request, caller, DateTime.UtcNow.AddSeconds(30), ct);
                        p.AcceptedAt = Stopwatch.GetTimestamp();
                    }
                    catch (RpcException) { Interlocked.Increment(ref errors); }
                    finally { Interlocked.Decrement(ref inFlight); }
                }, ct));
            }
            await Task.Delay(2, ct);
        }
        var sendSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await Task.WhenAll(calls);
        var ackSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var settle = Stopwatch.StartNew();
        bool AnyUnseen() { lock (pending) return all.Any(p => p.AcceptedAt != 0 && p.VisibleAt == 0); }
        while (settle.Elapsed < TimeSpan.FromSeconds(15) && AnyUnseen()) await Task.Delay(100, ct);
        await stop.CancelAsync();
        await follower;

        var accepted = all.Where(p => p.AcceptedAt != 0).ToList();
        var seen = accepted.Where(p => p.VisibleAt != 0).ToList();
        var lags = seen.Select(p => Math.Max(0, Stopwatch.GetElapsedTime(p.AcceptedAt, p.VisibleAt).TotalMilliseconds)).ToArray();
        Array.Sort(lags);
        var lag = new LoadResult(lags.Length, 0, ackSeconds, lags);
        log.WriteLine($"Sent {all.Count} of {total} on schedule in {sendSeconds:F1} s ({all.Count / sendSeconds:N0}/s; {skipped} not sent, over {MaxInFlight} in flight); "
            + $"{accepted.Count} accepted, {errors} refused; all answered after {ackSeconds:F1} s ({accepted.Count / ackSeconds:N0} accepted/s).");
        log.WriteLine($"Visible through Evaluation: {seen.Count} of {accepted.Count} within 15 s of the last answer.");
        log.WriteLine($"Lag from acknowledgement to visible result: p50 {lag.Percentile(50):F0} ms, p90 {lag.Percentile(90):F0} ms, p99 {lag.Percentile(99):F0} ms, "
            + $"max {(lags.Length > 0 ? lags[^1] : double.NaN):F0} ms (goal: p99 < 1000 ms at 500/s).");
        if (!timeline) return;
        // Lag by the second in which submissions were acknowledged: a steady tail is saturation, spikes are stalls.
        log.WriteLine("second | acknowledged | lag p50 | p99 | max (ms)");
        foreach (var second in seen.GroupBy(p => (int)Stopwatch.GetElapsedTime(started, p.AcceptedAt).TotalSeconds).OrderBy(g => g.Key))
        {
            var l = new LoadResult(second.Count(), 0, 1, [.. second.Select(p => Stopwatch.GetElapsedTime(p.AcceptedAt, p.VisibleAt).TotalMilliseconds).Order()]);
            log.WriteLine($"{second.Key,6} | {l.Calls,12} | {l.Percentile(50),7:F0} | {l.Percentile(99),5:F0} | {l.Percentile(100),5:F0}");
        }
    }

    private static void Track(Dictionary<(string, string), List<Pending>> pending, Pending p)
    {
        lock (pending)
        {
            var key = (p.Request.UnitCode, p.Request.IndicatorCode);
            if (!pending.TryGetValue(key, out var list)) pending[key] = list = [];
            list.Add(p);
        }
    }

    private static double? ValueOf(IndicatorStatus status, int month) =>
        status.MonthlyActuals.Count >= month && status.MonthlyActuals[month - 1].HasValue ? status.MonthlyActuals[month - 1].Value : null;
}

/// <summary>
/// The Evaluation's feed processing alone, so the figure does not depend on the Submissions service's speed: a scratch
/// schema filled as bench-recompute fills it and fully evaluated, then the service's own FeedConsumer and IncrementalPass
/// follow a synthetic Submissions feed of cell revisions (a random allocated cell and month, a later source sequence
/// each), first at fixed rates, then from a backlog as fast as they can. An entry's lag runs from the moment the feed
/// hands it over to the commit of the pass that applied it (the WatchResults stream adds its own poll after that).
/// </summary>
public static class FeedBenchmark
{
    private const int Year = RecomputeBenchmark.Year;

    public static async Task RunAsync(string postgres, int units, int[] rates, TimeSpan duration, int backlog, TextWriter output, CancellationToken ct)
    {
        await using var scratch = await RecomputeBenchmark.ScratchSchema.CreateAsync(postgres, ct);
        var plan = RecomputeBenchmark.Plan(units);
        await scratch.FillAsync(plan, output, ct);
        var full = await RecomputeBenchmark.RecomputeAsync(scratch.Connection, plan, ct);
        output.WriteLine($"Full recompute first: {full.Results:N0} results in {full.Elapsed.TotalSeconds:F1} s");
        var cells = plan.Indicators.Values.SelectMany(i => i.Allocations.Select(a => (i.Indicator.Code, a.UnitCode))).ToArray();
        var next = 1_000_000_000L; // after every sequence the fill used, so each entry is a newer revision
        output.WriteLine();
        output.WriteLine("| feed | entries | seconds | entries/s | passes | entries per pass (mean) | pass ms p50 | p99 | max | lag ms p50 | p90 | p99 | max |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (rate, count) in rates.Select(r => (r, (int)(r * duration.TotalSeconds))).Append((0, backlog)))
        {
            var feed = new SyntheticFeed(rate == 0 ? "bench-backlog" : $"bench-{rate}-per-s", cells, next, count, rate);
            next += count;
            var row = await FollowAsync(scratch.Connection, plan, feed, ct);
            output.WriteLine($"| {(rate == 0 ? "backlog, as fast as possible" : $"{rate:N0}/s")} | {count:N0} | {row.Seconds:F1} | {count / row.Seconds:N0} | {row.Passes.Length:N0} "
                + $"| {(double)count / row.Passes.Length:N0} | {P(row.Passes, 50):F0} | {P(row.Passes, 99):F0} | {row.Passes[^1]:F0} "
                + $"| {P(row.Lags, 50):F0} | {P(row.Lags, 90):F0} | {P(row.Lags, 99):F0} | {row.Lags[^1]:F0} |");
        }
        // The passes kept the district totals by difference: a full recompute from the actuals must find nothing to change.
        var check = await RecomputeBenchmark.RecomputeAsync(scratch.Connection, plan, ct);
        if (check.Changed != 0) throw new InvalidOperationException($"A full recompute after the feed changed {check.Changed} results.");
        output.WriteLine($"Full recompute after the feed: {check.Results:N0} results, none changed ({check.Elapsed.TotalSeconds:F1} s).");
    }

    private sealed record Row(double Seconds, double[] Passes, double[] Lags);

    private static double P(double[] sorted, int percentile) => sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * percentile / 100.0))];

    /// <summary>The service's consumer, wired as the service wires it (without Redis), until it has applied every entry.</summary>
    private static async Task<Row> FollowAsync(string connection, PlanSnapshot plan, SyntheticFeed feed, CancellationToken ct)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<EvaluationDbContext>(o => o.UseNpgsql(connection));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new EvaluationMetrics());
        services.AddSingleton<ICacheBackend, RecomputeBenchmark.NoCache>();
        services.AddSingleton<ResultCache>();
        services.AddSingleton<ChangeSignal>();
        services.AddSingleton<IPlanSource>(new RecomputeBenchmark.FixedPlan(plan));
        services.AddScoped<EvaluationStore>();
        services.AddScoped<PolicyStore>();
        services.AddScoped<ReportStates>();
        services.AddScoped<ResultPublisher>();
        services.AddScoped<IncrementalPass>();
        services.AddSingleton(feed);
        services.AddSingleton<FeedConsumer<SyntheticFeed>>();
        services.AddMetrics();
        services.AddSingleton<FollowerHealth>();
        await using var provider = services.BuildServiceProvider();

        var (passes, lags) = (new List<double>(), new List<double>());
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name is FollowerHealth.LagName or "evaluation.recompute.duration") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            lock (lags) (instrument.Name == FollowerHealth.LagName ? lags : passes).Add(value * 1000);
        });
        listener.Start();

        var consumer = provider.GetRequiredService<FeedConsumer<SyntheticFeed>>();
        var watch = Stopwatch.StartNew();
        await consumer.StartAsync(ct);
        while (true)
        {
            lock (lags) if (lags.Count >= feed.Count) break;
            if (watch.Elapsed > TimeSpan.FromSeconds(feed.Count / Math.Max(1.0, feed.Rate) + 300)) throw new TimeoutException("The consumer did not apply every entry.");
            await Task.Delay(20, ct);
        }
        var seconds = watch.Elapsed.TotalSeconds;
        await consumer.StopAsync(ct);
        lock (lags) return new(seconds, [.. passes.Order()], [.. lags.Order()]);
    }

    /// <summary>Revisions of random cells at a fixed rate (0: all at once), then nothing more, as a quiet live feed.</summary>
    private sealed class SyntheticFeed(string source, (string Indicator, string Unit)[] cells, long first, int count, int rate) : IChangeFeed
    {
        public string Source => source;
        public int Count => count;
        public int Rate => rate;

        public async IAsyncEnumerable<FeedEntry> WatchAsync(long afterSequence, [EnumeratorCancellation] CancellationToken ct)
        {
            var random = new Random((int)first);
            var watch = Stopwatch.StartNew();
            for (var k = 0; k < count; k++)
            {
                var (indicator, unit) = cells[random.Next(cells.Length)];
                var (month, value, sequence) = (random.Next(1, 13), Math.Round((decimal)(random.NextDouble() * 100), 2), first + k);
                if (sequence <= afterSequence) continue;
                if (rate > 0 && TimeSpan.FromSeconds((double)k / rate) - watch.Elapsed is { Ticks: > 0 } wait) await Task.Delay(wait, ct);
                yield return new FeedEntry(sequence, DateTimeOffset.UtcNow, ChangeKinds.ActualRevised, $"{unit}/{indicator}/{Year}/{month}", null,
                    new ActualChange(unit, indicator, Year, month, value, sequence));
            }
            await Task.Delay(Timeout.Infinite, ct);
        }
    }
}
