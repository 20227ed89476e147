using TuyPhuoc.PlanModel;
using Plans = TuyPhuoc.Contracts.Plans.V1;

namespace TuyPhuoc.Notifications.Domain;

/// <summary>
/// Who is told of a quarter's announcement issued, and how: every unit it is addressed to (the units of its content,
/// but the district itself and a unit closed before the announcement's date), every block's leader and home affairs,
/// each with the link of the version issued. Issuing again is a new event: the new version is told again.
/// </summary>
public static class AnnouncementRules
{
    public const string Source = "announcements";

    private static readonly string[] Quarters = ["I", "II", "III", "IV"];

    public static string EventKey(long sequence) => $"{Source}:{sequence.ToString(CultureInfo.InvariantCulture)}";

    public static IEnumerable<Draft> From(Eval.AnnouncementChange change)
    {
        if (change.Quarter is < 1 or > 4) return [];
        var quarter = $"quý {Quarters[change.Quarter - 1]}/{change.Year}";
        var dated = change.Date is { Year: > 0 } d ? $" ngày {d.Day:D2}/{d.Month:D2}/{d.Year}" : "";
        var again = change.Version > 1 ? $" (lần {change.Version}, thay thế thông báo đã ban hành trước đó)" : "";
        var title = $"Thông báo kết quả thực hiện chỉ tiêu {quarter}";
        var body = $"Phòng Tài chính - Kế hoạch đã ban hành Thông báo số {change.Number}{dated} về kết quả thực hiện chỉ tiêu kinh tế - xã hội {quarter}{again}.";
        var link = PortalLinks.Announcement(change.Year, change.Quarter, change.Version);
        return Recipients(change).Select(inbox => new Draft(EventKey(change.Sequence), inbox, NotificationKind.AnnouncementIssued, title, body, link));
    }

    /// <summary>The inboxes an announcement goes to: its units' (in code order), then the blocks' and home affairs'.</summary>
    public static IEnumerable<string> Recipients(Eval.AnnouncementChange change)
    {
        var date = change.Date is { Year: > 0 } d ? new DateOnly(d.Year, d.Month, d.Day) : DateOnly.MaxValue;
        var units = change.Units
            .Where(u => u.Kind != Plans.UnitKind.District && u.Code.Length > 0 && (u.ValidTo is not { Year: > 0 } end || new DateOnly(end.Year, end.Month, end.Day) >= date))
            .Select(u => Inboxes.Unit(u.Code)).Distinct().Order(StringComparer.Ordinal);
        return [.. units, .. Blocks.Names.Select(Inboxes.Block), Inboxes.Role(Roles.HomeAffairs)];
    }
}
