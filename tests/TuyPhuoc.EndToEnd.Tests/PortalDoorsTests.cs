using System.Net;
using System.Text.RegularExpressions;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>
/// The portal's own doors against the real AppHost: who may sign in how, what a request without the form's token or
/// with odd values gets, what every response carries, how many sessions a person holds. Each test signs in as a
/// unit no other portal test signs in as, since a person's oldest sessions are forgotten past a few.
/// </summary>
public sealed class PortalDoorsTests(SuiteFixture suite) : PortalBrowser(suite)
{
    [Fact]
    public async Task SignInPage_VietnameseAsUtf8Text_AndSecurityHeadersOnEveryResponse()
    {
        using var client = new PortalClient(Suite.Portal);

        using var signIn = await client.Http.GetAsync("/dang-nhap", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var html = await signIn.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Đăng nhập", html);

        using var notFound = await client.Http.GetAsync("/khong-co-trang-nay", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Contains("Không tìm thấy trang", await notFound.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        using var file = await client.Http.GetAsync("/app.css", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        using var redirect = await client.Http.GetAsync("/ke-hoach", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);

        foreach (var response in new[] { signIn, notFound, file, redirect })
        {
            var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        }

        // Under that policy the pages still work: Blazor's circuit connects and Radzen draws.
        var page = await SignedInAsync("PHUOC_QUANG", null, "/");
        await Expect(page.Locator("tr[data-indicator]").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AnonymousFloodFromOneAddress_Limited_SignInStillWorksForOthers()
    {
        using var flood = new PortalClient(Suite.Portal, IPAddress.Parse("127.0.0.41"));
        var answers = new List<(HttpStatusCode Status, string Body)>();
        for (var i = 0; i < 400; i++)
        {
            using var response = await flood.Http.GetAsync("/dang-nhap", TestContext.Current.CancellationToken);
            answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
        }

        // Every page it got showed the units to sign in as; past its budget, a page in Vietnamese says to wait.
        Assert.Contains(answers, a => a.Status == HttpStatusCode.TooManyRequests);
        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"{a.Status}"));
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.OK), a => Assert.Contains("<option value=\"PHUOC_QUANG\"", a.Body));
        Assert.Contains("Quá nhiều yêu cầu", answers.First(a => a.Status == HttpStatusCode.TooManyRequests).Body);

        var page = await SignedInAsync("PHUOC_QUANG", null, "/");
        await Expect(page.Locator("header .person-unit")).ToHaveTextAsync("Xã Phước Quang");
    }

    [Fact]
    public async Task FormsWithoutTheAntiforgeryToken_Refused_TheSessionSurvives()
    {
        using var person = new PortalClient(Suite.Portal);
        using var signedIn = await person.SignInAsync(Roles.UnitReporter, "PHUOC_NGHIA");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.True(await person.SignedInAsync());

        // Another site's forms carry the person's cookie but not the token of a page of the portal.
        using var signOut = await person.PostAsync("/dang-xuat", []);
        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        Assert.Contains("Biểu mẫu không gửi từ trang của cổng thông tin", await signOut.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        using var language = await person.PostAsync("/ngon-ngu", new() { ["c"] = "en", ["r"] = "/" });
        Assert.Equal(HttpStatusCode.BadRequest, language.StatusCode);
        Assert.False(language.Headers.Contains("Set-Cookie"));
        using var signIn = await person.PostAsync("/dang-nhap", new() { ["Role"] = Roles.PlanningOffice });
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.False(signIn.Headers.Contains("Set-Cookie"));
        using var oldLanguageSwitch = await person.Http.GetAsync("/ngon-ngu?c=en&r=/", TestContext.Current.CancellationToken);
        Assert.False(oldLanguageSwitch.Headers.Contains("Set-Cookie"));

        Assert.True(await person.SignedInAsync());
        using var home = await person.Http.GetAsync("/", TestContext.Current.CancellationToken);
        Assert.Contains("Xã Phước Nghĩa", await home.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("/\t/other.example")]
    [InlineData("/\n/other.example")]
    [InlineData("//other.example")]
    [InlineData("/\\other.example")]
    [InlineData("/ /other.example")]
    [InlineData("https://other.example/")]
    [InlineData("other.example")]
    [InlineData("/a//other.example")]
    public async Task ReturnAddressNotOfThisSite_GoesHome(string returnUrl)
    {
        using var person = new PortalClient(Suite.Portal);
        using var page = await person.Http.GetAsync($"/dang-nhap?returnUrl={Uri.EscapeDataString(returnUrl)}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        using var signedIn = await person.SignInAsync(Roles.UnitReporter, "PHUOC_NGHIA", returnUrl);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location?.OriginalString);

        using var language = await person.PostAsync("/ngon-ngu", new() { ["c"] = "en", ["r"] = returnUrl }, tokenFrom: "/");
        Assert.Equal(HttpStatusCode.Redirect, language.StatusCode);
        Assert.Equal("/", language.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ReturnAddressOfThisSite_IsWhereTheSignInAndTheLanguageSwitchLead()
    {
        using var person = new PortalClient(Suite.Portal);
        using var signedIn = await person.SignInAsync(Roles.UnitReporter, "PHUOC_NGHIA", "/bao-cao?nam=2024&thang=3");
        Assert.Equal("/bao-cao?nam=2024&thang=3", signedIn.Headers.Location?.OriginalString);
        using var language = await person.PostAsync("/ngon-ngu", new() { ["c"] = "en", ["r"] = "/nhiem-vu" }, tokenFrom: "/");
        Assert.Equal("/nhiem-vu", language.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/bieu-mau/bao-cao-quy?year=0&quarter=1", "Năm không hợp lệ")]
    [InlineData("/bieu-mau/bao-cao-quy?year=10000&quarter=1", "Năm không hợp lệ")]
    [InlineData("/bieu-mau/bao-cao-quy?year=2024&quarter=9", "Quý không hợp lệ")]
    [InlineData("/bieu-mau/bao-cao-quy?year=2024", "Yêu cầu không hợp lệ")]
    [InlineData("/bieu-mau/ke-hoach?year=-1", "Năm không hợp lệ")]
    [InlineData("/bieu-mau/ke-hoach?year=abc", "Năm không hợp lệ")]
    [InlineData("/bieu-mau/ke-hoach?year=99999999999999999999", "Năm không hợp lệ")]
    [InlineData("/bieu-mau/ke-hoach?year=2024&year=2025", "chỉ được có một giá trị")]
    [InlineData("/bieu-mau/ke-hoach", "Yêu cầu không hợp lệ")]
    [InlineData("/bieu-mau/bao-cao-thang?year=2024&month=13", "Tháng không hợp lệ")]
    [InlineData("/bieu-mau/bao-cao-thang?year=2024&month=x", "Tháng không hợp lệ")]
    [InlineData("/bieu-mau/xep-loai?year=0", "Năm không hợp lệ")]
    [InlineData("/bieu-mau/xep-loai?year=2024&quarter=9", "Quý không hợp lệ")]
    [InlineData("/?nam=0", "Năm không hợp lệ")]
    [InlineData("/?nam=2024&quy=9", "Quý không hợp lệ")]
    [InlineData("/bao-cao?nam=2024&thang=13", "Tháng không hợp lệ")]
    [InlineData("/bao-cao?nam=2024&thang=3&donvi=KHONG_CO", "Không có đơn vị này")]
    [InlineData("/bao-cao?nam=2024&thang=3&donvi=%01", "Không có đơn vị này")]
    [InlineData("/ke-hoach?nam=abc", "Năm không hợp lệ")]
    [InlineData("/xep-hang?nam=2024&quy=4&khoi=khong-co", "Khối không hợp lệ")]
    [InlineData("/nhiem-vu?nam=99999999999", "Năm không hợp lệ")]
    public async Task OddQueryValues_Answer400InVietnamese_NoStackTrace(string path, string message)
    {
        using var person = new PortalClient(Suite.Portal);
        using var signedIn = await person.SignInAsync(Roles.UnitReporter, "PHUOC_HIEP");

        using var response = await person.Http.GetAsync(path, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, body);
        Assert.DoesNotContain("Exception", body);
        Assert.DoesNotContain(" at TuyPhuoc", body);
        Assert.DoesNotContain(" at Microsoft", body);
    }

    [Fact]
    public async Task PageNotForThePersonsRole_SaysAccessDenied()
    {
        var page = await SignedInAsync("PHUOC_QUANG", null, "/");

        await page.GotoAsync(new Uri(Suite.Portal, "/ke-hoach").ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync("Không có quyền truy cập");
        await Expect(page.Locator("header .person-unit")).ToHaveTextAsync("Xã Phước Quang");
        await KeepScreenshotAsync(page, "access-denied");
        // Signed in still: the home page opens.
        await OpenAsync(page, "/");
        await Expect(page.Locator("tr[data-indicator]").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SignIn_ANameWithARightToLeftOverride_RefusedInVietnameseNotSignedIn()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(Suite.Portal, "/dang-nhap").ToString());
        await page.SelectOptionAsync("#role", Roles.UnitReporter);
        await page.SelectOptionAsync("#unit", "PHUOC_QUANG");
        await page.FillAsync("#name", "Nguyễn \u202EnăV");
        await page.ClickAsync("#sign-in");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/dang-nhap\\?loi=name"));
        await Expect(page.Locator(".problem")).ToContainTextAsync("ký tự định dạng ẩn");
        await Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task DevelopmentSignIn_OnlyForACallerOnThisMachine()
    {
        var network = SourceAddress.OnTheNetwork();
        Assert.SkipWhen(network is null, "This machine has no network address other than loopback.");
        using var local = new PortalClient(Suite.Portal);
        using var remote = new PortalClient(Suite.Portal, network, local.Cookies);

        using var page = await remote.Http.GetAsync("/dang-nhap", TestContext.Current.CancellationToken);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("chỉ dùng được khi chạy thử trên chính máy này", html);
        Assert.DoesNotContain("id=\"sign-in\"", html);

        // Even with a good form token (taken on this machine), the sign-in from elsewhere is refused.
        using var signIn = await remote.SignInAsync(Roles.PlanningOffice, tokenClient: local);
        var refusal = await signIn.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(signIn.StatusCode == HttpStatusCode.Forbidden, $"{signIn.StatusCode}: {refusal}");
        Assert.Contains("chỉ dùng được khi chạy thử trên chính máy này", refusal);
        Assert.DoesNotContain(local.Cookies.GetAllCookies(), c => c.Name == "tuyphuoc-portal");
    }

    [Fact]
    public async Task APersonHoldsAFewSessionsAtMost_TheOldestForgotten_NoCookieOutlivesTheBrowser()
    {
        var people = Enumerable.Range(0, 4).Select(_ => new PortalClient(Suite.Portal)).ToList();
        try
        {
            foreach (var person in people)
            {
                using var signedIn = await person.SignInAsync(Roles.UnitReporter, "PHUOC_HOA");
                Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
                // The session's 8 hours are in the cookie's protected ticket; the cookie itself ends with the browser.
                var cookie = Assert.Single(person.Cookies.GetAllCookies(), c => c.Name == "tuyphuoc-portal");
                Assert.Equal(DateTime.MinValue, cookie.Expires);
            }

            Assert.False(await people[0].SignedInAsync());
            foreach (var person in people.Skip(1)) Assert.True(await person.SignedInAsync());
            // Using a session does not lengthen it: no new cookie comes back.
            using var home = await people[3].Http.GetAsync("/", TestContext.Current.CancellationToken);
            Assert.False(home.Headers.TryGetValues("Set-Cookie", out var set) && set.Any(c => c.StartsWith("tuyphuoc-portal", StringComparison.Ordinal)));
        }
        finally
        {
            foreach (var person in people) person.Dispose();
        }
    }
}

/// <summary>The portal's doors with small limits at the gateway: the sign-in page spends none of the anonymous budget there.</summary>
[Collection(LimitedSuiteCollection.Name)]
public sealed class PortalDoorsLimitedTests(LimitedSuite suite)
{
    [Fact]
    public async Task ManySignInPageViews_SpendNoneOfTheGatewaysAnonymousBudget_SignInStillWorks()
    {
        // Several times the gateway's anonymous burst, all within the portal's own budget for one address.
        using var viewer = new PortalClient(suite.Portal, IPAddress.Parse("127.0.0.42"));
        for (var i = 0; i < LimitedSuite.Burst * 3; i++)
        {
            using var response = await viewer.Http.GetAsync("/dang-nhap", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("<option value=\"PHUOC_AN\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        using var person = new PortalClient(suite.Portal, IPAddress.Parse("127.0.0.43"));
        using var signedIn = await person.SignInAsync(Roles.UnitReporter, "PHUOC_AN");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
        Assert.Contains(person.Cookies.GetAllCookies(), c => c.Name == "tuyphuoc-portal");
    }
}

/// <summary>The portal's doors with Auth:Authority set.</summary>
[Collection(AuthoritySuiteCollection.Name)]
public sealed class PortalDoorsAuthorityTests(AuthoritySuite suite) : PortalBrowser(suite)
{
    [Fact]
    public async Task ReturnAddressWithATab_AfterSigningInAtTheAuthority_StaysOnThePortal()
    {
        suite.Issuer.SigningIn = new TestIssuer.Person("hoa@phuochoa", "Lê Thị Hoa", Roles.UnitReporter, "PHUOC_HOA");
        var page = await NewPageAsync();

        // Browsers drop the tab: "/", tab, "/other.example" would be //other.example.
        await page.GotoAsync(new Uri(suite.Portal, $"/dang-nhap/oidc?returnUrl={Uri.EscapeDataString("/\t/other.example")}").ToString());

        await Expect(page).ToHaveURLAsync(new Regex($"^{Regex.Escape(new Uri(suite.Portal, "/").ToString())}$"));
        await Expect(page.Locator("header .person-name")).ToHaveTextAsync("Lê Thị Hoa");
    }
}

/// <summary>
/// A person's HTTP client of the portal (cookies kept, redirects not followed), its connections from
/// <c>source</c>: another loopback address is another caller to the portal, as another machine would be.
/// </summary>
public sealed partial class PortalClient : IDisposable
{
    public PortalClient(Uri portal, IPAddress? source = null, CookieContainer? cookies = null)
    {
        Cookies = cookies ?? new CookieContainer();
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = Cookies, UseCookies = true };
        if (source is not null) handler.ConnectCallback = SourceAddress.ConnectFrom(source, portal.Port);
        Http = new HttpClient(handler) { BaseAddress = portal, Timeout = SuiteFixture.CallDeadline };
    }

    public CookieContainer Cookies { get; }

    public HttpClient Http { get; }

    /// <summary>The antiforgery token of the form on <paramref name="path"/>, as the portal's own page gives it.</summary>
    public async Task<string> TokenAsync(string path)
    {
        var html = await Http.GetStringAsync(path, TestContext.Current.CancellationToken);
        return WebUtility.HtmlDecode(FormToken().Match(html) is { Success: true } match ? match.Groups[1].Value
            : throw new InvalidOperationException($"{path} has no form with an antiforgery token."));
    }

    /// <summary>Posts the form; with <paramref name="tokenFrom"/>, with the token of that page (of <paramref name="tokenClient"/>, else this client).</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> form, string? tokenFrom = null, PortalClient? tokenClient = null)
    {
        if (tokenFrom is not null) form["__RequestVerificationToken"] = await (tokenClient ?? this).TokenAsync(tokenFrom);
        return await Http.PostAsync(path, new FormUrlEncodedContent(form), TestContext.Current.CancellationToken);
    }

    /// <summary>The development sign-in, as its form sends it.</summary>
    public Task<HttpResponseMessage> SignInAsync(string role, string? unit = null, string? returnUrl = null, PortalClient? tokenClient = null) =>
        PostAsync("/dang-nhap", new() { ["Role"] = role, ["Unit"] = unit ?? "", ["Block"] = "", ["Name"] = "", ["ReturnUrl"] = returnUrl ?? "" },
            tokenFrom: "/dang-nhap", tokenClient: tokenClient);

    /// <summary>Home opens, rather than sending the person to sign in.</summary>
    public async Task<bool> SignedInAsync()
    {
        using var home = await Http.GetAsync("/", TestContext.Current.CancellationToken);
        return home.StatusCode == HttpStatusCode.OK;
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}
