using TuyPhuoc.Contracts.Notifications.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>The person's inboxes in the notifications service: a page of them, the unread count, marking read, and what the person receives.</summary>
public sealed class InboxReader(Notifications.NotificationsClient notifications)
{
    public const int PageSize = 20;

    public async Task<InboxView> ReadAsync(string? page, bool unreadOnly, CallOptions call)
    {
        var answer = await notifications.ListNotificationsAsync(new ListNotificationsRequest { PageSize = PageSize, PageToken = page ?? "", UnreadOnly = unreadOnly }, call);
        return new([.. answer.Notifications.Select(InboxLine.From)], answer.UnreadCount, answer.NextPageToken);
    }

    public async Task<int> UnreadAsync(CallOptions call) => (await notifications.CountUnreadAsync(new CountUnreadRequest(), call)).UnreadCount;

    /// <summary>Marks the notifications given (none: all of the person's) read; answers the unread count left.</summary>
    public async Task<int> MarkReadAsync(IReadOnlyList<long> ids, string key, CallOptions call) =>
        (await notifications.MarkReadAsync(new MarkReadRequest { Ids = { ids }, All = ids.Count == 0, IdempotencyKey = key }, call)).UnreadCount;

    public async Task<InboxPreferences> PreferencesAsync(CallOptions call) =>
        InboxPreferences.From(await notifications.GetPreferencesAsync(new GetPreferencesRequest(), call));

    public async Task<InboxPreferences> SetPreferencesAsync(IEnumerable<NotificationKind> disabled, string mailAddress, string key, CallOptions call) =>
        InboxPreferences.From(await notifications.SetPreferencesAsync(new SetPreferencesRequest { DisabledKinds = { disabled }, MailAddress = mailAddress.Trim(), IdempotencyKey = key }, call));
}
