namespace TuyPhuoc.Notifications.Domain;

/// <summary>
/// Escalations and key tasks become overdue as days pass, with no change in any feed: a sweep asks for those overdue
/// and each is told once per due date (a new due date, a new notice).
/// </summary>
public static class OverdueRules
{
    public static Draft? ForEscalation(Subs.Escalation e)
    {
        if (!e.Overdue || e.AssignedOfficeCode.Length == 0 || e.DueDate is not { Year: > 0 } due) return null;
        var day = $"{due.Day:D2}/{due.Month:D2}/{due.Year}";
        return new($"escalation-overdue:{e.Id}:{due.Year:D4}-{due.Month:D2}-{due.Day:D2}", Inboxes.Unit(e.AssignedOfficeCode), NotificationKind.EscalationOverdue,
            "Kiến nghị quá hạn trả lời",
            $"Kiến nghị «{e.Title}» của {e.UnitCode} giao đơn vị xử lý đã quá hạn trả lời ngày {day}. Kiến nghị quá hạn bị trừ điểm thi đua.",
            PortalLinks.Escalations(e.Year));
    }

    public static Draft? ForTask(Tasks.KeyTask t)
    {
        if (!t.Overdue || t.LeadUnitCode.Length == 0) return null;
        var deadline = t.Deadline?.Label is { Length: > 0 } label ? label : "chưa xác định";
        return new($"task-overdue:{t.Id}:{deadline}", Inboxes.Unit(t.LeadUnitCode), NotificationKind.TaskOverdue,
            "Nhiệm vụ trọng tâm quá hạn",
            $"Nhiệm vụ {t.Number} «{(t.Content.Length <= 120 ? t.Content : t.Content[..119] + "…")}» ({t.DecisionNumber}) do đơn vị chủ trì đã quá thời hạn {deadline} mà chưa hoàn thành.",
            PortalLinks.KeyTask(t.Id));
    }
}
