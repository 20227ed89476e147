using TuyPhuoc.Contracts.Notifications.V1;
using TuyPhuoc.Notifications.Domain;

namespace TuyPhuoc.Notifications.Tests;

public sealed class DeadlineRulesTests
{
    private static readonly int[] ThreeAndOne = [3, 1];

    private static List<DueMonth> Due(string today, int? deadlineDay = 5, int[]? days = null) =>
        [.. DeadlineRules.Due(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), days ?? ThreeAndOne, _ => deadlineDay)];

    [Theory]
    [InlineData("2024-12-02", 3)]
    [InlineData("2024-12-04", 1)]
    public void Due_OnAConfiguredDayBeforeTheDeadline_AReminderForTheMonthJustEnded(string today, int left)
    {
        var due = Assert.Single(Due(today));

        Assert.Equal((2024, 11, new DateOnly(2024, 12, 5), NotificationKind.DeadlineReminder, left), (due.Year, due.Month, due.Deadline, due.Kind, due.DaysLeft));
    }

    [Theory]
    [InlineData("2024-12-01")]
    [InlineData("2024-12-03")]
    [InlineData("2024-12-05")]
    [InlineData("2024-12-07")]
    public void Due_OnOtherDays_Nothing(string today) => Assert.Empty(Due(today));

    [Fact]
    public void Due_TheDayAfterTheDeadline_TheNoticeToThoseMissing()
    {
        var due = Assert.Single(Due("2024-12-06"));

        Assert.Equal((2024, 11, NotificationKind.ReportMissing), (due.Year, due.Month, due.Kind));
        Assert.Equal("missing:2024-11", DeadlineRules.EventKey(due));
    }

    [Fact]
    public void Due_AReminderDayInTheReportedMonthItself_TheMonthNotYetEnded()
    {
        var due = Assert.Single(Due("2024-11-29", deadlineDay: 2));

        Assert.Equal((2024, 11, 3), (due.Year, due.Month, due.DaysLeft));
    }

    [Fact]
    public void Due_DecembersReportInJanuary_UsesTheDeadlineOfTheReportedYear()
    {
        var due = DeadlineRules.Due(new DateOnly(2025, 1, 2), ThreeAndOne, y => y == 2024 ? 5 : null).Single();

        Assert.Equal((2024, 12, new DateOnly(2025, 1, 5)), (due.Year, due.Month, due.Deadline));
    }

    [Fact]
    public void Due_AYearWithoutDeadlines_Nothing() => Assert.Empty(Due("2024-12-02", deadlineDay: null));

    [Fact]
    public void For_AReminder_TheUnitsInboxInVietnameseWithTheMonthsPage()
    {
        var due = Assert.Single(Due("2024-12-02"));

        var draft = DeadlineRules.For(due, "PHUOC_HOA");

        Assert.Equal(("reminder:2024-11:3", "unit:PHUOC_HOA"), (draft.EventKey, draft.Inbox));
        Assert.Equal("Còn 3 ngày đến hạn gửi báo cáo tháng 11/2024", draft.Title);
        Assert.Contains("Hạn gửi là ngày 05/12/2024", draft.Body);
        Assert.Equal("/bao-cao?nam=2024&thang=11&donvi=PHUOC_HOA", draft.Link);
    }

    [Fact]
    public void EventKey_EachReminderDayItsOwn_SoASweepTwiceADayStoresOneOfEach()
    {
        var keys = new[] { "2024-12-02", "2024-12-02", "2024-12-04", "2024-12-06" }.SelectMany(d => Due(d)).Select(DeadlineRules.EventKey).ToList();

        Assert.Equal(["reminder:2024-11:3", "reminder:2024-11:3", "reminder:2024-11:1", "missing:2024-11"], keys);
    }
}

public sealed class OverdueRulesTests
{
    [Fact]
    public void ForEscalation_OverdueAndAssigned_TheOfficeOncePerDueDate()
    {
        var escalation = new TuyPhuoc.Contracts.Submissions.V1.Escalation
        {
            Id = "e7", UnitCode = "PHUOC_HOA", Year = 2026, Title = "Vướng mắc đất đai", AssignedOfficeCode = "TN_MT", Overdue = true,
            DueDate = new Google.Type.Date { Year = 2026, Month = 3, Day = 15 },
        };

        var draft = OverdueRules.ForEscalation(escalation)!;

        Assert.Equal(("escalation-overdue:e7:2026-03-15", "unit:TN_MT", NotificationKind.EscalationOverdue), (draft.EventKey, draft.Inbox, draft.Kind));
        Assert.Contains("quá hạn trả lời ngày 15/03/2026", draft.Body);
        escalation.Overdue = false;
        Assert.Null(OverdueRules.ForEscalation(escalation));
    }

    [Fact]
    public void ForTask_OverdueWithALeadUnit_TheLeadUnitOncePerDeadline()
    {
        var task = new TuyPhuoc.Contracts.Tasks.V1.KeyTask
        {
            Id = "t9", Number = "3", DecisionNumber = "808/QĐ-UBND", Content = "Lập quy hoạch", LeadUnitCode = "KT_HT", Overdue = true,
            Deadline = new TuyPhuoc.Contracts.Tasks.V1.Deadline { Label = "Tháng 6/2026" },
        };

        var draft = OverdueRules.ForTask(task)!;

        Assert.Equal(("task-overdue:t9:Tháng 6/2026", "unit:KT_HT", NotificationKind.TaskOverdue, "/nhiem-vu/t9"), (draft.EventKey, draft.Inbox, draft.Kind, draft.Link));
    }
}
