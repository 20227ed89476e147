using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using TuyPhuoc.Evaluation.Data;
using TuyPhuoc.Evaluation.Domain;
using TuyPhuoc.Evaluation.Processing;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.Evaluation.Tests.Service;

internal sealed class FakePlanSource : IPlanSource
{
    public Dictionary<int, PlanSnapshot> Plans { get; } = [];
    public int Loads { get; private set; }

    public Task<PlanSnapshot?> GetAsync(int year, CancellationToken ct)
    {
        Loads++;
        return Task.FromResult(Plans.GetValueOrDefault(year));
    }

    public Dictionary<int, Dictionary<string, string>> Mergers { get; } = [];

    public Task<IReadOnlyDictionary<string, string>> MergersAsync(int year, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(Mergers.GetValueOrDefault(year) ?? []);

    public void Invalidate(int? year = null) { }
}

/// <summary>Redis as a dictionary, or a Redis that fails every command.</summary>
internal sealed class FakeCacheBackend : ICacheBackend
{
    public ConcurrentDictionary<string, byte[]> Values { get; } = new();
    public Exception? Failure { get; set; }
    public TimeSpan Delay { get; set; }
    public int Calls;

    public async Task<byte[]?> GetAsync(string key)
    {
        await Before();
        return Values.TryGetValue(key, out var v) ? v : null;
    }

    public async Task SetAsync(string key, byte[] value, TimeSpan ttl)
    {
        await Before();
        Values[key] = value;
    }

    public async Task IncrementAsync(string key)
    {
        await Before();
        Values.AddOrUpdate(key, _ => "1"u8.ToArray(), (_, v) => System.Text.Encoding.ASCII.GetBytes((long.Parse(System.Text.Encoding.ASCII.GetString(v)) + 1).ToString()));
    }

    private async Task Before()
    {
        Interlocked.Increment(ref Calls);
        if (Delay > TimeSpan.Zero) await Task.Delay(Delay);
        if (Failure is not null) throw Failure;
    }
}

internal static class TestPlan
{
    public const int Year = 2024;
    public const string District = "DISTRICT";
    public const string Office = "OFFICE";
    public const string Commune1 = "COMMUNE_1";
    public const string Commune2 = "COMMUNE_2";
    public const string Grain = "GRAIN";      // commune-allocated cumulative: the district figure is rolled up
    public const string Coverage = "COVERAGE"; // level reported by the office
    /// <summary>A caller the access table grants every result.</summary>
    public static readonly CallerScope Everything = new("planning", Roles.PlanningOffice, null, null, Grant.All);
    public const string Income = "INCOME";     // year-end
    public const string Insured = "INSURED";   // commune-allocated level: the district figure is the communes' mean

    public static PlanSnapshot Plan(decimal grainTarget = 100m) => new(Year, District, new Dictionary<string, IndicatorPlan>
    {
        [Grain] = new(new(Grain, MeasureKind.Cumulative, Direction.HigherIsBetter, null, IndicatorSource.Province, "economy", Office, true),
            grainTarget, Phased(grainTarget),
            [new(Commune1, grainTarget * 0.6m, Phased(grainTarget * 0.6m)), new(Commune2, grainTarget * 0.4m, Phased(grainTarget * 0.4m))], Aggregation.Sum),
        [Coverage] = new(new(Coverage, MeasureKind.Level, Direction.HigherIsBetter, 90m, IndicatorSource.Province, "culture_society", Office, false),
            94m, [91m, 92m, 93m, 94m], [], Aggregation.ResponsibleOffice),
        [Insured] = new(new(Insured, MeasureKind.Level, Direction.HigherIsBetter, 90m, IndicatorSource.Province, "culture_society", Office, true),
            94m, [91m, 92m, 93m, 94m], [new(Commune1, 95m, [92m, 93m, 94m, 95m]), new(Commune2, 93m, [90m, 91m, 92m, 93m])], Aggregation.Mean),
        [Income] = new(new(Income, MeasureKind.YearEnd, Direction.HigherIsBetter, 60m, IndicatorSource.District, "economy", Office, false),
            70m, null, [], Aggregation.ResponsibleOffice),
    });

    // As IndicatorPlans publishes them, allocations phased like the district target.
    private static decimal[] Phased(decimal target) => [target * 0.2m, target * 0.3m, target * 0.25m, target * 0.25m];

    private static long _sequence;

    public static FeedEntry Actual(string unit, string indicator, int month, decimal value, long? sequence = null, string? trace = null, int year = Year)
    {
        var seq = sequence ?? Interlocked.Increment(ref _sequence) + 1000;
        return new(seq, DateTimeOffset.UtcNow, ChangeKinds.ActualRevised, $"{unit}/{indicator}/{year}/{month}", trace,
            new ActualChange(unit, indicator, year, month, value, seq));
    }
}

/// <summary>An evaluator over a fresh database and a fake plan, as the service wires it.</summary>
internal sealed class EvaluatorRig : IAsyncDisposable
{
    public required EvaluationDbContext Db { get; init; }
    public required FakePlanSource Plans { get; init; }
    public required FakeCacheBackend Redis { get; init; }
    public required ResultCache Cache { get; init; }
    public required EvaluationMetrics Metrics { get; init; }

    public static async Task<EvaluatorRig> CreateAsync(PostgresFixture postgres)
    {
        var plans = new FakePlanSource();
        plans.Plans[TestPlan.Year] = TestPlan.Plan();
        var redis = new FakeCacheBackend();
        var metrics = new EvaluationMetrics();
        return new EvaluatorRig
        {
            Db = await postgres.NewDatabaseAsync(),
            Plans = plans,
            Redis = redis,
            Metrics = metrics,
            Cache = new ResultCache(redis, metrics, NullLogger<ResultCache>.Instance, TimeProvider.System),
        };
    }

    public EvaluationStore Store => new(Db);

    private ResultPublisher Publisher() => new(Store, Plans, Cache, new ChangeSignal(), Metrics);

    public PolicyStore Policies => new(Db, Store, TimeProvider.System);

    public ReportStates ReportStates => new(Store);

    public IncrementalPass Pass() => new(Store, Plans, Policies, ReportStates, Publisher(), Metrics, TimeProvider.System);

    public FullRecompute Recompute() => new(Store, Plans, Policies, Publisher(), Metrics, TimeProvider.System, NullLogger<FullRecompute>.Instance);

    /// <summary>Reports without KeyTasks: nothing listens there, so they answer without key tasks, as they do when KeyTasks is down.</summary>
    public Reports Reports() => new(Store, Cache, Plans, ReportStates, new KeyTaskFigures(
        new Contracts.Tasks.V1.KeyTasks.KeyTasksClient(global::Grpc.Net.Client.GrpcChannel.ForAddress("http://127.0.0.1:9")), NullLogger<KeyTaskFigures>.Instance));

    public Task<int> ApplyAsync(params FeedEntry[] batch) => Pass().ApplyAsync(SubmissionsFeed.Name, batch, TestContext.Current.CancellationToken);

    public async Task<Dictionary<string, byte[]>> SnapshotsAsync() =>
        (await Store.ResultsAsync(TestPlan.Year, TestContext.Current.CancellationToken)).ToDictionary(r => EvaluationStore.ChangeKey(r.Key), r => r.Snapshot);

    /// <summary>The result changes in the feed, once the sequencer (a hosted service in the real app) has numbered them.</summary>
    public async Task<List<ChangeLogEntry>> ChangesAsync()
    {
        await Db.SequenceCommittedAsync(TestContext.Current.CancellationToken);
        return await Store.ChangesAfterAsync(0, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await Db.DisposeAsync();
}
