using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Submissions.V1;
using System.Security.Claims;
using TuyPhuoc.Portal.Auth;
using TuyPhuoc.Portal.Components.Pages;
using TuyPhuoc.Portal.Suite;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.Portal.Tests;

/// <summary>The month's page with the suite out of reach: real gRPC clients to an address where nothing listens.</summary>
public sealed class MonthPageTests : BunitContext
{
    private readonly TokenVault _vault = new(TimeProvider.System);

    public MonthPageTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("vi-VN");
        var nowhere = new Uri($"http://127.0.0.1:{ClosedPort()}");
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Services.AddMemoryCache();
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(_vault);
        Services.AddSingleton<PlanCache>();
        Services.AddScoped<SuiteSession>();
        Services.AddSuiteChannel<Contracts.Plans.V1.IndicatorPlans.IndicatorPlansClient>(nowhere);
        Services.AddSuiteChannel<Submissions.SubmissionsClient>(nowhere);
    }

    [Fact]
    public void Open_TheSuiteIsDown_SaysSoInVietnameseAndShowsNoForm()
    {
        var session = _vault.Keep("a-token", DateTimeOffset.UtcNow.AddHours(1));
        AddAuthorization().SetAuthorized("Nguyễn Thị Lan").SetRoles(Roles.UnitReporter).SetClaims(
            new Claim(SuiteClaims.Role, Roles.UnitReporter), new Claim(SuiteClaims.Unit, "PHUOC_THANG"), new Claim(Person.SessionClaim, session), new Claim(Person.NameClaim, "Nguyễn Thị Lan"));

        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("bao-cao?nam=2024&thang=7");
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        var page = Render<Month>();

        page.WaitForAssertion(() => Assert.Equal(
            "Hệ thống tạm thời không phản hồi. Những gì bạn đã nhập vẫn được giữ; vui lòng thử lại sau ít phút.", page.Find(".problem").TextContent), TimeSpan.FromSeconds(30));
        Assert.Empty(page.FindAll("input[inputmode=decimal]"));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
