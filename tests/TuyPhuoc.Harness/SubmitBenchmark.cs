using Grpc.Net.Client;
using Npgsql;
using NpgsqlTypes;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.Harness;

/// <summary>
/// Interactive SubmitActual through the gateway (validated, durable, change-logged) against raw single-row
/// INSERT-and-commit by as many Npgsql connections into a scratch table of the same PostgreSQL, closed-loop, rounds
/// alternating which side goes first. Submissions go to the cells of the 2023 bench plan of <see cref="ImportBenchmark"/>,
/// each call its own idempotency key; past 62,400 calls they add revisions.
/// </summary>
public static class SubmitBenchmark
{
    public static async Task RunAsync(GrpcChannel gateway, string gatewayAddress, string postgres, int clients, int rounds, TimeSpan duration,
        int maxCalls, TextWriter log, CancellationToken ct)
    {
        var office = await LoadRunner.CallersAsync(gateway, "planning_office", "bench-plan", 1, ct);
        await ImportBenchmark.EnsureBenchPlanAsync(new IndicatorPlans.IndicatorPlansClient(gateway), office[0], log, ct);
        var callers = await LoadRunner.CallersAsync(gateway, "planning_office", "bench-submit", clients, ct);
        using var channel = LoadRunner.Channel(gatewayAddress);
        var submissions = new Submissions.SubmissionsClient(channel);
        var run = Guid.NewGuid().ToString("N")[..8];
        long next = 0;

        Task<LoadResult> Submit(TimeSpan time) => LoadRunner.ClosedLoopAsync(clients, time, maxCalls, async (c, _, token) =>
        {
            var n = Interlocked.Increment(ref next);
            await submissions.SubmitActualAsync(Cell(n, $"bench-submit-{run}-{n}"), callers[c], DateTime.UtcNow.AddSeconds(30), token);
        }, ct);

        var builder = new NpgsqlConnectionStringBuilder(postgres) { MaxPoolSize = clients + 4, MinPoolSize = clients };
        await using var database = NpgsqlDataSource.Create(builder.ConnectionString);
        await using (var create = database.CreateCommand("""
            DROP TABLE IF EXISTS bench_insert_scratch;
            CREATE TABLE bench_insert_scratch (unit_code text, indicator_code text, year int, month int, value float8, note text)
            """))
        {
            await create.ExecuteNonQueryAsync(ct);
        }
        Task<LoadResult> Insert(TimeSpan time) => LoadRunner.ClosedLoopAsync(clients, time, maxCalls, async (_, n, token) =>
        {
            var cell = Cell(n, "");
            await using var insert = database.CreateCommand(
                "INSERT INTO bench_insert_scratch (unit_code, indicator_code, year, month, value, note) VALUES ($1, $2, $3, $4, $5, $6)");
            insert.Parameters.Add(new() { Value = cell.UnitCode, NpgsqlDbType = NpgsqlDbType.Text });
            insert.Parameters.Add(new() { Value = cell.IndicatorCode, NpgsqlDbType = NpgsqlDbType.Text });
            insert.Parameters.Add(new() { Value = cell.Year });
            insert.Parameters.Add(new() { Value = cell.Month });
            insert.Parameters.Add(new() { Value = cell.Value });
            insert.Parameters.Add(new() { Value = cell.Note, NpgsqlDbType = NpgsqlDbType.Text });
            await insert.ExecuteNonQueryAsync(token);
        }, ct);

        log.WriteLine($"SubmitActual through {gatewayAddress} vs single-row INSERT-and-commit, {clients} clients each; {rounds} rounds of {duration.TotalSeconds:F0} s per side.");
        await Submit(TimeSpan.FromSeconds(3));
        await Insert(TimeSpan.FromSeconds(3));
        var (submitted, inserted, ratios) = (new List<LoadResult>(), new List<LoadResult>(), new List<double>());
        for (var round = 1; round <= rounds; round++)
        {
            if (round % 2 == 1)
            {
                submitted.Add(await Submit(duration));
                inserted.Add(await Insert(duration));
            }
            else
            {
                inserted.Add(await Insert(duration));
                submitted.Add(await Submit(duration));
            }
            ratios.Add(submitted[^1].PerSecond / inserted[^1].PerSecond);
            log.WriteLine($"  round {round}: SubmitActual {submitted[^1].Summary}");
            log.WriteLine($"  round {round}: INSERT       {inserted[^1].Summary}   ratio {ratios[^1]:F2}");
        }
        await using (var drop = database.CreateCommand("DROP TABLE bench_insert_scratch")) await drop.ExecuteNonQueryAsync(ct);

        var (s, i) = (LoadResult.Merge(submitted), LoadResult.Merge(inserted));
        log.WriteLine();
        log.WriteLine($"| measure ({clients} clients) | calls/s, median of {rounds} | range | p50 ms | p90 ms | p99 ms |");
        log.WriteLine("|---|---|---|---|---|---|");
        log.WriteLine($"| SubmitActual through the gateway | {LoadRunner.Median(submitted.Select(r => r.PerSecond)):N0} | {submitted.Min(r => r.PerSecond):N0}-{submitted.Max(r => r.PerSecond):N0} | {s.Percentile(50):F2} | {s.Percentile(90):F2} | {s.Percentile(99):F2} |");
        log.WriteLine($"| single-row INSERT-and-commit | {LoadRunner.Median(inserted.Select(r => r.PerSecond)):N0} | {inserted.Min(r => r.PerSecond):N0}-{inserted.Max(r => r.PerSecond):N0} | {i.Percentile(50):F2} | {i.Percentile(90):F2} | {i.Percentile(99):F2} |");
        log.WriteLine($"Ratio, median of the rounds: {LoadRunner.Median(ratios):F2} ({ratios.Min():F2}-{ratios.Max():F2}); errors: {s.Errors} submissions, {i.Errors} inserts; goal >= 1.00.");
    }

    /// <summary>The n-th cell of the bench plan: indicators vary fastest, then communes, then months.</summary>
    public static SubmitActualRequest Cell(long n, string idempotencyKey)
    {
        var i = n % ImportBenchmark.MaxRows;
        return new SubmitActualRequest
        {
            UnitCode = ImportBenchmark.Communes[(int)(i / ImportBenchmark.Indicators % ImportBenchmark.Communes.Length)],
            IndicatorCode = ImportBenchmark.Code((int)(i % ImportBenchmark.Indicators) + 1),
            Year = ImportBenchmark.BenchYear,
            Month = (int)(i / (ImportBenchmark.Indicators * ImportBenchmark.Communes.Length)) + 1,
            Value = 1 + n % 9973,
            IdempotencyKey = idempotencyKey,
        };
    }
}
