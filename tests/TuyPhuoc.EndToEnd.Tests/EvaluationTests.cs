using System.Diagnostics;
using Grpc.Core;
using TuyPhuoc.ServiceDefaults;
using Eval = TuyPhuoc.Contracts.Evaluation.V1;
using Subs = TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>Evaluation through the gateway: freshness after a submission, recompute, role rules, the half-year picture.</summary>
public sealed class EvaluationTests(SuiteFixture suite)
{
    private const int Year = 2024;
    private const string District = "TUY_PHUOC";
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);


    private Eval.Evaluation.EvaluationClient Client => new(suite.Gateway);

    [Fact]
    public async Task GetQuarterReport_DemoActualsQ2_TheDistrictsHalfYearPicture()
    {
        await LoadDemoAsync();
        var office = await suite.CallAsAsync(Roles.PlanningOffice);
        await ResultsReadyAsync(District, "CT01", 2, office);

        // The evaluation follows the submissions' feed: wait until it has caught up with the demo's six months.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        Eval.QuarterReport? previous = null, report;
        while (true)
        {
            report = await Client.GetQuarterReportAsync(new Eval.GetQuarterReportRequest { Year = Year, Quarter = 2 }, await suite.CallAsAsync(Roles.PlanningOffice));
            if ((Settled(report) && report.Equals(previous)) || DateTime.UtcNow > deadline) break;
            previous = report;
            await Pause(1000);
        }

        var province = report.BySource.Single(s => s.Source == "province");
        var district = report.BySource.Single(s => s.Source == "district");
        Assert.Equal(17, province.Indicators);
        Assert.Equal(12, province.CheckpointPassed);
        Assert.Equal(5, province.CheckpointFailed);
        Assert.Equal(17, district.Indicators);
        Assert.Equal(10, district.Counts.Single(c => c.Status == Eval.Status.Achieved).Count);
        Assert.Equal(7, district.JudgedAtYearEnd);
        Assert.Equal(7, district.Counts.Single(c => c.Status == Eval.Status.JudgedAtYearEnd).Count);
        Assert.Equal(province.CheckpointFailed + district.CheckpointFailed, report.CheckpointFailures.Count(f => f.UnitCode == District));
        Assert.Equal(13 * 8, report.AllocatedCells.Count);
    }

    private static bool Settled(Eval.QuarterReport report) =>
        report.BySource.Any(s => s.Source == "province" && s.CheckpointPassed + s.CheckpointFailed == 17 && s.Counts.Single(c => c.Status == Eval.Status.NoData).Count == 0)
        && report.BySource.Any(s => s.Source == "district" && s.Counts.Single(c => c.Status == Eval.Status.NoData).Count == 0);

    private Task LoadDemoAsync() => suite.DemoLoadedAsync();

    [Fact]
    public async Task SubmitActual_CommuneThroughGateway_ItsStatusAndTheDistrictRollUpChangeWithinASecond()
    {
        const string unit = "PHUOC_SON", indicator = "CT08";
        var reporter = await suite.CallAsAsync(Roles.UnitReporter, unit: unit);
        var before = await ResultsReadyAsync(unit, indicator, 3, reporter);
        var districtBefore = await Client.GetIndicatorStatusAsync(Request(District, indicator, 3), reporter);
        var value = 40 + Random.Shared.Next(1, 400);

        await new Subs.Submissions.SubmissionsClient(suite.Gateway).SubmitActualAsync(new Subs.SubmitActualRequest
        {
            UnitCode = unit, IndicatorCode = indicator, Year = Year, Month = 8, Value = value, IdempotencyKey = Guid.NewGuid().ToString(),
        }, reporter);
        var watch = Stopwatch.StartNew();
        Eval.IndicatorStatus after;
        do
        {
            after = await Client.GetIndicatorStatusAsync(Request(unit, indicator, 3), reporter);
        }
        while (after.MonthlyActuals[7].Value != value && watch.Elapsed < Freshness + Freshness && await Pause());
        var elapsed = watch.Elapsed;
        var district = await Client.GetIndicatorStatusAsync(Request(District, indicator, 3), reporter);

        Assert.Equal(value, after.MonthlyActuals[7].Value);
        Assert.True(elapsed < Freshness, $"The status changed after {elapsed.TotalMilliseconds:F0} ms.");
        Assert.Equal(before.Quarters[1].YearToDate + value - (before.MonthlyActuals[7].HasValue ? before.MonthlyActuals[7].Value : 0),
            after.Quarters[2].YearToDate, 6);
        Assert.True(district.RolledUp);
        Assert.True(district.Quarters[2].YearToDate > districtBefore.Quarters[1].YearToDate);
    }

    [Fact]
    public async Task Recompute_AfterTheIncrementalPath_ChangesNothing()
    {
        var office = await suite.CallAsAsync(Roles.PlanningOffice);
        await ResultsReadyAsync("PHUOC_AN", "CT02", 2, office);

        var reply = await Client.RecomputeAsync(new Eval.RecomputeRequest { Year = Year }, office);

        Assert.True(reply.Results >= 34 + 13 * 8, $"{reply.Results} results");
        Assert.Equal(0, reply.Changed);
    }

    [Fact]
    public async Task GetScorecard_CommuneToken_OwnAndDistrictYesOtherCommunePermissionDenied()
    {
        var commune = await suite.CallAsAsync(Roles.UnitReporter, unit: "PHUOC_THANG");
        await ResultsReadyAsync("PHUOC_THANG", "CT02", 1, commune);

        var own = await Client.GetScorecardAsync(new Eval.GetScorecardRequest { UnitCode = "PHUOC_THANG", Year = Year, Quarter = 1, PageSize = 100 }, commune);
        var district = await Client.GetScorecardAsync(new Eval.GetScorecardRequest { UnitCode = District, Year = Year, Quarter = 1, PageSize = 100 }, commune);
        var other = await Assert.ThrowsAsync<RpcException>(() =>
            Client.GetScorecardAsync(new Eval.GetScorecardRequest { UnitCode = "PHUOC_HUNG", Year = Year, Quarter = 1 }, commune).ResponseAsync);
        var status = await Assert.ThrowsAsync<RpcException>(() => Client.GetIndicatorStatusAsync(Request("PHUOC_HUNG", "CT02", 1), commune).ResponseAsync);
        var recompute = await Assert.ThrowsAsync<RpcException>(() => Client.RecomputeAsync(new Eval.RecomputeRequest { Year = Year }, commune).ResponseAsync);

        Assert.Equal(8, own.Statuses.Count);
        Assert.All(own.Statuses, s => Assert.Equal("PHUOC_THANG", s.UnitCode));
        Assert.Equal(34, district.Statuses.Count);
        Assert.Equal(StatusCode.PermissionDenied, other.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, status.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, recompute.StatusCode);
    }

    [Fact]
    public async Task GetBlockSummary_BlockLeader_OwnBlockOnlyOtherBlockPermissionDenied()
    {
        var leader = await suite.CallAsAsync(Roles.BlockLeader, block: "economy");
        await ResultsReadyAsync(District, "CT01", 1, leader);

        var summary = await Client.GetBlockSummaryAsync(new Eval.GetBlockSummaryRequest { Block = "economy", Year = Year, Quarter = 2 }, leader);
        var other = await Assert.ThrowsAsync<RpcException>(() =>
            Client.GetBlockSummaryAsync(new Eval.GetBlockSummaryRequest { Block = "culture_society", Year = Year, Quarter = 2 }, leader).ResponseAsync);
        var report = await Client.GetQuarterReportAsync(new Eval.GetQuarterReportRequest { Year = Year, Quarter = 2 }, leader);

        Assert.NotEmpty(summary.DistrictFigures);
        Assert.All(summary.DistrictFigures, f => Assert.Equal("economy", f.Block));
        Assert.Equal(summary.DistrictFigures.Count, summary.Counts.Sum(c => c.Count));
        Assert.Equal(StatusCode.PermissionDenied, other.StatusCode);
        Assert.All(report.DistrictFigures, f => Assert.Equal("economy", f.Block));
    }

    [Fact]
    public async Task GetScorecard_SmallPages_WalkEveryIndicatorOnce()
    {
        var partner = await suite.CallAsAsync(Roles.Partner);
        await ResultsReadyAsync(District, "CT01", 1, partner);
        var seen = new List<string>();
        var token = "";
        do
        {
            var page = await Client.GetScorecardAsync(new Eval.GetScorecardRequest { UnitCode = District, Year = Year, Quarter = 2, PageSize = 5, PageToken = token }, partner);
            Assert.Equal(34, page.Counts.Sum(c => c.Count));
            seen.AddRange(page.Statuses.Select(s => s.IndicatorCode));
            token = page.NextPageToken;
        }
        while (token != "");

        Assert.Equal(34, seen.Count);
        Assert.Equal(34, seen.Distinct().Count());
    }

    [Fact]
    public async Task WatchResults_FromTheStart_ResultChangesInOrder()
    {
        var service = await suite.CallAsAsync(Roles.HomeAffairs);
        await ResultsReadyAsync(District, "CT01", 1, service);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        stop.CancelAfter(TimeSpan.FromSeconds(20));
        using var call = Client.WatchResults(new Eval.WatchResultsRequest(), SuiteFixture.Bearer(await suite.TokenAsync(Roles.HomeAffairs)),
            cancellationToken: stop.Token);

        var changes = new List<Eval.ResultChange>();
        while (changes.Count < 20 && await call.ResponseStream.MoveNext(stop.Token)) changes.Add(call.ResponseStream.Current);

        Assert.Equal(20, changes.Count);
        Assert.Equal(changes.Select(c => c.Sequence).Order(), changes.Select(c => c.Sequence));
        Assert.All(changes, c => Assert.Equal(c.UnitCode, c.Status.UnitCode));
    }

    [Fact]
    public async Task GetIndicatorStatus_BadQuarter_InvalidArgument()
    {
        var partner = await suite.CallAsAsync(Roles.Partner);

        var e = await Assert.ThrowsAsync<RpcException>(() => Client.GetIndicatorStatusAsync(Request(District, "", 5), partner).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
    }

    private static Eval.GetIndicatorStatusRequest Request(string unit, string indicator, int quarter) =>
        new() { UnitCode = unit, IndicatorCode = indicator, Year = Year, Quarter = quarter };

    /// <summary>Waits until the evaluation has followed the seeded plan (it does so on its own after start-up).</summary>
    private async Task<Eval.IndicatorStatus> ResultsReadyAsync(string unit, string indicator, int quarter, CallOptions options)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                return await Client.GetIndicatorStatusAsync(Request(unit, indicator, quarter), options);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, TestContext.Current.CancellationToken);
            }
        }
    }

    private static async Task<bool> Pause(int milliseconds = 20)
    {
        await Task.Delay(milliseconds, TestContext.Current.CancellationToken);
        return true;
    }
}
