using Google.Rpc;
using Grpc.Core;
using TuyPhuoc.Contracts.Scoring.V1;
using TuyPhuoc.ServiceDefaults;
using Eval = TuyPhuoc.Contracts.Evaluation.V1;
using Plans = TuyPhuoc.Contracts.Plans.V1;
using Subs = TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>EmulationScoring through the gateway, fed by Evaluation's results and Submissions' changes on the real AppHost.</summary>
public sealed class EmulationScoringTests(SuiteFixture suite)
{
    private const int Year = 2024;
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(60);
    private static readonly string[] Communes =
    [
        "TT_TUY_PHUOC", "TT_DIEU_TRI", "PHUOC_THANG", "PHUOC_HUNG", "PHUOC_QUANG", "PHUOC_HOA", "PHUOC_SON",
        "PHUOC_HIEP", "PHUOC_LOC", "PHUOC_NGHIA", "PHUOC_THUAN", "PHUOC_AN", "PHUOC_THANH",
    ];

    private EmulationScoring.EmulationScoringClient Client => new(suite.Gateway);

    [Fact]
    public async Task ListRanking_DemoData_RankedAndClassifiedAndEveryBreakdownAddsUp()
    {
        await LoadDemoAsync();
        var options = await suite.CallAsAsync(Roles.HomeAffairs);
        var scheme = await Client.GetSchemeAsync(new GetSchemeRequest { Year = Year }, options);

        var ranking = await SettledAsync(() => Client.ListRankingAsync(new ListRankingRequest { Year = Year, PageSize = 1000 }, options).ResponseAsync,
            r => Communes.All(c => r.Entries.Any(e => e.UnitCode == c)));

        Assert.Equal(Enumerable.Range(1, ranking.Entries.Count), ranking.Entries.Select(e => e.Rank));
        Assert.Equal(ranking.Entries.OrderByDescending(e => e.Total).Select(e => e.Total), ranking.Entries.Select(e => e.Total));
        var classes = scheme.Classes.ToDictionary(c => c.Code, c => c.Name);
        Assert.All(ranking.Entries, e => Assert.Equal(classes[e.ClassificationCode], e.ClassificationName));
        var goodOrBetter = ranking.Entries.Count(e => e.ClassificationCode is "outstanding" or "good" || e.HeldBackByCap);
        Assert.True(ranking.Entries.Count(e => e.ClassificationCode == "outstanding") <= (int)Math.Floor(scheme.OutstandingCap.Fraction * goodOrBetter));
        Assert.All(ranking.Entries.Where(e => Communes.Contains(e.UnitCode)), e => Assert.Equal("communes", e.Block));

        foreach (var entry in ranking.Entries)
        {
            var score = await Client.GetScoreAsync(new GetScoreRequest { UnitCode = entry.UnitCode, Year = Year }, options);
            var lines = score.Indicators.Sum(l => l.Points) + score.Bonuses.Sum(b => b.Points) + score.BonusCapAdjustment + score.Deductions.Sum(d => d.Points);
            Assert.Equal(score.Total, lines, 6);
            Assert.NotEmpty(score.Indicators);
            Assert.Equal(100, score.Indicators.Sum(l => l.Weight), 6);
            Assert.All(score.Deductions, d => Assert.False(string.IsNullOrWhiteSpace(d.Cause)));
        }
        // The demo's PHUOC_SON sent its February report 4 days after the deadline.
        var son = await EventuallyAsync(() => Client.GetScoreAsync(new GetScoreRequest { UnitCode = "PHUOC_SON", Year = Year, Quarter = 1 }, options).ResponseAsync,
            s => s.Deductions.Any(d => d.Kind == "late_report"));
        Assert.Contains(son.Deductions, d => d.Kind == "late_report" && d.Cause.StartsWith("report 2024-02 late by 4 days", StringComparison.Ordinal));
        Assert.Contains(son.Indicators, l => l.Band is "full" or "proportional");
    }

    [Fact]
    public async Task ListRanking_PerBlockAndPaged_BlockRanksAndEveryUnitOnce()
    {
        var options = await suite.CallAsAsync(Roles.PlanningOffice);
        // The ranking is read once the scorer has settled: the same twice in a row, every commune and office in it.
        Ranking? previous = null;
        var whole = await EventuallyAsync(() => Client.ListRankingAsync(new ListRankingRequest { Year = Year, Quarter = 2, PageSize = 1000 }, options).ResponseAsync,
            r => (r.Entries.Count > Communes.Length && r.Equals(previous), previous = r).Item1);

        var paged = new List<RankingEntry>();
        var token = "";
        do
        {
            var page = await Client.ListRankingAsync(new ListRankingRequest { Year = Year, Quarter = 2, PageSize = 4, PageToken = token }, options);
            paged.AddRange(page.Entries);
            token = page.NextPageToken;
        } while (token != "");
        var economy = await Client.ListRankingAsync(new ListRankingRequest { Year = Year, Quarter = 2, Block = "economy", PageSize = 1000 }, options);

        Assert.Equal(whole.Entries.Select(e => e.UnitCode), paged.Select(e => e.UnitCode));
        Assert.NotEmpty(economy.Entries);
        Assert.All(economy.Entries, e => Assert.Equal("economy", e.Block));
        Assert.Equal(Enumerable.Range(1, economy.Entries.Count), economy.Entries.Select(e => e.Rank));
        Assert.Equal(whole.Entries.Where(e => e.Block == "economy").Select(e => e.UnitCode), economy.Entries.Select(e => e.UnitCode));
    }

    [Fact]
    public async Task Reads_ByRole_UnitItsOwnScoreAndBlockLeaderItsBlock()
    {
        var commune = await suite.CallAsAsync(Roles.UnitReporter, unit: "PHUOC_LOC");
        var own = await EventuallyAsync(() => Client.GetScoreAsync(new GetScoreRequest { UnitCode = "PHUOC_LOC", Year = Year, Quarter = 1 }, commune).ResponseAsync, _ => true);
        var other = await Assert.ThrowsAsync<RpcException>(() => Client.GetScoreAsync(new GetScoreRequest { UnitCode = "PHUOC_AN", Year = Year, Quarter = 1 }, commune).ResponseAsync);
        var ranking = await Client.ListRankingAsync(new ListRankingRequest { Year = Year, Quarter = 1 }, commune);

        var leader = await suite.CallAsAsync(Roles.BlockLeader, block: "economy");
        var leaderRanking = await Client.ListRankingAsync(new ListRankingRequest { Year = Year, Quarter = 1 }, leader);
        var otherBlock = await Assert.ThrowsAsync<RpcException>(() =>
            Client.ListRankingAsync(new ListRankingRequest { Year = Year, Quarter = 1, Block = "culture_society" }, leader).ResponseAsync);
        var communeScore = await Assert.ThrowsAsync<RpcException>(() =>
            Client.GetScoreAsync(new GetScoreRequest { UnitCode = "PHUOC_LOC", Year = Year, Quarter = 1 }, leader).ResponseAsync);

        Assert.Equal(("PHUOC_LOC", 1), (own.UnitCode, own.Quarter));
        Assert.Equal(StatusCode.PermissionDenied, other.StatusCode);
        Assert.NotEmpty(ranking.Entries);
        Assert.Equal("economy", leaderRanking.Block);
        Assert.All(leaderRanking.Entries, e => Assert.Equal("economy", e.Block));
        Assert.Equal(StatusCode.PermissionDenied, otherBlock.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, communeScore.StatusCode);
    }

    [Fact]
    public async Task SetScheme_CommuneToken_PermissionDeniedAndFinalizeToo()
    {
        var commune = await suite.CallAsAsync(Roles.UnitReporter, unit: "PHUOC_THANG");
        var scheme = await Client.GetSchemeAsync(new GetSchemeRequest { Year = Year }, commune);

        var set = await Assert.ThrowsAsync<RpcException>(() =>
            Client.SetSchemeAsync(new SetSchemeRequest { Scheme = scheme, IdempotencyKey = Guid.NewGuid().ToString() }, commune).ResponseAsync);
        var finalize = await Assert.ThrowsAsync<RpcException>(() =>
            Client.FinalizeYearAsync(new FinalizeYearRequest { Year = Year, Reason = "x" }, commune).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, set.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, finalize.StatusCode);
    }

    [Fact]
    public async Task SetScheme_Nonsense_FieldViolationsAndNothingStored()
    {
        var options = await suite.CallAsAsync(Roles.HomeAffairs);
        var before = await Client.ListSchemeVersionsAsync(new ListSchemeVersionsRequest { Year = Year }, options);
        var nonsense = before.Versions[^1].Clone();
        nonsense.Weights.Add("BOGUS_ONLY", -2);
        nonsense.Classes[1].MinTotal = nonsense.Classes[0].MinTotal + 5;
        nonsense.TieBreak.Clear();
        nonsense.TieBreak.Add("unit_code_asc");

        var e = await Assert.ThrowsAsync<RpcException>(() =>
            Client.SetSchemeAsync(new SetSchemeRequest { Scheme = nonsense, IdempotencyKey = Guid.NewGuid().ToString() }, options).ResponseAsync);
        var after = await Client.ListSchemeVersionsAsync(new ListSchemeVersionsRequest { Year = Year }, options);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        var fields = e.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field).ToHashSet();
        Assert.Contains("scheme.weights[BOGUS_ONLY]", fields);
        Assert.Contains("scheme.classes[1].min_total", fields);
        Assert.Contains("scheme.tie_break[0]", fields);
        // Weights must cover the indicators the 2024 plan assigns.
        Assert.Contains(fields, f => f.StartsWith("scheme.weights[", StringComparison.Ordinal) && f != "scheme.weights[BOGUS_ONLY]");
        Assert.Equal(before.Versions.Count, after.Versions.Count);
    }

    [Fact]
    public async Task SubmitActual_LiftsIndicatorOverRequirement_RaisesProvisionalScoreButNotOnceFinal()
    {
        // The demo fills and approves January to June, so the new values go to Q3.
        const string unit = "PHUOC_NGHIA";
        const int quarter = 3;
        await LoadDemoAsync();
        var home = await suite.CallAsAsync(Roles.HomeAffairs);
        var reporter = await suite.CallAsAsync(Roles.UnitReporter, unit: unit);
        var assignments = await new Plans.IndicatorPlans.IndicatorPlansClient(suite.Gateway).GetUnitAssignmentsAsync(
            new Plans.GetUnitAssignmentsRequest { UnitCode = unit, Year = Year, PageSize = 100 }, reporter);
        var cumulative = assignments.Assignments
            .Where(a => a.Indicator.MeasureKind == Plans.MeasureKind.Cumulative && a.Indicator.Direction == Plans.Direction.HigherIsBetter && a.Quarters[2] > 0)
            .ToDictionary(a => a.Indicator.Code);
        var before = await SettledScoreAsync(unit, quarter, home);
        Assert.True(before.Indicators.Count(l => cumulative.ContainsKey(l.IndicatorCode) && l.Points < l.Weight) >= 2, before.ToString());
        var lagging = before.Indicators.Where(l => cumulative.ContainsKey(l.IndicatorCode) && l.Points < l.Weight).Select(l => l.IndicatorCode).ToList();
        try
        {
            await LiftAsync(unit, cumulative[lagging[0]], reporter);
            var raised = await EventuallyAsync(() => Client.GetScoreAsync(new GetScoreRequest { UnitCode = unit, Year = Year, Quarter = quarter }, home).ResponseAsync,
                s => s.Total > before.Total, TimeSpan.FromSeconds(20));
            Assert.Equal("full", raised.Indicators.Single(l => l.IndicatorCode == lagging[0]).Band);

            var state = await Client.FinalizeYearAsync(new FinalizeYearRequest { Year = Year, Reason = "Xét thi đua năm 2024", IdempotencyKey = Guid.NewGuid().ToString() }, home);
            Assert.True(state.Final);
            Assert.Equal("Xét thi đua năm 2024", state.Reason);
            Assert.StartsWith(Roles.HomeAffairs, state.ChangedBy);
            var frozen = await Client.GetScoreAsync(new GetScoreRequest { UnitCode = unit, Year = Year, Quarter = quarter }, home);
            Assert.True(frozen.Final);

            var lifted = await LiftAsync(unit, cumulative[lagging[1]], reporter);
            await EventuallyAsync(() => new Eval.Evaluation.EvaluationClient(suite.Gateway).GetIndicatorStatusAsync(
                    new Eval.GetIndicatorStatusRequest { UnitCode = unit, IndicatorCode = lagging[1], Year = Year, Quarter = quarter }, home).ResponseAsync,
                s => s.Quarters.Any(q => q.Quarter == quarter && q.YearToDate >= lifted));
            await Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
            var still = await Client.GetScoreAsync(new GetScoreRequest { UnitCode = unit, Year = Year, Quarter = quarter }, home);
            var ranking = await Client.ListRankingAsync(new ListRankingRequest { Year = Year, Quarter = quarter, PageSize = 1000 }, home);
            Assert.Equal(frozen.Total, still.Total);
            Assert.Equal(frozen.ComputedAt, still.ComputedAt);
            Assert.True(ranking.Final);

            var reopened = await Client.ReopenYearAsync(new ReopenYearRequest { Year = Year, Reason = "Bổ sung số liệu", IdempotencyKey = Guid.NewGuid().ToString() }, home);
            Assert.False(reopened.Final);
            var after = await EventuallyAsync(() => Client.GetScoreAsync(new GetScoreRequest { UnitCode = unit, Year = Year, Quarter = quarter }, home).ResponseAsync,
                s => s.Total > frozen.Total, TimeSpan.FromSeconds(20));
            Assert.False(after.Final);
        }
        finally
        {
            if ((await Client.GetYearStateAsync(new GetYearStateRequest { Year = Year }, home)).Final)
                await Client.ReopenYearAsync(new ReopenYearRequest { Year = Year, Reason = "test clean-up" }, home);
        }
    }

    /// <summary>Submits a Q3 month of at least 150% of the plan to date, lifting the indicator over its requirement; returns it.</summary>
    private async Task<double> LiftAsync(string unit, Plans.Assignment assignment, CallOptions reporter)
    {
        var submissions = new Subs.Submissions.SubmissionsClient(suite.Gateway);
        var value = Math.Ceiling(assignment.Quarters.Take(3).Sum() * 1.5);
        foreach (var month in new[] { 7, 8, 9 })
        {
            try
            {
                await submissions.SubmitActualAsync(new Subs.SubmitActualRequest
                {
                    UnitCode = unit, IndicatorCode = assignment.Indicator.Code, Year = Year, Month = month, Value = value,
                    Note = "end-to-end: lifts the indicator over its requirement", IdempotencyKey = Guid.NewGuid().ToString(),
                }, reporter);
                return value;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
            {
                // That month's report is locked (approved): try another month of the quarter.
            }
        }
        throw new InvalidOperationException($"Every Q3 month of {unit} is locked.");
    }

    private Task LoadDemoAsync() => suite.DemoLoadedAsync();

    /// <summary>The score once the demo has flowed through: every quarterly indicator has data and nothing moved for a while.</summary>
    private Task<Score> SettledScoreAsync(string unit, int quarter, CallOptions options) =>
        SettledAsync(() => Client.GetScoreAsync(new GetScoreRequest { UnitCode = unit, Year = Year, Quarter = quarter }, options).ResponseAsync,
            s => s.Indicators.All(l => l.Band == "judged_at_year_end" || l.HasAchievement));

    /// <summary>A read that <paramref name="ready"/> accepts and that stays the same over a few seconds: the streams have caught up.</summary>
    private static async Task<T> SettledAsync<T>(Func<Task<T>> read, Func<T, bool> ready) where T : class, Google.Protobuf.IMessage<T>
    {
        var deadline = DateTime.UtcNow + Soon + Soon;
        T? previous = null;
        while (true)
        {
            T? current = null;
            try { current = await read(); }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound) { }
            if (current is not null && ready(current) && current.Equals(previous)) return current;
            if (DateTime.UtcNow > deadline) Assert.Fail($"Not settled within {Soon + Soon}: {current}");
            previous = current;
            await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        }
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? Soon);
        while (true)
        {
            try
            {
                var value = await read();
                if (done(value)) return value;
                if (DateTime.UtcNow > deadline) Assert.Fail($"Not reached within {within ?? Soon}: {value}");
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound && DateTime.UtcNow <= deadline)
            {
                // Not computed yet.
            }
            await Task.Delay(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);
        }
    }
}
