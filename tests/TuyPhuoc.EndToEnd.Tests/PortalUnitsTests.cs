using Grpc.Core;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>
/// The planning office keeps the district's units in the browser: a new commune (a wrong code refused beside the field,
/// nothing stored), renamed, then merged into Xã Phước Thắng. The unit exists for today only, so no plan year of the other
/// tests counts it.
/// </summary>
public sealed class PortalUnitsTests(SuiteFixture suite) : PortalBrowser(suite)
{
    [Fact]
    public async Task PlanningOffice_AddsACommune_WrongCodeRefusedBesideIt_ThenMergesItIntoAnother()
    {
        var code = $"XA_THU_{Guid.NewGuid():N}"[..20].ToUpperInvariant();
        var plans = new IndicatorPlans.IndicatorPlansClient(Suite.Gateway);
        var page = await SignedInAsAsync(Roles.PlanningOffice, "/don-vi", name: "Kiểm tra đơn vị");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Đơn vị trực thuộc");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh")).DateTime);

        await page.FillAsync("#unit-code", "xa thu");
        await page.FillAsync("#unit-name", "Xã Thử Nghiệm");
        await page.SelectOptionAsync("#unit-kind", "Commune");
        await page.FillAsync("#unit-from", today.ToString("yyyy-MM-dd"));
        await page.ClickAsync(".new-unit button[type=submit]");
        await Expect(page.Locator(".new-unit .field-error")).ToHaveTextAsync("Mã gồm 2-40 ký tự: chữ in hoa không dấu, chữ số và dấu gạch dưới, bắt đầu bằng chữ cái.");
        await Expect(page.Locator("#unit-name")).ToHaveValueAsync("Xã Thử Nghiệm");
        await KeepScreenshotAsync(page, "units-refused", fullPage: false);

        await page.FillAsync("#unit-code", code);
        await page.ClickAsync(".new-unit button[type=submit]");
        await Expect(page.Locator(".notice")).ToHaveTextAsync("Đã thêm đơn vị Xã Thử Nghiệm.");
        var row = page.Locator($"tr[data-unit={code}]");
        await Expect(row.Locator(".unit-name")).ToHaveTextAsync("Xã Thử Nghiệm");

        // Renamed: a blank name refused beside the field, then the new name from now on.
        await row.Locator(".rename summary").ClickAsync();
        await page.FillAsync($"#rename-{code}", " ");
        await row.Locator(".rename button").ClickAsync();
        await Expect(row.Locator(".rename .field-error")).ToHaveTextAsync("Bắt buộc nhập.");
        await page.FillAsync($"#rename-{code}", "Xã Thử Nghiệm Mới");
        await row.Locator(".rename button").ClickAsync();
        await Expect(page.Locator(".notice")).ToHaveTextAsync("Đã đổi tên Xã Thử Nghiệm thành Xã Thử Nghiệm Mới.");
        await Expect(row.Locator(".unit-name")).ToHaveTextAsync("Xã Thử Nghiệm Mới");

        await row.Locator(".state summary").ClickAsync();
        await page.FillAsync($"#close-from-{code}", today.AddDays(1).ToString("yyyy-MM-dd"));
        await page.SelectOptionAsync($"#merge-into-{code}", "PHUOC_THANG");
        await row.Locator(".state button").ClickAsync();
        await Expect(row.Locator(".state")).ToHaveTextAsync($"Sáp nhập vào Xã Phước Thắng từ ngày {today.AddDays(1):dd/MM/yyyy}");
        await KeepScreenshotAsync(page, "units-merged");

        var office = await Suite.CallAsAsync(Roles.PlanningOffice);
        var stored = (await plans.ListUnitsAsync(new ListUnitsRequest { AsOf = today.ToProto(), PageSize = 1000 }, office)).Units.Single(u => u.Code == code);
        Assert.Equal(("Xã Thử Nghiệm Mới", UnitKind.Commune, "PHUOC_THANG", today.AddDays(1)), (stored.Name, stored.Kind, stored.MergedIntoCode, stored.ValidTo.ToDate("")!.Value));
        var tomorrow = await plans.ListUnitsAsync(new ListUnitsRequest { AsOf = today.AddDays(1).ToProto(), PageSize = 1000 }, office);
        Assert.DoesNotContain(tomorrow.Units, u => u.Code == code);
        // The refused attempt stored nothing: one unit of that name, the one added after.
        Assert.DoesNotContain((await plans.ListUnitsAsync(new ListUnitsRequest { AsOf = today.ToProto(), PageSize = 1000 }, office)).Units,
            u => u.Name.StartsWith("Xã Thử Nghiệm", StringComparison.Ordinal) && u.Code != code);
    }

    /// <summary>
    /// The portal keeps the units for everyone and is told by the plans' feed when one changes: a commune added and renamed
    /// by a partner system (not through the portal) is offered on the sign-in page under its new name within seconds.
    /// </summary>
    [Fact]
    public async Task AUnitAddedAndRenamedOutsideThePortal_TheSignInPageOffersItsNewNameWithinSeconds()
    {
        var code = $"XA_FEED_{Guid.NewGuid():N}"[..20].ToUpperInvariant();
        var plans = new IndicatorPlans.IndicatorPlansClient(Suite.Gateway);
        var office = await Suite.CallAsAsync(Roles.PlanningOffice);
        var page = await NewPageAsync();
        var signIn = new Uri(Suite.Portal, "/dang-nhap").ToString();
        await page.GotoAsync(signIn);
        await Expect(page.Locator("#unit option[value=PHUOC_THANG]")).ToHaveCountAsync(1);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh")).DateTime);
        await plans.CreateUnitAsync(new CreateUnitRequest
        {
            Unit = new Unit { Code = code, Name = "Xã Theo Dõi", Kind = UnitKind.Commune, ParentCode = "TUY_PHUOC", ValidFrom = today.ToProto(), ValidTo = today.AddDays(1).ToProto() },
            IdempotencyKey = code,
        }, office);
        await plans.RenameUnitAsync(new RenameUnitRequest { Code = code, Name = "Xã Theo Dõi Mới", IdempotencyKey = code + "-rename" }, office);

        await Eventually.TrueAsync(async () =>
        {
            await page.GotoAsync(signIn);
            return (await page.Locator($"#unit option[value={code}]").AllTextContentsAsync()).SequenceEqual(["Xã Theo Dõi Mới"]);
        }, TimeSpan.FromSeconds(15), "the portal's units follow the plans' feed instead of expiring after minutes");
    }
}
