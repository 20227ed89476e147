using TuyPhuoc.Evaluation.Data;
using TuyPhuoc.Evaluation.Domain;
using TuyPhuoc.Evaluation.Processing;
using static TuyPhuoc.Evaluation.Tests.Service.TestPlan;
using Proto = TuyPhuoc.Contracts.Evaluation.V1;

namespace TuyPhuoc.Evaluation.Tests.Service;

/// <summary>The incremental bookkeeping against a real PostgreSQL: replays, order, roll-ups, cursor, trace, recompute.</summary>
public sealed class IncrementalTests(PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Apply_SameBatchTwice_SecondChangesNothing()
    {
        await using var rig = await EvaluatorRig.CreateAsync(postgres);
        var batch = new[] { Actual(Commune1, Grain, 1, 10), Actual(Commune2, Grain, 2, 5), Actual(Office, Coverage, 3, 91.5m) };

        var first = await rig.ApplyAsync(batch);
        var before = await rig.SnapshotsAsync();
        var changes = (await rig.ChangesAsync()).Count;
        var second = await rig.ApplyAsync(batch);

        Assert.Equal(4, first); // commune 1, commune 2, the district roll-up, the district coverage
        Assert.Equal(0, second);
        Assert.Equal(changes, (await rig.ChangesAsync()).Count);
        Assert.Equal(before, await rig.SnapshotsAsync());
    }

    [Fact]
    public async Task Apply_ReplayedAndOlderRevisions_DistrictTotalsMoveOnlyByWhatWasStored()
    {
        await using var rig = await EvaluatorRig.CreateAsync(postgres);
        var first = new[] { Actual(Commune1, Grain, 1, 12, sequence: 100), Actual(Commune2, Grain, 1, 8, sequence: 101) };
        await rig.ApplyAsync(first);

        await rig.ApplyAsync(first); // a replay after a crash
        await rig.ApplyAsync(Actual(Commune1, Grain, 1, 3, sequence: 99), Actual(Commune2, Grain, 1, 9, sequence: 102)); // older, then newer

        var district = await rig.Reports().StatusAsync(Everything, District, Grain, Year, 1, Ct);
        Assert.Equal(21, district.MonthlyActuals[0].Value);
    }

    [Fact]
    public async Task Apply_OlderRevisionArrivesLate_NewerValueStays()
    {
        await using var rig = await EvaluatorRig.CreateAsync(postgres);

        await rig.ApplyAsync(Actual(Commune1, Grain, 1, 50, sequence: 20));
        await rig.ApplyAsync(Actual(Commune1, Grain, 1, 7, sequence: 10));

        var status = await rig.Reports().StatusAsync(Everything, Commune1, Grain, Year, 1, Ct);
        Assert.Equal(50, status.MonthlyActuals[0].Value);
    }

    [Fact]
    public async Task Apply_RevisionInOneBatch_LatestSequenceWins()
    {
        await using var rig = await EvaluatorRig.CreateAsync(postgres);

        await rig.ApplyAsync(Actual(Commune1, Grain, 1, 30, sequence: 31), Actual(Commune1, Grain, 1, 3, sequence: 30));

        var status = await rig.Reports().StatusAsync(Everything, Commune1, Grain, Year, 1, Ct);
        Assert.Equal(30, status.MonthlyActuals[0].Value);
    }

    [Fact]
    public async Task Apply_CommuneActuals_DistrictFigureIsTheirSum()
    {
        await using var rig = await EvaluatorRig.CreateAsync(postgres);

        await rig.ApplyAsync(Actual(Commune1, Grain, 1, 12), Actual(Commune2, Grain, 1, 8), Actual(Commune2, Grain, 2, 4));

        var district = await rig.Reports().StatusAsync(Everything, District, Grain, Year, 1, Ct);
        Assert.True(district.RolledUp);
        Assert.Equal(24, district.Quarters[0].Actual);
        Assert.Equal(Proto.Status.Achieved, district.Status); // 24 ≥ t_1 = 20
        var commune = await rig.Reports().StatusAsync(Everything, Commune1, Grain, Year, 1, Ct);
        Assert.Equal(Proto.Status.Achieved, commune.Status); // 12 ≥ 60 × 20% = 12
    }

    [Fact]
    public async Task Apply_LowerRevision_StatusFallsAndOneChangePerResult()
    {
        await using var rig = await EvaluatorRig.CreateAsync(postgres);
        await rig.ApplyAsync(Actual(Commune1, Grain, 1, 12));
        var changes = (await rig.ChangesAsync()).Count;

        var written = await rig.ApplyAsync(Actual(Commune1, Grain, 1, 6));

        Assert.Equal(2, written);
        Assert.Equal(changes + 2, (await rig.ChangesAsync()).Count);
        var commune = await rig.Reports().StatusAsync(Everything, Commune1, Grain, Year, 1, Ct);
        Assert.Equal(Proto.Status.NotAchieved, commune.Status);
        Assert.Equal(6, commune.Quarters[0].CarryOut);
    }

    [Fact]
    public async Task Apply_OfficeActual_TouchesOnlyTheDistrictFigureItReports()
    {
        await using var rig = await EvaluatorRig.CreateAsync(postgres);

        var written = await rig.ApplyAsync(Actual(Office, Coverage, 3, 91m));

        Assert.Equal(1, written);
        var change = Assert.Single(await rig.ChangesAsync());
        Assert.Equal(EvaluationStore.ChangeKey(new(Year, Coverage, District)), change.Key);
        var status = await rig.Reports().StatusAsync(Everything, Office, Coverage, Year, 1, Ct);
        Assert.Equal(District, status.UnitCode);
        Assert.Equal(Office, status.ReportingUnitCode);
        Assert.Equal(Proto.Status.Achieved, status.Status); // 91 ≥ the Q1 target level 91
    }

    [Fact]
    public async Task Apply_UnitWithoutAssignment_StoresTheActualButNoResult()
    {
        await using var rig = await EvaluatorRig.CreateAsync(postgres);

        var written = await rig.ApplyAsync(Actual("ELSEWHERE", Grain, 1, 99));

        Assert.Equal(0, written);
        var actuals = await rig.Store.ActualsAsync(Year, null, Ct);
        Assert.Equal(99, actuals[(Grain, "ELSEWHERE")][0]!.Value.Value);
    }

    [Fact]
    public async Task Apply_Batch_AdvancesTheCursorInTheSameTransaction()
    {
        await using var rig = await EvaluatorRig.CreateAsync(postgres);

        await rig.ApplyAsync(Actual(Commune1, Grain, 1, 1, sequence: 41), Actual(Commune1, Grain, 2, 1, sequence: 42));
        await rig.ApplyAsync(Actual(Commune1, Grain, 1, 1, sequence: 41)); // a replay of an older entry never moves it back

        Assert.Equal(42, await rig.Store.CursorAsync(SubmissionsFeed.Name, Ct));
    }

    [Fact]
    public async Task Apply_ChangeWithTraceParent_ResultChangeCarriesIt()
    {
        await using var rig = await EvaluatorRig.CreateAsync(postgres);
        const string trace = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

        await rig.ApplyAsync(Actual(Office, Coverage, 1, 90.5m, trace: trace));

        Assert.Equal(trace, Assert.Single(await rig.ChangesAsync()).TraceParent);
    }

    [Fact]
    public async Task Recompute_AfterIncrementalUpdates_ChangesNothing()
    {
        await using var rig = await EvaluatorRig.CreateAsync(postgres);
        await rig.ApplyAsync(Actual(Commune1, Grain, 1, 10), Actual(Commune1, Grain, 5, 9));
        await rig.ApplyAsync(Actual(Commune2, Grain, 4, 12), Actual(Office, Coverage, 6, 92.2m));
        await rig.ApplyAsync(Actual(Office, Income, 6, 65m), Actual(Commune1, Grain, 5, 14), Actual(Commune1, Insured, 3, 92.5m));
        await rig.ApplyAsync(Actual(Commune2, Insured, 3, 90.5m), Actual(Commune2, Insured, 6, 91m));
        var incremental = await rig.SnapshotsAsync();

        var outcome = await rig.Recompute().RunAsync(Year, Ct);

        Assert.Equal(0, outcome.Changed);
        Assert.Equal(incremental, await rig.SnapshotsAsync());
    }

    [Fact]
    public async Task Recompute_FromScratch_EqualsIncremental()
    {
        await using var incremental = await EvaluatorRig.CreateAsync(postgres);
        await using var full = await EvaluatorRig.CreateAsync(postgres);
        var entries = new[] { Actual(Commune1, Grain, 2, 10), Actual(Commune2, Grain, 3, 25), Actual(Office, Coverage, 6, 92.4m), Actual(Commune2, Grain, 3, 20) };
        foreach (var entry in entries) await incremental.ApplyAsync(entry);
        await full.Store.UpsertActualsAsync([.. entries.Select(e => e.Actual!)], Ct);

        var outcome = await full.Recompute().RunAsync(Year, Ct);

        Assert.Equal(3 + 1 + 3 + 1, outcome.Results); // grain: two allocations and the roll-up; coverage; insured: two and the mean; income
        var a = await incremental.SnapshotsAsync();
        var b = await full.SnapshotsAsync();
        Assert.Equal(a.Keys.Order(), b.Keys.Intersect(a.Keys).Order());
        Assert.All(a, kv => Assert.Equal(kv.Value, b[kv.Key]));
    }

    [Fact]
    public async Task Apply_ManyEntriesInOnePass_SameResultsAsOneEntryPerPassAndEachResultWrittenOnce()
    {
        await using var onePass = await EvaluatorRig.CreateAsync(postgres);
        await using var perEntry = await EvaluatorRig.CreateAsync(postgres);
        var random = new Random(7);
        string[] units = [Commune1, Commune2, Office, District];
        string[] indicators = [Grain, Coverage, Insured, Income];
        var entries = Enumerable.Range(0, 200)
            .Select(_ => Actual(units[random.Next(units.Length)], indicators[random.Next(indicators.Length)], random.Next(1, 13), random.Next(8_000, 9_900) / 100m))
            .ToArray();

        var written = await onePass.ApplyAsync(entries);
        foreach (var entry in entries) await perEntry.ApplyAsync(entry);

        Assert.Equal(8, written); // every result of the plan, once, however many entries touched it
        Assert.Equal(written, (await onePass.ChangesAsync()).Count);
        Assert.Equal(await perEntry.SnapshotsAsync(), await onePass.SnapshotsAsync());
        Assert.Equal(entries[^1].Sequence, await onePass.Store.CursorAsync(SubmissionsFeed.Name, Ct));
    }

    [Fact]
    public async Task Recompute_AfterPassesWithMeansThatDoNotDivideEvenly_ChangesNothing()
    {
        await using var rig = await EvaluatorRig.CreateAsync(postgres);
        const string commune3 = "COMMUNE_3";
        var plan = TestPlan.Plan();
        var insured = plan.Indicators[Insured];
        rig.Plans.Plans[Year] = plan with
        {
            Indicators = new Dictionary<string, IndicatorPlan>(plan.Indicators)
            {
                [Insured] = insured with { Allocations = [.. insured.Allocations, new AllocationPlan(commune3, 94m, null)] },
            },
        };
        await rig.Recompute().RunAsync(Year, Ct); // every result stored, the ones no entry below touches too
        await rig.ApplyAsync(Actual(Commune1, Insured, 1, 90.1m), Actual(Commune2, Insured, 1, 91.2m), Actual(commune3, Insured, 1, 92.05m));
        await rig.ApplyAsync(Actual(Commune1, Insured, 2, 91m), Actual(Commune2, Insured, 2, 92m), Actual(commune3, Insured, 2, 92m));
        await rig.ApplyAsync(Actual(Commune1, Grain, 1, 1.1m), Actual(Commune2, Grain, 1, 2.25m), Actual(Commune2, Grain, 2, 1.003m));

        var district = await rig.Reports().StatusAsync(Everything, District, Insured, Year, 1, Ct);
        var outcome = await rig.Recompute().RunAsync(Year, Ct);

        Assert.Equal((double)(273.35m / 3), district.MonthlyActuals[0].Value);
        Assert.Equal((double)(275m / 3), district.MonthlyActuals[1].Value);
        Assert.Equal(0, outcome.Changed);
    }

    [Fact]
    public async Task Apply_AfterThePlanAddsACommune_RollUpIncludesItsEarlierActuals()
    {
        await using var rig = await EvaluatorRig.CreateAsync(postgres);
        const string commune3 = "COMMUNE_3";
        await rig.Recompute().RunAsync(Year, Ct);
        await rig.ApplyAsync(Actual(Commune1, Grain, 1, 12), Actual(Commune2, Grain, 1, 8), Actual(commune3, Grain, 1, 5));
        var plan = TestPlan.Plan();
        var grain = plan.Indicators[Grain];
        rig.Plans.Plans[Year] = plan with
        {
            Indicators = new Dictionary<string, IndicatorPlan>(plan.Indicators)
            {
                [Grain] = grain with { Allocations = [.. grain.Allocations, new AllocationPlan(commune3, 10m, null)] },
            },
        };

        await rig.ApplyAsync(Actual(Commune1, Grain, 2, 1));

        var district = await rig.Reports().StatusAsync(Everything, District, Grain, Year, 1, Ct);
        Assert.Equal([25d, 1d], district.MonthlyActuals.Take(2).Select(m => m.Value));
        Assert.Equal(1, (await rig.Recompute().RunAsync(Year, Ct)).Changed); // COMMUNE_3's own result only: no pass touched it yet
    }

    [Fact]
    public async Task PlanRevised_NamedIndicator_IsRecomputedWithTheNewTarget()
    {
        await using var rig = await EvaluatorRig.CreateAsync(postgres);
        await rig.ApplyAsync(Actual(Commune1, Grain, 1, 12), Actual(Commune2, Grain, 1, 8));
        rig.Plans.Plans[Year] = TestPlan.Plan(grainTarget: 200m);

        var written = await rig.Pass().ApplyAsync(PlansFeed.Name,
            [new FeedEntry(7, DateTimeOffset.UtcNow, "plan.revised", "2024", null, Year: Year, IndicatorCodes: [Grain])], Ct);

        Assert.Equal(3, written);
        var district = await rig.Reports().StatusAsync(Everything, District, Grain, Year, 1, Ct);
        Assert.Equal(200, district.YearTarget);
        Assert.Equal(Proto.Status.NotAchieved, district.Status); // 20 of a requirement of 40
        Assert.Equal(7, await rig.Store.CursorAsync(PlansFeed.Name, Ct));
    }

    [Fact]
    public async Task QuarterReport_AfterAChange_IsNotServedStaleFromTheCache()
    {
        await using var rig = await EvaluatorRig.CreateAsync(postgres);
        await rig.ApplyAsync(Actual(Office, Coverage, 3, 90m));
        var before = await rig.Reports().QuarterReportAsync(Everything, Year, 1, Ct);
        await rig.Reports().QuarterReportAsync(Everything, Year, 1, Ct);

        await rig.ApplyAsync(Actual(Office, Coverage, 3, 93m));
        var after = await rig.Reports().QuarterReportAsync(Everything, Year, 1, Ct);

        Assert.True(rig.Metrics.HitRatio > 0);
        Assert.NotEqual(before.DistrictFigures.Single(f => f.IndicatorCode == Coverage).Status, after.DistrictFigures.Single(f => f.IndicatorCode == Coverage).Status);
    }
}
