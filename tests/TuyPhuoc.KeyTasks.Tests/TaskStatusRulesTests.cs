using TuyPhuoc.KeyTasks.Domain;
using static TuyPhuoc.KeyTasks.Tests.Samples;
using TaskStatus = TuyPhuoc.KeyTasks.Domain.TaskStatus;

namespace TuyPhuoc.KeyTasks.Tests;

public sealed class TaskStatusRulesTests
{
    [Fact]
    public void Assess_NothingReportedBeforeTheDeadline_NotStartedNotOverdue()
    {
        var a = TaskStatusRules.Assess(Task(Day(5, 31)), D(5, 31));

        Assert.Equal(TaskStatus.NotStarted, a.Status);
        Assert.False(a.Overdue);
    }

    [Fact]
    public void Assess_NothingReportedTheDayAfterTheDeadline_NotStartedAndOverdueSinceThatDay()
    {
        var a = TaskStatusRules.Assess(Task(Day(5, 31)), D(6, 1));

        Assert.Equal(TaskStatus.NotStarted, a.Status);
        Assert.Equal(D(6, 1), a.OverdueSince);
    }

    [Fact]
    public void Assess_InProgressPastTheDeadline_InProgressOverdue()
    {
        var task = Task(Deadline.Of(DeadlineKind.Month, D(5, 1))).Reported(D(4, 20), ProgressState.InProgress, 35);

        Assert.Equal(TaskStatus.InProgressOnTime, TaskStatusRules.Assess(task, D(5, 31)).Status);
        Assert.Equal(TaskStatus.InProgressOverdue, TaskStatusRules.Assess(task, D(6, 30)).Status);
        Assert.Equal(35, TaskStatusRules.Assess(task, D(6, 30)).PercentDone);
    }

    [Fact]
    public void Assess_DoneOnTheDeadline_DoneOnTime_DoneTheDayAfter_DoneLate()
    {
        var onTime = Task(Deadline.Of(DeadlineKind.Quarter, D(2, 1))).Reported(D(3, 31), ProgressState.Done);
        var late = Task(Deadline.Of(DeadlineKind.Quarter, D(2, 1))).Reported(D(4, 1), ProgressState.Done);

        Assert.Equal(TaskStatus.DoneOnTime, TaskStatusRules.Assess(onTime, D(12, 31)).Status);
        Assert.Equal(TaskStatus.DoneLate, TaskStatusRules.Assess(late, D(12, 31)).Status);
        Assert.False(TaskStatusRules.Assess(late, D(12, 31)).Overdue);
    }

    [Fact]
    public void Assess_ReportedAfterTheDeadlineClaimingACompletionDayBeforeIt_DoneLate()
    {
        var task = Task(Day(3, 31)).Reported(D(4, 5), ProgressState.Done, completedOn: D(3, 29));

        Assert.Equal(TaskStatus.DoneLate, TaskStatusRules.Assess(task, D(4, 5)).Status);
    }

    [Fact]
    public void ConfirmCompletion_OfALateReportWithAnEarlierDay_DoneOnTimeFromTheConfirmationOn()
    {
        var task = Task(Day(3, 31)).Reported(D(4, 5), ProgressState.Done, completedOn: D(3, 29));
        var report = task.Progress.Single();
        Assert.True(TaskStatusRules.Assess(task, D(4, 5)).AwaitsConfirmation);

        TaskWorkflow.ConfirmCompletion(task, report.Id, "Biên bản nghiệm thu ngày 29/3", "tckh-1", At(D(4, 8)), D(4, 8));

        Assert.Equal((TaskStatus.DoneLate, true), (TaskStatusRules.Assess(task, D(4, 7)).Status, TaskStatusRules.Assess(task, D(4, 7)).AwaitsConfirmation));
        var confirmed = TaskStatusRules.Assess(task, D(4, 8));
        Assert.Equal((TaskStatus.DoneOnTime, false), (confirmed.Status, confirmed.AwaitsConfirmation));
        Assert.Equal(("tckh-1", "Biên bản nghiệm thu ngày 29/3"), (report.ConfirmedBy, report.ConfirmationReason));
    }

    [Fact]
    public void ConfirmCompletion_OfAReportThatAwaitsNone_RefusedWithoutAReasonOrNotLate()
    {
        var onTime = Task(Day(3, 31)).Reported(D(3, 30), ProgressState.Done);
        var doneAfter = Task(Day(3, 31)).Reported(D(4, 5), ProgressState.Done, completedOn: D(4, 2));
        var late = Task(Day(3, 31)).Reported(D(4, 5), ProgressState.Done, completedOn: D(3, 29));

        Assert.Throws<TuyPhuoc.ServiceDefaults.FailedPreconditionException>(() => TaskWorkflow.ConfirmCompletion(onTime, onTime.Progress[0].Id, "x", "p", At(D(4, 8)), D(4, 8)));
        Assert.Throws<TuyPhuoc.ServiceDefaults.FailedPreconditionException>(() => TaskWorkflow.ConfirmCompletion(doneAfter, doneAfter.Progress[0].Id, "x", "p", At(D(4, 8)), D(4, 8)));
        Assert.Equal("reason", Assert.Single(Assert.Throws<TuyPhuoc.ServiceDefaults.InvalidInputException>(() =>
            TaskWorkflow.ConfirmCompletion(late, late.Progress[0].Id, " ", "p", At(D(4, 8)), D(4, 8))).Violations).Field);
        Assert.Throws<TuyPhuoc.ServiceDefaults.NotFoundException>(() => TaskWorkflow.ConfirmCompletion(late, 999, "x", "p", At(D(4, 8)), D(4, 8)));
        Assert.Null(late.Progress[0].ConfirmedBy);
    }

    [Fact]
    public void Assess_ReportedByTheDeadlineWithAnEarlierCompletionDay_DoneOnTime()
    {
        var task = Task(Day(3, 31)).Reported(D(3, 31), ProgressState.Done, completedOn: D(3, 20));

        Assert.Equal(TaskStatus.DoneOnTime, TaskStatusRules.Assess(task, D(4, 5)).Status);
    }

    [Fact]
    public void Assess_ExtensionGrantedAfterADoneReport_TheReportStillMeasuredAgainstTheDeadlineItReportedAgainst()
    {
        var task = Task(Day(3, 31)).Reported(D(4, 5), ProgressState.Done, completedOn: D(4, 2));
        task.Extensions.Add(Extension(task, until: D(6, 30), decidedOn: D(4, 10), ExtensionDecision.Granted));

        var assessment = TaskStatusRules.Assess(task, D(4, 20));

        Assert.Equal((TaskStatus.DoneLate, D(3, 31)), (assessment.Status, assessment.Deadline.DueDate));
    }

    [Fact]
    public void Assess_AsOfABeforeTheReports_SeesOnlyWhatWasKnownThen()
    {
        var task = Task(Quarter(2)).Reported(D(6, 18), ProgressState.InProgress, 85).Reported(D(7, 5), ProgressState.Done);

        Assert.Equal(TaskStatus.InProgressOnTime, TaskStatusRules.Assess(task, D(6, 30)).Status);
        Assert.Equal(TaskStatus.InProgressOverdue, TaskStatusRules.Assess(task, D(7, 4)).Status);
        Assert.Equal(TaskStatus.DoneLate, TaskStatusRules.Assess(task, D(7, 5)).Status);
    }

    [Fact]
    public void Assess_ExtensionGranted_TheNewDeadlineCountsFromTheDayOfTheDecision()
    {
        var task = Task(Day(4, 30)).Reported(D(4, 15), ProgressState.InProgress, 80);
        task.Extensions.Add(Extension(task, until: D(7, 31), decidedOn: D(5, 3), ExtensionDecision.Granted));

        Assert.Equal(TaskStatus.InProgressOverdue, TaskStatusRules.Assess(task, D(5, 2)).Status);
        Assert.Equal(TaskStatus.InProgressOnTime, TaskStatusRules.Assess(task, D(5, 3)).Status);
        Assert.Equal(D(7, 31), TaskStatusRules.Assess(task, D(6, 30)).Deadline.DueDate);
        Assert.Equal(D(8, 1), TaskStatusRules.Assess(task, D(8, 1)).OverdueSince);
    }

    [Fact]
    public void Assess_ExtensionRefusedOrPending_TheOriginalDeadlineStands()
    {
        var refused = Task(Day(4, 30)).Reported(D(4, 15), ProgressState.InProgress);
        refused.Extensions.Add(Extension(refused, until: D(7, 31), decidedOn: D(5, 3), ExtensionDecision.Refused));
        var pending = Task(Day(4, 30)).Reported(D(4, 15), ProgressState.InProgress);
        pending.Extensions.Add(Extension(pending, until: D(7, 31), decidedOn: null, ExtensionDecision.Pending));

        Assert.Equal(TaskStatus.InProgressOverdue, TaskStatusRules.Assess(refused, D(6, 30)).Status);
        Assert.Equal(TaskStatus.InProgressOverdue, TaskStatusRules.Assess(pending, D(6, 30)).Status);
        Assert.Equal(D(4, 30), TaskStatusRules.Assess(refused, D(6, 30)).Deadline.DueDate);
    }

    [Fact]
    public void Assess_DoneByAGrantedDeadline_DoneOnTime()
    {
        var task = Task(Quarter(2)).Reported(D(9, 20), ProgressState.Done);
        task.Extensions.Add(Extension(task, until: D(9, 30), decidedOn: D(6, 14), ExtensionDecision.Granted));

        Assert.Equal(TaskStatus.DoneOnTime, TaskStatusRules.Assess(task, D(12, 31)).Status);
    }

    [Fact]
    public void Assess_RegularReportedEveryQuarter_OnTimeThroughTheYear()
    {
        var task = Task(Deadline.Regular).Reported(D(3, 28), ProgressState.InProgress, 20).Reported(D(6, 27), ProgressState.InProgress, 45);

        Assert.Equal(TaskStatus.InProgressOnTime, TaskStatusRules.Assess(task, D(6, 30)).Status);
        Assert.Equal(TaskStatus.InProgressOnTime, TaskStatusRules.Assess(task, D(9, 30)).Status);
    }

    [Fact]
    public void Assess_RegularQuarterEndedWithoutAReport_OverdueUntilAReportInTheQuarterUnderWay()
    {
        var task = Task(Deadline.Regular).Reported(D(3, 28), ProgressState.InProgress, 20);

        var afterQ2 = TaskStatusRules.Assess(task, D(7, 10));
        task.Reported(D(7, 15), ProgressState.InProgress, 50);
        var caughtUp = TaskStatusRules.Assess(task, D(7, 15));

        Assert.Equal(TaskStatus.InProgressOverdue, afterQ2.Status);
        Assert.Equal(D(7, 1), afterQ2.OverdueSince);
        Assert.Equal(TaskStatus.InProgressOnTime, caughtUp.Status);
    }

    [Fact]
    public void Assess_RegularNeverReported_NotStartedAndOverdueOnceItsFirstQuarterEnds()
    {
        var task = Task(Deadline.Regular);

        Assert.False(TaskStatusRules.Assess(task, D(3, 31)).Overdue);
        Assert.Equal(D(4, 1), TaskStatusRules.Assess(task, D(4, 1)).OverdueSince);
        Assert.Equal(TaskStatus.NotStarted, TaskStatusRules.Assess(task, D(4, 1)).Status);
    }

    [Fact]
    public void Assess_RegularDecidedLateInAQuarter_ThatQuarterIsItsFirst()
    {
        var task = Task(Deadline.Regular);
        task.StartsOn = D(3, 14);

        Assert.Equal(D(4, 1), TaskStatusRules.Assess(task, D(5, 1)).OverdueSince);
        task.StartsOn = D(4, 2);
        Assert.False(TaskStatusRules.Assess(task, D(5, 1)).Overdue);
    }

    [Fact]
    public void Assess_RegularDoneInTheLastQuarter_DoneOnTime_DoneEarlier_StillUnderReview()
    {
        var doneInQ4 = Task(Deadline.Regular).Reported(D(3, 1), ProgressState.InProgress).Reported(D(6, 1), ProgressState.InProgress)
            .Reported(D(9, 1), ProgressState.InProgress).Reported(D(12, 20), ProgressState.Done);
        var doneInQ2 = Task(Deadline.Regular).Reported(D(3, 1), ProgressState.InProgress).Reported(D(6, 1), ProgressState.Done);

        Assert.Equal(TaskStatus.DoneOnTime, TaskStatusRules.Assess(doneInQ4, D(12, 31, 2025)).Status);
        Assert.Equal(TaskStatus.InProgressOverdue, TaskStatusRules.Assess(doneInQ2, D(10, 5)).Status);
    }

    [Fact]
    public void Assess_RegularAfterTheYear_JudgedOnItsLastQuarter()
    {
        var reportedInQ4 = Task(Deadline.Regular).Reported(D(11, 30), ProgressState.InProgress);
        var silentInQ4 = Task(Deadline.Regular).Reported(D(9, 30), ProgressState.InProgress);

        Assert.False(TaskStatusRules.Assess(reportedInQ4, D(3, 1, 2025)).Overdue);
        Assert.Equal(D(1, 1, 2025), TaskStatusRules.Assess(silentInQ4, D(3, 1, 2025)).OverdueSince);
    }

    private static Deadline Quarter(int q) => Deadline.Of(DeadlineKind.Quarter, D(q * 3, 1));

    private static ExtensionRequest Extension(KeyTask task, DateOnly until, DateOnly? decidedOn, ExtensionDecision decision) => new()
    {
        Id = task.Extensions.Count + 1,
        TaskId = task.Id,
        RequestedDueDate = until,
        PreviousDueDate = task.DueDate,
        Reason = "Chờ ý kiến các sở",
        RequestedAt = At(D(4, 25)),
        RequestedBy = "r",
        Decision = decision,
        DecidedAt = decidedOn is { } d ? At(d) : null,
        DecidedOn = decidedOn,
        DecidedBy = decidedOn is null ? null : "p",
    };
}
