using TuyPhuoc.ServiceDefaults;
using TuyPhuoc.Submissions.Domain;

namespace TuyPhuoc.Submissions.Tests;

public sealed class EscalationWorkflowTests
{
    private static readonly DateTimeOffset At = new(2024, 8, 1, 3, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2024, 8, 1);
    private static readonly Caller Commune = new("commune", Roles.UnitReporter, "PHUOC_THANG");
    private static readonly Caller Office = new("office", Roles.PlanningOffice, null);
    private static readonly Caller Tckh = new("tckh", Roles.UnitReporter, "TCKH");

    private static Escalation Raised() =>
        EscalationWorkflow.Raise(Commune, "PHUOC_THANG", 2024, ["REV"], "Vướng mắc giải phóng mặt bằng", "Chi tiết", Plans.Small(), At);

    [Fact]
    public void LifeCycle_RaiseAssignAnswerClose_EveryStepKept()
    {
        var escalation = Raised();
        EscalationWorkflow.Assign(escalation, "TCKH", new DateOnly(2024, 8, 20), Plans.Small(), At, Today, "office");
        EscalationWorkflow.Answer(escalation, Tckh, "Đã làm việc với chủ đầu tư", At.AddDays(3));
        EscalationWorkflow.Close(escalation, Commune, "Đã giải quyết", At.AddDays(4));

        Assert.Equal(EscalationStatus.Closed, escalation.Status);
        Assert.Equal([EscalationStatus.Open, EscalationStatus.Assigned, EscalationStatus.Answered, EscalationStatus.Closed],
            escalation.Steps.Select(s => s.Status));
        Assert.Equal(("TCKH", "Đã làm việc với chủ đầu tư"), (escalation.AssignedOfficeCode, escalation.Answer));
    }

    [Fact]
    public void Raise_ForAnotherCommune_PermissionDenied() =>
        Assert.Throws<PermissionDeniedException>(() =>
            EscalationWorkflow.Raise(Commune, "PHUOC_HUNG", 2024, ["REV"], "Tiêu đề", "", Plans.Small(), At));

    [Fact]
    public void Raise_NoTitleAndUnknownIndicator_Violations()
    {
        var e = Assert.Throws<InvalidInputException>(() =>
            EscalationWorkflow.Raise(Commune, "PHUOC_THANG", 2024, ["NOPE"], " ", "", Plans.Small(), At));

        Assert.Equal(new HashSet<string> { "title", "indicator_codes[0]" }, e.Violations.Select(v => v.Field).ToHashSet());
    }

    [Fact]
    public void Assign_ToACommuneOrWithoutDueDate_Violations()
    {
        var e = Assert.Throws<InvalidInputException>(() => EscalationWorkflow.Assign(Raised(), "PHUOC_HUNG", null, Plans.Small(), At, Today, "office"));

        Assert.Equal(new HashSet<string> { "office_code", "due_date" }, e.Violations.Select(v => v.Field).ToHashSet());
    }

    [Fact]
    public void Answer_BeforeAssignment_FailedPrecondition() =>
        Assert.Throws<FailedPreconditionException>(() => EscalationWorkflow.Answer(Raised(), Office, "Trả lời", At));

    [Fact]
    public void Answer_ByAnOfficeItWasNotAssignedTo_PermissionDenied()
    {
        var escalation = Raised();
        EscalationWorkflow.Assign(escalation, "TCKH", new DateOnly(2024, 8, 20), Plans.Small(), At, Today, "office");

        Assert.Throws<PermissionDeniedException>(() => EscalationWorkflow.Answer(escalation, new Caller("x", Roles.UnitReporter, "NOI_VU"), "Trả lời", At));
    }

    [Fact]
    public void Close_Twice_FailedPrecondition()
    {
        var escalation = Raised();
        EscalationWorkflow.Close(escalation, Commune, "Rút lại", At);

        Assert.Throws<FailedPreconditionException>(() => EscalationWorkflow.Close(escalation, Office, "Đóng lại", At));
    }

    [Fact]
    public void Close_ByTheAssignedOffice_PermissionDeniedAndStillAssigned()
    {
        var escalation = Raised();
        EscalationWorkflow.Assign(escalation, "TCKH", new DateOnly(2024, 8, 20), Plans.Small(), At, Today, "office");

        Assert.Throws<PermissionDeniedException>(() => EscalationWorkflow.Close(escalation, Tckh, "Đã xử lý", At));
        Assert.Equal(EscalationStatus.Assigned, escalation.Status);
        Assert.Throws<PermissionDeniedException>(() => EscalationWorkflow.Close(escalation, new Caller("x", Roles.UnitReporter, "PHUOC_HUNG"), "Đóng", At));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Close_UnansweredWithoutAReason_NoteRequiredAndNothingChanged(string note)
    {
        var escalation = Raised();
        EscalationWorkflow.Assign(escalation, "TCKH", new DateOnly(2024, 8, 20), Plans.Small(), At, Today, "office");

        var e = Assert.Throws<InvalidInputException>(() => EscalationWorkflow.Close(escalation, Commune, note, At));

        Assert.Equal("note", Assert.Single(e.Violations).Field);
        Assert.Equal((EscalationStatus.Assigned, 2), (escalation.Status, escalation.Steps.Count));
    }

    [Fact]
    public void Close_UnansweredWithAReason_ReasonKeptOnTheClosingStep()
    {
        var escalation = Raised();
        EscalationWorkflow.Assign(escalation, "TCKH", new DateOnly(2024, 8, 20), Plans.Small(), At, Today, "office");

        EscalationWorkflow.Close(escalation, Office, " Xã đã tự giải quyết ", At.AddDays(1));

        var closing = escalation.Steps[^1];
        Assert.Equal((EscalationStatus.Closed, "office", "Xã đã tự giải quyết"), (closing.Status, closing.By, closing.Text));
        Assert.Equal("", escalation.Answer);
    }

    [Fact]
    public void Close_AnsweredWithoutANote_Closed()
    {
        var escalation = Raised();
        EscalationWorkflow.Assign(escalation, "TCKH", new DateOnly(2024, 8, 20), Plans.Small(), At, Today, "office");
        EscalationWorkflow.Answer(escalation, Tckh, "Trả lời", At);

        EscalationWorkflow.Close(escalation, Commune, "", At);

        Assert.Equal(EscalationStatus.Closed, escalation.Status);
    }

    [Fact]
    public void IsOverdue_AssignedAndUnansweredPastItsDueDate()
    {
        var escalation = Raised();
        EscalationWorkflow.Assign(escalation, "TCKH", new DateOnly(2024, 8, 20), Plans.Small(), At, Today, "office");

        Assert.False(EscalationWorkflow.IsOverdue(escalation, new DateOnly(2024, 8, 20)));
        Assert.True(EscalationWorkflow.IsOverdue(escalation, new DateOnly(2024, 8, 21)));
        EscalationWorkflow.Answer(escalation, Tckh, "Trả lời", At);
        Assert.False(EscalationWorkflow.IsOverdue(escalation, new DateOnly(2024, 8, 21)));
    }

    private static readonly DateOnly Letter = new(2024, 7, 30);

    private static Escalation Referred()
    {
        var escalation = Raised();
        EscalationWorkflow.Assign(escalation, "TCKH", new DateOnly(2024, 8, 20), Plans.Small(), At, Today, "office");
        EscalationWorkflow.Refer(escalation, " UBND tỉnh Bình Định ", "125/UBND-TH", Letter, At.AddDays(1), Today, "office");
        return escalation;
    }

    [Fact]
    public void LifeCycle_RaiseAssignReferAnswerAboveClose_EveryStepKept()
    {
        var escalation = Referred();
        Assert.Equal((EscalationStatus.Referred, "UBND tỉnh Bình Định", "125/UBND-TH", Letter),
            (escalation.Status, escalation.ReferredTo, escalation.ReferralNumber, escalation.ReferralDate));
        Assert.False(EscalationWorkflow.IsOverdue(escalation, new DateOnly(2024, 9, 1)));

        EscalationWorkflow.RecordReferralAnswer(escalation, "Sở Tài chính", "88/STC-NS", Today, "Bố trí từ nguồn dự phòng ngân sách tỉnh", At.AddDays(2), Today, "office");
        EscalationWorkflow.Close(escalation, Commune, "", At.AddDays(3));

        Assert.Equal([EscalationStatus.Open, EscalationStatus.Assigned, EscalationStatus.Referred, EscalationStatus.Answered, EscalationStatus.Closed],
            escalation.Steps.Select(s => s.Status));
        Assert.Equal("UBND tỉnh Bình Định: 125/UBND-TH, 2024-07-30", escalation.Steps[2].Text);
        Assert.Equal(("Sở Tài chính", "88/STC-NS", Today, "Bố trí từ nguồn dự phòng ngân sách tỉnh"),
            (escalation.AnsweredAbove, escalation.AnswerNumber, escalation.AnswerDate, escalation.Answer));
        Assert.Equal("Sở Tài chính: 88/STC-NS, 2024-08-01", escalation.Steps[3].Text);
    }

    [Fact]
    public void Refer_WithoutAuthorityNumberOrDate_ViolationsAndNothingChanged()
    {
        var escalation = Raised();

        var e = Assert.Throws<InvalidInputException>(() => EscalationWorkflow.Refer(escalation, " ", "", null, At, Today, "office"));

        Assert.Equal(new HashSet<string> { "authority", "document_number", "document_date" }, e.Violations.Select(v => v.Field).ToHashSet());
        Assert.Equal((EscalationStatus.Open, 1, null), (escalation.Status, escalation.Steps.Count, escalation.ReferredTo));
    }

    [Fact]
    public void Refer_DatedTomorrow_DateInTheFuture()
    {
        var e = Assert.Throws<InvalidInputException>(() => EscalationWorkflow.Refer(Raised(), "UBND tỉnh", "1/UBND", Today.AddDays(1), At, Today, "office"));

        Assert.Equal(("document_date", "lies in the future"), (Assert.Single(e.Violations).Field, e.Violations[0].Description));
    }

    [Fact]
    public void Refer_AnsweredOrAlreadyReferred_FailedPrecondition()
    {
        var answered = Raised();
        EscalationWorkflow.Assign(answered, "TCKH", new DateOnly(2024, 8, 20), Plans.Small(), At, Today, "office");
        EscalationWorkflow.Answer(answered, Tckh, "Trả lời", At);

        Assert.Throws<FailedPreconditionException>(() => EscalationWorkflow.Refer(answered, "UBND tỉnh", "1/UBND", Today, At, Today, "office"));
        Assert.Throws<FailedPreconditionException>(() => EscalationWorkflow.Refer(Referred(), "UBND tỉnh", "1/UBND", Today, At, Today, "office"));
    }

    [Fact]
    public void Referred_TheOfficeMayNoLongerAnswerNorBeReassigned()
    {
        var escalation = Referred();

        Assert.Throws<FailedPreconditionException>(() => EscalationWorkflow.Answer(escalation, Tckh, "Trả lời", At));
        Assert.Throws<FailedPreconditionException>(() =>
            EscalationWorkflow.Assign(escalation, "TCKH", new DateOnly(2024, 8, 25), Plans.Small(), At, Today, "office"));
    }

    [Fact]
    public void RecordReferralAnswer_NotReferred_FailedPrecondition() =>
        Assert.Throws<FailedPreconditionException>(() =>
            EscalationWorkflow.RecordReferralAnswer(Raised(), "Sở Tài chính", "88/STC", Today, "Trả lời", At, Today, "office"));

    [Fact]
    public void RecordReferralAnswer_DatedBeforeTheReferralAndNoAnswer_ViolationsAndStillReferred()
    {
        var escalation = Referred();

        var e = Assert.Throws<InvalidInputException>(() =>
            EscalationWorkflow.RecordReferralAnswer(escalation, "", "88/STC", Letter.AddDays(-1), " ", At, Today, "office"));

        Assert.Equal(new HashSet<string> { "answered_by", "document_date", "answer" }, e.Violations.Select(v => v.Field).ToHashSet());
        Assert.Equal("is before the referral of 2024-07-30", e.Violations.Single(v => v.Field == "document_date").Description);
        Assert.Equal((EscalationStatus.Referred, "", 3), (escalation.Status, escalation.Answer, escalation.Steps.Count));
    }
}
