using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using TuyPhuoc.Portal.Auth;
using TuyPhuoc.Portal.Features;
using TuyPhuoc.Portal.Suite;
using TuyPhuoc.PlanModel;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.Portal.Tests;

/// <summary>A page with the suite out of reach: real gRPC clients to an address where nothing listens, and a live circuit.</summary>
public abstract class SuiteDownContext : BunitContext
{
    public const string SuiteDown = "Hệ thống tạm thời không phản hồi. Những gì bạn đã nhập vẫn được giữ; vui lòng thử lại sau ít phút.";
    private readonly TokenVault _vault = new(TimeProvider.System);

    protected SuiteDownContext()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("vi-VN");
        var nowhere = new Uri($"http://127.0.0.1:{ClosedPort()}");
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Services.AddSingleton(TimeProvider.System).AddSingleton<DistrictClock>(sp => new(TimeProvider.System));
        Services.AddSingleton(_vault);
        Services.AddLogging().AddPlanReader().AddSingleton<PlanCache>();
        Services.AddSingleton<OfficeReads>();
        Services.AddFeatureReaders();
        Services.AddScoped<SuiteSession>();
        Services.AddFeatureReaders();
        Services.AddSuiteChannel<Contracts.Plans.V1.IndicatorPlans.IndicatorPlansClient>(nowhere);
        Services.AddSuiteChannel<Contracts.Submissions.V1.Submissions.SubmissionsClient>(nowhere);
        Services.AddSuiteChannel<Contracts.Evaluation.V1.Evaluation.EvaluationClient>(nowhere);
        Services.AddSuiteChannel<Contracts.Scoring.V1.EmulationScoring.EmulationScoringClient>(nowhere);
    }

    /// <summary>Signs the person in with a session whose token the portal holds, and opens <paramref name="path"/>.</summary>
    protected void SignedIn(string name, string role, string path, string? unit = null)
    {
        var session = _vault.Keep("unit_reporter:X", "a-token", DateTimeOffset.UtcNow.AddHours(1));
        Claim[] claims = [new(SuiteClaims.Role, role), new(Person.SessionClaim, session), new(Person.NameClaim, name), .. unit is null ? [] : new[] { new Claim(SuiteClaims.Unit, unit) }];
        AddAuthorization().SetAuthorized(name).SetRoles(role).SetClaims(claims);
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo(path);
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
