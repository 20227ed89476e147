namespace TuyPhuoc.Notifications.Domain;

/// <summary>The portal's pages a notification points to (services/Portal/Features/*/*Page.razor).</summary>
public static class PortalLinks
{
    public static string MonthReport(string unit, int year, int month) => $"/bao-cao?nam={year}&thang={month}&donvi={Uri.EscapeDataString(unit)}";
    public static string Approvals(int year, int month) => $"/duyet-bao-cao?nam={year}&thang={month}";
    public static string Escalations(int year) => $"/kien-nghi?nam={year}";
    public static string EscalationRegister(int year) => $"/kien-nghi/tong-hop?nam={year}";
    public static string Announcement(int year, int quarter, int version) => $"/thong-bao/{year}/{quarter}/{version}";
    public static string Directions(int year, int quarter) => $"/chi-dao?nam={year}" + (quarter is >= 1 and <= 4 ? $"&quy={quarter}" : "");
    public static string KeyTask(string id) => $"/nhiem-vu/{Uri.EscapeDataString(id)}";
}
