using System.Text.RegularExpressions;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>The portal with Auth:Authority set: people sign in at the provider (authorization code with PKCE), not on a form of the portal's.</summary>
[Collection(AuthoritySuiteCollection.Name)]
public sealed class AuthorityPortalTests(AuthoritySuite suite) : PortalBrowser(suite)
{
    [Fact]
    public async Task CommuneReporter_SignsInAtTheAuthority_HomeShowsTheirNameAndUnit_SignOutEndsTheSession()
    {
        suite.Issuer.SigningIn = new TestIssuer.Person("lan@phuocthang", "Trần Thị Lan", Roles.UnitReporter, "PHUOC_THANG");
        var page = await NewPageAsync();

        // Not signed in: straight to the authority (which signs the person in) and back to the page asked for.
        await page.GotoAsync(new Uri(suite.Portal, "/?nam=2024&quy=2").ToString());
        await Expect(page).ToHaveURLAsync(new Regex(@"/\?nam=2024&quy=2$"));
        await WhenLiveAsync(page);

        await Expect(page.Locator("header .person-name")).ToHaveTextAsync("Trần Thị Lan");
        await Expect(page.Locator("header .person-unit")).ToHaveTextAsync("Xã Phước Thắng");
        // The person's token from the authority reached the suite: the unit's indicators are on the page.
        await Expect(page.Locator("tr[data-indicator]").First).ToBeVisibleAsync();
        await KeepScreenshotAsync(page, "authority-home");
        Assert.Contains(suite.Issuer.TokensIssued, t => t.ClientId == AuthoritySuite.PortalClient);

        await page.ClickAsync("header button:has-text('Đăng xuất')");
        await Expect(page).ToHaveURLAsync(new Regex("/dang-nhap"));
        await Expect(page.Locator("a[href^='/dang-nhap/oidc']")).ToBeVisibleAsync();
        // The session is over: the portal asks the authority again, where nobody is signed in now.
        suite.Issuer.SigningIn = null;
        await page.GotoAsync(new Uri(suite.Portal, "/").ToString());
        await Expect(page).ToHaveURLAsync(new Regex($"^{Regex.Escape(suite.Issuer.Authority)}/authorize"));
    }
}
