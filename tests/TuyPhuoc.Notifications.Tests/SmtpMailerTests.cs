using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using TuyPhuoc.Notifications.Domain;
using TuyPhuoc.Notifications.Processing;

namespace TuyPhuoc.Notifications.Tests;

/// <summary>The mailer against a real SMTP server in the test process (SmtpServer), which refuses one mailbox.</summary>
public sealed class SmtpMailerTests : IAsyncDisposable
{
    private const string Refused = "khongton@tai.vn";
    private readonly ConcurrentQueue<MimeMessage> _received = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly int _port = FreePort();
    private readonly Task _server;

    public SmtpMailerTests()
    {
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, _port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(_received));
        services.Add(new RefuseOne());
        _server = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    private SmtpMailer Mailer(int? port = null) =>
        new(SmtpEndpoint.Parse($"smtp://127.0.0.1:{port ?? _port}"), "Phòng TC-KH <thongbao@tuyphuoc.local>", "http://portal.local");

    private static OutgoingMail Mail(long id, string to) =>
        new(id, to, "Báo cáo tháng 11/2024 bị trả lại", "Lý do: thiếu số liệu.", "/bao-cao?nam=2024&thang=11&donvi=PHUOC_HOA");

    [Fact]
    public async Task SendAsync_OneRefusedAddressAmongOthers_TheOthersGoAndOnlyItFailsForGood()
    {
        var results = await Mailer().SendAsync([Mail(1, "phuochoa@tuyphuoc.vn"), Mail(2, Refused), Mail(3, "tnmt@tuyphuoc.vn")], TestContext.Current.CancellationToken);

        Assert.Equal([null, FailureKind.Permanent, null], results.Select(r => r.Failure));
        Assert.Equal(["phuochoa@tuyphuoc.vn", "tnmt@tuyphuoc.vn"], _received.Select(m => m.To.Mailboxes.Single().Address));
        var mail = _received.First();
        Assert.Equal("Báo cáo tháng 11/2024 bị trả lại", mail.Subject);
        Assert.Equal("notification-1@tuyphuoc", mail.MessageId);
        Assert.Contains("http://portal.local/bao-cao?nam=2024&thang=11&donvi=PHUOC_HOA", mail.TextBody);
    }

    [Fact]
    public async Task SendAsync_AMailNoLongerTheRoundsToSend_SkippedAndEachOutcomeToldAsItComes()
    {
        var told = new List<(long, FailureKind?)>();

        var results = await Mailer().SendAsync([Mail(1, "a@tuyphuoc.vn"), Mail(2, "b@tuyphuoc.vn"), Mail(3, Refused)], TestContext.Current.CancellationToken,
            take: m => Task.FromResult(m.OutboxId != 2), taken: (m, failure) => { told.Add((m.OutboxId, failure)); return Task.CompletedTask; });

        Assert.Equal([1L, 3L], results.Select(r => r.Mail.OutboxId));
        Assert.Equal([(1L, (FailureKind?)null), (3L, FailureKind.Permanent)], told);
        Assert.Equal(["a@tuyphuoc.vn"], _received.Select(m => m.To.Mailboxes.Single().Address));
    }

    [Fact]
    public async Task SendAsync_NoServerListening_EveryMailTriedAgainLater()
    {
        var results = await Mailer(FreePort()).SendAsync([Mail(1, "a@tuyphuoc.vn"), Mail(2, "b@tuyphuoc.vn")], TestContext.Current.CancellationToken);

        Assert.All(results, r => Assert.Equal(FailureKind.Transient, r.Failure));
    }

    [Theory]
    [InlineData("smtp://relay.tinh.gov.vn:587", "relay.tinh.gov.vn", 587, null)]
    [InlineData("smtps://thongbao:b%40o@relay.tinh.gov.vn", "relay.tinh.gov.vn", 465, "thongbao")]
    [InlineData("smtp://localhost", "localhost", 25, null)]
    public void Parse_TheConnectionString_HostPortAndLogin(string connection, string host, int port, string? user)
    {
        var endpoint = SmtpEndpoint.Parse(connection);

        Assert.Equal((host, port, user), (endpoint.Host, endpoint.Port, endpoint.User));
        if (user is not null) Assert.Equal("b@o", endpoint.Password);
    }

    [Fact]
    public void Parse_NotAnSmtpAddress_SaysWhatItMustBe() =>
        Assert.Contains("smtp://host:port", Assert.Throws<InvalidOperationException>(() => SmtpEndpoint.Parse("Host=x;Port=25")).Message);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _server; }
        catch (OperationCanceledException) { }
        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Store(ConcurrentQueue<MimeMessage> received) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken ct)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            received.Enqueue(await MimeMessage.LoadAsync(stream, ct));
            return SmtpResponse.Ok;
        }
    }

    private sealed class RefuseOne : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken ct) =>
            Task.FromResult(to.AsAddress() != Refused);
    }
}
