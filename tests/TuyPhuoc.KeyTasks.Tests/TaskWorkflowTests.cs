using TuyPhuoc.KeyTasks.Domain;
using TuyPhuoc.ServiceDefaults;
using static TuyPhuoc.KeyTasks.Tests.Samples;
using TaskStatus = TuyPhuoc.KeyTasks.Domain.TaskStatus;

namespace TuyPhuoc.KeyTasks.Tests;

public sealed class TaskWorkflowTests
{
    private static readonly DateOnly Today = D(5, 10);

    private static ProgressInput Done(string reference = "45/KH-UBND") => new(ProgressState.Done, 0, "Ban hành kế hoạch", "", reference, null);

    [Fact]
    public void ReportProgress_ByTheLeadUnit_KeptInTheHistory()
    {
        var task = Task(Day(5, 31), "TN_MT");

        TaskWorkflow.ReportProgress(task, Reporter("TN_MT"), new(ProgressState.InProgress, 40, "Hoàn thành hồ sơ 2/5 khu", "Chậm phê duyệt giá", "", null), At(Today), Today);
        var done = TaskWorkflow.ReportProgress(task, Reporter("TN_MT"), Done(), At(Today), Today);

        Assert.Equal(2, task.Progress.Count);
        Assert.Equal((100, Today, "TN_MT"), (done.PercentDone, done.CompletedOn, done.ReportedFor));
        Assert.Equal(TaskStatus.DoneOnTime, TaskStatusRules.Assess(task, Today).Status);
    }

    [Fact]
    public void ReportProgress_ByACoordinatingUnit_Refused()
    {
        var task = Task(Day(5, 31), "TN_MT", "TCKH");

        Assert.Throws<PermissionDeniedException>(() => TaskWorkflow.ReportProgress(task, Reporter("TCKH"), Done(), At(Today), Today));
        Assert.Empty(task.Progress);
    }

    [Fact]
    public void ReportProgress_DoneWithoutTheProductsReferenceOrCompletedInTheFuture_Refused()
    {
        var task = Task(Day(5, 31));

        var noReference = Assert.Throws<InvalidInputException>(() => TaskWorkflow.ReportProgress(task, Planning, Done(""), At(Today), Today));
        var future = Assert.Throws<InvalidInputException>(() =>
            TaskWorkflow.ReportProgress(task, Planning, Done() with { CompletedOn = Today.AddDays(1) }, At(Today), Today));
        var badPercent = Assert.Throws<InvalidInputException>(() =>
            TaskWorkflow.ReportProgress(task, Planning, new(ProgressState.InProgress, 100, "x", "", "", null), At(Today), Today));

        Assert.Equal("product_reference", Assert.Single(noReference.Violations).Field);
        Assert.Equal("completed_on", Assert.Single(future.Violations).Field);
        Assert.Equal("percent_done", Assert.Single(badPercent.Violations).Field);
        Assert.Empty(task.Progress);
    }

    [Fact]
    public void Comment_ACoordinatingUnit_Kept_AUnitNotInvolved_Refused()
    {
        var task = Task(Day(5, 31), "TN_MT", "TCKH");

        var comment = TaskWorkflow.Comment(task, Reporter("TCKH"), "", "Đã bố trí vốn đo đạc", At(Today));

        Assert.Equal("TCKH", comment.UnitCode);
        Assert.Throws<PermissionDeniedException>(() => TaskWorkflow.Comment(task, Reporter("Y_TE"), "", "x", At(Today)));
        Assert.Throws<PermissionDeniedException>(() => TaskWorkflow.Comment(task, Reporter("TCKH"), "TN_MT", "x", At(Today)));
        Assert.Single(task.Comments);
    }

    [Fact]
    public void Extension_Granted_MovesTheDeadline_Refused_KeepsIt_BothAudited()
    {
        var task = Task(Day(4, 30), "PHUOC_LOC");
        var asked = TaskWorkflow.RequestExtension(task, Reporter("PHUOC_LOC"), D(7, 31), "Còn 6 hộ chưa đồng ý", At(D(4, 25)), D(4, 25));
        asked.Id = 1;
        TaskWorkflow.DecideExtension(task, 1, grant: false, "Công trình trọng điểm", "tckh-1", At(D(5, 3)), D(5, 3));
        var again = TaskWorkflow.RequestExtension(task, Reporter("PHUOC_LOC"), D(6, 30), "Đã vận động được 4 hộ", At(D(5, 5)), D(5, 5));
        again.Id = 2;
        TaskWorkflow.DecideExtension(task, 2, grant: true, "Đồng ý", "tckh-1", At(D(5, 6)), D(5, 6));

        Assert.Equal(D(4, 30), asked.PreviousDueDate);
        Assert.Equal((ExtensionDecision.Refused, "Công trình trọng điểm", "tckh-1"), (asked.Decision, asked.DecisionReason, asked.DecidedBy));
        Assert.Equal(ExtensionDecision.Granted, again.Decision);
        Assert.Equal(D(6, 30), TaskStatusRules.Assess(task, D(5, 6)).Deadline.DueDate);
        Assert.False(TaskStatusRules.Assess(task, D(5, 6)).Overdue);
    }

    [Fact]
    public void RequestExtension_NotLaterOrWhilePendingOrForARegularTask_Refused()
    {
        var task = Task(Day(4, 30), "PHUOC_LOC");
        Assert.Throws<InvalidInputException>(() => TaskWorkflow.RequestExtension(task, Reporter("PHUOC_LOC"), D(4, 30), "x", At(Today), Today));
        Assert.Throws<InvalidInputException>(() => TaskWorkflow.RequestExtension(task, Reporter("PHUOC_LOC"), Today.AddYears(1).AddDays(1), "x", At(Today), Today));
        TaskWorkflow.RequestExtension(task, Reporter("PHUOC_LOC"), D(7, 31), "x", At(Today), Today);

        Assert.Throws<FailedPreconditionException>(() => TaskWorkflow.RequestExtension(task, Reporter("PHUOC_LOC"), D(8, 31), "x", At(Today), Today));
        Assert.Throws<FailedPreconditionException>(() => TaskWorkflow.RequestExtension(Task(Deadline.Regular), Planning, D(8, 31), "x", At(Today), Today));
        Assert.Throws<PermissionDeniedException>(() => TaskWorkflow.RequestExtension(Task(Day(4, 30), "PHUOC_LOC"), Reporter("TN_MT"), D(8, 31), "x", At(Today), Today));
    }

    [Fact]
    public void DecideExtension_AlreadyDecidedOrUnknownOrWithoutReason_Refused()
    {
        var task = Task(Day(4, 30));
        TaskWorkflow.RequestExtension(task, Planning, D(7, 31), "x", At(Today), Today).Id = 7;
        TaskWorkflow.DecideExtension(task, 7, grant: true, "Đồng ý", "p", At(Today), Today);

        Assert.Throws<FailedPreconditionException>(() => TaskWorkflow.DecideExtension(task, 7, grant: false, "Không", "p", At(Today), Today));
        Assert.Throws<NotFoundException>(() => TaskWorkflow.DecideExtension(task, 8, grant: true, "Đồng ý", "p", At(Today), Today));
        Assert.Throws<InvalidInputException>(() => TaskWorkflow.DecideExtension(task, 7, grant: true, " ", "p", At(Today), Today));
    }
}
