namespace TuyPhuoc.Notifications.Domain;

/// <summary>A mail's state in the outbox: claimed by a round (sending), then, just before its SMTP conversation, in flight.</summary>
public enum DeliveryStatus { Pending, Sending, Sent, Failed, InFlight }

/// <summary>Why one mail did not go: the server or the network (try again later) or the address itself (never again).</summary>
public enum FailureKind { Transient, Permanent }

/// <summary>What happens to a mail that could not be sent: tried again later, each pause twice the last, or given up.</summary>
public sealed record RetryPolicy(TimeSpan FirstDelay, TimeSpan MaxDelay, int MaxAttempts)
{
    public static readonly RetryPolicy Default = new(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(30), 20);

    /// <summary>The pause after the given failed attempt (1 for the first).</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        return TimeSpan.FromTicks((long)Math.Min(MaxDelay.Ticks, FirstDelay.Ticks * factor));
    }

    /// <summary>The status and next try of a mail after a failed attempt.</summary>
    public (DeliveryStatus Status, DateTimeOffset? NextAttemptAt) After(FailureKind failure, int attempts, DateTimeOffset now) =>
        failure == FailureKind.Permanent || attempts >= MaxAttempts ? (DeliveryStatus.Failed, null) : (DeliveryStatus.Pending, now + DelayAfter(attempts));
}

/// <summary>At most so many mails to one recipient in any hour: a flood of changes cannot flood a mailbox.</summary>
public sealed record RateBound(int PerHour)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <returns>Null when one more may go now, else the instant the oldest mail of the last hour leaves the window.</returns>
    public DateTimeOffset? NextAllowed(IReadOnlyCollection<DateTimeOffset> sentAt, DateTimeOffset now)
    {
        var recent = sentAt.Where(t => t > now - Window).Order().ToList();
        return recent.Count < PerHour ? null : recent[recent.Count - PerHour] + Window;
    }
}
