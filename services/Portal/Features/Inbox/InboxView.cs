using TuyPhuoc.Contracts.Notifications.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>One notification as the person reads it: what happened, when, the page concerned, and whether it was read.</summary>
public sealed record InboxLine(long Id, string Title, string Body, string Link, DateTimeOffset CreatedAt, bool Read)
{
    public static InboxLine From(Notification n) => new(n.Id, n.Title, n.Body, n.Link, n.CreatedAt?.ToDateTimeOffset() ?? default, n.Read);
}

/// <summary>A page of the person's inboxes, newest first, with how many are unread in all.</summary>
public sealed record InboxView(IReadOnlyList<InboxLine> Lines, int Unread, string NextPage);

/// <summary>A kind the person may turn off, unless the planning office made it mandatory.</summary>
public sealed record KindChoice(NotificationKind Kind, string Title, bool Enabled, bool Mandatory);

/// <summary>What the person receives: the kinds and a personal mail address (empty: none).</summary>
public sealed record InboxPreferences(IReadOnlyList<KindChoice> Kinds, string MailAddress)
{
    public static InboxPreferences From(Preferences p) => new([.. p.Kinds.Select(k => new KindChoice(k.Kind, k.Title, k.Enabled, k.Mandatory))], p.MailAddress);
}
