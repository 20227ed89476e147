using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace TuyPhuoc.Notifications.Processing;

/// <summary>
/// The SMTP server, from the connection string "smtp": <c>smtp://host:port</c> (STARTTLS when offered),
/// <c>smtps://host:465</c> (TLS from the start), with <c>user:password@</c> before the host where the relay wants a login.
/// </summary>
public sealed record SmtpEndpoint(string Host, int Port, SecureSocketOptions Security, string? User, string? Password)
{
    public const string ConnectionName = "smtp";

    public static SmtpEndpoint Parse(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString) || !Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) || uri.Scheme is not ("smtp" or "smtps"))
            throw new InvalidOperationException($"ConnectionStrings:{ConnectionName} must be smtp://host:port or smtps://host:port (got '{connectionString}').");
        var secure = uri.Scheme == "smtps";
        var port = uri.IsDefaultPort || uri.Port <= 0 ? (secure ? 465 : 25) : uri.Port;
        var (user, password) = uri.UserInfo.Split(':', 2) is [var u, var p] ? (Uri.UnescapeDataString(u), Uri.UnescapeDataString(p)) : (null, null);
        return new(uri.Host, port, secure ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable, user, password);
    }
}

/// <summary>One mail as it leaves: to one address, the notification's title as subject, its body and the portal's link.</summary>
public sealed record OutgoingMail(long OutboxId, string To, string Subject, string Body, string Link);

/// <summary>Sends mails over one SMTP connection; each mail's refusal is its own, so one bad address stops no other.</summary>
public sealed class SmtpMailer(SmtpEndpoint endpoint, string from, string portalBaseUrl)
{
    /// <param name="take">Asked just before each mail is sent: false when the mail is no longer this round's to send (it is skipped).</param>
    /// <param name="taken">Told of each mail's outcome as soon as it is known.</param>
    /// <returns>For each mail tried, null when the server took it, else why not.</returns>
    /// <remarks>
    /// The SMTP conversation itself is bounded by the client's timeout, not by <paramref name="ct"/>: a stop waits for the
    /// mail in flight, so no mail is left half-sent; the mails not tried yet go back as transient failures.
    /// </remarks>
    public async Task<IReadOnlyList<(OutgoingMail Mail, FailureKind? Failure, string? Error)>> SendAsync(IReadOnlyList<OutgoingMail> mails, CancellationToken ct,
        Func<OutgoingMail, Task<bool>>? take = null, Func<OutgoingMail, FailureKind?, Task>? taken = null)
    {
        using var client = new SmtpClient { Timeout = 15_000 };
        try
        {
            await client.ConnectAsync(endpoint.Host, endpoint.Port, endpoint.Security, CancellationToken.None);
            if (endpoint.User is not null) await client.AuthenticateAsync(endpoint.User, endpoint.Password ?? "", CancellationToken.None);
        }
        catch (Exception e)
        {
            return Untried(mails, $"connect: {e.Message}");
        }
        var results = new List<(OutgoingMail, FailureKind?, string?)>(mails.Count);
        for (var i = 0; i < mails.Count; i++)
        {
            var mail = mails[i];
            if (ct.IsCancellationRequested || !client.IsConnected)
            {
                // Stopping, or the connection is gone: the mails not tried yet wait for the next round.
                results.AddRange(Untried(mails.Skip(i), ct.IsCancellationRequested ? "not tried: stopping" : "connection lost"));
                break;
            }
            if (take is not null && !await take(mail)) continue;
            (OutgoingMail, FailureKind?, string?) result;
            try
            {
                await client.SendAsync(Compose(mail), CancellationToken.None);
                result = (mail, null, null);
            }
            catch (Exception e)
            {
                result = (mail, Classify(e), e.Message);
            }
            results.Add(result);
            if (taken is not null) await taken(mail, result.Item2);
        }
        if (client.IsConnected)
        {
            try { await client.DisconnectAsync(true, CancellationToken.None); }
            catch (Exception) { /* The mails are sent; a failed QUIT changes nothing. */ }
        }
        return results;
    }

    private static List<(OutgoingMail, FailureKind?, string?)> Untried(IEnumerable<OutgoingMail> mails, string why) =>
        [.. mails.Select(m => (m, (FailureKind?)FailureKind.Transient, (string?)why))];

    /// <summary>An address the server refuses for good (5xx) or that is no address: never tried again. Anything else may pass later.</summary>
    public static FailureKind Classify(Exception e) => e switch
    {
        ParseException or FormatException => FailureKind.Permanent,
        SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.SenderNotAccepted } c when (int)c.StatusCode >= 500 => FailureKind.Permanent,
        SmtpCommandException c when (int)c.StatusCode >= 550 => FailureKind.Permanent,
        _ => FailureKind.Transient,
    };

    private MimeMessage Compose(OutgoingMail mail)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        // One Message-Id per outbox row: a receiving server that sees the same mail twice can tell.
        message.MessageId = $"notification-{mail.OutboxId}@tuyphuoc";
        message.Body = new TextPart("plain") { Text = $"{mail.Body}\n\nXem chi tiết: {portalBaseUrl.TrimEnd('/')}{mail.Link}\n\n-- \nHệ thống theo dõi chỉ tiêu kinh tế - xã hội" };
        return message;
    }
}
