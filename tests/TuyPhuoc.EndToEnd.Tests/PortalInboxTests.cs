using Microsoft.Playwright;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>A reporter finds a returned month in the portal's inbox. Written here and by no other test: PHUOC_NGHIA's October 2024.</summary>
public sealed class PortalInboxTests(SuiteFixture suite) : PortalBrowser(suite)
{
    private const string Unit = "PHUOC_NGHIA", Reason = "Thiếu số liệu tỷ lệ bảo hiểm y tế tháng 10";
    private const int Year = 2024, Month = 10;

    [Fact]
    public async Task CommuneReporter_TheReturnedMonthInTheHeaderAndTheInbox_MarkedRead_ItsLinkOpensTheMonth_AKindTurnedOff()
    {
        await NotificationsTests.SendAndReturnAsync(Suite, Unit, Year, Month, Reason);
        var page = await SignedInAsync(Unit, "Phạm Văn Nam", "/hop-thu");
        var returned = page.Locator("ul.inbox li", new() { HasText = Reason });
        // The notification comes from the change feed: the inbox is read again until it is there.
        for (var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30); await returned.CountAsync() == 0 && DateTime.UtcNow < deadline; await Task.Delay(500, TestContext.Current.CancellationToken))
        {
            await OpenAsync(page, "/hop-thu");
        }
        await Expect(returned).ToHaveClassAsync("unread");
        await Expect(returned.Locator(".title")).ToHaveTextAsync($"Báo cáo tháng {Month}/{Year} bị trả lại");
        await Expect(page.Locator(".inbox-link .unread-badge")).ToBeVisibleAsync();
        await KeepScreenshotAsync(page, "inbox-unread");

        await returned.Locator("button.mark").ClickAsync();
        await Expect(returned).ToHaveClassAsync("read");
        await returned.Locator(".title a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/bao-cao\\?nam={Year}&thang={Month}"));

        // A kind the person does not want is turned off and stays off; a mandatory one cannot be.
        await OpenAsync(page, "/hop-thu");
        var approved = page.Locator(".inbox-preferences label[data-kind='ReportApproved'] input");
        await approved.UncheckAsync();
        await page.ClickAsync(".inbox-preferences button[type=submit]");
        await Expect(page.Locator(".notice")).ToHaveTextAsync("Đã lưu lựa chọn nhận thông báo.");
        await OpenAsync(page, "/hop-thu");
        await Expect(approved).Not.ToBeCheckedAsync();
        await KeepScreenshotAsync(page, "inbox-preferences");
    }
}
