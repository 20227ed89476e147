using System.Diagnostics;
using Google.Type;
using Grpc.Core;
using Grpc.Net.Client;
using TuyPhuoc.Contracts.Evaluation.V1;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Scoring.V1;
using TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.Harness;

/// <summary>
/// Loads national-scale data through the public API — 5,000 communes, a plan of 34 indicators allocated to every one,
/// and twelve months of actuals for each cell (about two million rows, each with a short note, in imports of the
/// largest size accepted) — waits until the Evaluation has every month and EmulationScoring ranks every commune, prints
/// the resident size of every process of the suite, recomputes the year, and prints them again.
/// Every step is idempotent, so a second run on the same AppHost only measures.
/// </summary>
public static class NationalScale
{
    public const int Year = 2022, Indicators = 34;
    private const int RowsPerImport = 500_000;

    public static async Task RunAsync(GrpcChannel gateway, int units, TextWriter log, CancellationToken ct)
    {
        // Several callers, so the unit creation stays under the gateway's per-caller rate limit.
        var callers = await LoadRunner.CallersAsync(gateway, "planning_office", "national-scale", 16, ct);
        var office = callers[0];
        var plans = new IndicatorPlans.IndicatorPlansClient(gateway);
        var codes = Enumerable.Range(1, units).Select(u => $"NAT_{u:0000}").ToArray();
        var watch = Stopwatch.StartNew();

        await Parallel.ForEachAsync(codes.Index(), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (unit, token) =>
            await plans.CreateUnitAsync(new CreateUnitRequest
            {
                Unit = new Unit { Code = unit.Item, Name = $"Xã {unit.Item}", Kind = UnitKind.Commune, ParentCode = "TUY_PHUOC", ValidFrom = new Date { Year = 2020, Month = 1, Day = 1 } },
                IdempotencyKey = $"national-unit-{unit.Item}",
            }, Call(callers[unit.Index % callers.Length], token)));
        for (var i = 1; i <= Indicators; i++)
        {
            await ImportBenchmark.CreateAllocatedIndicatorAsync(plans, Code(i), $"Chỉ tiêu quốc gia {i:00}", Call(office, ct));
        }
        log.WriteLine($"{units:N0} units and {Indicators} indicators in {watch.Elapsed.TotalSeconds:F0} s");

        watch.Restart();
        var plan = new CreatePlanRequest
        {
            Year = Year, DecisionNumber = "NATIONAL/QĐ-UBND", DecisionDate = new Date { Year = Year - 1, Month = 12, Day = 20 },
            EffectiveFrom = new Date { Year = Year, Month = 1, Day = 1 }, IdempotencyKey = $"national-plan-{Year}-{units}",
        };
        plan.Targets.Add(Enumerable.Range(1, Indicators).Select(i => ImportBenchmark.AllocatedTarget(Code(i), codes, 120)));
        await plans.CreatePlanAsync(plan, Call(office, ct));
        log.WriteLine($"Plan {Year}: {Indicators} indicators × {units:N0} allocations ({plan.CalculateSize() / 1e6:F1} MB) in {watch.Elapsed.TotalSeconds:F0} s");

        // The emulation scheme of 2024 for 2022 too (equal weights), so every commune is scored and ranked.
        var homeAffairs = (await LoadRunner.CallersAsync(gateway, "home_affairs", "national-scale", 1, ct))[0];
        var scoring = new EmulationScoring.EmulationScoringClient(gateway);
        var scheme = await scoring.GetSchemeAsync(new GetSchemeRequest { Year = 2024 }, Call(homeAffairs, ct));
        scheme.Year = Year;
        scheme.Weights.Clear();
        await scoring.SetSchemeAsync(new SetSchemeRequest { Scheme = scheme, IdempotencyKey = $"national-scheme-{Year}" }, Call(homeAffairs, ct));

        watch.Restart();
        var submissions = new Submissions.SubmissionsClient(gateway);
        var rows = 0L;
        foreach (var batch in Rows(codes).Chunk(RowsPerImport))
        {
            using var call = submissions.ImportActuals(Call(office, ct));
            foreach (var chunk in batch.Chunk(ImportBenchmark.RowsPerMessage))
            {
                await call.RequestStream.WriteAsync(new ImportActualsRequest { BatchIdempotencyKey = $"national-{Year}-{units}-{rows}", Rows = { chunk } }, ct);
            }
            await call.RequestStream.CompleteAsync();
            var answer = await call;
            if (answer.Errors.Count > 0) throw new InvalidOperationException($"Import refused: {answer.Errors[0]}");
            rows += batch.Length;
            log.WriteLine($"  {rows:N0} rows imported ({rows / watch.Elapsed.TotalSeconds:N0} rows/s)");
        }

        // The feed is applied in order: once the last cell's December shows, every cell before it has been applied.
        var evaluation = new TuyPhuoc.Contracts.Evaluation.V1.Evaluation.EvaluationClient(gateway);
        var last = new GetIndicatorStatusRequest { UnitCode = codes[^1], IndicatorCode = Code(Indicators), Year = Year, Quarter = 4 };
        while ((await evaluation.GetIndicatorStatusAsync(last, Call(office, ct))).MonthlyActuals is not { Count: 12 } months || !months[11].HasValue)
        {
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
        }
        log.WriteLine($"Evaluation has all {rows:N0} actuals {watch.Elapsed.TotalSeconds:F0} s after the first import began");
        while (await RankedAsync(scoring, Call(office, ct)) < units) await Task.Delay(TimeSpan.FromSeconds(2), ct);
        log.WriteLine($"EmulationScoring ranks all {units:N0} communes for Q4 {watch.Elapsed.TotalSeconds:F0} s after the first import began");
        MemoryReport.Print(log);

        watch.Restart();
        var recompute = await evaluation.RecomputeAsync(new RecomputeRequest { Year = Year }, Call(office, ct));
        log.WriteLine($"Full recompute of {Year}: {recompute.Results:N0} results, {recompute.Changed:N0} changed, {watch.Elapsed.TotalSeconds:F1} s; then:");
        MemoryReport.Print(log);
    }

    private static async Task<int> RankedAsync(EmulationScoring.EmulationScoringClient scoring, CallOptions options)
    {
        var (count, token) = (0, "");
        do
        {
            var page = await scoring.ListRankingAsync(new ListRankingRequest { Year = Year, Quarter = 4, PageSize = 1000, PageToken = token }, options);
            count += page.Entries.Count(e => e.UnitCode.StartsWith("NAT_", StringComparison.Ordinal));
            token = page.NextPageToken;
        }
        while (token != "");
        return count;
    }

    private static CallOptions Call(Metadata caller, CancellationToken ct) => new(caller, System.DateTime.UtcNow.AddMinutes(10), ct);

    private static string Code(int i) => $"NAT_{i:00}";

    /// <summary>The same rows on every run, so a second run replays each import's key with the same content.</summary>
    private static IEnumerable<ImportRow> Rows(string[] units)
    {
        for (var u = 0; u < units.Length; u++)
        {
            for (var i = 1; i <= Indicators; i++)
            {
                for (var month = 1; month <= 12; month++)
                {
                    yield return new ImportRow { UnitCode = units[u], IndicatorCode = Code(i), Year = Year, Month = month, Value = 5 + u % 8 + i % 5,
                        Note = "Số liệu ước thực hiện, chờ số liệu chính thức" };
                }
            }
        }
    }
}
