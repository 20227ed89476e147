using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using TuyPhuoc.Evaluation.Data;
using TuyPhuoc.Evaluation.Domain;
using TuyPhuoc.Evaluation.Processing;
using TuyPhuoc.PlanModel;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.Harness;

/// <summary>
/// The Evaluation's full recompute at national scale (units × 34 indicators × 12 months of actuals, loaded by
/// binary COPY into a scratch schema) against only reading the same rows, with the service's own code paths.
/// </summary>
public static class RecomputeBenchmark
{
    internal const int Year = 2024;
    private const string Root = "NATION";

    public static async Task RunAsync(string postgres, int units, int runs, TextWriter output, CancellationToken ct)
    {
        await using var scratch = await ScratchSchema.CreateAsync(postgres, ct);
        var connection = scratch.Connection;
        var plan = Plan(units);
        var rows = await scratch.FillAsync(plan, output, ct);
        // Each recompute is compared with a read taken just before it: on shared cores the load moves within seconds,
        // so a ratio of neighbours is steadier than a ratio of medians taken minutes apart.
        var (reads, warm, changedRun, warmRatios, changedRatios) = (new List<double>(), new List<double>(), new List<double>(), new List<double>(), new List<double>());
        var (cold, coldRead, results, changedResults) = (0d, 0d, 0, new List<int>());
        Task<double> ReadAsync() => TimeAsync(async () =>
        {
            await using var db = Context(connection);
            var indicators = 0;
            await foreach (var _ in new EvaluationStore(db).ActualsByIndicatorAsync(Year, null, ct)) indicators++;
            if (indicators == 0) throw new InvalidOperationException("Nothing was read.");
        });
        for (var run = 1; run <= runs; run++)
        {
            if (run == 1)
            {
                coldRead = await ReadAsync();
                cold = await TimeAsync(async () => results = (await RecomputeAsync(connection, plan, ct)).Results);
                output.WriteLine($"Results: {results:N0}");
            }
            reads.Add(await ReadAsync());
            warm.Add(await TimeAsync(async () =>
            {
                var outcome = await RecomputeAsync(connection, plan, ct);
                if (outcome.Changed != 0) throw new InvalidOperationException($"A recompute of unchanged data changed {outcome.Changed} results.");
            }));
            warmRatios.Add(warm[^1] / reads[^1]);
            await ReviseActualsAsync(connection, run, ct);
            reads.Add(await ReadAsync());
            changedRun.Add(await TimeAsync(async () => changedResults.Add((await RecomputeAsync(connection, plan, ct)).Changed)));
            changedRatios.Add(changedRun[^1] / reads[^1]);
            output.WriteLine($"run {run}: read {reads[^2]:F2} s, recompute (nothing changed) {warm[^1]:F2} s (× {warmRatios[^1]:F2}); "
                + $"read {reads[^1]:F2} s, recompute (1% of cells revised, {changedResults[^1]:N0} results rewritten) {changedRun[^1]:F2} s (× {changedRatios[^1]:F2})");
        }
        output.WriteLine();
        output.WriteLine($"| measure | seconds (median of {runs}) | × the read just before (median, range) |");
        output.WriteLine("|---|---|---|");
        output.WriteLine($"| read the {rows:N0} actuals (EvaluationStore.ActualsByIndicatorAsync, as the recompute reads them) | {Median(reads):F2} | 1.00 |");
        output.WriteLine($"| full recompute, nothing changed | {Median(warm):F2} | {Median(warmRatios):F2} ({warmRatios.Min():F2}-{warmRatios.Max():F2}) |");
        output.WriteLine($"| full recompute, 1% of cells revised (~{Median([.. changedResults.Select(c => (double)c)]):N0} results rewritten) | {Median(changedRun):F2} | {Median(changedRatios):F2} ({changedRatios.Min():F2}-{changedRatios.Max():F2}) |");
        output.WriteLine($"| first full recompute, every result written (run 1 only) | {cold:F2} | {cold / coldRead:F2} |");
        // The recompute runs the Evaluation's own code in this process: its peak is the service's at this scale.
        var peak = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))?.Split(':')[1].Trim();
        output.WriteLine($"Peak resident size of the process that ran the recompute (VmHWM): {peak}");
    }

    /// <summary>A schema of its own on the given server, migrated like the Evaluation's database; dropped when disposed.</summary>
    internal sealed class ScratchSchema : IAsyncDisposable
    {
        private readonly string _postgres;
        private readonly string _name;

        private ScratchSchema(string postgres, string name)
        {
            (_postgres, _name) = (postgres, name);
            Connection = new NpgsqlConnectionStringBuilder(postgres) { SearchPath = name, CommandTimeout = 600 }.ConnectionString;
        }

        public string Connection { get; }

        public static async Task<ScratchSchema> CreateAsync(string postgres, CancellationToken ct)
        {
            var scratch = new ScratchSchema(postgres, $"bench_evaluation_{DateTime.UtcNow:yyyyMMddHHmmss}");
            await ExecuteAsync(postgres, $"CREATE SCHEMA {scratch._name}", ct);
            await using var db = Context(scratch.Connection);
            await db.Database.MigrateAsync(ct);
            return scratch;
        }

        /// <summary>Every month of every allocation of the plan, by binary COPY; returns how many rows.</summary>
        public async Task<long> FillAsync(PlanSnapshot plan, TextWriter output, CancellationToken ct)
        {
            var load = Stopwatch.StartNew();
            var rows = await LoadActualsAsync(Connection, plan, ct);
            output.WriteLine($"Loaded {rows:N0} actuals ({plan.Indicators.Values.First().Allocations.Count:N0} units × {plan.Indicators.Count} indicators × 12 months) by binary COPY in {load.Elapsed.TotalSeconds:F1} s");
            await ExecuteAsync(Connection, "VACUUM ANALYZE actuals", ct);
            return rows;
        }

        public async ValueTask DisposeAsync() => await ExecuteAsync(_postgres, $"DROP SCHEMA {_name} CASCADE", CancellationToken.None);

        private static async Task ExecuteAsync(string connection, string sql, CancellationToken ct)
        {
            await using var db = new NpgsqlConnection(connection);
            await db.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand(sql, db);
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    internal static EvaluationDbContext Context(string connection) =>
        new(new DbContextOptionsBuilder<EvaluationDbContext>().UseNpgsql(connection).Options);

    internal static async Task<RecomputeOutcome> RecomputeAsync(string connection, PlanSnapshot plan, CancellationToken ct)
    {
        await using var db = Context(connection);
        var metrics = new EvaluationMetrics();
        var cache = new ResultCache(new NoCache(), metrics, NullLogger<ResultCache>.Instance, TimeProvider.System);
        var (store, plans) = (new EvaluationStore(db), new FixedPlan(plan));
        var publisher = new ResultPublisher(store, plans, cache, new ChangeSignal(), metrics);
        return await new FullRecompute(store, plans, new PolicyStore(db, store, TimeProvider.System), publisher, metrics, TimeProvider.System, NullLogger<FullRecompute>.Instance)
            .RunAsync(Year, ct);
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalSeconds;
    }

    internal static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>The 2024 mix of measure kinds and directions, every indicator allocated to every unit.</summary>
    internal static PlanSnapshot Plan(int units)
    {
        var codes = Enumerable.Range(1, units).Select(u => $"U{u:D5}").ToList();
        var kinds = new (MeasureKind Kind, Direction Direction)[]
        {
            (MeasureKind.Growth, Direction.HigherIsBetter), (MeasureKind.Cumulative, Direction.HigherIsBetter), (MeasureKind.Cumulative, Direction.HigherIsBetter),
            (MeasureKind.Cumulative, Direction.HigherIsBetter), (MeasureKind.Level, Direction.HigherIsBetter), (MeasureKind.Level, Direction.HigherIsBetter),
            (MeasureKind.Level, Direction.LowerIsBetter), (MeasureKind.Cumulative, Direction.HigherIsBetter), (MeasureKind.Level, Direction.HigherIsBetter),
            (MeasureKind.Level, Direction.HigherIsBetter), (MeasureKind.Level, Direction.LowerIsBetter), (MeasureKind.Level, Direction.LowerIsBetter),
            (MeasureKind.Level, Direction.HigherIsBetter), (MeasureKind.Level, Direction.HigherIsBetter), (MeasureKind.Level, Direction.HigherIsBetter),
            (MeasureKind.Cumulative, Direction.HigherIsBetter), (MeasureKind.Level, Direction.HigherIsBetter), (MeasureKind.YearEnd, Direction.HigherIsBetter),
            (MeasureKind.YearEnd, Direction.HigherIsBetter), (MeasureKind.Growth, Direction.HigherIsBetter), (MeasureKind.Cumulative, Direction.HigherIsBetter),
            (MeasureKind.Cumulative, Direction.HigherIsBetter), (MeasureKind.Cumulative, Direction.HigherIsBetter), (MeasureKind.YearEnd, Direction.HigherIsBetter),
            (MeasureKind.Cumulative, Direction.HigherIsBetter), (MeasureKind.YearEnd, Direction.LowerIsBetter), (MeasureKind.Cumulative, Direction.HigherIsBetter),
            (MeasureKind.Level, Direction.HigherIsBetter), (MeasureKind.YearEnd, Direction.HigherIsBetter), (MeasureKind.YearEnd, Direction.HigherIsBetter),
            (MeasureKind.Level, Direction.HigherIsBetter), (MeasureKind.Level, Direction.HigherIsBetter), (MeasureKind.Cumulative, Direction.LowerIsBetter),
            (MeasureKind.YearEnd, Direction.HigherIsBetter),
        };
        var indicators = new Dictionary<string, IndicatorPlan>();
        for (var i = 0; i < kinds.Length; i++)
        {
            var (kind, direction) = kinds[i];
            var code = $"CT{i + 1:D2}";
            var info = new IndicatorInfo(code, kind, direction, kind == MeasureKind.Level ? 50m : null,
                i < 17 ? IndicatorSource.Province : IndicatorSource.District, PublishedPlan.BlockNames[i % 3], "OFFICE", true);
            decimal[]? Quarters(decimal target) => kind switch
            {
                MeasureKind.Cumulative => [target * 0.2m, target * 0.3m, target * 0.25m, target * 0.25m],
                MeasureKind.YearEnd => null,
                _ => [target * 0.97m, target * 0.98m, target * 0.99m, target],
            };
            var unitTarget = kind == MeasureKind.Cumulative ? 1200m : 60m;
            indicators[code] = new IndicatorPlan(info, unitTarget * (kind == MeasureKind.Cumulative ? units : 1), Quarters(unitTarget * (kind == MeasureKind.Cumulative ? units : 1)),
                [.. codes.Select(u => new AllocationPlan(u, unitTarget, Quarters(unitTarget)))], kind == MeasureKind.Cumulative ? Aggregation.Sum : Aggregation.Mean);
        }
        return new PlanSnapshot(Year, Root, indicators);
    }

    internal static async Task<long> LoadActualsAsync(string connection, PlanSnapshot plan, CancellationToken ct)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync(ct);
        var random = new Random(2024);
        long sequence = 0;
        await using var writer = await db.BeginBinaryImportAsync(
            "COPY actuals (year, indicator_code, unit_code, month, value, source_sequence) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var indicator in plan.Indicators.Values)
        {
            foreach (var allocation in indicator.Allocations)
            {
                for (var month = 1; month <= 12; month++)
                {
                    var value = indicator.Indicator.Kind == MeasureKind.Cumulative
                        ? Math.Round(allocation.YearTarget / 12 * (decimal)(0.6 + random.NextDouble() * 0.8), 2)
                        : Math.Round(allocation.YearTarget * (decimal)(0.9 + random.NextDouble() * 0.15), 2);
                    await writer.StartRowAsync(ct);
                    await writer.WriteAsync(Year, NpgsqlDbType.Integer, ct);
                    await writer.WriteAsync(indicator.Indicator.Code, NpgsqlDbType.Varchar, ct);
                    await writer.WriteAsync(allocation.UnitCode, NpgsqlDbType.Varchar, ct);
                    await writer.WriteAsync(month, NpgsqlDbType.Integer, ct);
                    await writer.WriteAsync(value, NpgsqlDbType.Numeric, ct);
                    await writer.WriteAsync(++sequence, NpgsqlDbType.Bigint, ct);
                }
            }
        }
        return (long)await writer.CompleteAsync(ct);
    }

    /// <summary>Revises 1% of the cells with a later source sequence, as corrections arriving through the feed would.</summary>
    private static async Task ReviseActualsAsync(string connection, int run, CancellationToken ct)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(
            "UPDATE actuals SET value = value + 1, source_sequence = source_sequence + 100000000 WHERE (hashtext(unit_code || indicator_code || month) + @run) % 100 = 0", db);
        cmd.Parameters.AddWithValue("run", run);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    internal sealed class FixedPlan(PlanSnapshot plan) : IPlanSource
    {
        public Task<PlanSnapshot?> GetAsync(int year, CancellationToken ct) => Task.FromResult<PlanSnapshot?>(year == plan.Year ? plan : null);

        public Task<IReadOnlyDictionary<string, string>> MergersAsync(int year, CancellationToken ct) => Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

        public void Invalidate(int? year = null) { }
    }

    internal sealed class NoCache : ICacheBackend
    {
        public Task<byte[]?> GetAsync(string key) => Task.FromResult<byte[]?>(null);

        public Task SetAsync(string key, byte[] value, TimeSpan ttl) => Task.CompletedTask;

        public Task IncrementAsync(string key) => Task.CompletedTask;
    }
}
