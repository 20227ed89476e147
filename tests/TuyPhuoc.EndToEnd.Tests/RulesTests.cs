using Google.Rpc;
using Grpc.Core;
using TuyPhuoc.ServiceDefaults;
using Eval = TuyPhuoc.Contracts.Evaluation.V1;
using Plans = TuyPhuoc.Contracts.Plans.V1;
using Scoring = TuyPhuoc.Contracts.Scoring.V1;
using Subs = TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>
/// The evaluation rules through the gateway on a 2021 plan of this class's own (the other classes read 2024): the
/// year's policy set through the API, a level not phased, a roll-up with a commune missing; and, on the 2024 demo,
/// a unit whose indicators are all judged at year-end.
/// </summary>
public sealed class RulesTests(SuiteFixture suite)
{
    private const int Year = 2021; // 2023 stays without a plan: its figures are the history 2024 compares with
    private const string District = "TUY_PHUOC";
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(60);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Eval.Evaluation.EvaluationClient Evaluation => new(suite.Gateway);

    private static Google.Type.Date Date(int year, int month, int day) => new() { Year = year, Month = month, Day = day };

    /// <summary>The 2021 plan: CT08 allocated to three communes, CT09 a level without phasing, CT21 a cumulative of the KT_HT office.</summary>
    private async Task PlanAsync()
    {
        var request = new Plans.CreatePlanRequest
        {
            Year = Year, DecisionNumber = "999/QĐ-UBND (kiểm thử)", DecisionDate = Date(Year - 1, 12, 20), EffectiveFrom = Date(Year, 1, 1),
            IdempotencyKey = $"rules-plan-{Year}",
            Targets =
            {
                new Plans.Target
                {
                    IndicatorCode = "CT08", DistrictTarget = 300, Quarters = { 60, 90, 75, 75 },
                    Allocations = { new Plans.Allocation { UnitCode = "PHUOC_THANG", YearTarget = 100 }, new Plans.Allocation { UnitCode = "PHUOC_HUNG", YearTarget = 100 },
                        new Plans.Allocation { UnitCode = "PHUOC_SON", YearTarget = 100 } },
                },
                new Plans.Target { IndicatorCode = "CT09", DistrictTarget = 74, Baseline = 72 },
                new Plans.Target { IndicatorCode = "CT21", DistrictTarget = 1000, Quarters = { 200, 300, 250, 250 } },
            },
        };
        try
        {
            await new Plans.IndicatorPlans.IndicatorPlansClient(suite.Gateway).CreatePlanAsync(request, await suite.CallAsAsync(Roles.PlanningOffice));
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
        {
            // Made by an earlier run over the same data.
        }
    }

    /// <summary>Submits once per cell (a replay returns the first answer), while Submissions may not know the new plan yet.</summary>
    private async Task SubmitAsync(string unit, string indicator, int month, double value, int year = Year)
    {
        var request = new Subs.SubmitActualRequest
        {
            UnitCode = unit, IndicatorCode = indicator, Year = year, Month = month, Value = value, IdempotencyKey = $"rules-{year}-{unit}-{indicator}-{month}",
        };
        var deadline = DateTime.UtcNow + Soon;
        while (true)
        {
            try
            {
                await new Subs.Submissions.SubmissionsClient(suite.Gateway).SubmitActualAsync(request, await suite.CallAsAsync(Roles.UnitReporter, unit: unit));
                return;
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.FailedPrecondition or StatusCode.NotFound or StatusCode.InvalidArgument && DateTime.UtcNow < deadline)
            {
                await Task.Delay(500, Ct);
            }
        }
    }

    private async Task<Eval.IndicatorStatus> StatusAsync(string unit, string indicator, int quarter, Func<Eval.IndicatorStatus, bool> done, int year = Year)
    {
        var deadline = DateTime.UtcNow + Soon;
        while (true)
        {
            Eval.IndicatorStatus? status = null;
            try
            {
                status = await Evaluation.GetIndicatorStatusAsync(new Eval.GetIndicatorStatusRequest { UnitCode = unit, IndicatorCode = indicator, Year = year, Quarter = quarter },
                    await suite.CallAsAsync(Roles.PlanningOffice));
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound) { }
            if (status is not null && done(status)) return status;
            if (DateTime.UtcNow > deadline) Assert.Fail($"{indicator} of {unit} not reached within {Soon}: {status}");
            await Task.Delay(500, Ct);
        }
    }

    private async Task<Eval.Policy> SetPolicyAsync(string reason, params (int Quarter, double Minimum)[] checkpoints) =>
        await Evaluation.SetPolicyAsync(new Eval.SetPolicyRequest
        {
            Policy = new Eval.Policy
            {
                Year = Year, AtRiskBand = 0.9, Reason = reason,
                Checkpoints = { checkpoints.Select(c => new Eval.Checkpoint { Quarter = c.Quarter, MinimumProgress = c.Minimum }) },
            },
            IdempotencyKey = Guid.NewGuid().ToString(),
        }, await suite.CallAsAsync(Roles.PlanningOffice));

    [Fact]
    public async Task SetPolicy_SeventyPercentByQ3_StatusesAndTheQuarterReportJudgedByTheNewVersionAtOnce()
    {
        await PlanAsync();
        // 200 + 300 + 100 of 1,000 by Q3: 50% at Q2 (the default checkpoint passes), 60% at Q3.
        await SubmitAsync("KT_HT", "CT21", 1, 200);
        await SubmitAsync("KT_HT", "CT21", 4, 300);
        await SubmitAsync("KT_HT", "CT21", 7, 100);
        // A known start whatever earlier runs set: the default checkpoint as a version of its own.
        await StatusAsync(District, "CT21", 3, s => s.MonthlyActuals[6].HasValue);
        var start = await SetPolicyAsync("Mặc định (docs/rules.md)", (2, 0.5));
        var before = await StatusAsync(District, "CT21", 3, s => s.PolicyVersion == start.Version);
        var office = await suite.CallAsAsync(Roles.PlanningOffice);
        var reportBefore = await Evaluation.GetQuarterReportAsync(new Eval.GetQuarterReportRequest { Year = Year, Quarter = 3 }, office);

        var set = await SetPolicyAsync("Tỉnh yêu cầu đạt 70% kế hoạch năm đến hết quý III", (2, 0.5), (3, 0.7));
        var after = await Evaluation.GetIndicatorStatusAsync(new Eval.GetIndicatorStatusRequest { UnitCode = District, IndicatorCode = "CT21", Year = Year, Quarter = 3 }, office);
        var reportAfter = await Evaluation.GetQuarterReportAsync(new Eval.GetQuarterReportRequest { Year = Year, Quarter = 3 }, office);
        var versions = await Evaluation.ListPolicyVersionsAsync(new Eval.ListPolicyVersionsRequest { Year = Year }, office);

        Assert.Equal(start.Version + 1, set.Version);
        Assert.True(before.PassesCheckpoints);
        Assert.Equal((set.Version, false), (after.PolicyVersion, after.PassesCheckpoints));
        Assert.Equal(0.6, after.Quarters[2].Checkpoints.Single().Progress, 9);
        Assert.Equal(0.7, after.Quarters[2].Checkpoints.Single().Minimum, 9);
        Assert.DoesNotContain(reportBefore.CheckpointFailures, f => f.IndicatorCode == "CT21");
        Assert.Contains(reportAfter.CheckpointFailures, f => (f.UnitCode, f.IndicatorCode) == (District, "CT21"));
        Assert.Equal(reportBefore.BySource.Single(s => s.Source == "district").CheckpointFailed + 1, reportAfter.BySource.Single(s => s.Source == "district").CheckpointFailed);
        Assert.All(reportAfter.DistrictFigures, f => Assert.Equal(set.Version, f.PolicyVersion));
        var latest = versions.Versions[^1];
        Assert.Equal((set.Version, "Tỉnh yêu cầu đạt 70% kế hoạch năm đến hết quý III"), (latest.Version, latest.Reason));
        Assert.False(string.IsNullOrEmpty(latest.RecordedBy));
        Assert.Equal(latest, await Evaluation.GetPolicyAsync(new Eval.GetPolicyRequest { Year = Year }, office));
    }

    [Fact]
    public async Task RevisePlan_FromJuly_FirstHalfKeepsItsJudgementUntilARevisionAppliesFromTheStartOfTheYear()
    {
        // A year of this test's own: 1,000 of CT21 for the KT_HT office, 250 a quarter, then 300 reported in each of Q1 and Q2.
        const int year = 2022;
        var plans = new Plans.IndicatorPlans.IndicatorPlansClient(suite.Gateway);
        var office = await suite.CallAsAsync(Roles.PlanningOffice);
        Plans.Target Ct21(double target) => new() { IndicatorCode = "CT21", DistrictTarget = target, Quarters = { target / 4, target / 4, target / 4, target / 4 } };
        try
        {
            await plans.CreatePlanAsync(new Plans.CreatePlanRequest
            {
                Year = year, DecisionNumber = "111/QĐ-UBND (kiểm thử)", DecisionDate = Date(2021, 12, 20), EffectiveFrom = Date(year, 1, 1),
                Targets = { Ct21(1000) }, IdempotencyKey = "rules-plan-2022",
            }, office);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
        {
            Assert.Fail("The 2022 plan exists before this test made it: the suite's data is not fresh.");
        }
        foreach (var month in new[] { 1, 4 }) await SubmitAsync("KT_HT", "CT21", month, 300, year);
        var firstQ1 = await StatusAsync(District, "CT21", 1, s => s.MonthlyActuals[0].HasValue, year);

        await plans.RevisePlanAsync(new Plans.RevisePlanRequest
        {
            Year = year, DecisionNumber = "222/QĐ-UBND (kiểm thử)", DecisionDate = Date(year, 6, 25), EffectiveFrom = Date(year, 7, 1),
            Reason = "Điều chỉnh kế hoạch từ quý III", Targets = { Ct21(2000) }, IdempotencyKey = "rules-revise-2022-july",
        }, office);
        var julyQ3 = await StatusAsync(District, "CT21", 3, s => s.Quarters[2].PlanRevision == 2, year);
        var julyQ1 = await StatusAsync(District, "CT21", 1, _ => true, year);

        await plans.RevisePlanAsync(new Plans.RevisePlanRequest
        {
            Year = year, DecisionNumber = "333/QĐ-UBND (kiểm thử)", DecisionDate = Date(year, 9, 25), EffectiveFrom = Date(year, 10, 1),
            Reason = "Điều chỉnh cả năm", Targets = { Ct21(1600) }, AppliesFromStartOfYear = true, IdempotencyKey = "rules-revise-2022-whole-year",
        }, office);
        var wholeYearQ1 = await StatusAsync(District, "CT21", 1, s => s.Quarters[0].PlanRevision == 3, year);

        Assert.Equal((Eval.Status.Achieved, 1, 1000.0), (firstQ1.Status, firstQ1.Quarters[0].PlanRevision, firstQ1.YearTarget));
        // From July: Q3 judged against 2,000 (500 a quarter, nothing reported yet), Q1 still against the first plan.
        Assert.Equal(2000.0, julyQ3.YearTarget);
        Assert.Equal([(1, "111/QĐ-UBND (kiểm thử)"), (2, "222/QĐ-UBND (kiểm thử)")], julyQ3.Plans.Select(p => (p.Revision, p.DecisionNumber)));
        Assert.Equal([1, 1, 2], julyQ3.Quarters.Select(q => q.PlanRevision));
        Assert.Equal((Eval.Status.Achieved, 1, "111/QĐ-UBND (kiểm thử)", 1000.0),
            (julyQ1.Status, julyQ1.Quarters[0].PlanRevision, julyQ1.Plans.Single().DecisionNumber, julyQ1.YearTarget));
        // From the start of the year: Q1's 300 is short of 400.
        Assert.Equal((Eval.Status.NotAchieved, "333/QĐ-UBND (kiểm thử)", 1600.0, 400.0),
            (wholeYearQ1.Status, wholeYearQ1.Plans.Single().DecisionNumber, wholeYearQ1.YearTarget, wholeYearQ1.Quarters[0].Requirement));
        var revisions = await plans.ListPlanRevisionsAsync(new Plans.ListPlanRevisionsRequest { Year = year }, office);
        Assert.Equal([false, false, true], revisions.Revisions.Select(r => r.AppliesFromStartOfYear));
    }

    [Fact]
    public async Task SetPolicy_Nonsense_FieldViolationsAndNothingStored()
    {
        var office = await suite.CallAsAsync(Roles.PlanningOffice);
        var before = await Evaluation.ListPolicyVersionsAsync(new Eval.ListPolicyVersionsRequest { Year = Year }, office);

        var e = await Assert.ThrowsAsync<RpcException>(() => Evaluation.SetPolicyAsync(new Eval.SetPolicyRequest
        {
            Policy = new Eval.Policy { Year = Year, AtRiskBand = 1.5, Checkpoints = { new Eval.Checkpoint { Quarter = 5, MinimumProgress = 0.5 } } },
            IdempotencyKey = Guid.NewGuid().ToString(),
        }, office).ResponseAsync);
        var after = await Evaluation.ListPolicyVersionsAsync(new Eval.ListPolicyVersionsRequest { Year = Year }, office);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        var fields = e.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field).ToHashSet();
        Assert.Contains("policy.reason", fields);
        Assert.Contains("policy.at_risk_band", fields);
        Assert.Contains("policy.checkpoints[0].quarter", fields);
        Assert.Equal(before.Versions.Count, after.Versions.Count);
    }

    [Fact]
    public async Task GetIndicatorStatus_LevelNotPhased_OnTrackAtAQuarterOfTheWayFromTheYearsBaseline()
    {
        await PlanAsync();
        var plan = await new Plans.IndicatorPlans.IndicatorPlansClient(suite.Gateway).GetPlanAsync(new Plans.GetPlanRequest { Year = Year }, await suite.CallAsAsync(Roles.Partner));
        // From the year's baseline 72 to 74: 72.6 in March is 30% of the way, past a quarter of it.
        await SubmitAsync("LDTBXH", "CT09", 3, 72.6);

        var status = await StatusAsync(District, "CT09", 1, s => s.MonthlyActuals[2].HasValue);

        var target = plan.Targets.Single(t => t.IndicatorCode == "CT09");
        Assert.Empty(target.Quarters);
        Assert.Equal(72, target.Baseline);
        Assert.Equal(Eval.Status.Achieved, status.Status);
        Assert.Equal("on_track_progress", status.Quarters[0].Basis);
        Assert.Equal(0.3, status.Progress, 9);
        Assert.Empty(status.QuarterTargets);
    }

    [Fact]
    public async Task ApproveReport_TheMonthBehindAStatus_PreliminaryUntilApproved()
    {
        await PlanAsync();
        await SubmitAsync("LDTBXH", "CT09", 3, 72.6);
        var submissions = new Subs.Submissions.SubmissionsClient(suite.Gateway);
        var report = await submissions.GetReportAsync(new Subs.GetReportRequest { UnitCode = "LDTBXH", Year = Year, Month = 3 }, await suite.CallAsAsync(Roles.PlanningOffice));
        if (report.Status != Subs.ReportStatus.Approved) // not yet approved by an earlier run over the same data
        {
            var before = await StatusAsync(District, "CT09", 1, s => s.MonthlyActuals[2].HasValue);
            Assert.Equal((true, 3), (before.Preliminary, before.PreliminaryMonths.Single()));
            var preliminaryReport = await Evaluation.GetQuarterReportAsync(new Eval.GetQuarterReportRequest { Year = Year, Quarter = 1 }, await suite.CallAsAsync(Roles.PlanningOffice));
            Assert.True(preliminaryReport.Preliminary);
            var card = await Evaluation.GetScorecardAsync(new Eval.GetScorecardRequest { UnitCode = District, Year = Year, Quarter = 1, PageSize = 1000 },
                await suite.CallAsAsync(Roles.PlanningOffice));
            Assert.True(card.Preliminary);
            Assert.True(card.Statuses.Single(s => s.IndicatorCode == "CT09").Preliminary);
            var block = await Evaluation.GetBlockSummaryAsync(new Eval.GetBlockSummaryRequest { Block = before.Block, Year = Year, Quarter = 1 },
                await suite.CallAsAsync(Roles.PlanningOffice));
            Assert.True(block.Preliminary);
            Assert.Equal([3], block.DistrictFigures.Single(f => f.IndicatorCode == "CT09").PreliminaryMonths);
            if (report.Status != Subs.ReportStatus.Submitted)
            {
                await submissions.SubmitReportAsync(new Subs.SubmitReportRequest { UnitCode = "LDTBXH", Year = Year, Month = 3, IdempotencyKey = Guid.NewGuid().ToString() },
                    await suite.CallAsAsync(Roles.UnitReporter, unit: "LDTBXH"));
            }
            await submissions.ApproveReportAsync(new Subs.ApproveReportRequest { UnitCode = "LDTBXH", Year = Year, Month = 3, IdempotencyKey = Guid.NewGuid().ToString() },
                await suite.CallAsAsync(Roles.PlanningOffice));
        }

        var after = await StatusAsync(District, "CT09", 1, s => !s.Preliminary);
        var quarterReport = await Evaluation.GetQuarterReportAsync(new Eval.GetQuarterReportRequest { Year = Year, Quarter = 1 }, await suite.CallAsAsync(Roles.PlanningOffice));

        Assert.Empty(after.PreliminaryMonths);
        Assert.False(quarterReport.DistrictFigures.Single(f => f.IndicatorCode == "CT09").Preliminary);
        var cardAfter = await Evaluation.GetScorecardAsync(new Eval.GetScorecardRequest { UnitCode = District, Year = Year, Quarter = 1, PageSize = 1000 },
            await suite.CallAsAsync(Roles.PlanningOffice));
        Assert.False(cardAfter.Statuses.Single(s => s.IndicatorCode == "CT09").Preliminary);
    }

    [Fact]
    public async Task GetQuarterReport_OneCommuneShortOfTheQuarter_TheRollUpSaysWhichAndHowMany()
    {
        await PlanAsync();
        foreach (var month in new[] { 1, 2, 3 })
        {
            await SubmitAsync("PHUOC_THANG", "CT08", month, 7);
            await SubmitAsync("PHUOC_HUNG", "CT08", month, 6);
        }
        await SubmitAsync("PHUOC_SON", "CT08", 1, 5);

        var status = await StatusAsync(District, "CT08", 1, s => s.MonthlyActuals[2].HasValue && s.MonthlyActuals[2].Value >= 13);
        var report = await Evaluation.GetQuarterReportAsync(new Eval.GetQuarterReportRequest { Year = Year, Quarter = 1 }, await suite.CallAsAsync(Roles.PlanningOffice));

        Assert.True(status.RolledUp);
        Assert.Equal((3, 2), (status.UnitsExpected, status.UnitsReported));
        Assert.Equal(["PHUOC_SON"], status.UnitsNotReported);
        var figure = report.DistrictFigures.Single(f => f.IndicatorCode == "CT08");
        Assert.Equal((3, 2), (figure.UnitsExpected, figure.UnitsReported));
        Assert.Equal(["PHUOC_SON"], figure.UnitsNotReported);
        Assert.Equal(0, report.DistrictFigures.Single(f => f.IndicatorCode == "CT21").UnitsExpected);
    }

    [Fact]
    public async Task GetScore_UnitWhoseIndicatorsAreAllJudgedAtYearEnd_NotScoredNorRankedAsFailingProvisionally()
    {
        await suite.DemoLoadedAsync();
        var scoring = new Scoring.EmulationScoring.EmulationScoringClient(suite.Gateway);
        var deadline = DateTime.UtcNow + Soon + Soon;
        Scoring.Score score;
        while (true)
        {
            try
            {
                score = await scoring.GetScoreAsync(new Scoring.GetScoreRequest { UnitCode = "VH_TT", Year = 2024, Quarter = 2 }, await suite.CallAsAsync(Roles.HomeAffairs));
                if (score.Indicators.Count > 0) break;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound) { }
            if (DateTime.UtcNow > deadline) Assert.Fail("VH_TT has no score for 2024 Q2");
            await Task.Delay(1000, Ct);
        }
        var ranking = await scoring.ListRankingAsync(new Scoring.ListRankingRequest { Year = 2024, Quarter = 2, PageSize = 1000 }, await suite.CallAsAsync(Roles.HomeAffairs));

        Assert.All(score.Indicators, l => Assert.Equal("judged_at_year_end", l.Band));
        Assert.False(score.Scored);
        Assert.Equal((0, "not_scored"), (score.Rank, score.ClassificationCode));
        Assert.DoesNotContain(ranking.Entries, e => e.UnitCode == "VH_TT");
        Assert.Contains(ranking.Entries, e => e.ClassificationCode != "not_scored");
    }
}
