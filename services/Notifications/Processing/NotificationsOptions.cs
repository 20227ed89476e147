namespace TuyPhuoc.Notifications.Processing;

/// <summary>The section "Notifications" of the configuration.</summary>
public sealed class NotificationsOptions
{
    public const string Section = "Notifications";

    /// <summary>Days before a monthly deadline on which units that have not sent are reminded.</summary>
    public int[] ReminderDaysBefore { get; set; } = [3, 1];
    public TimeSpan ReminderInterval { get; set; } = TimeSpan.FromHours(1);
    public int MailsPerRecipientPerHour { get; set; } = 30;
    public TimeSpan RetryFirstDelay { get; set; } = RetryPolicy.Default.FirstDelay;
    public TimeSpan RetryMaxDelay { get; set; } = RetryPolicy.Default.MaxDelay;
    public int MaxAttempts { get; set; } = RetryPolicy.Default.MaxAttempts;
    /// <summary>Events older than this when taken in are kept in the inboxes but not mailed (a first start catching up on history).</summary>
    public TimeSpan MailMaxAge { get; set; } = TimeSpan.FromDays(2);
    public string From { get; set; } = "Phòng Tài chính - Kế hoạch <thongbao@tuyphuoc.local>";
    /// <summary>Where the portal is, so a mail's link opens the page concerned.</summary>
    public string PortalBaseUrl { get; set; } = "http://localhost:5070";
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public RetryPolicy Retry => new(RetryFirstDelay, RetryMaxDelay, MaxAttempts);
    public RateBound Rate => new(MailsPerRecipientPerHour);
}
