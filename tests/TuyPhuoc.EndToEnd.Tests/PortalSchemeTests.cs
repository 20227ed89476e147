using TuyPhuoc.Contracts.Scoring.V1;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>
/// Home Affairs sets the 2025 scoring scheme in the browser, starting from 2024's: a figure that is no number and a
/// band below another refused beside their fields, nothing stored; then the first 2025 version recorded. 2025's schemes
/// are this class's alone (no plan of 2025 is scored).
/// </summary>
public sealed class PortalSchemeTests(SuiteFixture suite) : PortalBrowser(suite)
{
    [Fact]
    public async Task HomeAffairs_SetsNextYearsScheme_RefusalsBesideTheFields_ThenTheFirstVersion()
    {
        await Suite.DemoLoadedAsync();
        var scoring = new EmulationScoring.EmulationScoringClient(Suite.Gateway);
        var home = await Suite.CallAsAsync(Roles.HomeAffairs);
        var page = await SignedInAsAsync(Roles.HomeAffairs, "/xep-hang/bieu-diem?nam=2025", name: "Kiểm tra biểu điểm");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Biểu điểm thi đua năm 2025");
        var form = page.Locator("form.scheme");
        await Expect(page.Locator("#bands-full-from")).ToHaveValueAsync("100");

        await page.FillAsync("#deductions-per-late-report", "một");
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(form.Locator(".field-error")).ToHaveTextAsync(["Ghi số theo dạng 1.234,5."]);
        await page.FillAsync("#deductions-per-late-report", "1,5");
        await page.FillAsync("#bands-proportional-from", "120");
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(form.Locator(".field-error").First).ToHaveTextAsync("Không được nhỏ hơn \"Tính điểm theo tỷ lệ từ mức hoàn thành\".");
        Assert.Empty((await scoring.ListSchemeVersionsAsync(new ListSchemeVersionsRequest { Year = 2025 }, home)).Versions);

        await page.FillAsync("#bands-proportional-from", "50");
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator(".notice")).ToContainTextAsync("Đã ghi phiên bản mới của biểu điểm");
        await Expect(page.Locator("details.scheme-version")).ToHaveCountAsync(1);
        await KeepScreenshotAsync(page, "scheme-recorded", fullPage: false);
        var stored = await scoring.GetSchemeAsync(new GetSchemeRequest { Year = 2025 }, home);
        var before = await scoring.GetSchemeAsync(new GetSchemeRequest { Year = 2024 }, home);
        Assert.Equal((1, 1.5, 0.5), (stored.Version, stored.Deductions.PerLateReport, stored.Band.ProportionalFrom));
        Assert.Equal(before.Classes.Select(c => (c.Code, c.Name, c.MinTotal)), stored.Classes.Select(c => (c.Code, c.Name, c.MinTotal)));
    }
}
