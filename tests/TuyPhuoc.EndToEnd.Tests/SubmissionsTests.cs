using Google.Rpc;
using Grpc.Core;
using TuyPhuoc.Contracts.Submissions.V1;
using TuyPhuoc.ServiceDefaults;
using Date = Google.Type.Date;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>
/// Submissions through the gateway on the real AppHost. Every test works on its own unit and month of July to
/// December 2024, so the tests stay independent of each other and of the demo data (January to June).
/// </summary>
public sealed class SubmissionsTests(SuiteFixture suite)
{
    private const int Year = 2024;
    // Indicators allocated to every commune and town in the seeded plan.
    private static readonly string[] CommuneIndicators = ["CT02", "CT03", "CT04", "CT08", "CT10", "CT16", "CT25", "CT27"];

    private Submissions.SubmissionsClient Client => new(suite.Gateway);

    private Task<CallOptions> PlanningOffice() => suite.CallAsAsync(Roles.PlanningOffice);

    private Task<CallOptions> Reporter(string unit) => suite.CallAsAsync(Roles.UnitReporter, unit: unit);

    private static SubmitActualRequest Actual(string unit, string indicator, int month, double value, string note = "", string key = "", int expected = 0) => new()
    {
        UnitCode = unit, IndicatorCode = indicator, Year = Year, Month = month, Value = value, Note = note, IdempotencyKey = key, ExpectedRevision = expected,
    };

    [Fact]
    public async Task SubmitActual_ThenCorrect_BothRevisionsListedOldestFirstAndLatestShown()
    {
        var options = await Reporter("PHUOC_QUANG");

        var first = await Client.SubmitActualAsync(Actual("PHUOC_QUANG", "CT03", 7, 1.25, "Ước thực hiện"), options);
        var second = await Client.SubmitActualAsync(Actual("PHUOC_QUANG", "CT03", 7, 1.4, "Số liệu chính thức của Chi cục Thuế", expected: 1), options);

        Assert.Equal((1, 2), (first.Revision, second.Revision));
        var history = await Client.ListRevisionsAsync(new ListRevisionsRequest { UnitCode = "PHUOC_QUANG", IndicatorCode = "CT03", Year = Year, Month = 7 }, options);
        Assert.Equal([1.25, 1.4], history.Revisions.Select(r => r.Value));
        Assert.Equal([1, 2], history.Revisions.Select(r => r.Revision));
        Assert.All(history.Revisions, r =>
        {
            Assert.Equal("unit_reporter:PHUOC_QUANG", r.RecordedBy);
            Assert.Equal(Origin.Interactive, r.Origin);
            Assert.NotNull(r.RecordedAt);
        });
        var actuals = await Client.ListActualsAsync(new ListActualsRequest { UnitCode = "PHUOC_QUANG", Year = Year, IndicatorCode = "CT03", Month = 7 }, options);
        Assert.Equal(second, Assert.Single(actuals.Actuals));
    }

    [Fact]
    public async Task SubmitActual_StaleExpectedRevision_FailedPreconditionAndNothingStored()
    {
        var options = await Reporter("PHUOC_QUANG");
        await Client.SubmitActualAsync(Actual("PHUOC_QUANG", "CT27", 7, 2), options);
        await Client.SubmitActualAsync(Actual("PHUOC_QUANG", "CT27", 7, 3, expected: 1), options);

        var e = await Assert.ThrowsAsync<RpcException>(() => Client.SubmitActualAsync(Actual("PHUOC_QUANG", "CT27", 7, 4, expected: 1), options).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        var history = await Client.ListRevisionsAsync(new ListRevisionsRequest { UnitCode = "PHUOC_QUANG", IndicatorCode = "CT27", Year = Year, Month = 7 }, options);
        Assert.Equal([2.0, 3.0], history.Revisions.Select(r => r.Value));
    }

    [Fact]
    public async Task SubmitActual_ConcurrentCorrectionsOfOneCell_NoneLost()
    {
        var options = await Reporter("PHUOC_QUANG");

        var answers = await Task.WhenAll(Enumerable.Range(1, 8).Select(i =>
            Client.SubmitActualAsync(Actual("PHUOC_QUANG", "CT25", 7, i / 10.0), options).ResponseAsync));

        Assert.Equal(Enumerable.Range(1, 8), answers.Select(a => a.Revision).Order());
        var history = await Client.ListRevisionsAsync(new ListRevisionsRequest { UnitCode = "PHUOC_QUANG", IndicatorCode = "CT25", Year = Year, Month = 7 }, options);
        Assert.Equal(answers.Select(a => a.Value).Order(), history.Revisions.Select(r => r.Value).Order());
    }

    [Fact]
    public async Task SubmitActual_SameIdempotencyKeyTwice_FirstAnswerAgainAndOneRevision()
    {
        var options = await Reporter("PHUOC_QUANG");
        var request = Actual("PHUOC_QUANG", "CT08", 7, 27, key: Guid.NewGuid().ToString());

        var first = await Client.SubmitActualAsync(request, options);
        var again = await Client.SubmitActualAsync(request, options);
        var changed = request.Clone();
        changed.Value = 28;
        var reused = await Assert.ThrowsAsync<RpcException>(() => Client.SubmitActualAsync(changed, options).ResponseAsync);

        Assert.Equal(first, again);
        Assert.Equal(StatusCode.InvalidArgument, reused.StatusCode);
        Assert.Contains(reused.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations, v => v.Field == "idempotency_key");
        var history = await Client.ListRevisionsAsync(new ListRevisionsRequest { UnitCode = "PHUOC_QUANG", IndicatorCode = "CT08", Year = Year, Month = 7 }, options);
        Assert.Equal(27, Assert.Single(history.Revisions).Value);
    }

    [Fact]
    public async Task SubmitActual_SameKeyConcurrently_OneRevisionAndEveryCallGetsItOrARefusalOfTheOtherContent()
    {
        var options = await Reporter("PHUOC_QUANG");
        var request = Actual("PHUOC_QUANG", "CT16", 8, 5, key: Guid.NewGuid().ToString());
        var other = request.Clone();
        other.Value = 6;

        var requests = Enumerable.Range(0, 16).Select(i => i % 4 == 3 ? other : request).ToList();
        var calls = requests.Select(r => Client.SubmitActualAsync(r, options).ResponseAsync).ToList();
        await Task.WhenAll(calls.Select(c => c.ContinueWith(_ => { }, TaskScheduler.Default)));

        var history = await Client.ListRevisionsAsync(new ListRevisionsRequest { UnitCode = "PHUOC_QUANG", IndicatorCode = "CT16", Year = Year, Month = 8 }, options);
        var stored = Assert.Single(history.Revisions);
        // Whichever content came first is stored once; every call with it gets that answer, every call with the other is refused.
        Assert.All(requests.Zip(calls), call =>
        {
            if (call.First.Value == stored.Value) Assert.Equal(stored, call.Second.Result);
            else Assert.Equal(StatusCode.InvalidArgument, Assert.IsType<RpcException>(call.Second.Exception!.InnerException).StatusCode);
        });
    }

    [Fact]
    public async Task SubmitActual_CommuneForAnotherCommune_PermissionDeniedAndNothingStored()
    {
        var thang = await Reporter("PHUOC_THANG");

        var e = await Assert.ThrowsAsync<RpcException>(() => Client.SubmitActualAsync(Actual("PHUOC_HUNG", "CT02", 8, 900), thang).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        var history = await Client.ListRevisionsAsync(new ListRevisionsRequest { UnitCode = "PHUOC_HUNG", IndicatorCode = "CT02", Year = Year, Month = 8 }, await PlanningOffice());
        Assert.Empty(history.Revisions);
    }

    [Fact]
    public async Task SubmitActual_BadInput_FieldViolationsAndNothingStored()
    {
        var options = await Reporter("PHUOC_QUANG");

        var future = await Assert.ThrowsAsync<RpcException>(() => Client.SubmitActualAsync(
            new SubmitActualRequest { UnitCode = "PHUOC_QUANG", IndicatorCode = "CT10", Year = DateTime.UtcNow.Year + 1, Month = 1, Value = 50 }, options).ResponseAsync);
        var bad = await Assert.ThrowsAsync<RpcException>(() => Client.SubmitActualAsync(Actual("PHUOC_QUANG", "CT10", 9, 101), options).ResponseAsync);
        // Beyond the suite's bounds a request is refused before any rule of the service is asked.
        var outOfBounds = await Assert.ThrowsAsync<RpcException>(() => Client.SubmitActualAsync(Actual("PHUOC_QUANG", "CT10", 9, double.NaN, new string('x', 4001)), options).ResponseAsync);
        var notAssigned = await Assert.ThrowsAsync<RpcException>(() => Client.SubmitActualAsync(Actual("PHUOC_QUANG", "CT01", 9, 7.5), options).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, future.StatusCode);
        Assert.Contains(Fields(future), f => f == "year");
        Assert.Equal(["value"], Fields(bad));
        Assert.Equal(new HashSet<string> { "value", "note" }, Fields(outOfBounds).ToHashSet());
        Assert.Equal(["indicator_code"], Fields(notAssigned));
        var history = await Client.ListRevisionsAsync(new ListRevisionsRequest { UnitCode = "PHUOC_QUANG", IndicatorCode = "CT10", Year = Year, Month = 9 }, options);
        Assert.Empty(history.Revisions);
    }

    [Fact]
    public async Task ApproveReport_ThenSubmitToTheLockedMonth_FailedPreconditionAndNothingStored()
    {
        var office = await PlanningOffice();
        await FillMonthAsync("PHUOC_HIEP", 7);
        var sent = await Client.SubmitReportAsync(new SubmitReportRequest { UnitCode = "PHUOC_HIEP", Year = Year, Month = 7 }, await Reporter("PHUOC_HIEP"));

        var approved = await Client.ApproveReportAsync(new ApproveReportRequest { UnitCode = "PHUOC_HIEP", Year = Year, Month = 7 }, office);
        var locked = await Assert.ThrowsAsync<RpcException>(() =>
            Client.SubmitActualAsync(Actual("PHUOC_HIEP", "CT02", 7, 9999), office).ResponseAsync);

        Assert.Equal(ReportStatus.Submitted, sent.Status);
        Assert.Empty(sent.MissingIndicatorCodes);
        Assert.Equal(ReportStatus.Approved, approved.Status);
        Assert.Equal([ReportStatus.Submitted, ReportStatus.Approved], approved.History.Select(h => h.Status));
        Assert.Equal(StatusCode.FailedPrecondition, locked.StatusCode);
        var history = await Client.ListRevisionsAsync(new ListRevisionsRequest { UnitCode = "PHUOC_HIEP", IndicatorCode = "CT02", Year = Year, Month = 7 }, office);
        Assert.DoesNotContain(history.Revisions, r => r.Value == 9999);
        var import = await ImportAsync(office, new ImportActualsRequest { UnitCode = "PHUOC_HIEP", IndicatorCode = "CT03", Year = Year, Month = 7, Value = 1 });
        Assert.Equal(0, import.RowsStored);
        Assert.Equal((1L, "month"), (Assert.Single(import.Errors).Row, import.Errors[0].Field));
    }

    [Fact]
    public async Task ApproveReport_WhileWritesToTheMonthArrive_NoWriteAfterTheApprovalAndTheApprovedValueIsEvaluated()
    {
        const string unit = "PHUOC_QUANG", indicator = "CT02";
        const int month = 10;
        var office = await PlanningOffice();
        var reporter = await Reporter(unit);
        await FillMonthAsync(unit, month);
        await Client.SubmitReportAsync(new SubmitReportRequest { UnitCode = unit, Year = Year, Month = month }, reporter);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        // Each writer corrects the cell until the month is locked; once refused, a later call must be refused too.
        var writers = Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
        {
            var outcomes = new List<bool>();
            for (var i = 0; !stop.IsCancellationRequested && outcomes.Count(ok => !ok) < 5; i++)
            {
                try
                {
                    await Client.SubmitActualAsync(Actual(unit, indicator, month, 1000 + 100 * w + i), reporter);
                    outcomes.Add(true);
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
                {
                    outcomes.Add(false);
                }
            }
            return outcomes;
        })).ToList();
        await Task.Delay(300, TestContext.Current.CancellationToken);
        var approved = await Client.ApproveReportAsync(new ApproveReportRequest { UnitCode = unit, Year = Year, Month = month }, office);
        var outcomes = await Task.WhenAll(writers);

        Assert.Equal(ReportStatus.Approved, approved.Status);
        Assert.All(outcomes, o => Assert.DoesNotContain(true, o.SkipWhile(ok => ok)));
        Assert.Contains(outcomes, o => o.Contains(true));
        var latest = (await Client.ListRevisionsAsync(new ListRevisionsRequest { UnitCode = unit, IndicatorCode = indicator, Year = Year, Month = month }, office)).Revisions.MaxBy(r => r.Revision)!;
        var evaluation = new TuyPhuoc.Contracts.Evaluation.V1.Evaluation.EvaluationClient(suite.Gateway);
        await Eventually.TrueAsync(async () => (await evaluation.GetIndicatorStatusAsync(new TuyPhuoc.Contracts.Evaluation.V1.GetIndicatorStatusRequest
            { UnitCode = unit, IndicatorCode = indicator, Year = Year, Quarter = 4 }, office)).MonthlyActuals[month - 1].Value == latest.Value,
            TimeSpan.FromSeconds(10), "the approved value was not the one evaluated");
    }

    [Fact]
    public async Task ApproveReport_SameKeyConcurrently_EveryCallGetsTheFirstAnswerAndTheReportIsApprovedOnce()
    {
        var office = await PlanningOffice();
        await FillMonthAsync("PHUOC_LOC", 9);
        await Client.SubmitReportAsync(new SubmitReportRequest { UnitCode = "PHUOC_LOC", Year = Year, Month = 9 }, await Reporter("PHUOC_LOC"));
        var request = new ApproveReportRequest { UnitCode = "PHUOC_LOC", Year = Year, Month = 9, IdempotencyKey = Guid.NewGuid().ToString() };

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Client.ApproveReportAsync(request, office).ResponseAsync));

        Assert.All(answers, a => Assert.Equal(answers[0], a));
        var stored = await Client.GetReportAsync(new GetReportRequest { UnitCode = "PHUOC_LOC", Year = Year, Month = 9 }, office);
        Assert.Equal([ReportStatus.Submitted, ReportStatus.Approved], stored.History.Select(h => h.Status));
    }

    [Fact]
    public async Task ReopenReport_Approved_AuditedAndTheUnitCanCorrectAndSendAgain()
    {
        var office = await PlanningOffice();
        var reporter = await Reporter("PHUOC_HIEP");
        await FillMonthAsync("PHUOC_HIEP", 8);
        await Client.SubmitReportAsync(new SubmitReportRequest { UnitCode = "PHUOC_HIEP", Year = Year, Month = 8 }, reporter);
        await Client.ApproveReportAsync(new ApproveReportRequest { UnitCode = "PHUOC_HIEP", Year = Year, Month = 8 }, office);

        var noReason = await Assert.ThrowsAsync<RpcException>(() =>
            Client.ReopenReportAsync(new ReopenReportRequest { UnitCode = "PHUOC_HIEP", Year = Year, Month = 8 }, office).ResponseAsync);
        var byReporter = await Assert.ThrowsAsync<RpcException>(() =>
            Client.ReopenReportAsync(new ReopenReportRequest { UnitCode = "PHUOC_HIEP", Year = Year, Month = 8, Reason = "x" }, reporter).ResponseAsync);
        var reopened = await Client.ReopenReportAsync(new ReopenReportRequest
        {
            UnitCode = "PHUOC_HIEP", Year = Year, Month = 8, Reason = "Cục Thống kê điều chỉnh số liệu sản lượng lúa",
        }, office);
        var corrected = await Client.SubmitActualAsync(Actual("PHUOC_HIEP", "CT02", 8, 1234), reporter);
        var resent = await Client.SubmitReportAsync(new SubmitReportRequest { UnitCode = "PHUOC_HIEP", Year = Year, Month = 8 }, reporter);

        Assert.Equal(StatusCode.InvalidArgument, noReason.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, byReporter.StatusCode);
        Assert.Equal(ReportStatus.Returned, reopened.Status);
        var audit = reopened.History[^1];
        Assert.Equal(("planning_office", "Cục Thống kê điều chỉnh số liệu sản lượng lúa"), (audit.By, audit.Reason));
        Assert.Equal(2, corrected.Revision);
        Assert.Equal(ReportStatus.Submitted, resent.Status);
        Assert.Equal(4, resent.History.Count);
    }

    [Fact]
    public async Task ReturnReport_WithReason_UnitCorrectsAndSendsAgain()
    {
        var office = await PlanningOffice();
        var reporter = await Reporter("PHUOC_NGHIA");
        await FillMonthAsync("PHUOC_NGHIA", 7);
        var incomplete = await Client.GetReportAsync(new GetReportRequest { UnitCode = "PHUOC_NGHIA", Year = Year, Month = 9 }, reporter);
        await Client.SubmitReportAsync(new SubmitReportRequest { UnitCode = "PHUOC_NGHIA", Year = Year, Month = 7 }, reporter);

        var returned = await Client.ReturnReportAsync(new ReturnReportRequest
        {
            UnitCode = "PHUOC_NGHIA", Year = Year, Month = 7, Reason = "Số lao động có việc làm mới chưa khớp với danh sách",
        }, office);
        await Client.SubmitActualAsync(Actual("PHUOC_NGHIA", "CT08", 7, 14, expected: 1), reporter);
        var resent = await Client.SubmitReportAsync(new SubmitReportRequest { UnitCode = "PHUOC_NGHIA", Year = Year, Month = 7 }, reporter);
        var listed = await Client.ListReportsAsync(new ListReportsRequest { Year = Year, Month = 7, Status = ReportStatus.Submitted, PageSize = 100 }, office);

        Assert.Equal(CommuneIndicators, incomplete.MissingIndicatorCodes.Order());
        Assert.Equal(ReportStatus.Returned, returned.Status);
        Assert.Equal("Số lao động có việc làm mới chưa khớp với danh sách", returned.ReturnReason);
        Assert.Equal(ReportStatus.Submitted, resent.Status);
        Assert.Equal("", resent.ReturnReason);
        Assert.Equal([ReportStatus.Submitted, ReportStatus.Returned, ReportStatus.Submitted], resent.History.Select(h => h.Status));
        Assert.Contains(listed.Reports, r => r.UnitCode == "PHUOC_NGHIA");
    }

    [Fact]
    public async Task ListTimeliness_PaperReportsReceivedOnTimeAndLate_AndAMonthNeverSentIsMissing()
    {
        var office = await PlanningOffice();
        await FillMonthAsync("PHUOC_THUAN", 7);
        await FillMonthAsync("PHUOC_THUAN", 8);
        var late = await Client.SubmitReportAsync(new SubmitReportRequest { UnitCode = "PHUOC_THUAN", Year = Year, Month = 7, ReceivedOn = D(2024, 8, 14) }, office);
        await Client.SubmitReportAsync(new SubmitReportRequest { UnitCode = "PHUOC_THUAN", Year = Year, Month = 8, ReceivedOn = D(2024, 9, 10) }, office);
        var reporter = await Reporter("PHUOC_THUAN");
        var notOffice = await Assert.ThrowsAsync<RpcException>(() => Client.SubmitReportAsync(
            new SubmitReportRequest { UnitCode = "PHUOC_THUAN", Year = Year, Month = 9, ReceivedOn = D(2024, 10, 1) }, reporter).ResponseAsync);

        var timeliness = await Client.ListTimelinessAsync(new ListTimelinessRequest { Year = Year, UnitCode = "PHUOC_THUAN", PageSize = 100 }, office);

        Assert.Equal(4, late.DaysLate);
        Assert.Equal(StatusCode.PermissionDenied, notOffice.StatusCode);
        var byMonth = timeliness.Entries.ToDictionary(e => e.Month);
        Assert.Equal((Timeliness.Late, 4), (byMonth[7].Timeliness, byMonth[7].DaysLate));
        Assert.Equal(D(2024, 8, 10), byMonth[7].Deadline);
        Assert.Equal((Timeliness.OnTime, 0), (byMonth[8].Timeliness, byMonth[8].DaysLate));
        Assert.Equal(Timeliness.Missing, byMonth[11].Timeliness);
        Assert.True(byMonth[11].DaysLate > 0);
        var reports = await Client.ListReportsAsync(new ListReportsRequest { Year = Year, Month = 11, Status = ReportStatus.Missing, PageSize = 100 }, office);
        Assert.Contains(reports.Reports, r => r.UnitCode == "PHUOC_THUAN");
    }

    [Fact]
    public async Task Escalation_RaiseAssignAnswerClose_EveryStepKeptAndOnlyTheAssignedOfficeAnswers()
    {
        var commune = await Reporter("PHUOC_AN");
        var office = await PlanningOffice();
        var raised = await Client.RaiseEscalationAsync(new RaiseEscalationRequest
        {
            UnitCode = "PHUOC_AN", Year = Year, IndicatorCodes = { "CT04" }, Title = "Vướng mắc giải phóng mặt bằng khu đất đấu giá",
            Description = "Vượt thẩm quyền của xã; đề nghị huyện chỉ đạo.",
        }, commune);
        var due = DateTime.UtcNow.AddDays(14);

        var assigned = await Client.AssignEscalationAsync(new AssignEscalationRequest { Id = raised.Id, OfficeCode = "TN_MT", DueDate = D(due.Year, due.Month, due.Day) }, office);
        var noiVu = await Reporter("NOI_VU");
        var wrongOffice = await Assert.ThrowsAsync<RpcException>(() => Client.AnswerEscalationAsync(
            new AnswerEscalationRequest { Id = raised.Id, Answer = "Không phải việc của chúng tôi" }, noiVu).ResponseAsync);
        var answered = await Client.AnswerEscalationAsync(new AnswerEscalationRequest { Id = raised.Id, Answer = "Đã phối hợp với Trung tâm Phát triển quỹ đất" },
            await Reporter("TN_MT"));
        var closed = await Client.CloseEscalationAsync(new CloseEscalationRequest { Id = raised.Id, Note = "Đã giải quyết xong" }, commune);
        var again = await Assert.ThrowsAsync<RpcException>(() => Client.CloseEscalationAsync(new CloseEscalationRequest { Id = raised.Id }, commune).ResponseAsync);

        Assert.Equal(EscalationStatus.Open, raised.Status);
        Assert.Equal((EscalationStatus.Assigned, "TN_MT"), (assigned.Status, assigned.AssignedOfficeCode));
        Assert.Equal(StatusCode.PermissionDenied, wrongOffice.StatusCode);
        Assert.Equal(EscalationStatus.Answered, answered.Status);
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        var stored = await Client.GetEscalationAsync(new GetEscalationRequest { Id = raised.Id }, office);
        Assert.Equal(closed, stored);
        Assert.Equal([EscalationStatus.Open, EscalationStatus.Assigned, EscalationStatus.Answered, EscalationStatus.Closed], stored.Steps.Select(s => s.Status));
        var byOffice = await Client.ListEscalationsAsync(new ListEscalationsRequest { Year = Year, OfficeCode = "TN_MT", PageSize = 100 }, office);
        Assert.Contains(byOffice.Escalations, e => e.Id == raised.Id);
        var overdue = await Client.ListEscalationsAsync(new ListEscalationsRequest { Year = Year, OverdueOnly = true, PageSize = 100 }, office);
        Assert.DoesNotContain(overdue.Escalations, e => e.Id == raised.Id);
    }

    [Fact]
    public async Task Escalation_ReferredUpwardAndAnsweredFromAbove_SameKeySameAnswer_OnlyThePlanningOffice_ThenClosedByTheUnit()
    {
        var commune = await Reporter("PHUOC_HIEP");
        var office = await PlanningOffice();
        var raised = await Client.RaiseEscalationAsync(new RaiseEscalationRequest
        {
            UnitCode = "PHUOC_HIEP", Year = Year, IndicatorCodes = { "CT05" }, Title = "Chuyển mục đích sử dụng đất lúa vượt thẩm quyền huyện",
        }, commune);
        var today = DateTime.UtcNow.AddHours(7);
        var refer = new ReferEscalationRequest
        {
            Id = raised.Id, Authority = "UBND tỉnh Bình Định", DocumentNumber = "125/UBND-TH", DocumentDate = D(today.Year, today.Month, today.Day),
            IdempotencyKey = $"refer-{raised.Id}",
        };

        var byCommune = await Assert.ThrowsAsync<RpcException>(() => Client.ReferEscalationAsync(refer, commune).ResponseAsync);
        var referred = await Client.ReferEscalationAsync(refer, office);
        var replayed = await Client.ReferEscalationAsync(refer, office);
        var noAnswer = await Assert.ThrowsAsync<RpcException>(() => Client.RecordReferralAnswerAsync(new RecordReferralAnswerRequest
        {
            Id = raised.Id, AnsweredBy = "Sở Tài nguyên và Môi trường", DocumentNumber = "88/STNMT", DocumentDate = D(today.Year, today.Month, today.Day),
        }, office).ResponseAsync);
        var answered = await Client.RecordReferralAnswerAsync(new RecordReferralAnswerRequest
        {
            Id = raised.Id, AnsweredBy = "Sở Tài nguyên và Môi trường", DocumentNumber = "88/STNMT", DocumentDate = D(today.Year, today.Month, today.Day),
            Answer = "Đưa vào kỳ điều chỉnh quy hoạch sử dụng đất.",
        }, office);
        var referAgain = await Assert.ThrowsAsync<RpcException>(() => Client.ReferEscalationAsync(new(refer) { IdempotencyKey = "" }, office).ResponseAsync);
        var closed = await Client.CloseEscalationAsync(new CloseEscalationRequest { Id = raised.Id }, commune);

        Assert.Equal(StatusCode.PermissionDenied, byCommune.StatusCode);
        Assert.Equal((EscalationStatus.Referred, "UBND tỉnh Bình Định", "125/UBND-TH"), (referred.Status, referred.Referral.Authority, referred.Referral.DocumentNumber));
        Assert.Equal(referred, replayed);
        Assert.Equal(StatusCode.InvalidArgument, noAnswer.StatusCode);
        Assert.Equal((EscalationStatus.Answered, "Sở Tài nguyên và Môi trường", "Đưa vào kỳ điều chỉnh quy hoạch sử dụng đất."),
            (answered.Status, answered.Referral.AnsweredBy, answered.Answer));
        Assert.Equal(StatusCode.FailedPrecondition, referAgain.StatusCode);
        Assert.Equal([EscalationStatus.Open, EscalationStatus.Referred, EscalationStatus.Answered, EscalationStatus.Closed], closed.Steps.Select(s => s.Status));
        var byIndicator = await Client.ListEscalationsAsync(new ListEscalationsRequest { Year = Year, IndicatorCode = "CT05", PageSize = 1000 }, office);
        Assert.Contains(byIndicator.Escalations, e => e.Id == raised.Id);
        Assert.All(byIndicator.Escalations, e => Assert.Contains("CT05", e.IndicatorCodes));
    }

    [Fact]
    public async Task ImportActuals_BadRows_NothingStoredAndEveryBadRowNamed()
    {
        var office = await PlanningOffice();
        ImportActualsRequest Row(string unit, string indicator, int month, double value) =>
            new() { UnitCode = unit, IndicatorCode = indicator, Year = Year, Month = month, Value = value };

        var response = await ImportAsync(office,
            Row("PHUOC_THANH", "CT02", 10, 510),
            Row("PHUOC_THANH", "CT02", 13, 510),
            Row("PHUOC_THANH", "CT99", 10, 1),
            Row("PHUOC_THANH", "CT10", 10, 140),
            Row("PHUOC_THANH", "CT03", 10, 0.8));

        Assert.Equal((5L, 0L, ""), (response.RowsReceived, response.RowsStored, response.BatchId));
        Assert.Equal([(2L, "month"), (3L, "indicator_code"), (4L, "value")], response.Errors.Select(e => (e.Row, e.Field)));
        foreach (var indicator in new[] { "CT02", "CT03" })
        {
            var history = await Client.ListRevisionsAsync(new ListRevisionsRequest { UnitCode = "PHUOC_THANH", IndicatorCode = indicator, Year = Year, Month = 10 }, office);
            Assert.Empty(history.Revisions);
        }
    }

    [Fact]
    public async Task ImportActuals_StreamLargerThanAProxysDefaultBodyLimit_ReadToTheEndAndAnswered()
    {
        // 320,000 rows with notes: about 38 MB in one call, past the 30 MB a proxy cuts a body at by default.
        const int rows = 320_000;
        var note = new string('x', 80);
        var messages = Enumerable.Range(0, rows / 1000).Select(m => new ImportActualsRequest
        {
            Rows = { Enumerable.Range(0, 1000).Select(_ => new ImportRow { UnitCode = "PHUOC_LOC", IndicatorCode = "CT02", Year = Year, Month = 13, Value = 1, Note = note }) },
        }).ToArray();
        Assert.True(messages.Sum(m => m.CalculateSize()) > 30 * 1024 * 1024);

        var response = await ImportMessagesAsync(await PlanningOffice(), messages);

        Assert.Equal((rows, 0L), (response.RowsReceived, response.RowsStored));
        Assert.Equal((1L, "month"), (response.Errors[0].Row, response.Errors[0].Field));
        Assert.Contains($"up to row {rows}", response.Errors[^1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportActuals_ValidBatch_AllStoredAsImportRevisionsOnceEvenWhenRetried()
    {
        var reporter = await Reporter("PHUOC_THANH");
        await Client.SubmitActualAsync(Actual("PHUOC_THANH", "CT02", 11, 100), reporter);
        var key = Guid.NewGuid().ToString();
        var rows = CommuneIndicators.Select((code, i) => new ImportActualsRequest
        {
            UnitCode = "PHUOC_THANH", IndicatorCode = code, Year = Year, Month = 11, Value = 10 + i, BatchIdempotencyKey = key,
        }).ToArray();

        var first = await ImportAsync(reporter, rows);
        var retried = await ImportAsync(reporter, rows);
        var otherUnit = await Assert.ThrowsAsync<RpcException>(() => ImportAsync(reporter,
            new ImportActualsRequest { UnitCode = "PHUOC_HUNG", IndicatorCode = "CT02", Year = Year, Month = 11, Value = 1 }));

        Assert.Equal((8L, 8L), (first.RowsReceived, first.RowsStored));
        Assert.Empty(first.Errors);
        Assert.NotEmpty(first.BatchId);
        Assert.Equal(first, retried);
        Assert.Equal(StatusCode.PermissionDenied, otherUnit.StatusCode);
        var actuals = await Client.ListActualsAsync(new ListActualsRequest { UnitCode = "PHUOC_THANH", Year = Year, Month = 11, PageSize = 100 }, reporter);
        Assert.Equal(CommuneIndicators, actuals.Actuals.Select(a => a.IndicatorCode));
        Assert.All(actuals.Actuals, a => Assert.Equal(Origin.Import, a.Origin));
        Assert.Equal(2, actuals.Actuals.Single(a => a.IndicatorCode == "CT02").Revision);
        Assert.Equal(1, actuals.Actuals.Single(a => a.IndicatorCode == "CT03").Revision);
    }

    [Fact]
    public async Task ImportActuals_SeveralRowsPerMessage_PositionsCountAcrossMessagesAndEveryRevisionIsInTheFeed()
    {
        var office = await PlanningOffice();
        ImportRow Row(string indicator, int month, double value) => new() { UnitCode = "PHUOC_THANH", IndicatorCode = indicator, Year = Year, Month = month, Value = value };

        // The original one-row form and messages of several rows, mixed: positions count rows, not messages.
        var refused = await ImportMessagesAsync(office,
            new ImportActualsRequest { UnitCode = "PHUOC_THANH", IndicatorCode = "CT02", Year = Year, Month = 8, Value = 1 },
            new ImportActualsRequest { Rows = { Row("CT03", 8, 2), Row("CT04", 13, 3) } },
            new ImportActualsRequest { Rows = { Row("CT99", 8, 4) } });
        Assert.Equal((4L, 0L), (refused.RowsReceived, refused.RowsStored));
        Assert.Equal([(3L, "month"), (4L, "indicator_code")], refused.Errors.Select(e => (e.Row, e.Field)));

        var key = Guid.NewGuid().ToString();
        var rows = CommuneIndicators.Select((code, i) => Row(code, 8, 20 + i)).ToList();
        ImportActualsRequest[] messages =
        [
            new() { BatchIdempotencyKey = key, Rows = { rows.Take(3) } },
            new() { Rows = { rows.Skip(3) } },
        ];
        var stored = await ImportMessagesAsync(office, messages);
        // The same rows split otherwise are the same batch.
        var retried = await ImportMessagesAsync(office, [.. rows.Select((r, i) => new ImportActualsRequest { Rows = { r }, BatchIdempotencyKey = i == 0 ? key : "" })]);

        Assert.Equal((8L, 8L), (stored.RowsReceived, stored.RowsStored));
        Assert.Equal(stored, retried);
        var changes = await ReadChangesAsync(0, c => c.Key == "PHUOC_THANH/CT27/2024/8");
        var revised = changes.Where(c => c.Key.StartsWith("PHUOC_THANH/", StringComparison.Ordinal) && c.Key.EndsWith("/2024/8", StringComparison.Ordinal)).ToList();
        Assert.Equal(CommuneIndicators, revised.Select(c => c.Actual.IndicatorCode));
        Assert.All(revised, c => Assert.Equal((Origin.Import, 1, "actual.revised"), (c.Actual.Origin, c.Actual.Revision, c.Kind)));
        Assert.Equal(rows.Select(r => r.Value), revised.Select(c => c.Actual.Value));
    }

    [Fact]
    public async Task WatchChanges_EveryChangeOnceInOrder_AndResumesFromASequence()
    {
        var office = await PlanningOffice();
        var reporter = await Reporter("PHUOC_HOA");
        var first = await Client.SubmitActualAsync(Actual("PHUOC_HOA", "CT16", 12, 3), reporter);
        var start = (await ReadChangesAsync(0, c => c.Key == "PHUOC_HOA/CT16/2024/12" && c.Actual?.Revision == 1)).Last();

        await Client.SubmitActualAsync(Actual("PHUOC_HOA", "CT16", 12, 4, expected: 1), reporter);
        var escalation = await Client.RaiseEscalationAsync(new RaiseEscalationRequest
        {
            UnitCode = "PHUOC_HOA", Year = Year, IndicatorCodes = { "CT16" }, Title = "Thiếu nguồn tuyển quân",
        }, reporter);
        await Client.SetDeadlinesAsync(new SetDeadlinesRequest { Year = 2019, DayOfFollowingMonth = 12 }, office);
        var after = await ReadChangesAsync(start.Sequence, c => c.Kind == "deadlines.set" && c.Key == "2019");
        var resumed = await ReadChangesAsync(after[0].Sequence, c => c.Kind == "deadlines.set" && c.Key == "2019");

        Assert.Equal(first, start.Actual);
        Assert.NotEmpty(start.TraceParent);
        Assert.All(after, c => Assert.True(c.Sequence > start.Sequence));
        Assert.Equal(after.Select(c => c.Sequence).Order(), after.Select(c => c.Sequence));
        Assert.Equal(after.Count, after.Select(c => c.Sequence).Distinct().Count());
        var ours = after.Where(c => c.Key is "PHUOC_HOA/CT16/2024/12" || c.Key == escalation.Id || (c.Kind == "deadlines.set" && c.Key == "2019")).ToList();
        Assert.Equal(["actual.revised", "escalation.raised", "deadlines.set"], ours.Select(c => c.Kind));
        Assert.Equal((2, 4.0), (ours[0].Actual.Revision, ours[0].Actual.Value));
        Assert.Equal(escalation, ours[1].Escalation);
        Assert.Equal(12, ours[2].Deadlines.DayOfFollowingMonth);
        Assert.Equal(after.Skip(1).Select(c => c.Sequence), resumed.Select(c => c.Sequence));

        // A follower that takes no monthly values asks for the kinds it takes: the same stretch without the actuals.
        var withoutActuals = await ReadChangesAsync(start.Sequence, c => c.Kind == "deadlines.set" && c.Key == "2019", "escalation.", "deadlines.set");
        Assert.Equal(after.Where(c => c.Kind != "actual.revised").Select(c => (c.Sequence, c.Kind)), withoutActuals.Select(c => (c.Sequence, c.Kind)));
        var refused = await Assert.ThrowsAsync<RpcException>(() => ReadChangesAsync(start.Sequence, _ => true, "report.", " "));
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(["kinds"], Fields(refused));
    }

    /// <summary>Submits a value for every indicator of a commune's month, so its report can be sent.</summary>
    private async Task FillMonthAsync(string unit, int month)
    {
        var options = await Reporter(unit);
        foreach (var (code, i) in CommuneIndicators.Select((c, i) => (c, i)))
        {
            await Client.SubmitActualAsync(Actual(unit, code, month, code == "CT10" ? 93.5 : 5 + i), options);
        }
    }

    private async Task<ImportActualsResponse> ImportAsync(CallOptions options, params ImportActualsRequest[] rows)
    {
        using var call = Client.ImportActuals(options);
        foreach (var row in rows) await call.RequestStream.WriteAsync(row, TestContext.Current.CancellationToken);
        await call.RequestStream.CompleteAsync();
        return await call.ResponseAsync;
    }

    private async Task<ImportActualsResponse> ImportMessagesAsync(CallOptions options, params ImportActualsRequest[] messages)
    {
        using var call = Client.ImportActuals(options);
        foreach (var message in messages) await call.RequestStream.WriteAsync(message, TestContext.Current.CancellationToken);
        await call.RequestStream.CompleteAsync();
        return await call.ResponseAsync;
    }

    private async Task<List<Change>> ReadChangesAsync(long after, Func<Change, bool> until, params string[] kinds)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var options = (await PlanningOffice()).WithDeadline(DateTime.MaxValue).WithCancellationToken(timeout.Token);
        using var call = Client.WatchChanges(new WatchChangesRequest { AfterSequence = after, Consumer = "e2e-tests", Kinds = { kinds } }, options);
        var changes = new List<Change>();
        await foreach (var change in call.ResponseStream.ReadAllAsync(timeout.Token))
        {
            changes.Add(change);
            if (until(change)) break;
        }
        return changes;
    }

    private static List<string> Fields(RpcException e) => [.. e.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field)];

    private static Date D(int y, int m, int d) => new() { Year = y, Month = m, Day = d };
}
