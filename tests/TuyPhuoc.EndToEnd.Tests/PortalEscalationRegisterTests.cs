using System.Globalization;
using Microsoft.Playwright;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>
/// An escalation routed as the district's people do it, through the portal's Escalations feature: a commune raises it on
/// /kien-nghi, the planning office assigns it on /kien-nghi/tong-hop or refers it upward and records the answer from
/// above, the office answers, the commune closes. Xã Phước Lộc's escalations of 2024 are raised by no other test.
/// </summary>
public sealed class PortalEscalationRegisterTests(SuiteFixture suite) : PortalBrowser(suite)
{
    private const string Commune = "PHUOC_LOC", Office = "NONG_NGHIEP", OfficeName = "Phòng Nông nghiệp và Phát triển nông thôn";
    private const string Register = "/kien-nghi/tong-hop?nam=2024";

    /// <summary>The district's day (UTC+7), as the services judge "not in the past" and "not in the future".</summary>
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    private static string Day(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Escalation_RaisedAssignedWithADueDateAnsweredByTheOffice_ThenClosedByTheCommune()
    {
        var title = await RaiseAsync("Thiếu giống lúa chịu hạn vụ hè thu");
        var due = Day(Today.AddDays(20));

        // The planning office finds it among the open ones of the year.
        var office = await SignedInAsAsync(Roles.PlanningOffice, Register);
        await Expect(office.Locator("nav a[href='kien-nghi/tong-hop']")).ToHaveTextAsync("Kiến nghị");
        await Expect(office.Locator("h1")).ToHaveTextAsync("Tổng hợp kiến nghị, đề xuất năm 2024");
        await office.SelectOptionAsync("#reg-status", "Open");
        var card = office.Locator("article.escalation", new() { HasText = title });
        await Expect(card.Locator(".badge").First).ToHaveTextAsync("Mới gửi");
        await Expect(card).ToContainTextAsync("Đơn vị: Xã Phước Lộc");

        // No due date: the service's refusal beside the field, in Vietnamese, and nothing assigned.
        await card.Locator("form.assign select").SelectOptionAsync(Office);
        await card.Locator("form.assign button[type=submit]").ClickAsync();
        await Expect(card.Locator("form.assign .field:has(input) .field-error")).ToHaveTextAsync("Bắt buộc nhập.");
        await Expect(card.Locator(".badge").First).ToHaveTextAsync("Mới gửi");
        await KeepScreenshotAsync(office, "escalations-register-refused");

        await card.Locator("form.assign input").FillAsync(due);
        await card.Locator("form.assign button[type=submit]").ClickAsync();
        await Expect(office.Locator(".notice")).ToHaveTextAsync("Đã giao kiến nghị cho cơ quan xử lý.");
        // Assigned, it leaves the open ones; the office's assigned ones show it with its due date.
        await Expect(card).ToHaveCountAsync(0);
        await office.SelectOptionAsync("#reg-status", "Assigned");
        await office.SelectOptionAsync("#reg-office", Office);
        await Expect(card.Locator(".badge").First).ToHaveTextAsync("Đã giao xử lý");
        await Expect(card.Locator(".assigned")).ToHaveTextAsync($"Giao cho: {OfficeName}, hạn trả lời {due}");
        await KeepScreenshotAsync(office, "escalations-register-assigned");

        // At 390 px the forms of a card fold into one column: nothing scrolls sideways.
        var narrow = await SignedInAsAsync(Roles.PlanningOffice, Register, viewport: new ViewportSize { Width = 390, Height = 844 });
        await narrow.SelectOptionAsync("#reg-office", Office);
        await Expect(narrow.Locator("article.escalation", new() { HasText = title }).Locator("form.assign")).ToBeVisibleAsync();
        Assert.True(await narrow.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await KeepScreenshotAsync(narrow, "escalations-register-assigned-390");

        // The office answers it from its own page.
        var answerer = await SignedInAsync(Office, "Trần Văn Bình", "/kien-nghi?nam=2024");
        var assigned = answerer.Locator("section[aria-labelledby=assigned-heading] article.escalation", new() { HasText = title });
        await assigned.Locator("textarea").FillAsync("Phòng đã đề nghị Trung tâm giống cấp 2 tấn giống lúa ML48 trong tháng.");
        await assigned.Locator("button", new() { HasText = "Gửi trả lời" }).ClickAsync();
        await Expect(answerer.Locator(".notice")).ToHaveTextAsync("Đã gửi trả lời.");
        await Expect(assigned.Locator(".badge").First).ToHaveTextAsync("Đã trả lời");

        // The commune reads the answer and closes it.
        var commune = await SignedInAsync(Commune, "Lê Thị Hoa", "/kien-nghi?nam=2024");
        var raised = commune.Locator("article.escalation", new() { HasText = title });
        await Expect(raised.Locator("blockquote.answer")).ToContainTextAsync("giống lúa ML48");
        await raised.Locator("button", new() { HasText = "Đóng kiến nghị" }).ClickAsync();
        await Expect(commune.Locator(".notice")).ToHaveTextAsync("Đã đóng kiến nghị.");
        await Expect(raised.Locator(".badge").First).ToHaveTextAsync("Đã đóng");
    }

    [Fact]
    public async Task Escalation_ReferredUpwardWithItsDocument_TheAnswerFromAboveRecorded_ThenClosedByTheCommune()
    {
        var title = await RaiseAsync("Điều chỉnh quy hoạch đất lúa sang đất ở");
        var office = await SignedInAsAsync(Roles.PlanningOffice, Register);
        var card = office.Locator("article.escalation", new() { HasText = title });

        // Beyond the district's authority: referred to the province with the district's document.
        await card.Locator("details.refer summary").ClickAsync();
        await card.Locator("form.refer input").Nth(0).FillAsync("UBND tỉnh Bình Định");
        await card.Locator("form.refer input").Nth(1).FillAsync("125/UBND-TH");
        await card.Locator("form.refer input").Nth(2).FillAsync(Day(Today.AddDays(1)));
        await card.Locator("form.refer button[type=submit]").ClickAsync();
        await Expect(card.Locator("form.refer .field:has(input[placeholder]) .field-error")).ToHaveTextAsync("Ngày này chưa đến.");
        await card.Locator("form.refer input").Nth(2).FillAsync(Day(Today));
        await card.Locator("form.refer button[type=submit]").ClickAsync();
        await Expect(office.Locator(".notice")).ToHaveTextAsync("Đã chuyển kiến nghị lên cấp trên.");
        await Expect(card.Locator(".badge").First).ToHaveTextAsync("Đã chuyển cấp trên");
        await Expect(card.Locator(".referral")).ToHaveTextAsync($"Đã chuyển UBND tỉnh Bình Định theo văn bản số 125/UBND-TH ngày {Day(Today)}");

        // Its answer comes back: who answered, their document, what they said.
        var above = card.Locator("form.above");
        await above.Locator("input").Nth(0).FillAsync("Sở Tài nguyên và Môi trường tỉnh Bình Định");
        await above.Locator("input").Nth(1).FillAsync("88/STNMT-QH");
        await above.Locator("input").Nth(2).FillAsync(Day(Today));
        await above.Locator("textarea").FillAsync("Sẽ xem xét trong kỳ điều chỉnh quy hoạch sử dụng đất 2026-2030.");
        await above.Locator("button[type=submit]").ClickAsync();
        await Expect(office.Locator(".notice")).ToHaveTextAsync("Đã ghi nhận trả lời của cấp trên.");
        await Expect(card.Locator(".badge").First).ToHaveTextAsync("Đã trả lời");
        await Expect(card.Locator(".referral-answer")).ToHaveTextAsync($"Trả lời của Sở Tài nguyên và Môi trường tỉnh Bình Định: văn bản số 88/STNMT-QH ngày {Day(Today)}");
        await Expect(card.Locator("ol.steps li")).ToHaveCountAsync(3);
        await KeepScreenshotAsync(office, "escalations-register");

        // At 390 px the register folds into one column: nothing scrolls sideways.
        var narrow = await SignedInAsAsync(Roles.PlanningOffice, Register, viewport: new ViewportSize { Width = 390, Height = 844 });
        await Expect(narrow.Locator("article.escalation", new() { HasText = title })).ToBeVisibleAsync();
        Assert.True(await narrow.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await KeepScreenshotAsync(narrow, "escalations-register-390");

        // The commune closes it as an answered one.
        var commune = await SignedInAsync(Commune, "Lê Thị Hoa", "/kien-nghi?nam=2024");
        var raised = commune.Locator("article.escalation", new() { HasText = title });
        await Expect(raised.Locator("blockquote.answer")).ToContainTextAsync("quy hoạch sử dụng đất");
        await raised.Locator("button", new() { HasText = "Đóng kiến nghị" }).ClickAsync();
        await Expect(raised.Locator(".badge").First).ToHaveTextAsync("Đã đóng");
    }

    /// <summary>The commune raises an escalation on its page; its title, made unique.</summary>
    private async Task<string> RaiseAsync(string what)
    {
        var title = $"{what} {Guid.NewGuid():N}"[..(what.Length + 9)];
        var page = await SignedInAsync(Commune, "Lê Thị Hoa", "/kien-nghi?nam=2024");
        await page.FillAsync("#esc-title", title);
        await page.FillAsync("#esc-description", "Xã đã làm việc với các hộ dân, vượt thẩm quyền của xã.");
        await page.Locator("fieldset.choices input[type=checkbox]").First.CheckAsync();
        await page.ClickAsync("form.raise button[type=submit]");
        await Expect(page.Locator(".notice")).ToHaveTextAsync("Đã gửi kiến nghị.");
        await Expect(page.Locator("article.escalation", new() { HasText = title })).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
        return title;
    }
}
