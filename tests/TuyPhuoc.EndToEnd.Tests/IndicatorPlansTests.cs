using Google.Rpc;
using Grpc.Core;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.ServiceDefaults;
using Date = Google.Type.Date;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>IndicatorPlans through the gateway, on the real AppHost with PostgreSQL and Redis.</summary>
public sealed class IndicatorPlansTests(SuiteFixture suite)
{
    private IndicatorPlans.IndicatorPlansClient Client => new(suite.Gateway);

    private static Date D(int y, int m, int d) => new() { Year = y, Month = m, Day = d };

    private Task<CallOptions> PlanningOffice() => suite.CallAsAsync(Roles.PlanningOffice);

    [Fact]
    public async Task GetPlan_Seeded2024_Has34IndicatorsOfDecision12689()
    {
        var options = await suite.CallAsAsync(Roles.Partner);

        var plan = await Client.GetPlanAsync(new GetPlanRequest { Year = 2024 }, options);
        var catalog = await Client.ListIndicatorsAsync(new ListIndicatorsRequest { PageSize = 100 }, options);

        Assert.Equal("12689/QĐ-UBND", plan.Revision.DecisionNumber);
        Assert.Equal(D(2023, 12, 27), plan.Revision.DecisionDate);
        Assert.Equal(34, plan.Targets.Count);
        Assert.Empty(plan.Warnings);
        var sources = catalog.Indicators.Where(i => plan.Targets.Any(t => t.IndicatorCode == i.Code)).GroupBy(i => i.Source).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(17, sources[IndicatorSource.Province]);
        Assert.Equal(17, sources[IndicatorSource.District]);
        var byCode = catalog.Indicators.ToDictionary(i => i.Code);
        var aboveProvince = plan.Targets.Count(t => t.HasProvinceTarget && (byCode[t.IndicatorCode].Direction == Direction.HigherIsBetter
            ? t.DistrictTarget > t.ProvinceTarget : t.DistrictTarget < t.ProvinceTarget));
        Assert.Equal(4, aboveProvince);
        foreach (var target in plan.Targets.Where(t => byCode[t.IndicatorCode].MeasureKind == MeasureKind.Cumulative))
        {
            Assert.Equal(12, target.Months.Count);
            Assert.Equal(target.DistrictTarget, target.Quarters.Sum(), 6);
        }
    }

    [Fact]
    public async Task GetUnitTree_In2024_DistrictWithItsOfficesAnd13CommunesAndTowns()
    {
        var tree = await Client.GetUnitTreeAsync(new GetUnitTreeRequest { AsOf = D(2024, 6, 30) }, await suite.CallAsAsync(Roles.Partner));

        Assert.Equal(UnitKind.District, tree.Root.Unit.Kind);
        var kinds = tree.Root.Children.GroupBy(c => c.Unit.Kind).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(11, kinds[UnitKind.Commune]);
        Assert.Equal(2, kinds[UnitKind.Town]);
        Assert.True(kinds[UnitKind.Office] >= 10);
        Assert.Contains(tree.Root.Children, c => c.Unit.Name.Contains("Phước Thắng"));
    }

    [Fact]
    public async Task GetUnitAssignments_Commune_ItsAllocationsMonthByMonth()
    {
        var options = await suite.CallAsAsync(Roles.UnitReporter, unit: "PHUOC_THANG");
        var plan = await Client.GetPlanAsync(new GetPlanRequest { Year = 2024 }, options);

        var reply = await Client.GetUnitAssignmentsAsync(new GetUnitAssignmentsRequest { UnitCode = "PHUOC_THANG", Year = 2024, PageSize = 100 }, options);

        var allocated = plan.Targets.Where(t => t.Allocations.Any(a => a.UnitCode == "PHUOC_THANG")).Select(t => t.IndicatorCode).Order().ToList();
        Assert.NotEmpty(allocated);
        Assert.Equal(allocated, reply.Assignments.Select(a => a.Indicator.Code).Order());
        Assert.All(reply.Assignments, a =>
        {
            Assert.False(a.DistrictFigure);
            Assert.Equal(12, a.Months.Count);
            Assert.Equal(4, a.Quarters.Count);
        });
    }

    [Fact]
    public async Task ListAssignments_SmallPages_EveryUnitOnceWithWhatGetUnitAssignmentsGivesIt()
    {
        var options = await suite.CallAsAsync(Roles.PlanningOffice);
        var units = new List<UnitAssignments>();
        var token = "";
        do
        {
            var page = await Client.ListAssignmentsAsync(new ListAssignmentsRequest { Year = 2024, PageSize = 4, PageToken = token }, options);
            units.AddRange(page.Units);
            token = page.NextPageToken;
        }
        while (token != "");

        Assert.Equal(units.Count, units.Select(u => u.UnitCode).Distinct().Count());
        Assert.Equal(34, units.SelectMany(u => u.Assignments).Select(a => a.IndicatorCode).Distinct().Count());
        foreach (var unit in units.Where(u => u.UnitCode is "PHUOC_THANG" or "TCKH"))
        {
            var one = await Client.GetUnitAssignmentsAsync(new GetUnitAssignmentsRequest { UnitCode = unit.UnitCode, Year = 2024, PageSize = 100 }, options);
            Assert.Equal(one.Assignments.Select(a => (a.Indicator.Code, a.YearTarget, a.DistrictFigure)).Order(),
                unit.Assignments.Select(a => (a.IndicatorCode, a.YearTarget, a.DistrictFigure)).Order());
        }
    }

    [Fact]
    public async Task ListUnits_SmallPages_WalkEveryUnitOnce()
    {
        var options = await suite.CallAsAsync(Roles.Partner);
        var all = await Client.ListUnitsAsync(new ListUnitsRequest { PageSize = 1000, AsOf = D(2024, 1, 1) }, options);

        var walked = new List<string>();
        var token = "";
        do
        {
            var page = await Client.ListUnitsAsync(new ListUnitsRequest { PageSize = 7, PageToken = token, AsOf = D(2024, 1, 1) }, options);
            Assert.True(page.Units.Count <= 7);
            walked.AddRange(page.Units.Select(u => u.Code));
            token = page.NextPageToken;
        }
        while (token != "");

        Assert.Equal(all.Units.Select(u => u.Code), walked);
        Assert.True(walked.Count >= 24);
    }

    [Fact]
    public async Task RevisePlan_PlanningOffice_ChangeArrivesOnWatchChangesAndHistoryStaysReadable()
    {
        var options = await PlanningOffice();
        var code = NewCode("REV");
        await Client.CreateIndicatorAsync(new CreateIndicatorRequest { Indicator = NewIndicator(code) }, options);
        var created = await Client.CreatePlanAsync(new CreatePlanRequest
        {
            Year = 2031, DecisionNumber = "1/QĐ-UBND", DecisionDate = D(2030, 12, 20), EffectiveFrom = D(2031, 1, 1),
            Targets = { new Target { IndicatorCode = code, DistrictTarget = 120, Quarters = { 20, 30, 40, 30 } } },
        }, options);

        var revised = await Client.RevisePlanAsync(new RevisePlanRequest
        {
            Year = 2031, DecisionNumber = "88/QĐ-UBND", DecisionDate = D(2031, 6, 20), EffectiveFrom = D(2031, 7, 1),
            Reason = "Điều chỉnh chỉ tiêu giữa năm",
            Targets = { new Target { IndicatorCode = code, DistrictTarget = 150, Quarters = { 20, 30, 50, 50 } } },
        }, options);

        Assert.Equal(2, revised.Revision.Revision);
        var inMay = await Client.GetPlanAsync(new GetPlanRequest { Year = 2031, AsOf = D(2031, 5, 31) }, options);
        var inJuly = await Client.GetPlanAsync(new GetPlanRequest { Year = 2031, AsOf = D(2031, 7, 1) }, options);
        Assert.Equal(120, inMay.Targets.Single().DistrictTarget);
        Assert.Equal(150, inJuly.Targets.Single().DistrictTarget);
        Assert.Equal([20, 30, 50, 50], inJuly.Targets.Single().Quarters.Select(q => Math.Round(q, 6)));

        var changes = await ReadChangesAsync(0, c => c.Kind == "plan.revised" && c.Key == "2031");
        var createdChange = changes.Single(c => c.Kind == "plan.created" && c.Key == "2031");
        Assert.Contains(code, createdChange.IndicatorCodes);
        Assert.Equal(changes.Select(c => c.Sequence).Order(), changes.Select(c => c.Sequence));
        Assert.Equal(changes.Count, changes.Select(c => c.Sequence).Distinct().Count());

        // A consumer that reconnects from a sequence gets what followed it, in order, and nothing before.
        var resumed = await ReadChangesAsync(createdChange.Sequence, c => c.Kind == "plan.revised" && c.Key == "2031");
        Assert.All(resumed, c => Assert.True(c.Sequence > createdChange.Sequence));
        Assert.Equal(changes.Where(c => c.Sequence > createdChange.Sequence).Select(c => c.Sequence), resumed.Select(c => c.Sequence));
        Assert.NotEmpty(created.Targets);
    }

    [Fact]
    public async Task NextYearsPlan_AdoptedBeforeTheYear_ServesThePlansAndTheKeyTasksAtOnce()
    {
        const int year = 2034;
        var options = await PlanningOffice();
        await Client.CreatePlanAsync(new CreatePlanRequest
        {
            Year = year, DecisionNumber = "3/QĐ-UBND", DecisionDate = D(year - 1, 12, 1), EffectiveFrom = D(year, 1, 1),
            Targets = { new Target { IndicatorCode = "CT03", DistrictTarget = 100 } },
        }, options);

        // Asked without a date, before the year begins: the plan as it takes effect, not "no plan in force today".
        var plan = await Client.GetPlanAsync(new GetPlanRequest { Year = year }, options);
        var tasks = new TuyPhuoc.Contracts.Tasks.V1.KeyTasks.KeyTasksClient(suite.Gateway);
        var decision = await tasks.CreateDecisionAsync(new TuyPhuoc.Contracts.Tasks.V1.CreateDecisionRequest
        {
            Number = "4/QĐ-UBND", DecisionDate = D(year - 1, 12, 2), Title = $"Nhiệm vụ trọng tâm năm {year}", Year = year, IdempotencyKey = Guid.NewGuid().ToString("N"),
            Tasks =
            {
                new TuyPhuoc.Contracts.Tasks.V1.TaskInput
                {
                    Number = "1", Content = "Lập quy hoạch sử dụng đất", LeadUnitCode = "TN_MT", Product = "Quy hoạch",
                    Deadline = new TuyPhuoc.Contracts.Tasks.V1.Deadline { Kind = TuyPhuoc.Contracts.Tasks.V1.DeadlineKind.Date, DueDate = D(year, 6, 30) },
                },
            },
        }, options);

        Assert.Equal(("3/QĐ-UBND", 100.0), (plan.Revision.DecisionNumber, plan.Targets.Single().DistrictTarget));
        Assert.Equal(year, decision.Year);
    }

    [Fact]
    public async Task CreatePlan_CommuneToken_PermissionDeniedAndNothingStored()
    {
        var options = await suite.CallAsAsync(Roles.UnitReporter, unit: "PHUOC_THANG");
        var request = new CreatePlanRequest
        {
            Year = 2032, DecisionNumber = "2/QĐ-UBND", DecisionDate = D(2031, 12, 1), EffectiveFrom = D(2032, 1, 1),
            Targets = { new Target { IndicatorCode = "CT01", DistrictTarget = 10 } },
        };

        var e = await Assert.ThrowsAsync<RpcException>(() => Client.CreatePlanAsync(request, options).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        var missing = await Assert.ThrowsAsync<RpcException>(() =>
            Client.ListPlanRevisionsAsync(new ListPlanRevisionsRequest { Year = 2032 }, options).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task CreatePlan_BadInput_FieldViolationsAndNothingStored()
    {
        var options = await PlanningOffice();
        var code = NewCode("BAD");
        await Client.CreateIndicatorAsync(new CreateIndicatorRequest { Indicator = NewIndicator(code) }, options);
        var request = new CreatePlanRequest
        {
            Year = 2033, DecisionNumber = " ", DecisionDate = D(2033, 2, 1), EffectiveFrom = D(2033, 1, 1),
            Targets =
            {
                new Target { IndicatorCode = code, DistrictTarget = 100, Quarters = { 25, 25, 25, 30 } },
                new Target { IndicatorCode = "NO_SUCH_INDICATOR", DistrictTarget = 1 },
                new Target { IndicatorCode = "CT01", DistrictTarget = -5, Quarters = { 1, 1, 1 } },
            },
        };
        var unbounded = request.Clone();
        unbounded.Targets[2].DistrictTarget = double.NaN;

        var e = await Assert.ThrowsAsync<RpcException>(() => Client.CreatePlanAsync(request, options).ResponseAsync);
        // Beyond the suite's bounds a request is refused before any rule of the service is asked.
        var nan = await Assert.ThrowsAsync<RpcException>(() => Client.CreatePlanAsync(unbounded, options).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        var fields = e.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field).ToHashSet();
        Assert.Superset(new HashSet<string> { "decision_number", "effective_from", "targets[0].quarters", "targets[1].indicator_code", "targets[2].quarters" }, fields);
        Assert.Equal("targets[2].district_target", Assert.Single(nan.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field);
        var missing = await Assert.ThrowsAsync<RpcException>(() =>
            Client.ListPlanRevisionsAsync(new ListPlanRevisionsRequest { Year = 2033 }, options).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task CreateIndicator_SameIdempotencyKeyTwice_SameAnswerAndStoredOnce()
    {
        var options = await PlanningOffice();
        var request = new CreateIndicatorRequest { Indicator = NewIndicator(NewCode("IDEM")), IdempotencyKey = Guid.NewGuid().ToString() };

        var first = await Client.CreateIndicatorAsync(request, options);
        var again = await Client.CreateIndicatorAsync(request, options);
        var other = request.Clone();
        other.Indicator.Name = "Tên khác";
        var reused = await Assert.ThrowsAsync<RpcException>(() => Client.CreateIndicatorAsync(other, options).ResponseAsync);
        var withoutKey = await Assert.ThrowsAsync<RpcException>(() =>
            Client.CreateIndicatorAsync(new CreateIndicatorRequest { Indicator = request.Indicator }, options).ResponseAsync);

        Assert.Equal(first, again);
        Assert.Equal(StatusCode.InvalidArgument, reused.StatusCode);
        Assert.Contains(reused.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations, v => v.Field == "idempotency_key");
        Assert.Equal(StatusCode.AlreadyExists, withoutKey.StatusCode);
        var stored = await Client.GetIndicatorAsync(new GetIndicatorRequest { Code = request.Indicator.Code }, options);
        Assert.Equal(request.Indicator.Name, stored.Name);
    }

    [Fact]
    public async Task CloseUnit_MergedIntoAnother_GoneFromTheTreeFromThatDateOnly()
    {
        var options = await PlanningOffice();
        var (from, into) = (NewCode("OLD"), NewCode("NEW"));
        foreach (var code in new[] { from, into })
        {
            await Client.CreateUnitAsync(new CreateUnitRequest
            {
                Unit = new Unit { Code = code, Name = $"Xã {code}", Kind = UnitKind.Commune, ParentCode = "TUY_PHUOC", ValidFrom = D(2030, 1, 1) },
            }, options);
        }

        // Units of 2030 on, so the other tests' view of 2024 does not change.
        var closed = await Client.CloseUnitAsync(new CloseUnitRequest { Code = from, ClosedFrom = D(2030, 7, 1), MergedIntoCode = into }, options);

        Assert.Equal(into, closed.MergedIntoCode);
        var before = await Client.GetUnitTreeAsync(new GetUnitTreeRequest { AsOf = D(2030, 6, 30) }, options);
        var after = await Client.GetUnitTreeAsync(new GetUnitTreeRequest { AsOf = D(2030, 7, 1) }, options);
        Assert.Contains(before.Root.Children, n => n.Unit.Code == from);
        Assert.DoesNotContain(after.Root.Children, n => n.Unit.Code == from);
        Assert.Contains(after.Root.Children, n => n.Unit.Code == into);
    }

    private async Task<List<Change>> ReadChangesAsync(long after, Func<Change, bool> until)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var options = (await PlanningOffice()).WithDeadline(DateTime.MaxValue).WithCancellationToken(timeout.Token);
        using var call = Client.WatchChanges(new WatchChangesRequest { AfterSequence = after }, options);
        var changes = new List<Change>();
        await foreach (var change in call.ResponseStream.ReadAllAsync(timeout.Token))
        {
            changes.Add(change);
            if (until(change)) break;
        }
        return changes;
    }

    private static string NewCode(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..20].ToUpperInvariant();

    private static Indicator NewIndicator(string code) => new()
    {
        Code = code,
        Name = "Thu ngân sách thử nghiệm",
        UnitOfMeasure = "tỷ đồng",
        Source = IndicatorSource.District,
        Block = SectorBlock.Economy,
        ResponsibleOfficeCode = "TCKH",
        Direction = Direction.HigherIsBetter,
        MeasureKind = MeasureKind.Cumulative,
    };
}
