using Microsoft.Playwright;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>
/// The portal as each role holds it at phone width: the menu folded into one button that lists only the pages the
/// role may open, every one of them without sideways scrolling, and the pages of other roles, unknown pages and a lost
/// connection said in Vietnamese. Each signs in under a name no other test uses (a person's oldest sessions are forgotten).
/// </summary>
public sealed class PortalLayoutTests(SuiteFixture suite) : PortalBrowser(suite)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    public static TheoryData<string, string?, string?, string[], string> Roles_ => new()
    {
        { Roles.UnitReporter, "PHUOC_THANG", null, ["/", "/bao-cao", "/kien-nghi", "/nhiem-vu", "/chi-dao", "/thong-bao", "/hop-thu"], "/duyet-bao-cao" },
        { Roles.PlanningOffice, null, null, ["/", "/duyet-bao-cao", "/dung-han", "/bao-cao-quy", "/kien-nghi/tong-hop", "/nhiem-vu", "/chi-dao", "/thong-bao", "/hop-thu", "/ke-hoach", "/don-vi", "/danh-muc-chi-tieu", "/thiet-lap-nam", "/lich-su-thay-doi"], "/bao-cao" },
        { Roles.BlockLeader, null, "economy", ["/", "/khoi", "/nhiem-vu", "/chi-dao", "/thong-bao", "/hop-thu"], "/ke-hoach" },
        { Roles.HomeAffairs, null, null, ["/", "/xep-hang", "/nhiem-vu", "/chi-dao", "/thong-bao", "/hop-thu", "/lich-su-thay-doi"], "/duyet-bao-cao" },
    };

    [Theory]
    [MemberData(nameof(Roles_))]
    public async Task AtPhoneWidth_OneMenuButtonWithTheRolesPages_NoneScrollsSideways(string role, string? unit, string? block, string[] pages, string notOpen)
    {
        await Suite.DemoLoadedAsync();
        var page = await SignedInAsAsync(role, "/", unit: unit, block: block, name: $"Bố cục {role}", viewport: Phone);
        var menu = page.Locator("header nav");
        var button = page.Locator("label.menu-button");

        await Expect(button).ToHaveTextAsync("Trình đơn");
        await Expect(menu).ToBeHiddenAsync();
        await button.ClickAsync();
        await Expect(menu).ToBeVisibleAsync();
        var links = await menu.Locator("a").EvaluateAllAsync<string[]>("links => links.map(a => new URL(a.href).pathname)");
        Assert.Equal(pages.Order(), links.Order());
        await KeepScreenshotAsync(page, $"layout-{role}-menu", fullPage: false);

        foreach (var path in pages)
        {
            await OpenAsync(page, path);
            await Expect(page.Locator("h1")).Not.ToBeEmptyAsync();
            await Expect(page.Locator(".loading")).ToHaveCountAsync(0);
            // Nothing done yet: nothing to report done.
            await Expect(page.Locator(".notice")).ToHaveCountAsync(0);
            var (width, widest) = (await page.EvaluateAsync<int>("() => window.innerWidth"), await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"));
            Assert.True(widest <= width, $"{role} {path}: the page is {widest} px wide in a {width} px window");
            await Expect(menu).ToBeHiddenAsync();
            await KeepScreenshotAsync(page, $"layout-{role}{path.Replace('/', '-')}");
        }

        await page.GotoAsync(new Uri(Suite.Portal, notOpen).ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync("Không có quyền truy cập");
        await Expect(page.Locator(".problem")).ToHaveTextAsync("Trang này không dành cho vai trò của bạn.");
    }

    [Fact]
    public async Task OnALaptop_TheMenuIsInTheHeader()
    {
        var page = await SignedInAsAsync(Roles.PlanningOffice, "/", name: "Bố cục máy tính");

        await Expect(page.Locator("label.menu-button")).ToBeHiddenAsync();
        await Expect(page.Locator("header nav a[href='ke-hoach']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task UnknownPageWithinTheSession_AndALostConnection_SaidInVietnamese()
    {
        var page = await SignedInAsync("PHUOC_THANG", "Bố cục kết nối", "/");

        await page.EvaluateAsync("() => Blazor.navigateTo('/khong-co-trang-nay')");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Không tìm thấy trang");

        await OpenAsync(page, "/");
        // A quick reconnection shows the note for less than a poll lasts: the page itself records that it was shown.
        await page.EvaluateAsync("""
            () => {
                const modal = document.getElementById('components-reconnect-modal');
                new MutationObserver(() => { if (modal.classList.contains('components-reconnect-show')) window.reconnectShown = true; })
                    .observe(modal, { attributes: true });
            }
            """);
        await page.EvaluateAsync("() => Blazor._internal.forceCloseConnection()");
        var reconnect = page.Locator("#components-reconnect-modal");
        await page.WaitForFunctionAsync("() => window.reconnectShown === true");
        await Expect(reconnect.Locator(".reconnect-show")).ToHaveTextAsync("Mất kết nối với máy chủ, đang kết nối lại…");
        await KeepScreenshotAsync(page, "layout-reconnecting", fullPage: false);
        // The server is there: the circuit is rejoined and the note goes away.
        await Expect(reconnect).ToBeHiddenAsync();
    }
}
