using Grpc.Core;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Tasks.V1;
using TuyPhuoc.Portal.Features;
using static TuyPhuoc.Portal.Tests.Features.FakeSuite;
using TaskStatus = TuyPhuoc.Contracts.Tasks.V1.TaskStatus;

namespace TuyPhuoc.Portal.Tests.Features;

public sealed class KeyTasksReaderTests
{
    private static readonly CallOptions Call = new();

    private static KeyTask Task(string id, string lead, params string[] coordinating) =>
        new() { Id = id, Year = 2024, LeadUnitCode = lead, CoordinatingUnitCodes = { coordinating }, Content = $"Nhiệm vụ {id}" };

    /// <summary>Three tasks of 2024 over two pages: Phước An leads the first, coordinates the second; the third is an office's.</summary>
    private sealed class Tasks : KeyTasks.KeyTasksClient
    {
        public List<ListTasksRequest> Listed { get; } = [];
        public List<SummarizeTasksRequest> Summarized { get; } = [];
        public List<object> Written { get; } = [];

        public override AsyncUnaryCall<ListTasksResponse> ListTasksAsync(ListTasksRequest request, CallOptions options)
        {
            Listed.Add(request);
            return request.PageToken.Length == 0
                ? Answer(new ListTasksResponse { Tasks = { Task("7", "PHUOC_AN"), Task("8", "TCKH", "PHUOC_AN") }, NextPageToken = "2" })
                : Answer(new ListTasksResponse { Tasks = { Task("9", "TCKH") } });
        }

        public override AsyncUnaryCall<TaskSummary> SummarizeTasksAsync(SummarizeTasksRequest request, CallOptions options)
        {
            Summarized.Add(request);
            return Answer(new TaskSummary { Year = request.Year, Total = 3, OverdueCount = 1, Counts = { new StatusCount { Status = TaskStatus.InProgressOverdue, Count = 1 } } });
        }

        public override AsyncUnaryCall<KeyTask> GetTaskAsync(GetTaskRequest request, CallOptions options) => Answer(Task(request.Id, "PHUOC_AN", "TT_TUY_PHUOC"));

        public override AsyncUnaryCall<KeyTask> ReportProgressAsync(ReportProgressRequest request, CallOptions options) => Wrote(request, request.TaskId);
        public override AsyncUnaryCall<KeyTask> CommentTaskAsync(CommentTaskRequest request, CallOptions options) => Wrote(request, request.TaskId);
        public override AsyncUnaryCall<KeyTask> RequestExtensionAsync(RequestExtensionRequest request, CallOptions options) => Wrote(request, request.TaskId);
        public override AsyncUnaryCall<KeyTask> DecideExtensionAsync(DecideExtensionRequest request, CallOptions options) => Wrote(request, request.TaskId);
        public override AsyncUnaryCall<KeyTask> ConfirmCompletionAsync(ConfirmCompletionRequest request, CallOptions options) => Wrote(request, request.TaskId);

        private AsyncUnaryCall<KeyTask> Wrote(object request, string id)
        {
            Written.Add(request);
            return Answer(Task(id, "PHUOC_AN"));
        }
    }

    private readonly Tasks _tasks = new();
    private KeyTasksReader Reader => new(_tasks, Plans(District));

    [Fact]
    public async Task List_AReportingUnit_EveryPage_TheTasksItLeadsThenThoseItCoordinates_CountsOfItsOwn()
    {
        var view = await Reader.ListAsync(2024, "PHUOC_AN", Call);

        Assert.Equal(["", "2"], _tasks.Listed.Select(r => r.PageToken));
        Assert.Equal(("PHUOC_AN", 2024), (Assert.Single(_tasks.Summarized).LeadUnitCode, _tasks.Summarized[0].Year));
        Assert.Equal(["7"], view.Led.Select(t => t.Id));
        Assert.Equal(["8", "9"], view.Coordinated.Select(t => t.Id));
        Assert.Equal((3, 1, 1), (view.Counts!.Total, view.Counts.Overdue, view.Counts.Counts.Single().Count));
        Assert.Equal("Xã Phước An", view.Units["PHUOC_AN"].Name);
    }

    [Fact]
    public async Task List_AnOffice_EveryTaskOpenToIt_NoneLedOrCoordinated()
    {
        var view = await Reader.ListAsync(2024, null, Call);

        Assert.Equal("", Assert.Single(_tasks.Summarized).LeadUnitCode);
        Assert.Equal(["7", "8", "9"], view.All.Select(t => t.Id));
        Assert.Empty(view.Led);
        Assert.Empty(view.Coordinated);
    }

    [Fact]
    public async Task Read_ATask_ItsUnitsNamed_AnUnknownOneByItsCode()
    {
        var view = await Reader.ReadAsync("7", Call);

        Assert.Equal("7", view.Task.Id);
        Assert.Equal(["Thị trấn Tuy Phước", "XA_KHAC"], new[] { "TT_TUY_PHUOC", "XA_KHAC" }.Select(view.UnitName));
    }

    [Fact]
    public async Task Writes_EachOnItsTaskWithWhatWasTypedAndItsKey()
    {
        var reader = Reader;

        await reader.CommentAsync("7", "TT_TUY_PHUOC", "Đã bố trí mặt bằng", "k1", Call);
        await reader.RequestExtensionAsync("7", new DateOnly(2025, 9, 30), "Chờ vốn", "k2", Call);
        await reader.DecideExtensionAsync("7", 3, grant: true, "Đồng ý", "k3", Call);
        await reader.ConfirmCompletionAsync("7", 12, "Đã nghiệm thu", "k4", Call);
        await reader.ReportProgressAsync(new ReportProgressRequest { TaskId = "7", State = ProgressState.Done, PercentDone = 100, IdempotencyKey = "k5" }, Call);

        Assert.Collection(_tasks.Written,
            w => Assert.Equal(new CommentTaskRequest { TaskId = "7", UnitCode = "TT_TUY_PHUOC", Note = "Đã bố trí mặt bằng", IdempotencyKey = "k1" }, w),
            w => Assert.Equal(new RequestExtensionRequest { TaskId = "7", RequestedDueDate = new Google.Type.Date { Year = 2025, Month = 9, Day = 30 }, Reason = "Chờ vốn", IdempotencyKey = "k2" }, w),
            w => Assert.Equal(new DecideExtensionRequest { TaskId = "7", ExtensionId = 3, Grant = true, Reason = "Đồng ý", IdempotencyKey = "k3" }, w),
            w => Assert.Equal(new ConfirmCompletionRequest { TaskId = "7", ReportId = 12, Reason = "Đã nghiệm thu", IdempotencyKey = "k4" }, w),
            w => Assert.Equal("k5", Assert.IsType<ReportProgressRequest>(w).IdempotencyKey));
    }
}
