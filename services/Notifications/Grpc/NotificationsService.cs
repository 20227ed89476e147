using Google.Protobuf;
using Microsoft.AspNetCore.Authorization;

namespace TuyPhuoc.Notifications.Grpc;

[Authorize(Policy = AccessPolicy.Name)]
public sealed class NotificationsService(InboxStore store, NotificationsDbContext db) : Contracts.Notifications.V1.Notifications.NotificationsBase
{
    public override async Task<ListNotificationsResponse> ListNotifications(ListNotificationsRequest request, ServerCallContext context)
    {
        var caller = CallerScope.Of(context);
        var (items, next) = await store.ListAsync(caller, request.PageSize, request.PageToken, request.UnreadOnly, context.CancellationToken);
        return new ListNotificationsResponse
        {
            Notifications = { items.Select(i => ToProto(i.Row, i.Read)) },
            NextPageToken = next,
            UnreadCount = await store.CountUnreadAsync(caller, context.CancellationToken),
        };
    }

    public override async Task<CountUnreadResponse> CountUnread(CountUnreadRequest request, ServerCallContext context) =>
        new() { UnreadCount = await store.CountUnreadAsync(CallerScope.Of(context), context.CancellationToken) };

    public override Task<MarkReadResponse> MarkRead(MarkReadRequest request, ServerCallContext context) =>
        WriteAsync(nameof(MarkRead), context, request.IdempotencyKey, request, MarkReadResponse.Parser, async (caller, ct) =>
        {
            if (!request.All && request.Ids.Count == 0) throw new InvalidInputException("ids", "name at least one notification, or set all");
            var marked = await store.MarkReadAsync(caller, request.Ids, request.All, ct);
            await db.SaveChangesAsync(ct);
            return new MarkReadResponse { Marked = marked, UnreadCount = await store.CountUnreadAsync(caller, ct) };
        });

    public override async Task<Preferences> GetPreferences(GetPreferencesRequest request, ServerCallContext context) =>
        await store.PreferencesAsync(CallerScope.Of(context), context.CancellationToken);

    public override Task<Preferences> SetPreferences(SetPreferencesRequest request, ServerCallContext context) =>
        WriteAsync(nameof(SetPreferences), context, request.IdempotencyKey, request, Preferences.Parser, async (caller, ct) =>
        {
            await store.SetPreferencesAsync(caller, request.DisabledKinds, Address(request.MailAddress, "mail_address"), ct);
            await db.SaveChangesAsync(ct);
            return await store.PreferencesAsync(caller, ct);
        });

    public override Task<SetMandatoryKindsResponse> SetMandatoryKinds(SetMandatoryKindsRequest request, ServerCallContext context) =>
        WriteAsync(nameof(SetMandatoryKinds), context, request.IdempotencyKey, request, SetMandatoryKindsResponse.Parser, async (_, ct) =>
        {
            await store.SetMandatoryAsync(request.Kinds, ct);
            await db.SaveChangesAsync(ct);
            return new SetMandatoryKindsResponse { Kinds = { await store.MandatoryAsync(ct) } };
        });

    public override Task<MailAddress> SetMailAddress(SetMailAddressRequest request, ServerCallContext context) =>
        WriteAsync(nameof(SetMailAddress), context, request.IdempotencyKey, request, MailAddress.Parser, async (_, ct) =>
        {
            var inbox = Inboxes.FromCode(request.InboxCode.Trim())
                ?? throw new InvalidInputException("inbox_code", "must be a unit's code (e.g. PHUOC_HOA), planning_office, home_affairs or block:<block>");
            var row = await store.SetMailAddressAsync(inbox, Address(request.Address, "address"), ct);
            await db.SaveChangesAsync(ct);
            return ToProto(row);
        });

    public override async Task<ListMailAddressesResponse> ListMailAddresses(ListMailAddressesRequest request, ServerCallContext context)
    {
        var (page, next) = Paging.Page(await store.MailAddressesAsync(context.CancellationToken), a => a.Inbox, request.PageSize, request.PageToken);
        return new ListMailAddressesResponse { Addresses = { page.Select(ToProto) }, NextPageToken = next };
    }

    /// <summary>An optional mail address: null when blank; one plain address (no name, no list) or a field violation.</summary>
    private static string? Address(string value, string field)
    {
        if (Text.Optional(value) is not { } address) return null;
        if (address.Length > 320 || !MailboxAddress.TryParse(address, out var parsed) || parsed.Address != address || !address.Contains('@'))
            throw new InvalidInputException(field, $"is not a mail address: \"{InputBounds.Quote(address)}\"");
        return address;
    }

    private static Notification ToProto(NotificationRow n, bool read) => new()
    {
        Id = n.Id, Kind = n.Kind, Title = n.Title, Body = n.Body, Link = n.Link, CreatedAt = n.CreatedAt.ToProto(), Read = read, Inbox = n.Inbox,
    };

    private static MailAddress ToProto(MailAddressRow a) => new() { InboxCode = Inboxes.CodeOf(a.Inbox), Address = a.Address, UpdatedAt = a.UpdatedAt.ToProto() };

    private async Task<TResponse> WriteAsync<TResponse>(string operation, ServerCallContext context, string key, IMessage request,
        MessageParser<TResponse> parser, Func<CallerScope, CancellationToken, Task<TResponse>> write) where TResponse : class, IMessage<TResponse>
    {
        var caller = CallerScope.Of(context);
        return await db.WriteOnceAsync(operation, caller.Key(key), request, parser, ct => write(caller, ct), context.CancellationToken);
    }
}
