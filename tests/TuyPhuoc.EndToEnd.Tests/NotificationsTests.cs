using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using TuyPhuoc.Contracts.Notifications.V1;
using TuyPhuoc.Contracts.Submissions.V1;
using TuyPhuoc.ServiceDefaults;
using Tasks = TuyPhuoc.Contracts.Tasks.V1;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>
/// Issue 22, the notifications service on the real AppHost: a report returned by the planning office reaches the
/// reporter's inbox (through the gateway) and exactly one mail reaches the SMTP server (smtp4dev, read through its
/// REST API); with the SMTP server stopped, the mail waits in the outbox and goes out once the server is back; the
/// justice office (TU_PHAP), told by no other test, learns whether the later deadlines it asked for were granted.
/// </summary>
[Collection(IsolatedSuiteCollection.Name)]
public sealed class NotificationsTests(SuiteFixture suite, IsolatedSuite isolated)
{
    private const int Year = 2024, Month = 11;
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(90);
    // What a commune reports each month: a report is sent only with every one of them.
    private static readonly string[] CommuneIndicators = ["CT02", "CT03", "CT04", "CT08", "CT10", "CT16", "CT25", "CT27"];

    [Fact]
    public async Task ReturnReport_WithAReason_InTheReportersInboxAndOneMail()
    {
        const string unit = "PHUOC_HOA", reason = "Số liệu thu ngân sách tháng 11 chưa khớp với Chi cục Thuế";
        var address = $"phuochoa-{Guid.NewGuid():N}@tuyphuoc.local";
        var planning = await suite.CallAsAsync(Roles.PlanningOffice);
        var reporter = await suite.CallAsAsync(Roles.UnitReporter, unit);
        var notes = new Notifications.NotificationsClient(suite.Gateway);
        await notes.SetMailAddressAsync(new SetMailAddressRequest { InboxCode = unit, Address = address, IdempotencyKey = Guid.NewGuid().ToString() }, planning);

        await SendAndReturnAsync(suite, unit, Year, Month, reason);
        var returned = await WaitForAsync(() => ReturnedAsync(notes, reporter, Month), n => n is not null);
        // Only the return's mails: an announcement issued meanwhile by another class is mailed to the unit too.
        var mails = await WaitForAsync(() => MailsToAsync(suite.SmtpInbox, address, "Báo cáo tháng 11/2024 bị trả lại"), m => m.Count > 0);
        await Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        var mailsLater = await MailsToAsync(suite.SmtpInbox, address, "Báo cáo tháng 11/2024 bị trả lại");
        var unread = await notes.CountUnreadAsync(new CountUnreadRequest(), reporter);
        var marked = await notes.MarkReadAsync(new MarkReadRequest { Ids = { returned!.Id } }, reporter);
        var afterRead = await ReturnedAsync(notes, reporter, Month);
        var otherUnit = await notes.ListNotificationsAsync(new ListNotificationsRequest { PageSize = 1000 }, await suite.CallAsAsync(Roles.UnitReporter, "PHUOC_SON"));

        Assert.Equal("Báo cáo tháng 11/2024 bị trả lại", returned.Title);
        Assert.Contains($"Lý do: {reason}", returned.Body);
        Assert.Equal("/bao-cao?nam=2024&thang=11&donvi=PHUOC_HOA", returned.Link);
        Assert.Equal(("unit:PHUOC_HOA", false), (returned.Inbox, returned.Read));
        var mail = Assert.Single(mailsLater);
        Assert.Equal("Báo cáo tháng 11/2024 bị trả lại", mail.GetProperty("subject").GetString());
        Assert.Single(mails);
        Assert.True(unread.UnreadCount >= 1);
        Assert.Equal((1, unread.UnreadCount - 1), (marked.Marked, marked.UnreadCount));
        Assert.True(afterRead!.Read);
        Assert.DoesNotContain(otherUnit.Notifications, n => n.Id == returned.Id);
    }

    [Fact]
    public async Task Mail_SmtpServerDownWhenTheReportIsReturned_SentOnceItIsBack()
    {
        const string unit = "PHUOC_SON";
        var address = $"phuocson-{Guid.NewGuid():N}@tuyphuoc.local";
        var planning = await isolated.CallAsAsync(Roles.PlanningOffice);
        var notes = new Notifications.NotificationsClient(isolated.Gateway);
        await notes.SetMailAddressAsync(new SetMailAddressRequest { InboxCode = unit, Address = address, IdempotencyKey = Guid.NewGuid().ToString() }, planning);

        await isolated.StopAsync(ResourceNames.Smtp);
        await SendAndReturnAsync(isolated, unit, Year, Month, "Thiếu số liệu lao động có việc làm mới");
        var reporter = await isolated.CallAsAsync(Roles.UnitReporter, unit);
        await WaitForAsync(() => ReturnedAsync(notes, reporter, Month), n => n is not null);
        // The service tries, fails and backs off while the server is down.
        await Task.Delay(TimeSpan.FromSeconds(8), TestContext.Current.CancellationToken);
        await isolated.StartAsync(ResourceNames.Smtp);
        var mails = await WaitForAsync(() => MailsToAsync(isolated.SmtpInbox, address), m => m.Count > 0);
        await Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.Single(mails);
        Assert.Single(await MailsToAsync(isolated.SmtpInbox, address));
    }

    [Fact]
    public async Task DecideExtension_GrantedAndRefused_TheLeadUnitIsToldWhichWithTheNewDateOrTheReason()
    {
        const string unit = "TU_PHAP";
        var tasks = new Tasks.KeyTasks.KeyTasksClient(suite.Gateway);
        var decision = await tasks.CreateDecisionAsync(new Tasks.CreateDecisionRequest
        {
            Number = $"{Random.Shared.Next(2000, 99999)}/QĐ-UBND-gia-han", DecisionDate = new Google.Type.Date { Year = 2024, Month = 3, Day = 1 },
            Title = "Nhiệm vụ bổ sung (kiểm thử thông báo gia hạn)", Year = 2024, IdempotencyKey = Guid.NewGuid().ToString("N"),
            Tasks =
            {
                Enumerable.Range(1, 2).Select(i => new Tasks.TaskInput
                {
                    Number = $"{i}", Content = $"Rà soát văn bản quy phạm pháp luật đợt {i}", LeadUnitCode = unit, Product = "Báo cáo",
                    Deadline = new Tasks.Deadline { Kind = Tasks.DeadlineKind.Date, DueDate = new Google.Type.Date { Year = 2025, Month = 6, Day = 30 } },
                }),
            },
        }, await suite.CallAsAsync(Roles.PlanningOffice));
        var both = (await tasks.ListTasksAsync(new Tasks.ListTasksRequest { Year = 2024, DecisionId = decision.Id, PageSize = 10 }, await suite.CallAsAsync(Roles.PlanningOffice)))
            .Tasks.OrderBy(t => t.Number).ToList();
        foreach (var (task, grant) in both.Zip([true, false]))
        {
            var asked = await tasks.RequestExtensionAsync(new Tasks.RequestExtensionRequest
            {
                TaskId = task.Id, RequestedDueDate = new Google.Type.Date { Year = 2025, Month = 12, Day = 31 }, Reason = "Chờ văn bản hướng dẫn của tỉnh",
                IdempotencyKey = Guid.NewGuid().ToString(),
            }, await suite.CallAsAsync(Roles.UnitReporter, unit));
            await tasks.DecideExtensionAsync(new Tasks.DecideExtensionRequest
            {
                TaskId = task.Id, ExtensionId = asked.Extensions.Single().Id, Grant = grant, Reason = grant ? "Đồng ý theo đề nghị" : "Nhiệm vụ phải hoàn thành trước kỳ họp HĐND",
                IdempotencyKey = Guid.NewGuid().ToString(),
            }, await suite.CallAsAsync(Roles.PlanningOffice));
        }

        async Task<Notification?> DecidedAsync(string taskId) => (await new Notifications.NotificationsClient(suite.Gateway).ListNotificationsAsync(
                new ListNotificationsRequest { PageSize = 200 }, await suite.CallAsAsync(Roles.UnitReporter, unit))).Notifications
            .FirstOrDefault(n => n.Kind == NotificationKind.TaskExtensionDecided && n.Link == $"/nhiem-vu/{taskId}");
        var granted = await WaitForAsync(() => DecidedAsync(both[0].Id), n => n is not null);
        var refused = await WaitForAsync(() => DecidedAsync(both[1].Id), n => n is not null);

        Assert.Equal("Đề nghị gia hạn nhiệm vụ được chấp thuận", granted!.Title);
        Assert.EndsWith("đến ngày 31/12/2025. Ý kiến: Đồng ý theo đề nghị.", granted.Body);
        Assert.Equal("Đề nghị gia hạn nhiệm vụ không được chấp thuận", refused!.Title);
        Assert.EndsWith("Lý do: Nhiệm vụ phải hoàn thành trước kỳ họp HĐND. Thời hạn vẫn là 30/06/2025.", refused.Body);
    }

    internal static async Task SendAndReturnAsync(SuiteFixture on, string unit, int year, int month, string reason)
    {
        var submissions = new Submissions.SubmissionsClient(on.Gateway);
        var reporter = await on.CallAsAsync(Roles.UnitReporter, unit);
        foreach (var (code, i) in CommuneIndicators.Select((c, i) => (c, i)))
        {
            await submissions.SubmitActualAsync(new SubmitActualRequest
            {
                UnitCode = unit, IndicatorCode = code, Year = year, Month = month, Value = code == "CT10" ? 93.5 : 5 + i, IdempotencyKey = Guid.NewGuid().ToString(),
            }, reporter);
        }
        await submissions.SubmitReportAsync(new SubmitReportRequest { UnitCode = unit, Year = year, Month = month, IdempotencyKey = Guid.NewGuid().ToString() }, reporter);
        await submissions.ReturnReportAsync(new ReturnReportRequest { UnitCode = unit, Year = year, Month = month, Reason = reason, IdempotencyKey = Guid.NewGuid().ToString() },
            await on.CallAsAsync(Roles.PlanningOffice));
    }

    private static async Task<Notification?> ReturnedAsync(Notifications.NotificationsClient notes, CallOptions reporter, int month) =>
        (await notes.ListNotificationsAsync(new ListNotificationsRequest { PageSize = 100 }, reporter)).Notifications
            .FirstOrDefault(n => n.Kind == NotificationKind.ReportReturned && n.Link.Contains($"thang={month}&", StringComparison.Ordinal));

    /// <summary>The mails smtp4dev received for one address (of one subject, if given), from its REST API (GET /api/messages).</summary>
    internal static async Task<List<JsonElement>> MailsToAsync(Uri inbox, string address, string? subject = null) =>
        [.. (await MailsAsync(inbox)).Where(m => m.GetProperty("to").EnumerateArray().Any(t => t.GetString()?.Contains(address, StringComparison.OrdinalIgnoreCase) == true)
            && (subject is null || m.GetProperty("subject").GetString() == subject))];

    /// <summary>Every mail smtp4dev keeps, from its REST API (GET /api/messages); none while it is down.</summary>
    internal static async Task<List<JsonElement>> MailsAsync(Uri inbox)
    {
        using var http = new HttpClient { BaseAddress = inbox, Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            var page = await http.GetFromJsonAsync<JsonElement>("/api/messages?pageSize=1000", TestContext.Current.CancellationToken);
            return [.. page.GetProperty("results").EnumerateArray()];
        }
        catch (HttpRequestException)
        {
            return [];
        }
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var until = DateTime.UtcNow + Soon;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > until) return value;
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
    }
}
