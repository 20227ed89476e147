namespace TuyPhuoc.Notifications.Domain;

/// <summary>Which notifications an entry of the Submissions change feed makes, to whom, in Vietnamese.</summary>
public static class ChangeRules
{
    public const string Source = "submissions";

    /// <summary>The kinds of entry that make notifications: the feed sends only these.</summary>
    public static readonly string[] Kinds =
        [ChangeKinds.ReportPrefix, ChangeKinds.EscalationPrefix, ChangeKinds.DirectionGiven, ChangeKinds.DirectionAnswered, ChangeKinds.ReviewFiled];

    public static string EventKey(long sequence) => $"{Source}:{sequence.ToString(CultureInfo.InvariantCulture)}";

    public static IEnumerable<Draft> From(Subs.Change change)
    {
        var key = EventKey(change.Sequence);
        if (change.Report is { } r) return FromReport(key, change.Kind, r);
        if (change.Escalation is { } e) return FromEscalation(key, change.Kind, e);
        if (change.Direction is { } d) return FromDirection(key, change.Kind, d);
        if (change.Review is { } v && change.Kind == ChangeKinds.ReviewFiled && v.Block.Length > 0)
        {
            return [new(key, Inboxes.Block(v.Block), NotificationKind.ReviewFiled, $"{v.OfficeCode} gửi báo cáo đánh giá quý {v.Quarter}/{v.Year}",
                $"{v.OfficeCode} đã gửi báo cáo đánh giá kết quả thực hiện chỉ tiêu quý {v.Quarter} năm {v.Year}{(v.DaysLate > 0 ? $", trễ {v.DaysLate} ngày" : "")}.",
                PortalLinks.Directions(v.Year, v.Quarter))];
        }
        return [];
    }

    private static IEnumerable<Draft> FromReport(string key, string kind, Subs.Report r)
    {
        var period = $"tháng {r.Month}/{r.Year}";
        var page = PortalLinks.MonthReport(r.UnitCode, r.Year, r.Month);
        switch (kind)
        {
            case ChangeKinds.ReportReturned:
                var reason = r.ReturnReason is { Length: > 0 } given ? given : r.History.LastOrDefault(h => h.Status == Subs.ReportStatus.Returned)?.Reason ?? "";
                yield return new(key, Inboxes.Unit(r.UnitCode), NotificationKind.ReportReturned,
                    $"Báo cáo {period} bị trả lại",
                    $"Phòng Tài chính - Kế hoạch đã trả lại báo cáo {period} của đơn vị {r.UnitCode}. Lý do: {reason}. Đề nghị đơn vị chỉnh sửa và gửi lại.",
                    page);
                break;
            case ChangeKinds.ReportApproved:
                yield return new(key, Inboxes.Unit(r.UnitCode), NotificationKind.ReportApproved,
                    $"Báo cáo {period} đã được duyệt",
                    $"Phòng Tài chính - Kế hoạch đã duyệt báo cáo {period} của đơn vị {r.UnitCode}.",
                    page);
                break;
            case ChangeKinds.ReportSubmitted:
                var late = r.DaysLate > 0 ? $", trễ {r.DaysLate} ngày" : "";
                yield return new(key, Inboxes.PlanningOffice, NotificationKind.ReportSubmitted,
                    $"{r.UnitCode} đã gửi báo cáo {period}",
                    $"Đơn vị {r.UnitCode} đã gửi báo cáo {period}{late}; báo cáo đang chờ duyệt.",
                    PortalLinks.Approvals(r.Year, r.Month));
                break;
        }
    }

    private static IEnumerable<Draft> FromEscalation(string key, string kind, Subs.Escalation e)
    {
        var title = $"«{e.Title}»";
        switch (kind)
        {
            case ChangeKinds.EscalationRaised:
                yield return new(key, Inboxes.PlanningOffice, NotificationKind.EscalationRaised,
                    $"Kiến nghị mới của {e.UnitCode}",
                    $"Đơn vị {e.UnitCode} đã gửi kiến nghị {title}; đề nghị giao đơn vị xử lý.",
                    PortalLinks.EscalationRegister(e.Year));
                break;
            case ChangeKinds.EscalationAssigned when e.AssignedOfficeCode.Length > 0:
                var due = e.DueDate is { Year: > 0 } d ? $", hạn trả lời {d.Day:D2}/{d.Month:D2}/{d.Year}" : "";
                yield return new(key, Inboxes.Unit(e.AssignedOfficeCode), NotificationKind.EscalationAssigned,
                    "Kiến nghị được giao xử lý",
                    $"Đơn vị được giao xử lý kiến nghị {title} của {e.UnitCode}{due}.",
                    PortalLinks.Escalations(e.Year));
                break;
            case ChangeKinds.EscalationAnswered:
                yield return ToRaisingUnit(NotificationKind.EscalationAnswered, "Kiến nghị đã được trả lời",
                    $"{e.AssignedOfficeCode} đã trả lời kiến nghị {title}: {e.Answer}");
                break;
            case ChangeKinds.EscalationReferred when e.Referral is { } referral:
                yield return ToRaisingUnit(NotificationKind.EscalationReferred, "Kiến nghị đã chuyển cấp trên",
                    $"Kiến nghị {title} vượt thẩm quyền của huyện đã được chuyển {referral.Authority} (văn bản số {referral.DocumentNumber}{Dated(referral.DocumentDate)}).");
                break;
            case ChangeKinds.EscalationReferralAnswered when e.Referral is { } answered:
                yield return ToRaisingUnit(NotificationKind.EscalationReferred, "Cấp trên đã trả lời kiến nghị",
                    $"{answered.AnsweredBy} đã trả lời kiến nghị {title} (văn bản số {answered.AnswerDocumentNumber}{Dated(answered.AnswerDocumentDate)}): {e.Answer}");
                break;
        }

        // What comes of an escalation goes back to the unit that raised it, with a link to the year's escalations.
        Draft ToRaisingUnit(NotificationKind notice, string subject, string body) =>
            new(key, Inboxes.Unit(e.UnitCode), notice, subject, body, PortalLinks.Escalations(e.Year));
    }

    private static IEnumerable<Draft> FromDirection(string key, string kind, Subs.LeaderDirection d)
    {
        var about = d.OnReview ? $" về báo cáo đánh giá quý {d.Quarter}" : d.IndicatorCode.Length > 0 ? $" về chỉ tiêu {d.IndicatorCode}" : "";
        var page = PortalLinks.Directions(d.Year, d.Quarter);
        switch (kind)
        {
            case ChangeKinds.DirectionGiven:
                yield return new(key, Inboxes.Unit(d.UnitCode), NotificationKind.DirectionGiven, $"Ý kiến chỉ đạo{about}",
                    $"Lãnh đạo khối đã cho ý kiến chỉ đạo{about}: {d.Text} Đề nghị đơn vị thực hiện và trả lời.", page);
                break;
            case ChangeKinds.DirectionAnswered:
                yield return new(key, Inboxes.Block(d.Block), NotificationKind.DirectionAnswered, $"{d.UnitCode} đã trả lời ý kiến chỉ đạo",
                    $"{d.UnitCode} đã trả lời ý kiến chỉ đạo{about} «{d.Text}»: {d.Answer}", page);
                break;
        }
    }

    private static string Dated(Google.Type.Date? d) => d is { Year: > 0 } ? $" ngày {d.Day:D2}/{d.Month:D2}/{d.Year}" : "";
}
