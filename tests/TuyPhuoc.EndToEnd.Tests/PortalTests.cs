using Microsoft.Playwright;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>
/// The portal as a commune's people use it. The month written here (August 2024 of Thị trấn Diêu Trì) is written by
/// no other test.
/// </summary>
public sealed class PortalTests(SuiteFixture suite) : PortalBrowser(suite)
{
    private const string Unit = "TT_DIEU_TRI", UnitName = "Thị trấn Diêu Trì";
    private const int Year = 2024, Month = 8, Quarter = 3;
    private static readonly TimeSpan EvaluationSettles = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task CommuneReporter_FillsSavesAndSendsTheMonth_HomeShowsTheNewStatus()
    {
        var page = await SignedInAsync(Unit, "Nguyễn Thị Lan", $"/?nam={Year}&quy={Quarter}");
        await Expect(page.Locator("header")).ToContainTextAsync("Nguyễn Thị Lan");
        await Expect(page.Locator("header")).ToContainTextAsync(UnitName);
        var grain = page.Locator("tr[data-indicator=CT02] .badge");
        await Expect(grain).ToHaveTextAsync("Chưa có số liệu");

        await OpenAsync(page, $"/bao-cao?nam={Year}&thang={Month}");
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Báo cáo tháng {Month}/{Year}");
        // August 2024 is past its deadline: nothing sent yet reads "not sent".
        await Expect(page.Locator(".report-status")).ToHaveTextAsync("Chưa gửi");
        var inputs = page.Locator("input[inputmode=decimal]");
        Assert.Equal(8, await inputs.CountAsync());

        // A bad value: the server's field violation appears beside its input, in Vietnamese, and nothing is stored.
        await page.FillAsync("#v-CT02", "-5");
        await page.FillAsync("#n-CT02", "Nhập nhầm dấu");
        await page.ClickAsync("button.save");
        await Expect(page.Locator("#v-CT02-error")).ToHaveTextAsync("Không được là số âm.");
        await Expect(page.Locator(".problem")).ToContainTextAsync("chưa hợp lệ");
        await Expect(page.Locator("#v-CT02")).ToHaveValueAsync("-5");

        // The month filled the Vietnamese way (1.234,5), saved, then sent.
        for (var i = 0; i < await inputs.CountAsync(); i++)
        {
            await inputs.Nth(i).FillAsync("1.234,5".Replace("1.234", (i + 1).ToString(), StringComparison.Ordinal));
        }
        await page.FillAsync("#v-CT02", "12.345,5");
        await page.FillAsync("#n-CT02", "Vụ hè thu thu hoạch sớm");
        await page.FillAsync("#s-CT02", "Huy động máy gặt đập liên hợp");
        await page.ClickAsync("button.save");
        await Expect(page.Locator(".notice")).ToHaveTextAsync("Đã lưu số liệu.");
        await Expect(page.Locator(".field-error")).ToHaveCountAsync(0);
        await Expect(page.Locator("fieldset[data-indicator=CT02] .stored")).ToContainTextAsync("Đã lưu: lần 1");
        await Expect(page.Locator("#v-CT02")).ToHaveValueAsync("12.345,5");

        await page.ClickAsync("button.send");
        await Expect(page.Locator(".notice")).ToHaveTextAsync("Đã gửi báo cáo tháng.");
        await Expect(page.Locator(".report-status")).ToHaveTextAsync("Đã gửi");

        // A cell's history is one click away: who, when, value, causes and solutions.
        await page.ClickAsync("fieldset[data-indicator=CT02] .stored button");
        var history = page.Locator("fieldset[data-indicator=CT02] table.history tbody tr");
        await Expect(history).ToHaveCountAsync(1);
        await Expect(history.First).ToContainTextAsync("12.345,5");
        await Expect(history.First).ToContainTextAsync("Vụ hè thu thu hoạch sớm");
        await Expect(history.First).ToContainTextAsync("Huy động máy gặt đập liên hợp");
        await Expect(history.First).ToContainTextAsync($"unit_reporter:{Unit}");
        await KeepScreenshotAsync(page, "month-sent");

        // The home page shows the quarter's new status once the Evaluation has the month.
        var deadline = DateTime.UtcNow + EvaluationSettles;
        do
        {
            await OpenAsync(page, $"/?nam={Year}&quy={Quarter}");
        }
        while (await grain.TextContentAsync() == "Chưa có số liệu" && DateTime.UtcNow < deadline);
        await Expect(grain).Not.ToHaveTextAsync("Chưa có số liệu");
        await Expect(grain).ToHaveAttributeAsync("data-status", new System.Text.RegularExpressions.Regex("^(achieved|at-risk|not-achieved)$"));
        await KeepScreenshotAsync(page, "home-after");

        // The indicator's page says beside the quarter what the unit wrote with its month: causes and solutions.
        await OpenAsync(page, $"/chi-tieu/CT02?nam={Year}");
        var august = page.Locator($".quarter[data-quarter='{Quarter}'] .month-note[data-month='{Month}']");
        await Expect(august.Locator(".causes")).ToHaveTextAsync("Nguyên nhân, khó khăn: Vụ hè thu thu hoạch sớm");
        await Expect(august.Locator(".solutions")).ToHaveTextAsync("Giải pháp: Huy động máy gặt đập liên hợp");
        await KeepScreenshotAsync(page, "indicator-notes");

        // A level says beside each quarter the baseline its progress (A − B)/(T − B) was measured from.
        await OpenAsync(page, $"/chi-tieu/CT10?nam={Year}");
        await Expect(page.Locator(".quarter[data-quarter='1'] .baseline dd")).ToHaveTextAsync("92,6");
        await KeepScreenshotAsync(page, "indicator-baseline");
    }

    [Fact]
    public async Task AnotherCommunesReporter_OpensThatForm_RefusedAndNoInputs_ThenSignsOut()
    {
        var page = await SignedInAsync("PHUOC_LOC", null, $"/bao-cao?nam={Year}&thang={Month}&donvi={Unit}");

        await Expect(page.Locator(".problem")).ToHaveTextAsync("Bạn không có quyền xem hoặc sửa nội dung này.");
        await Expect(page.Locator("input[inputmode=decimal]")).ToHaveCountAsync(0);
        await KeepScreenshotAsync(page, "other-unit-refused");

        // Signing out ends the session: the portal asks to sign in again.
        await page.ClickAsync("header button:has-text('Đăng xuất')");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/dang-nhap"));
        await page.GotoAsync(new Uri(Suite.Portal, "/").ToString());
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/dang-nhap"));
    }

    [Fact]
    public async Task MonthForm_AtPhoneWidth_NoSidewaysScrollingAndEnglishOnRequest()
    {
        var page = await SignedInAsync("PHUOC_THUAN", null, $"/bao-cao?nam={Year}&thang=11", new ViewportSize { Width = 390, Height = 844 });

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await KeepScreenshotAsync(page, "month-phone");

        await page.ClickAsync("form.language button");
        await WhenLiveAsync(page);
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Report for 11/{Year}");
        await Expect(page.Locator("label[for=v-CT02]")).ToHaveTextAsync("Actual for month 11");
        // Numbers stay Vietnamese in English.
        await Expect(page.Locator("fieldset[data-indicator=CT02] .facts")).ToContainTextAsync(".");
    }

    [Fact]
    public async Task CommuneReporter_ReportsItsKeyTaskDone_TheTaskShowsItDoneLate()
    {
        // Phước Hưng leads task 7 of the demo's Decision 1307 (due 31/10/2024, half done by mid-year), written by no other test.
        var page = await SignedInAsync("PHUOC_HUNG", null, $"/nhiem-vu?nam={Year}");
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Nhiệm vụ trọng tâm năm {Year}");
        var task = page.Locator("section[aria-labelledby=led-heading] article.key-task").Filter(new() { HasText = "Kiên cố hóa 2,5 km kênh mương" });
        await Expect(task.Locator(".badge")).ToHaveTextAsync("Đang thực hiện, quá hạn");
        await Expect(task).ToHaveAttributeAsync("data-overdue", "yes");

        await task.Locator("select").SelectOptionAsync("Done");
        await task.Locator("input[type=number]").FillAsync("100");
        await task.Locator("textarea[id^=work-]").FillAsync("Hoàn thành 2,5 km kênh mương, nghiệm thu đưa vào sử dụng");
        await task.Locator("input[id^=reference-]").FillAsync("88/BC-UBND");
        await task.Locator("button[type=submit]").ClickAsync();

        await Expect(page.Locator(".notice")).ToHaveTextAsync("Đã gửi báo cáo tiến độ.");
        await Expect(task.Locator(".badge")).ToHaveTextAsync("Đã hoàn thành, trễ hạn");
        await Expect(task).ToHaveAttributeAsync("data-overdue", "no");
        await KeepScreenshotAsync(page, "key-task-done");
    }
}
