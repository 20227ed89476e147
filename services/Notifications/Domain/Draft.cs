namespace TuyPhuoc.Notifications.Domain;

/// <summary>
/// A notification to be stored once: <see cref="EventKey"/> names what it tells of (a feed's entry, a month's
/// reminder), so the same event for the same inbox is never stored, nor mailed, twice.
/// </summary>
public sealed record Draft(string EventKey, string Inbox, NotificationKind Kind, string Title, string Body, string Link);
