using TuyPhuoc.Contracts.Notifications.V1;
using TuyPhuoc.Notifications.Domain;
using Subs = TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.Notifications.Tests;

public sealed class ChangeRulesTests
{
    private static Subs.Change ReportChange(string kind, Subs.ReportStatus status, string reason = "") => new()
    {
        Sequence = 42, Kind = kind, Key = "PHUOC_HOA/2024/11",
        Report = new Subs.Report { UnitCode = "PHUOC_HOA", Year = 2024, Month = 11, Status = status, ReturnReason = reason },
    };

    private static Subs.Change EscalationChange(string kind, Action<Subs.Escalation>? shape = null)
    {
        var escalation = new Subs.Escalation
        {
            Id = "e1", UnitCode = "PHUOC_HOA", Year = 2024, Title = "Vướng mắc giải phóng mặt bằng", AssignedOfficeCode = "TN_MT",
            DueDate = new Google.Type.Date { Year = 2024, Month = 12, Day = 20 },
        };
        shape?.Invoke(escalation);
        return new Subs.Change { Sequence = 7, Kind = kind, Key = "e1", Escalation = escalation };
    }

    [Fact]
    public void From_ReportReturned_TheUnitIsToldWithTheReasonAndTheMonthsPage()
    {
        var draft = Assert.Single(ChangeRules.From(ReportChange(ChangeKinds.ReportReturned, Subs.ReportStatus.Returned, "Thiếu số liệu thu ngân sách")));

        Assert.Equal(("submissions:42", "unit:PHUOC_HOA", NotificationKind.ReportReturned), (draft.EventKey, draft.Inbox, draft.Kind));
        Assert.Equal("Báo cáo tháng 11/2024 bị trả lại", draft.Title);
        Assert.Contains("Lý do: Thiếu số liệu thu ngân sách", draft.Body);
        Assert.Equal("/bao-cao?nam=2024&thang=11&donvi=PHUOC_HOA", draft.Link);
    }

    [Fact]
    public void From_ReportReturnedWithoutTheReasonOnTheReport_TakesItFromTheReturnStep()
    {
        var change = ReportChange(ChangeKinds.ReportReturned, Subs.ReportStatus.Returned);
        change.Report.History.Add(new Subs.ReportEvent { Status = Subs.ReportStatus.Returned, Reason = "Số liệu CT02 chưa khớp" });

        Assert.Contains("Lý do: Số liệu CT02 chưa khớp", Assert.Single(ChangeRules.From(change)).Body);
    }

    [Fact]
    public void From_ReportApprovedAndSubmitted_TheUnitAndThePlanningOfficeRespectively()
    {
        var approved = Assert.Single(ChangeRules.From(ReportChange(ChangeKinds.ReportApproved, Subs.ReportStatus.Approved)));
        var submitted = Assert.Single(ChangeRules.From(ReportChange(ChangeKinds.ReportSubmitted, Subs.ReportStatus.Submitted)));

        Assert.Equal(("unit:PHUOC_HOA", NotificationKind.ReportApproved), (approved.Inbox, approved.Kind));
        Assert.Equal(("role:planning_office", NotificationKind.ReportSubmitted, "/duyet-bao-cao?nam=2024&thang=11"), (submitted.Inbox, submitted.Kind, submitted.Link));
    }

    private static Subs.Change DirectionChange(string kind) => new()
    {
        Sequence = 9, Kind = kind, Key = "d1",
        Direction = new Subs.LeaderDirection
        {
            Id = "d1", Year = 2024, Quarter = 3, Block = "economy", UnitCode = "PHUOC_LOC", IndicatorCode = "CT02", Text = "Rà soát diện tích bị hạn.",
            Answer = kind == ChangeKinds.DirectionAnswered ? "Đã rà soát 120 ha." : "",
        },
    };

    [Fact]
    public void From_DirectionGivenAndAnswered_TheUnitThenTheBlocksLeaders()
    {
        var given = Assert.Single(ChangeRules.From(DirectionChange(ChangeKinds.DirectionGiven)));
        var answered = Assert.Single(ChangeRules.From(DirectionChange(ChangeKinds.DirectionAnswered)));

        Assert.Equal(("unit:PHUOC_LOC", NotificationKind.DirectionGiven, "/chi-dao?nam=2024&quy=3"), (given.Inbox, given.Kind, given.Link));
        Assert.Contains("Rà soát diện tích bị hạn.", given.Body);
        Assert.Equal(("block:economy", NotificationKind.DirectionAnswered), (answered.Inbox, answered.Kind));
        Assert.Contains("Đã rà soát 120 ha.", answered.Body);
    }

    [Fact]
    public void From_ReviewFiled_TheLeadersOfTheOfficesBlock()
    {
        var change = new Subs.Change
        {
            Sequence = 10, Kind = ChangeKinds.ReviewFiled, Key = "NONG_NGHIEP/2024/3",
            Review = new Subs.OfficeReview { OfficeCode = "NONG_NGHIEP", Year = 2024, Quarter = 3, Block = "economy", DaysLate = 2 },
        };

        var draft = Assert.Single(ChangeRules.From(change));

        Assert.Equal(("block:economy", NotificationKind.ReviewFiled), (draft.Inbox, draft.Kind));
        Assert.Contains("trễ 2 ngày", draft.Body);
    }

    [Fact]
    public void From_EscalationSteps_EachToWhoeverActsNext()
    {
        var raised = Assert.Single(ChangeRules.From(EscalationChange(ChangeKinds.EscalationRaised, e => e.AssignedOfficeCode = "")));
        var assigned = Assert.Single(ChangeRules.From(EscalationChange(ChangeKinds.EscalationAssigned)));
        var answered = Assert.Single(ChangeRules.From(EscalationChange(ChangeKinds.EscalationAnswered, e => e.Answer = "Đã phối hợp với xã")));
        var referred = Assert.Single(ChangeRules.From(EscalationChange(ChangeKinds.EscalationReferred, e => e.Referral = new Subs.Referral
        {
            Authority = "UBND tỉnh Bình Định", DocumentNumber = "123/UBND-KT", DocumentDate = new Google.Type.Date { Year = 2024, Month = 12, Day = 1 },
        })));

        Assert.Equal(("role:planning_office", NotificationKind.EscalationRaised, "/kien-nghi/tong-hop?nam=2024"), (raised.Inbox, raised.Kind, raised.Link));
        Assert.Equal(("unit:TN_MT", NotificationKind.EscalationAssigned, "/kien-nghi?nam=2024"), (assigned.Inbox, assigned.Kind, assigned.Link));
        Assert.Contains("hạn trả lời 20/12/2024", assigned.Body);
        Assert.Equal(("unit:PHUOC_HOA", NotificationKind.EscalationAnswered), (answered.Inbox, answered.Kind));
        Assert.Contains("Đã phối hợp với xã", answered.Body);
        Assert.Equal(("unit:PHUOC_HOA", NotificationKind.EscalationReferred), (referred.Inbox, referred.Kind));
        Assert.Contains("UBND tỉnh Bình Định (văn bản số 123/UBND-KT ngày 01/12/2024)", referred.Body);
    }

    [Theory]
    [InlineData(ChangeKinds.ReportReopened)]
    [InlineData(ChangeKinds.EscalationClosed)]
    [InlineData(ChangeKinds.DeadlinesSet)]
    public void From_ChangesNobodyIsToldOf_Nothing(string kind)
    {
        var change = kind.StartsWith("report.", StringComparison.Ordinal) ? ReportChange(kind, Subs.ReportStatus.Draft)
            : kind.StartsWith("escalation.", StringComparison.Ordinal) ? EscalationChange(kind)
            : new Subs.Change { Sequence = 1, Kind = kind, Deadlines = new Subs.Deadlines { Year = 2024, DayOfFollowingMonth = 5 } };

        Assert.Empty(ChangeRules.From(change));
    }

    [Fact]
    public void From_ActualRevised_Nothing()
    {
        Assert.Empty(ChangeRules.From(new Subs.Change { Sequence = 3, Kind = ChangeKinds.ActualRevised, Actual = new Subs.ActualRevision() }));
    }
}

public sealed class TaskChangeRulesTests
{
    private static TuyPhuoc.Contracts.Tasks.V1.Change TaskChange(string kind) => new()
    {
        Sequence = 9, Kind = kind, Year = 2024,
        Task = new TuyPhuoc.Contracts.Tasks.V1.KeyTask
        {
            Id = "t-1", Number = "5", DecisionNumber = "1307/QĐ-UBND", Content = "Hoàn thành đề án chuyển đổi số", LeadUnitCode = "VH_TT",
            Deadline = new TuyPhuoc.Contracts.Tasks.V1.Deadline { Label = "Quý III/2024" },
        },
    };

    [Fact]
    public void From_ExtensionRequested_ThePlanningOfficeWithTheTasksPage()
    {
        var draft = Assert.Single(TaskChangeRules.From(TaskChange(ChangeKinds.TaskExtensionRequested)));

        Assert.Equal(("keytasks:9", "role:planning_office", NotificationKind.TaskExtensionRequested, "/nhiem-vu/t-1"), (draft.EventKey, draft.Inbox, draft.Kind, draft.Link));
        Assert.Contains("Đơn vị VH_TT đề nghị gia hạn nhiệm vụ 5 «Hoàn thành đề án chuyển đổi số» (1307/QĐ-UBND)", draft.Body);
    }

    private static TuyPhuoc.Contracts.Tasks.V1.Change Decided(TuyPhuoc.Contracts.Tasks.V1.ExtensionDecision decision, string reason)
    {
        var change = TaskChange(ChangeKinds.TaskExtensionDecided);
        change.Extension = new TuyPhuoc.Contracts.Tasks.V1.ExtensionRequest
        {
            Id = 3, Decision = decision, DecisionReason = reason, RequestedDueDate = new Google.Type.Date { Year = 2024, Month = 11, Day = 5 },
        };
        return change;
    }

    [Fact]
    public void From_ExtensionGranted_TheLeadUnitWithTheNewDeadline()
    {
        var draft = Assert.Single(TaskChangeRules.From(Decided(TuyPhuoc.Contracts.Tasks.V1.ExtensionDecision.Granted, "")));

        Assert.Equal(("unit:VH_TT", NotificationKind.TaskExtensionDecided, "/nhiem-vu/t-1"), (draft.Inbox, draft.Kind, draft.Link));
        Assert.Equal("Đề nghị gia hạn nhiệm vụ được chấp thuận", draft.Title);
        Assert.Equal("Phòng Tài chính - Kế hoạch đồng ý gia hạn nhiệm vụ 5 «Hoàn thành đề án chuyển đổi số» (1307/QĐ-UBND) đến ngày 05/11/2024.", draft.Body);
    }

    [Fact]
    public void From_ExtensionRefusedWithAReason_TheReasonAndTheDeadlineThatStays()
    {
        var draft = Assert.Single(TaskChangeRules.From(Decided(TuyPhuoc.Contracts.Tasks.V1.ExtensionDecision.Refused, " Đề án phải trình HĐND kỳ họp cuối năm. ")));

        Assert.Equal("Đề nghị gia hạn nhiệm vụ không được chấp thuận", draft.Title);
        Assert.Equal("Phòng Tài chính - Kế hoạch không đồng ý gia hạn nhiệm vụ 5 «Hoàn thành đề án chuyển đổi số» (1307/QĐ-UBND). Lý do: Đề án phải trình HĐND kỳ họp cuối năm. Thời hạn vẫn là Quý III/2024.", draft.Body);
    }

    [Fact]
    public void From_ExtensionRefusedWithoutAReason_NoReasonLine()
    {
        var draft = Assert.Single(TaskChangeRules.From(Decided(TuyPhuoc.Contracts.Tasks.V1.ExtensionDecision.Refused, "")));

        Assert.DoesNotContain("Lý do", draft.Body);
        Assert.EndsWith("(1307/QĐ-UBND). Thời hạn vẫn là Quý III/2024.", draft.Body);
    }

    [Fact]
    public void From_ExtensionDecidedInAnEntryWithoutTheRequest_TheDeadlineInForce()
    {
        var draft = Assert.Single(TaskChangeRules.From(TaskChange(ChangeKinds.TaskExtensionDecided)));

        Assert.Equal(("unit:VH_TT", NotificationKind.TaskExtensionDecided), (draft.Inbox, draft.Kind));
        Assert.Contains("Thời hạn hiện nay: Quý III/2024.", draft.Body);
    }

    [Theory]
    [InlineData(ChangeKinds.TaskProgressReported)]
    [InlineData(ChangeKinds.TaskCommented)]
    [InlineData(ChangeKinds.DecisionCreated)]
    public void From_OtherTaskChanges_Nothing(string kind) => Assert.Empty(TaskChangeRules.From(TaskChange(kind)));
}
