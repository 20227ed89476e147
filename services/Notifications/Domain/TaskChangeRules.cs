using System.Globalization;
using TuyPhuoc.Contracts.Notifications.V1;
using Tasks = TuyPhuoc.Contracts.Tasks.V1;

namespace TuyPhuoc.Notifications.Domain;

/// <summary>
/// Which notifications an entry of the KeyTasks change feed makes. The feed carries the task as it stands after the
/// change, without its requests: a decision is told with the deadline now in force, not whether it was granted.
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
                yield return new(key, Inboxes.Unit(task.LeadUnitCode), NotificationKind.TaskExtensionDecided,
                    "Đã có quyết định về đề nghị gia hạn nhiệm vụ",
                    $"Phòng Tài chính - Kế hoạch đã quyết định về đề nghị gia hạn nhiệm vụ {named}. Thời hạn hiện nay: {Deadline(task)}.",
                    PortalLinks.KeyTask(task.Id));
                break;
        }
    }

    private static string Deadline(Tasks.KeyTask task) => task.Deadline?.Label is { Length: > 0 } label ? label : "chưa xác định";

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..119] + "…";
}
