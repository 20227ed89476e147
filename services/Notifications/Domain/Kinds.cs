namespace TuyPhuoc.Notifications.Domain;

/// <summary>Every kind of notification with its name as the preferences page shows it.</summary>
public static class Kinds
{
    public static readonly IReadOnlyList<NotificationKind> All =
        [.. Enum.GetValues<NotificationKind>().Where(k => k != NotificationKind.Unspecified)];

    public static string Title(NotificationKind kind) => kind switch
    {
        NotificationKind.ReportReturned => "Báo cáo tháng bị trả lại",
        NotificationKind.ReportApproved => "Báo cáo tháng được duyệt",
        NotificationKind.ReportSubmitted => "Đơn vị gửi báo cáo tháng",
        NotificationKind.EscalationRaised => "Kiến nghị mới của đơn vị",
        NotificationKind.EscalationAssigned => "Kiến nghị được giao xử lý",
        NotificationKind.EscalationAnswered => "Kiến nghị đã được trả lời",
        NotificationKind.EscalationReferred => "Kiến nghị chuyển cấp trên",
        NotificationKind.DeadlineReminder => "Nhắc hạn gửi báo cáo tháng",
        NotificationKind.ReportMissing => "Chưa gửi báo cáo tháng quá hạn",
        NotificationKind.TaskExtensionRequested => "Đề nghị gia hạn nhiệm vụ trọng tâm",
        NotificationKind.TaskExtensionDecided => "Quyết định gia hạn nhiệm vụ trọng tâm",
        NotificationKind.EscalationOverdue => "Kiến nghị quá hạn trả lời",
        NotificationKind.TaskOverdue => "Nhiệm vụ trọng tâm quá hạn",
        NotificationKind.AnnouncementIssued => "Thông báo kết quả quý được ban hành",
        NotificationKind.DirectionGiven => "Ý kiến chỉ đạo của lãnh đạo khối",
        NotificationKind.DirectionAnswered => "Đơn vị trả lời ý kiến chỉ đạo",
        NotificationKind.ReviewFiled => "Phòng, ban gửi báo cáo đánh giá quý",
        _ => kind.ToString(),
    };

    public static bool IsKnown(NotificationKind kind) => All.Contains(kind);
}
