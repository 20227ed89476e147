namespace TuyPhuoc.Notifications.Domain;

/// <summary>A month whose report is due soon (a reminder) or was due yesterday (a notice to those still missing).</summary>
public sealed record DueMonth(int Year, int Month, DateOnly Deadline, NotificationKind Kind, int DaysLeft);

/// <summary>
/// When the monthly reminders go out. A month's report is due by a day of the following month (Submissions'
/// deadlines); a unit that has not sent it is reminded on each of the configured days before, and told the day after
/// the deadline if it is still missing.
/// </summary>
public static class DeadlineRules
{
    /// <param name="deadlineDayOf">The year's deadline day of the following month, or null where the year has none.</param>
    public static IEnumerable<DueMonth> Due(DateOnly today, IReadOnlyCollection<int> daysBefore, Func<int, int?> deadlineDayOf)
    {
        // The month just ended and the current one: a deadline up to 28 days ahead falls in one of them.
        foreach (var first in new[] { new DateOnly(today.Year, today.Month, 1).AddMonths(-1), new DateOnly(today.Year, today.Month, 1) })
        {
            if (deadlineDayOf(first.Year) is not { } day) continue;
            var deadline = first.AddMonths(1).AddDays(day - 1);
            var left = deadline.DayNumber - today.DayNumber;
            if (left == -1) yield return new(first.Year, first.Month, deadline, NotificationKind.ReportMissing, left);
            else if (left >= 0 && daysBefore.Contains(left)) yield return new(first.Year, first.Month, deadline, NotificationKind.DeadlineReminder, left);
        }
    }

    public static string EventKey(DueMonth due) => due.Kind == NotificationKind.ReportMissing
        ? $"missing:{due.Year}-{due.Month:D2}"
        : $"reminder:{due.Year}-{due.Month:D2}:{due.DaysLeft}";

    public static Draft For(DueMonth due, string unit)
    {
        var period = $"tháng {due.Month}/{due.Year}";
        var deadline = $"{due.Deadline.Day:D2}/{due.Deadline.Month:D2}/{due.Deadline.Year}";
        var link = PortalLinks.MonthReport(unit, due.Year, due.Month);
        return due.Kind == NotificationKind.ReportMissing
            ? new(EventKey(due), Inboxes.Unit(unit), NotificationKind.ReportMissing,
                $"Quá hạn gửi báo cáo {period}",
                $"Đơn vị {unit} chưa gửi báo cáo {period}; hạn gửi là ngày {deadline}. Đề nghị đơn vị gửi báo cáo ngay; báo cáo trễ hạn bị trừ điểm thi đua.",
                link)
            : new(EventKey(due), Inboxes.Unit(unit), NotificationKind.DeadlineReminder,
                due.DaysLeft == 0 ? $"Hôm nay là hạn gửi báo cáo {period}" : $"Còn {due.DaysLeft} ngày đến hạn gửi báo cáo {period}",
                $"Đơn vị {unit} chưa gửi báo cáo {period}. Hạn gửi là ngày {deadline}.",
                link);
    }
}
