using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using TuyPhuoc.Contracts.Evaluation.V1;
using TuyPhuoc.Contracts.Scoring.V1;
using TuyPhuoc.Contracts.Tasks.V1;
using TuyPhuoc.Harness;
using TuyPhuoc.ServiceDefaults;
using Date = Google.Type.Date;
using TaskStatus = TuyPhuoc.Contracts.Tasks.V1.TaskStatus;
using TasksChange = TuyPhuoc.Contracts.Tasks.V1.WatchChangesRequest;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>
/// Key tasks through the gateway on the real AppHost: the demo decisions of 2024, progress reported by the lead unit,
/// extensions, the annex import, and what each role may do. Each test makes its own decision (numbered by a fresh id)
/// so the tests stay independent of each other and of the demo.
/// </summary>
public sealed class KeyTasksTests(SuiteFixture suite)
{
    private const int Year = 2024;

    private KeyTasks.KeyTasksClient Client => new(suite.Gateway);

    private Task<CallOptions> PlanningOffice() => suite.CallAsAsync(Roles.PlanningOffice);

    private Task<CallOptions> Reporter(string unit) => suite.CallAsAsync(Roles.UnitReporter, unit: unit);

    private static Date D(int month, int day, int year = Year) => new() { Year = year, Month = month, Day = day };

    private static string NewNumber() => $"{Random.Shared.Next(2000, 99999)}/QĐ-UBND-{Guid.NewGuid():N}"[..30];

    private static TaskInput Input(string lead, string content, Deadline deadline, string block = "", params string[] coordinating) => new()
    {
        Number = "1", Content = content, LeadUnitCode = lead, Block = block, Deadline = deadline, Product = "Báo cáo", CoordinatingUnitCodes = { coordinating },
    };

    private static Deadline DueOn(Date day) => new() { Kind = DeadlineKind.Date, DueDate = day };

    private async Task<Decision> DecisionAsync(params TaskInput[] tasks)
    {
        for (var i = 0; i < tasks.Length; i++) tasks[i].Number = $"{i + 1}";
        return await Client.CreateDecisionAsync(new CreateDecisionRequest
        {
            Number = NewNumber(), DecisionDate = D(3, 1), Title = "Giao nhiệm vụ bổ sung năm 2024", Year = Year, Tasks = { tasks }, IdempotencyKey = Guid.NewGuid().ToString("N"),
        }, await PlanningOffice());
    }

    private async Task<KeyTask> OnlyTaskAsync(Decision decision) =>
        Assert.Single((await Client.ListTasksAsync(new ListTasksRequest { Year = Year, DecisionId = decision.Id, PageSize = 10 }, await PlanningOffice())).Tasks);

    [Fact]
    public async Task Demo_808And1307_SeededAsDemoWithOverdueTasksAtMidYear()
    {
        var options = await suite.CallAsAsync(Roles.Partner);

        var decisions = await Client.ListDecisionsAsync(new ListDecisionsRequest { Year = Year }, options);
        var midYear = await Client.SummarizeTasksAsync(new SummarizeTasksRequest { Year = Year, AsOf = D(6, 30) }, options);

        var demo = decisions.Decisions.Where(d => d.Demo).ToList();
        Assert.Equal(["808/QĐ-UBND", "1307/QĐ-UBND"], demo.Select(d => d.Number));
        Assert.True(demo.Sum(d => d.TaskCount) >= 12);
        Assert.True(midYear.OverdueCount >= 3, $"{midYear.OverdueCount} overdue at mid-year");
        Assert.Contains(midYear.Overdue, t => t.LeadUnitCode == "PHUOC_LOC" && t.Status == TaskStatus.InProgressOverdue);
        Assert.True(midYear.Counts.Single(c => c.Status == TaskStatus.DoneOnTime).Count >= 2);
    }

    [Fact]
    public async Task ReportProgress_ByTheLeadUnit_HistoryKeptStatusFollowsReplayStoresNothing()
    {
        var decision = await DecisionAsync(Input("KT_HT", "Lập quy hoạch chi tiết cụm công nghiệp", DueOn(D(12, 31, 2025)), "", "TCKH"));
        var task = await OnlyTaskAsync(decision);
        var lead = await Reporter("KT_HT");
        var first = new ReportProgressRequest
        {
            TaskId = task.Id, State = ProgressState.InProgress, PercentDone = 40, WorkDone = "Hoàn thành khảo sát địa hình", Difficulties = "Chờ vốn", IdempotencyKey = "kt-1",
        };

        var started = await Client.ReportProgressAsync(first, lead);
        var replayed = await Client.ReportProgressAsync(first, lead);
        var done = await Client.ReportProgressAsync(new ReportProgressRequest
        {
            TaskId = task.Id, State = ProgressState.Done, WorkDone = "Quy hoạch được phê duyệt", ProductReference = "2150/QĐ-UBND", CompletedOn = D(11, 20, 2025), IdempotencyKey = "kt-2",
        }, lead);

        // The deadline (end of 2025) has passed on the service's clock: a report made after it cannot by itself claim
        // that the work was done by then, so it reads done late.
        Assert.Equal(TaskStatus.NotStarted, task.Status);
        Assert.Equal(TaskStatus.InProgressOverdue, started.Status);
        Assert.Equal(started, replayed);
        Assert.Equal(TaskStatus.DoneLate, done.Status);
        Assert.Equal(D(11, 20, 2025), done.LatestProgress.CompletedOn);
        var read = await Client.GetTaskAsync(new GetTaskRequest { Id = task.Id }, await suite.CallAsAsync(Roles.UnitReporter, unit: "TCKH"));
        Assert.Equal([40, 100], read.History.Select(h => h.PercentDone));
        Assert.Equal("2150/QĐ-UBND", read.LatestProgress.ProductReference);
    }

    [Fact]
    public async Task ConfirmCompletion_OfALateReportOfAnEarlierDay_ByThePlanningOfficeOnly_ThenDoneOnTimeWithWhoAndWhen()
    {
        var decision = await DecisionAsync(Input("KT_HT", "Nghiệm thu đường giao thông nông thôn", DueOn(D(12, 31, 2025)), "", "TCKH"));
        var task = await OnlyTaskAsync(decision);
        var lead = await Reporter("KT_HT");
        var done = await Client.ReportProgressAsync(new ReportProgressRequest
        {
            TaskId = task.Id, State = ProgressState.Done, WorkDone = "Đã nghiệm thu", ProductReference = "15/BB-NT", CompletedOn = D(12, 29, 2025),
        }, lead);
        var confirm = new ConfirmCompletionRequest { TaskId = task.Id, ReportId = done.LatestProgress.Id, Reason = "Biên bản nghiệm thu ngày 29/12/2025", IdempotencyKey = "confirm-1" };

        var byTheLead = await Assert.ThrowsAsync<RpcException>(() => Client.ConfirmCompletionAsync(confirm, lead).ResponseAsync);
        var noReason = await Assert.ThrowsAsync<RpcException>(() => Client.ConfirmCompletionAsync(new ConfirmCompletionRequest { TaskId = task.Id, ReportId = done.LatestProgress.Id }, PlanningOffice().Result).ResponseAsync);
        var confirmed = await Client.ConfirmCompletionAsync(confirm, await PlanningOffice());
        var replayed = await Client.ConfirmCompletionAsync(confirm, await PlanningOffice());
        var again = await Assert.ThrowsAsync<RpcException>(() => Client.ConfirmCompletionAsync(new ConfirmCompletionRequest
            { TaskId = task.Id, ReportId = done.LatestProgress.Id, Reason = "Lần nữa" }, PlanningOffice().Result).ResponseAsync);

        Assert.Equal((TaskStatus.DoneLate, true), (done.Status, done.AwaitsConfirmation));
        Assert.Equal(StatusCode.PermissionDenied, byTheLead.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, noReason.StatusCode);
        Assert.Equal((TaskStatus.DoneOnTime, false), (confirmed.Status, confirmed.AwaitsConfirmation));
        Assert.NotEmpty(confirmed.LatestProgress.ConfirmedBy);
        Assert.NotNull(confirmed.LatestProgress.ConfirmedAt);
        Assert.Equal("Biên bản nghiệm thu ngày 29/12/2025", confirmed.LatestProgress.ConfirmationReason);
        Assert.Equal(confirmed, replayed);
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        var read = await Client.GetTaskAsync(new GetTaskRequest { Id = task.Id }, lead);
        Assert.Equal(TaskStatus.DoneOnTime, read.Status);
        Assert.Equal(confirmed.LatestProgress.ConfirmedBy, read.History.Single().ConfirmedBy);
    }

    [Fact]
    public async Task ReportProgress_ByACoordinatingUnitOrAnotherCommune_PermissionDeniedNothingStored()
    {
        var decision = await DecisionAsync(Input("PHUOC_HOA", "Nạo vét kênh tiêu", DueOn(D(12, 31, 2025)), "economy", "NONG_NGHIEP"));
        var task = await OnlyTaskAsync(decision);
        var request = new ReportProgressRequest { TaskId = task.Id, State = ProgressState.InProgress, PercentDone = 10, WorkDone = "Khảo sát" };
        var (office, commune) = (await Reporter("NONG_NGHIEP"), await Reporter("PHUOC_AN"));

        var coordinating = await Assert.ThrowsAsync<RpcException>(() => Client.ReportProgressAsync(request, office).ResponseAsync);
        var stranger = await Assert.ThrowsAsync<RpcException>(() => Client.ReportProgressAsync(request, commune).ResponseAsync);
        var comment = await Client.CommentTaskAsync(new CommentTaskRequest { TaskId = task.Id, Note = "Đã cử cán bộ hướng dẫn kỹ thuật" }, office);

        Assert.Equal(StatusCode.PermissionDenied, coordinating.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, stranger.StatusCode);
        Assert.Empty(comment.History);
        Assert.Equal("NONG_NGHIEP", Assert.Single(comment.Comments).UnitCode);
    }

    [Fact]
    public async Task Extension_AskedByTheLeadUnit_GrantedByThePlanningOffice_TheTaskIsNoLongerOverdue()
    {
        var decision = await DecisionAsync(Input("GD_DT", "Sửa chữa phòng học xuống cấp", DueOn(D(8, 31))));
        var task = await OnlyTaskAsync(decision);
        var lead = await Reporter("GD_DT");
        var later = DateTime.UtcNow.AddDays(30);

        var asked = await Client.RequestExtensionAsync(new RequestExtensionRequest
        {
            TaskId = task.Id, RequestedDueDate = new Date { Year = later.Year, Month = later.Month, Day = later.Day }, Reason = "Chờ bố trí vốn", IdempotencyKey = "ext-1",
        }, lead);
        var refusedByLead = await Assert.ThrowsAsync<RpcException>(() => Client.DecideExtensionAsync(new DecideExtensionRequest
        {
            TaskId = task.Id, ExtensionId = asked.Extensions[0].Id, Grant = true, Reason = "Tự duyệt",
        }, lead).ResponseAsync);
        var granted = await Client.DecideExtensionAsync(new DecideExtensionRequest
        {
            TaskId = task.Id, ExtensionId = asked.Extensions[0].Id, Grant = true, Reason = "Đồng ý do chờ vốn", IdempotencyKey = "ext-2",
        }, await PlanningOffice());

        Assert.True(task.Overdue);
        Assert.Equal(ExtensionDecision.Pending, asked.Extensions[0].Decision);
        Assert.Equal(StatusCode.PermissionDenied, refusedByLead.StatusCode);
        Assert.False(granted.Overdue);
        Assert.Equal((later.Year, later.Month, later.Day), (granted.Deadline.DueDate.Year, granted.Deadline.DueDate.Month, granted.Deadline.DueDate.Day));
        Assert.Equal(D(8, 31), granted.OriginalDeadline.DueDate);
        Assert.Equal((ExtensionDecision.Granted, "Đồng ý do chờ vốn"), (granted.Extensions[0].Decision, granted.Extensions[0].DecisionReason));
    }

    [Fact]
    public async Task ImportDecision_WrongCells_EachNamedNothingStored_ThenTheFixedAnnexStored()
    {
        var planning = await PlanningOffice();
        var number = NewNumber();
        object?[] good = ["1", "Tổ chức đấu giá quyền sử dụng đất", "Phòng Tài nguyên và Môi trường", "Phòng Tài chính - Kế hoạch", "Quý III/2024", "Báo cáo", ""];
        var wrong = AnnexWorkbookWriter.Annex("PL01", [good, ["2", "Giải phóng mặt bằng", "Phòng Đất đai", "", "sớm", "Báo cáo"]]);
        var fixedAnnex = AnnexWorkbookWriter.Annex("PL01", [good, ["2", "Giải phóng mặt bằng", "UBND xã Phước Lộc", "", "30/9/2024", "Báo cáo"]]);
        ImportDecisionRequest Request(byte[] workbook) => new()
        {
            Number = number, DecisionDate = D(3, 14), Title = "Nhiệm vụ bổ sung", Year = Year, Workbook = ByteString.CopyFrom(workbook), Block = "economy",
        };

        var refused = await Assert.ThrowsAsync<RpcException>(() => Client.ImportDecisionAsync(Request(wrong), planning).ResponseAsync);
        var before = await Client.ListDecisionsAsync(new ListDecisionsRequest { Year = Year, PageSize = 1000 }, planning);
        var stored = await Client.ImportDecisionAsync(Request(fixedAnnex), planning);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(["PL01!C5", "PL01!E5"], refused.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field));
        Assert.DoesNotContain(before.Decisions, d => d.Number == number);
        Assert.Equal(2, stored.TaskCount);
        var tasks = await Client.ListTasksAsync(new ListTasksRequest { Year = Year, DecisionId = stored.Id }, planning);
        Assert.Equal(["TN_MT", "PHUOC_LOC"], tasks.Tasks.OrderBy(t => t.Number).Select(t => t.LeadUnitCode));
    }

    [Fact]
    public async Task CreateDecision_BadTasks_InvalidArgumentWithEveryFieldNothingStored()
    {
        var planning = await PlanningOffice();
        var request = new CreateDecisionRequest
        {
            Number = NewNumber(), DecisionDate = D(3, 1), Title = "x", Year = Year,
            Tasks =
            {
                Input("ATLANTIS", "Nhiệm vụ", DueOn(D(5, 1))),
                Input("PHUOC_AN", "Nhiệm vụ", new Deadline { Kind = DeadlineKind.Quarter }),
            },
        };
        request.Tasks[1].Number = "2";

        var refused = await Assert.ThrowsAsync<RpcException>(() => Client.CreateDecisionAsync(request, planning).ResponseAsync);
        var after = await Client.ListDecisionsAsync(new ListDecisionsRequest { Year = Year, PageSize = 1000 }, planning);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(["tasks[0].lead_unit_code", "tasks[1].block", "tasks[1].deadline"], refused.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field));
        Assert.DoesNotContain(after.Decisions, d => d.Number == request.Number);
    }

    [Fact]
    public async Task ListTasks_ABlockLeader_OnlyItsBlockOverdueFirst_AnotherBlockRefused()
    {
        var leader = await suite.CallAsAsync(Roles.BlockLeader, block: "internal_affairs");

        var tasks = await Client.ListTasksAsync(new ListTasksRequest { Year = Year, AsOf = D(6, 30), PageSize = 1000 }, leader);
        var other = await Assert.ThrowsAsync<RpcException>(() => Client.ListTasksAsync(new ListTasksRequest { Year = Year, Block = "economy" }, leader).ResponseAsync);

        Assert.NotEmpty(tasks.Tasks);
        Assert.All(tasks.Tasks, t => Assert.Equal("internal_affairs", t.Block));
        Assert.Equal(tasks.Tasks.OrderByDescending(t => t.Overdue).Select(t => t.Id), tasks.Tasks.Select(t => t.Id));
        Assert.Equal(StatusCode.PermissionDenied, other.StatusCode);
    }

    [Fact]
    public async Task AnOverdueTask_InTheBlockSummaryAndTheQuarterReport_AndDeductedFromItsLeadUnitsYearScore()
    {
        var decision = await DecisionAsync(Input("NOI_VU", "Rà soát, sửa đổi quy chế làm việc của UBND huyện", DueOn(D(5, 31))));
        var task = await OnlyTaskAsync(decision);
        var leader = await suite.CallAsAsync(Roles.BlockLeader, block: "internal_affairs");
        var evaluation = new Evaluation.EvaluationClient(suite.Gateway);
        var scoring = new EmulationScoring.EmulationScoringClient(suite.Gateway);

        var q1 = await evaluation.GetBlockSummaryAsync(new GetBlockSummaryRequest { Block = "internal_affairs", Year = Year, Quarter = 1 }, leader);
        var q2 = await evaluation.GetBlockSummaryAsync(new GetBlockSummaryRequest { Block = "internal_affairs", Year = Year, Quarter = 2 }, leader);
        var report = await evaluation.GetQuarterReportAsync(new GetQuarterReportRequest { Year = Year, Quarter = 2 }, await PlanningOffice());
        var home = await suite.CallAsAsync(Roles.HomeAffairs);
        var score = await EventuallyAsync(() => scoring.GetScoreAsync(new GetScoreRequest { UnitCode = "NOI_VU", Year = Year }, home).ResponseAsync,
            s => s.Deductions.Any(d => d.Kind == "overdue_key_task" && d.Cause.Contains(decision.Number, StringComparison.Ordinal)));

        Assert.DoesNotContain(q1.KeyTasks.Overdue, t => t.Id == task.Id);
        Assert.Contains(q2.KeyTasks.Overdue, t => t.Id == task.Id && t.Status == TaskStatus.NotStarted);
        Assert.All(q2.KeyTasks.Overdue, t => Assert.Equal("internal_affairs", t.Block));
        Assert.Equal(q2.KeyTasks.OverdueCount, q2.KeyTasks.Overdue.Count);
        Assert.Equal(q2.KeyTasks.Total, q2.KeyTasks.Counts.Sum(c => c.Count));
        Assert.Contains(report.KeyTasks.Overdue, t => t.Id == task.Id);
        var line = score.Deductions.Single(d => d.Kind == "overdue_key_task" && d.Cause.Contains(decision.Number, StringComparison.Ordinal));
        Assert.Equal(-0.5, line.Points);
        Assert.Contains("Rà soát, sửa đổi quy chế", line.Cause, StringComparison.Ordinal);
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(40);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > until) return value;
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task WatchChanges_AProgressReport_ArrivesWithTheTask()
    {
        var decision = await DecisionAsync(Input("VH_TT", "Tổ chức hội thi văn nghệ quần chúng", DueOn(D(12, 31, 2025))));
        var task = await OnlyTaskAsync(decision);
        await Client.ReportProgressAsync(new ReportProgressRequest { TaskId = task.Id, State = ProgressState.InProgress, PercentDone = 20, WorkDone = "Ban hành thể lệ" }, await Reporter("VH_TT"));

        using var within = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var planning = await PlanningOffice();
        using var stream = Client.WatchChanges(new TasksChange(), planning.WithCancellationToken(within.Token).WithDeadline(DateTime.UtcNow.AddSeconds(15)));
        var kinds = new List<string>();
        while (await stream.ResponseStream.MoveNext(within.Token))
        {
            var change = stream.ResponseStream.Current;
            if (change.Key == decision.Id || change.Key == task.Id) kinds.Add(change.Kind);
            if (change.Kind == ChangeKinds.TaskProgressReported && change.Task?.Id == task.Id)
            {
                Assert.Equal(20, change.Task.PercentDone);
                break;
            }
        }

        Assert.Equal([ChangeKinds.DecisionCreated, ChangeKinds.TaskProgressReported], kinds);
    }
}
