using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using Npgsql;
using NpgsqlTypes;
using TuyPhuoc.Contracts.DevTokens.V1;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Submissions.V1;
using Date = Google.Type.Date;

namespace TuyPhuoc.Harness;

/// <summary>
/// Rows per second of ImportActuals through the gateway against rows per second of a raw binary COPY of the same
/// rows into a plain table of the same PostgreSQL server, measured alternately in one run. It starts nothing: the
/// suite runs already. The rows need cells that exist, so it sets up a bench plan for 2023 (BENCH_001..BENCH_400,
/// allocated to the 13 communes), once, with idempotency keys.
/// </summary>
public static class ImportBenchmark
{
    public const int BenchYear = 2023, Indicators = 400, MaxRows = Indicators * 13 * 12;
    private const int WarmUpRows = 2_000;
    /// <summary>Rows per stream message: few enough messages that framing and forwarding them costs little.</summary>
    public const int RowsPerMessage = 1_000;
    internal static readonly string[] Communes =
    [
        "TT_TUY_PHUOC", "TT_DIEU_TRI", "PHUOC_THANG", "PHUOC_HUNG", "PHUOC_QUANG", "PHUOC_HOA", "PHUOC_SON",
        "PHUOC_HIEP", "PHUOC_LOC", "PHUOC_NGHIA", "PHUOC_THUAN", "PHUOC_AN", "PHUOC_THANH",
    ];

    /// <param name="direct">Optionally the Submissions service's own gRPC address: the refused batch is then also sent straight to it, to show the gateway's share.</param>
    public static async Task RunAsync(GrpcChannel gateway, string postgres, int rowCount, int runs, TextWriter log, CancellationToken ct, GrpcChannel? direct = null)
    {
        if (rowCount is < 1 or > MaxRows) throw new ArgumentOutOfRangeException(nameof(rowCount), $"--rows must be between 1 and {MaxRows}.");
        var token = (await new DevTokens.DevTokensClient(gateway).IssueTokenAsync(
            new IssueTokenRequest { Role = "planning_office", Subject = "bench-import" }, cancellationToken: ct)).AccessToken;
        var headers = new Metadata { { "Authorization", $"Bearer {token}" } };
        await EnsureBenchPlanAsync(new IndicatorPlans.IndicatorPlansClient(gateway), headers, log, ct);

        var rows = Rows().Take(rowCount).ToList();
        var submissions = new Submissions.SubmissionsClient(gateway);
        await using var database = NpgsqlDataSource.Create(postgres);

        log.WriteLine($"Warming up with {WarmUpRows} rows on each side ...");
        await ImportAsync(submissions, headers, rows.Take(WarmUpRows).ToList(), ct);
        await CopyAsync(database, rows.Take(WarmUpRows).ToList(), ct);

        // The same rows in a month that does not exist: streamed and validated, then refused, so nothing is stored.
        var refusedRows = rows.Select(r => { var bad = r.Clone(); bad.Month = 13; return bad; }).ToList();
        var (imported, copied, streamed, streamedDirect) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        for (var run = 1; run <= runs; run++)
        {
            var importSeconds = await ImportAsync(submissions, headers, rows, ct);
            var copySeconds = await CopyAsync(database, rows, ct);
            var streamSeconds = await ImportAsync(submissions, headers, refusedRows, ct, expectRefusal: true);
            imported.Add(rows.Count / importSeconds);
            copied.Add(rows.Count / copySeconds);
            streamed.Add(rows.Count / streamSeconds);
            if (direct is not null)
            {
                var directSeconds = await ImportAsync(new Submissions.SubmissionsClient(direct), headers, refusedRows, ct, expectRefusal: true);
                streamedDirect.Add(rows.Count / directSeconds);
                log.WriteLine($"Run {run}: stream and validation only, straight to the service {rows.Count / directSeconds,9:N0} rows/s ({directSeconds:F2} s)");
            }
            log.WriteLine($"Run {run}: ImportActuals through the gateway {rows.Count / importSeconds,9:N0} rows/s ({importSeconds:F2} s); "
                + $"raw binary COPY {rows.Count / copySeconds,9:N0} rows/s ({copySeconds:F2} s); ratio {copySeconds / importSeconds:F2}; "
                + $"stream and validation only {rows.Count / streamSeconds,9:N0} rows/s ({streamSeconds:F2} s)");
        }
        var (importMedian, copyMedian) = (Median(imported), Median(copied));
        log.WriteLine($"Median of {runs} runs, {rows.Count} rows: ImportActuals {importMedian:N0} rows/s, raw COPY {copyMedian:N0} rows/s, "
            + $"ratio {importMedian / copyMedian:F2} (goal >= 0.50); stream and validation only {Median(streamed):N0} rows/s"
            + (direct is null ? "" : $", straight to the service {Median(streamedDirect):N0} rows/s"));
    }

    private static IEnumerable<ImportRow> Rows()
    {
        for (var month = 1; month <= 12; month++)
        {
            for (var i = 1; i <= Indicators; i++)
            {
                for (var c = 0; c < Communes.Length; c++)
                {
                    yield return new ImportRow
                    {
                        UnitCode = Communes[c], IndicatorCode = Code(i), Year = BenchYear, Month = month,
                        Value = 1 + (i * 7 + c * 3 + month) % 50, Note = (i + c) % 10 == 0 ? "Số liệu ước thực hiện" : "",
                    };
                }
            }
        }
    }

    private static async Task<double> ImportAsync(Submissions.SubmissionsClient submissions, Metadata headers, IReadOnlyList<ImportRow> rows,
        CancellationToken ct, bool expectRefusal = false)
    {
        var watch = Stopwatch.StartNew();
        using var call = submissions.ImportActuals(headers, DateTime.UtcNow.AddMinutes(10), ct);
        foreach (var chunk in rows.Chunk(RowsPerMessage)) await call.RequestStream.WriteAsync(new ImportActualsRequest { Rows = { chunk } }, ct);
        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync;
        watch.Stop();
        if (expectRefusal)
        {
            if (response.RowsStored != 0 || response.Errors.Count == 0) throw new InvalidOperationException("The refused batch was stored.");
        }
        else if (response.Errors.Count > 0 || response.RowsStored != rows.Count)
        {
            throw new InvalidOperationException($"The import stored {response.RowsStored} of {rows.Count} rows: "
                + string.Join("; ", response.Errors.Take(5).Select(e => $"row {e.Row} {e.Field}: {e.Reason}")));
        }
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>Raw binary COPY of the same rows into a fresh plain (logged) table, as one would load a staging table by hand.</summary>
    private static async Task<double> CopyAsync(NpgsqlDataSource database, IReadOnlyList<ImportRow> rows, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using (var create = new NpgsqlCommand("""
            DROP TABLE IF EXISTS bench_copy_scratch;
            CREATE TABLE bench_copy_scratch (unit_code text, indicator_code text, year int, month int, value float8, note text)
            """, connection))
        {
            await create.ExecuteNonQueryAsync(ct);
        }
        var watch = Stopwatch.StartNew();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY bench_copy_scratch (unit_code, indicator_code, year, month, value, note) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var row in rows)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(row.UnitCode, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(row.IndicatorCode, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(row.Year, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(row.Month, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(row.Value, NpgsqlDbType.Double, ct);
                await copy.WriteAsync(row.Note, NpgsqlDbType.Text, ct);
            }
            await copy.CompleteAsync(ct);
        }
        watch.Stop();
        await using (var drop = new NpgsqlCommand("DROP TABLE bench_copy_scratch", connection)) await drop.ExecuteNonQueryAsync(ct);
        return watch.Elapsed.TotalSeconds;
    }

    internal static async Task EnsureBenchPlanAsync(IndicatorPlans.IndicatorPlansClient plans, Metadata headers, TextWriter log, CancellationToken ct)
    {
        var existing = await plans.ListIndicatorsAsync(new ListIndicatorsRequest { PageSize = 1000, Source = IndicatorSource.District }, headers, cancellationToken: ct);
        var have = existing.Indicators.Select(i => i.Code).ToHashSet();
        var created = 0;
        for (var i = 1; i <= Indicators; i++)
        {
            if (have.Contains(Code(i))) continue;
            await CreateAllocatedIndicatorAsync(plans, Code(i), $"Chỉ tiêu đo tải {i:000}", new CallOptions(headers, DateTime.UtcNow.AddSeconds(30), ct));
            created++;
        }
        try
        {
            await plans.ListPlanRevisionsAsync(new ListPlanRevisionsRequest { Year = BenchYear }, headers, DateTime.UtcNow.AddSeconds(30), ct);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            var request = new CreatePlanRequest
            {
                Year = BenchYear, DecisionNumber = "BENCH/QĐ-UBND", DecisionDate = new Date { Year = BenchYear - 1, Month = 12, Day = 20 },
                EffectiveFrom = new Date { Year = BenchYear, Month = 1, Day = 1 }, IdempotencyKey = $"bench-plan-{BenchYear}",
            };
            for (var i = 1; i <= Indicators; i++)
            {
                request.Targets.Add(AllocatedTarget(Code(i), Communes, 100));
            }
            await plans.CreatePlanAsync(request, headers, DateTime.UtcNow.AddMinutes(2), ct);
            log.WriteLine($"Bench plan {BenchYear} created ({created} new indicators).");
        }
    }

    internal static string Code(int i) => $"BENCH_{i:000}";

    /// <summary>The indicator every bench plan uses: a district one, cumulative, higher is better, allocated to communes.</summary>
    internal static async Task CreateAllocatedIndicatorAsync(IndicatorPlans.IndicatorPlansClient plans, string code, string name, CallOptions options) =>
        await plans.CreateIndicatorAsync(new CreateIndicatorRequest
        {
            Indicator = new Indicator
            {
                Code = code, Name = name, UnitOfMeasure = "đơn vị", Source = IndicatorSource.District, Block = SectorBlock.Economy,
                ResponsibleOfficeCode = "TCKH", Direction = Direction.HigherIsBetter, MeasureKind = MeasureKind.Cumulative, CommuneAllocated = true,
            },
            IdempotencyKey = $"bench-indicator-{code}",
        }, options);

    /// <summary>The same year target for every unit; the district's is their sum, a quarter of it each quarter.</summary>
    internal static Target AllocatedTarget(string code, IReadOnlyCollection<string> units, double perUnit) => new()
    {
        IndicatorCode = code, DistrictTarget = perUnit * units.Count, Quarters = { Enumerable.Repeat(perUnit * units.Count / 4, 4) },
        Allocations = { units.Select(u => new Allocation { UnitCode = u, YearTarget = perUnit }) },
    };

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
