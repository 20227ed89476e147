using Microsoft.Playwright;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>
/// The portal in headless Chromium (Debian's, through ExecutablePath) against the real AppHost: the browser tests sign
/// in through the portal's own sign-in page as the person each needs, and keep a screenshot with the test results.
/// </summary>
public abstract class PortalBrowser(SuiteFixture suite) : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    protected SuiteFixture Suite => suite;

    public async ValueTask InitializeAsync()
    {
        // Two shared cores: a circuit may take a few seconds to connect while other tests load the suite.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            // The tests run as root, where Chromium's sandbox cannot start.
            Args = ["--no-sandbox"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A unit's reporter, signed in and on <paramref name="path"/>.</summary>
    protected Task<IPage> SignedInAsync(string unit, string? name, string path, ViewportSize? viewport = null) =>
        SignedInAsAsync(Roles.UnitReporter, path, unit: unit, name: name, viewport: viewport);

    /// <summary>Someone of <paramref name="role"/> (a block leader of <paramref name="block"/>), signed in and on <paramref name="path"/>.</summary>
    protected async Task<IPage> SignedInAsAsync(string role, string path, string? unit = null, string? block = null, string? name = null, ViewportSize? viewport = null)
    {
        var page = await NewPageAsync(viewport);
        await page.GotoAsync(new Uri(suite.Portal, path).ToString());
        // Not signed in: the portal sends the person to sign in first, then back to the page asked for.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/dang-nhap"));
        await page.SelectOptionAsync("#role", role);
        if (unit is not null) await page.SelectOptionAsync("#unit", unit);
        if (block is not null) await page.SelectOptionAsync("#block", block);
        if (name is not null) await page.FillAsync("#name", name);
        await page.ClickAsync("#sign-in");
        await Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/dang-nhap"));
        await WhenLiveAsync(page);
        return page;
    }

    /// <summary>A page of a browser context of its own: a person who has not signed in yet.</summary>
    protected async Task<IPage> NewPageAsync(ViewportSize? viewport = null)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 }, Locale = "vi-VN" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        return page;
    }

    protected static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(new Uri(new Uri(page.Url), path).ToString());
        await WhenLiveAsync(page);
    }

    /// <summary>The page is connected to its circuit: what is typed now reaches the server.</summary>
    protected static Task WhenLiveAsync(IPage page) => Expect(page.Locator("div.page[data-live=yes]")).ToHaveCountAsync(1);

    protected static async Task KeepScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        var bytes = await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
        TestContext.Current.AddAttachment($"{name}.png", bytes, "image/png");
    }

    protected static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    protected static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
