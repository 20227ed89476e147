using TuyPhuoc.Evaluation.Domain;
using TuyPhuoc.Evaluation.Processing;
using static TuyPhuoc.Evaluation.Tests.Service.TestPlan;

namespace TuyPhuoc.Evaluation.Tests.Service;

/// <summary>The year's evaluation policy as data, against a real PostgreSQL: versions, the recompute that applies one, the passes that follow it.</summary>
public sealed class PolicyTests(PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly EvaluationPolicy SeventyByQ3 = new() { Checkpoints = [new(2, 0.5m), new(3, 0.7m)], AtRiskBand = 0.9m };

    private static async Task SetAsync(EvaluatorRig rig, EvaluationPolicy policy, string reason = "Kế hoạch của tỉnh")
    {
        await rig.Policies.AddAsync(Year, policy, reason, "tckh", Ct);
        await rig.Db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task InForce_NoneSet_TheDefaultsAsVersion0()
    {
        await using var rig = await EvaluatorRig.CreateAsync(postgres);

        var policy = await rig.Policies.InForceAsync(Year, Ct);

        Assert.Equal(0, policy.Version);
        Assert.Equal([new Checkpoint(2, 0.5m)], policy.Checkpoints);
        Assert.False(policy.SurplusOffsets);
    }

    [Fact]
    public async Task Add_TwoVersions_BothKeptWithWhoAndWhyTheLatestInForce()
    {
        await using var rig = await EvaluatorRig.CreateAsync(postgres);

        await SetAsync(rig, SeventyByQ3, "70% by Q3");
        await SetAsync(rig, SeventyByQ3 with { SurplusOffsets = true }, "surplus offsets");

        var versions = await rig.Policies.VersionsAsync(Year, Ct);
        Assert.Equal([(1, "70% by Q3", false), (2, "surplus offsets", true)], versions.Select(v => (v.Policy.Version, v.Reason, v.Policy.SurplusOffsets)));
        Assert.All(versions, v => Assert.Equal("tckh", v.RecordedBy));
        Assert.Equal(2, (await rig.Policies.InForceAsync(Year, Ct)).Version);
        Assert.Equal([new Checkpoint(2, 0.5m), new Checkpoint(3, 0.7m)], (await rig.Policies.GetAsync(Year, 1, Ct))!.Policy.Checkpoints);
        Assert.Null(await rig.Policies.GetAsync(Year, 3, Ct));
    }

    [Fact]
    public async Task Recompute_NewCheckpoint_StatusesJudgedByItNameTheVersionAndTheYearIsApplied()
    {
        await using var rig = await EvaluatorRig.CreateAsync(postgres);
        // 20 + 30 + 10 of 100 by Q3: 60%, past the default Q2 checkpoint (50%) but short of 70% by Q3.
        await rig.ApplyAsync(Actual(Commune1, Grain, 2, 20), Actual(Commune1, Grain, 5, 30), Actual(Commune2, Grain, 8, 10));
        var before = await rig.Reports().StatusAsync(Everything, District, Grain, Year, 3, Ct);

        await SetAsync(rig, SeventyByQ3);
        Assert.Equal([Year], await rig.Policies.UnappliedYearsAsync(Ct));
        await rig.Recompute().RunAsync(Year, Ct);

        var after = await rig.Reports().StatusAsync(Everything, District, Grain, Year, 3, Ct);
        Assert.Equal((0, true), (before.PolicyVersion, before.PassesCheckpoints));
        Assert.Equal((1, false), (after.PolicyVersion, after.PassesCheckpoints));
        Assert.Equal(0.7, after.Quarters[2].Checkpoints.Single().Minimum);
        Assert.Empty(await rig.Policies.UnappliedYearsAsync(Ct));
    }

    [Fact]
    public async Task Apply_AfterAPolicyChange_ThePassJudgesByTheNewVersion()
    {
        await using var rig = await EvaluatorRig.CreateAsync(postgres);
        await SetAsync(rig, new EvaluationPolicy { SurplusOffsets = true, Checkpoints = [], AtRiskBand = 0.9m });

        // Q1: 30 against 20 (surplus 10); Q2: 20 against 30 − 10 = 20, achieved only with surplus offsets.
        await rig.ApplyAsync(Actual(Commune1, Grain, 1, 18), Actual(Commune2, Grain, 1, 12),
            Actual(Commune1, Grain, 4, 12), Actual(Commune2, Grain, 4, 8));

        var district = await rig.Reports().StatusAsync(Everything, District, Grain, Year, 2, Ct);
        Assert.Equal(1, district.PolicyVersion);
        Assert.Equal(Contracts.Evaluation.V1.Status.Achieved, district.Status);
        Assert.Equal(10, district.Quarters[1].SurplusIn);
        Assert.False(district.CheckpointDue);
    }
}
