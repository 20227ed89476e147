using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>
/// The planning office keeps the indicator catalog in the browser: a new indicator (refusals beside the fields, nothing
/// stored), edited, and retired from next year; one that a plan carries cannot be retired. The indicator it adds is
/// its own (a code of its own), in no plan, so no other test sees it.
/// </summary>
public sealed class PortalCatalogTests(SuiteFixture suite) : PortalBrowser(suite)
{
    [Fact]
    public async Task PlanningOffice_AddsEditsAndRetiresAnIndicator_RefusalsBesideTheFields()
    {
        await Suite.DemoLoadedAsync();
        var code = $"CT_THU_{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        var plans = new IndicatorPlans.IndicatorPlansClient(Suite.Gateway);
        var office = await Suite.CallAsAsync(Roles.PlanningOffice);
        async Task<Indicator?> StoredAsync() =>
            (await plans.ListIndicatorsAsync(new ListIndicatorsRequest { PageSize = 1000 }, office)).Indicators.SingleOrDefault(i => i.Code == code);
        var page = await SignedInAsAsync(Roles.PlanningOffice, "/danh-muc-chi-tieu", name: "Kiểm tra danh mục");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Danh mục chỉ tiêu");
        var form = page.Locator(".new-indicator form");

        await page.FillAsync("#new-code", code);
        await page.FillAsync("#new-unit", "%");
        await page.FillAsync("#new-min", "không");
        await page.FillAsync("#new-max", "100");
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(form.Locator(".field-error")).ToHaveTextAsync(["Ghi số theo dạng 1.234,5."]);
        await page.FillAsync("#new-min", "0");
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(form.Locator(".field-error")).ToHaveTextAsync(["Bắt buộc nhập."]);
        Assert.Null(await StoredAsync());

        await page.FillAsync("#new-name", "Tỷ lệ hộ dùng điện an toàn");
        await page.SelectOptionAsync("#new-office", "KT_HT");
        await page.SelectOptionAsync("#new-kind", "Level");
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator(".notice")).ToHaveTextAsync($"Đã thêm chỉ tiêu {code}.");
        var row = page.Locator($"tr[data-indicator={code}]");
        await Expect(row.Locator(".indicator-name")).ToHaveTextAsync("Tỷ lệ hộ dùng điện an toàn");

        // Edited: a range the wrong way round refused beside it, then a new name and range.
        await row.Locator(".edit summary").ClickAsync();
        await page.FillAsync($"#edit-{code}-min", "100");
        await page.FillAsync($"#edit-{code}-max", "0");
        await row.Locator(".edit button").ClickAsync();
        await Expect(row.Locator(".edit .field-error")).ToHaveTextAsync("Giá trị nhỏ nhất phải nhỏ hơn giá trị lớn nhất.");
        await page.FillAsync($"#edit-{code}-min", "0");
        await page.FillAsync($"#edit-{code}-max", "99,5");
        await page.FillAsync($"#edit-{code}-name", "Tỷ lệ hộ sử dụng điện an toàn");
        await row.Locator(".edit button").ClickAsync();
        await Expect(page.Locator(".notice")).ToHaveTextAsync($"Đã lưu chỉ tiêu {code}.");
        await Expect(row.Locator(".indicator-name")).ToHaveTextAsync("Tỷ lệ hộ sử dụng điện an toàn");
        await KeepScreenshotAsync(page, "catalog-edited", fullPage: false);

        var nextYear = DateTime.UtcNow.Year + 1;
        await row.Locator(".state summary").ClickAsync();
        await page.FillAsync($"#retire-{code}", nextYear.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await row.Locator(".state button").ClickAsync();
        await Expect(row.Locator(".state")).ToHaveTextAsync($"Thôi sử dụng từ năm {nextYear}");

        // CT02 is in the 2024 plan: retiring it from 2024 is refused, in Vietnamese, and nothing changes.
        var planned = page.Locator("tr[data-indicator=CT02]");
        await planned.Locator(".state summary").ClickAsync();
        await page.FillAsync("#retire-CT02", "2024");
        await planned.Locator(".state button").ClickAsync();
        await Expect(page.Locator(".problem")).ToContainTextAsync("Chỉ tiêu CT02 đang có trong kế hoạch năm 2024");

        var stored = (await StoredAsync())!;
        Assert.Equal(("Tỷ lệ hộ sử dụng điện an toàn", "KT_HT", MeasureKind.Level, 0.0, 99.5, nextYear),
            (stored.Name, stored.ResponsibleOfficeCode, stored.MeasureKind, stored.Range.Min, stored.Range.Max, stored.RetiredFromYear));
        Assert.Equal(0, (await plans.GetIndicatorAsync(new GetIndicatorRequest { Code = "CT02" }, office)).RetiredFromYear);
    }
}
