using TuyPhuoc.ServiceDefaults;
using TuyPhuoc.Submissions.Domain;

namespace TuyPhuoc.Submissions.Tests;

public sealed class ReportWorkflowTests
{
    private static readonly DateTimeOffset At = new(2024, 8, 5, 2, 0, 0, TimeSpan.Zero);
    private static Report Draft() => new() { UnitCode = "PHUOC_THANG", Year = 2024, Month = 7 };

    private static Report Submitted(DateOnly? on = null)
    {
        var report = Draft();
        ReportWorkflow.Submit(report, [], on ?? new DateOnly(2024, 8, 5), At, "reporter");
        return report;
    }

    [Fact]
    public void Submit_DraftWithEveryValue_SubmittedAndFirstSubmissionRecorded()
    {
        var report = Submitted(new DateOnly(2024, 8, 9));

        Assert.Equal(ReportStatus.Submitted, report.Status);
        Assert.Equal(new DateOnly(2024, 8, 9), report.FirstSubmittedOn);
        Assert.Equal(At, report.LastSubmittedAt);
        Assert.Equal(ReportStatus.Submitted, Assert.Single(report.Events).Status);
    }

    [Fact]
    public void Submit_ValuesMissing_FailedPreconditionNamingThem()
    {
        var report = Draft();

        var e = Assert.Throws<FailedPreconditionException>(() => ReportWorkflow.Submit(report, ["CT03", "CT08"], new DateOnly(2024, 8, 5), At, "r"));

        Assert.Contains("CT03, CT08", e.Message);
        Assert.Equal(ReportStatus.Draft, report.Status);
        Assert.Empty(report.Events);
    }

    [Fact]
    public void Submit_AlreadySubmitted_FailedPrecondition() =>
        Assert.Throws<FailedPreconditionException>(() => ReportWorkflow.Submit(Submitted(), [], new DateOnly(2024, 8, 6), At, "r"));

    [Fact]
    public void Approve_Submitted_ApprovedAndLocked()
    {
        var report = Submitted();

        ReportWorkflow.Approve(report, At, "office");

        Assert.Equal(ReportStatus.Approved, report.Status);
        Assert.True(ReportWorkflow.IsLocked(report.Status));
        Assert.Equal([ReportStatus.Submitted, ReportStatus.Approved], report.Events.Select(e => e.Status));
    }

    [Fact]
    public void Approve_Draft_FailedPrecondition() =>
        Assert.Throws<FailedPreconditionException>(() => ReportWorkflow.Approve(Draft(), At, "office"));

    [Fact]
    public void Return_WithoutReason_ReasonViolation()
    {
        var e = Assert.Throws<InvalidInputException>(() => ReportWorkflow.Return(Submitted(), "  ", At, "office"));

        Assert.Equal("reason", Assert.Single(e.Violations).Field);
    }

    [Fact]
    public void ReturnThenResubmit_SubmittedAgainAndFirstSubmissionKept()
    {
        var report = Submitted(new DateOnly(2024, 8, 5));

        ReportWorkflow.Return(report, "Số liệu chưa khớp", At, "office");
        Assert.Equal(ReportStatus.Returned, report.Status);
        Assert.Equal("Số liệu chưa khớp", report.ReturnReason);
        ReportWorkflow.Submit(report, [], new DateOnly(2024, 8, 12), At.AddDays(7), "reporter");

        Assert.Equal(ReportStatus.Submitted, report.Status);
        Assert.Equal(new DateOnly(2024, 8, 5), report.FirstSubmittedOn);
        Assert.Equal("", report.ReturnReason);
        Assert.Equal([ReportStatus.Submitted, ReportStatus.Returned, ReportStatus.Submitted], report.Events.Select(e => e.Status));
    }

    [Fact]
    public void Reopen_Approved_ReturnedToTheUnitWithTheReasonAudited()
    {
        var report = Submitted();
        ReportWorkflow.Approve(report, At, "office");

        ReportWorkflow.Reopen(report, "Điều chỉnh số liệu thu ngân sách", At.AddDays(1), "office");

        Assert.Equal(ReportStatus.Returned, report.Status);
        Assert.False(ReportWorkflow.IsLocked(report.Status));
        var last = report.Events[^1];
        Assert.Equal(("office", "Điều chỉnh số liệu thu ngân sách"), (last.By, last.Reason));
    }

    [Fact]
    public void Reopen_NotApproved_FailedPrecondition() =>
        Assert.Throws<FailedPreconditionException>(() => ReportWorkflow.Reopen(Submitted(), "lý do", At, "office"));

    [Theory]
    [InlineData(null, "2024-08-11", ReportStatus.Missing)]
    [InlineData(null, "2024-08-10", ReportStatus.Draft)]
    [InlineData(ReportStatus.Draft, "2024-08-11", ReportStatus.Missing)]
    [InlineData(ReportStatus.Submitted, "2024-09-30", ReportStatus.Submitted)]
    [InlineData(ReportStatus.Returned, "2024-09-30", ReportStatus.Returned)]
    public void Listed_NeverSentAfterTheDeadline_Missing(ReportStatus? stored, string today, ReportStatus expected) =>
        Assert.Equal(expected, ReportWorkflow.Listed(stored, new DateOnly(2024, 8, 10), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void LockedMessage_OneMonth_NamesItsReport() =>
        Assert.Equal("The report PHUOC_THANG/2024/7 is approved and locked; ask the planning office to reopen it.",
            ReportWorkflow.LockedMessage([("PHUOC_THANG", 2024, 7)]));

    [Fact]
    public void LockedMessage_SeveralMonths_NamesEveryReportInOrder() =>
        Assert.Equal("The reports PHUOC_HUNG/2024/7, PHUOC_THANG/2024/6, PHUOC_THANG/2024/7 are approved and locked; ask the planning office to reopen them.",
            ReportWorkflow.LockedMessage([("PHUOC_THANG", 2024, 7), ("PHUOC_HUNG", 2024, 7), ("PHUOC_THANG", 2024, 6)]));

    [Fact]
    public void LockedStatuses_TheStatusesThatLock_OnlyApproved() =>
        Assert.Equal([(int)ReportStatus.Approved], Data.ActualsSql.LockedStatuses);
}
