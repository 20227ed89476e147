namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>
/// A commune's escalations and an indicator explained, through the portal's Escalations and Indicator features. The
/// escalations raised here (Thị trấn Diêu Trì's, 2024) are raised by no other test.
/// </summary>
public sealed class PortalEscalationsTests(SuiteFixture suite) : PortalBrowser(suite)
{
    private const string Unit = "TT_DIEU_TRI";

    [Fact]
    public async Task CommuneReporter_RaisesAnEscalation_AnEmptyTitleIsSaidBesideIt_ThenClosesItUnansweredWithAReason()
    {
        var page = await SignedInAsync(Unit, "Nguyễn Thị Lan", "/kien-nghi?nam=2024");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Kiến nghị, đề xuất năm 2024");
        var title = $"Thiếu kinh phí nạo vét kênh mương {Guid.NewGuid():N}"[..48];
        var card = page.Locator("article.escalation", new() { HasText = title });

        // Nothing typed: the service's refusal beside the title, in Vietnamese, and nothing raised.
        await page.ClickAsync("form.raise button[type=submit]");
        await Expect(page.Locator(".field:has(#esc-title) .field-error")).ToHaveTextAsync("Bắt buộc nhập.");

        await page.FillAsync("#esc-title", title);
        await page.FillAsync("#esc-description", "Kênh N2 bồi lắng, vụ hè thu thiếu nước tưới.");
        await page.Locator("fieldset.choices input[type=checkbox]").First.CheckAsync();
        await page.ClickAsync("form.raise button[type=submit]");
        await Expect(page.Locator(".notice")).ToHaveTextAsync("Đã gửi kiến nghị.");
        await Expect(card.Locator(".badge").First).ToHaveTextAsync("Mới gửi");
        await Expect(card).ToContainTextAsync("Đơn vị: TT_DIEU_TRI");
        await Expect(page.Locator("#esc-title")).ToHaveValueAsync("");

        // Closed before any answer: the reason is required, then kept on the closing step.
        await card.Locator("button", new() { HasText = "Đóng kiến nghị" }).ClickAsync();
        await Expect(card.Locator(".field-error")).ToHaveTextAsync("Vui lòng nhập lý do đóng kiến nghị chưa được trả lời.");
        await card.Locator("textarea").FillAsync("Xã đã tự bố trí kinh phí");
        await card.Locator("button", new() { HasText = "Đóng kiến nghị" }).ClickAsync();
        await Expect(page.Locator(".notice")).ToHaveTextAsync("Đã đóng kiến nghị.");
        await Expect(card.Locator(".badge").First).ToHaveTextAsync("Đã đóng");
        await Expect(card.Locator("ol.steps li").Last).ToContainTextAsync("Xã đã tự bố trí kinh phí");
        await KeepScreenshotAsync(page, "escalations");
    }

    [Fact]
    public async Task CommuneReporter_OpensAnIndicatorFromHome_EveryQuarterExplainedAndTheTwelveMonths()
    {
        var page = await SignedInAsync(Unit, "Nguyễn Thị Lan", "/?nam=2024&quy=2");
        var link = page.Locator("tr[data-indicator=CT02] th a");
        var name = await link.TextContentAsync();

        await link.ClickAsync();
        await WhenLiveAsync(page);
        await Expect(page.Locator("h1")).ToHaveTextAsync(name!);
        await Expect(page.Locator("article.quarter")).ToHaveCountAsync(4);
        await Expect(page.Locator("article.quarter[data-quarter='1'] h3")).ToContainTextAsync("Quý 1");
        await Expect(page.Locator("section table.visually-hidden tbody tr")).ToHaveCountAsync(12);
        await KeepScreenshotAsync(page, "indicator");
    }
}
