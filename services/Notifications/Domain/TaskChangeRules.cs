namespace TuyPhuoc.Notifications.Domain;

/// <summary>
/// Which notifications an entry of the KeyTasks change feed makes. The feed carries the task as it stands after the
/// change and the extension request concerned: a decision is told as granted, with the new deadline, or refused, with
/// the reason where one was given (an entry from before the request travelled with it: the deadline now in force).
/// </summary>
public static class TaskChangeRules
{
    public const string Source = "keytasks";

    public static string EventKey(long sequence) => $"{Source}:{sequence.ToString(CultureInfo.InvariantCulture)}";

    public static IEnumerable<Draft> From(Tasks.Change change)
    {
        if (change.Task is not { } task || task.LeadUnitCode.Length == 0) yield break;
        var key = EventKey(change.Sequence);
        var named = $"{task.Number} «{Shorten(task.Content)}» ({task.DecisionNumber})";
        switch (change.Kind)
        {
            case ChangeKinds.TaskExtensionRequested:
                yield return new(key, Inboxes.PlanningOffice, NotificationKind.TaskExtensionRequested,
                    $"{task.LeadUnitCode} đề nghị gia hạn nhiệm vụ",
                    $"Đơn vị {task.LeadUnitCode} đề nghị gia hạn nhiệm vụ {named}; thời hạn hiện nay: {Deadline(task)}. Đề nghị xem xét, quyết định.",
                    PortalLinks.KeyTask(task.Id));
                break;
            case ChangeKinds.TaskExtensionDecided:
                var (title, body) = Decided(change.Extension, named, task);
                yield return new(key, Inboxes.Unit(task.LeadUnitCode), NotificationKind.TaskExtensionDecided, title, body, PortalLinks.KeyTask(task.Id));
                break;
        }
    }

    private static (string Title, string Body) Decided(Tasks.ExtensionRequest? extension, string named, Tasks.KeyTask task)
    {
        var reason = extension?.DecisionReason.Trim().TrimEnd('.') is { Length: > 0 } given ? given : null;
        return extension?.Decision switch
        {
            Tasks.ExtensionDecision.Granted => ("Đề nghị gia hạn nhiệm vụ được chấp thuận",
                $"Phòng Tài chính - Kế hoạch đồng ý gia hạn nhiệm vụ {named} đến ngày {Day(extension.RequestedDueDate)}.{(reason is null ? "" : $" Ý kiến: {reason}.")}"),
            Tasks.ExtensionDecision.Refused => ("Đề nghị gia hạn nhiệm vụ không được chấp thuận",
                $"Phòng Tài chính - Kế hoạch không đồng ý gia hạn nhiệm vụ {named}{(reason is null ? "" : $". Lý do: {reason}")}. Thời hạn vẫn là {Deadline(task)}."),
            _ => ("Đã có quyết định về đề nghị gia hạn nhiệm vụ",
                $"Phòng Tài chính - Kế hoạch đã quyết định về đề nghị gia hạn nhiệm vụ {named}. Thời hạn hiện nay: {Deadline(task)}."),
        };
    }

    private static string Day(Google.Type.Date? d) => d is { Year: > 0 } ? $"{d.Day:D2}/{d.Month:D2}/{d.Year}" : "chưa xác định";

    private static string Deadline(Tasks.KeyTask task) => task.Deadline?.Label is { Length: > 0 } label ? label : "chưa xác định";

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..119] + "…";
}
