using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Radzen;
using TuyPhuoc.Contracts.DevTokens.V1;
using TuyPhuoc.Contracts.Evaluation.V1;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Submissions.V1;
using TuyPhuoc.Portal.Components;
using TuyPhuoc.Portal.Features;
using TuyPhuoc.Portal.Web;
using TuyPhuoc.PlanModel;

namespace TuyPhuoc.Portal;

public static class Extensions
{
    public static readonly string[] UiCultures = ["vi-VN", "en"];

    /// <summary>The portal: Blazor with interactive server rendering, calling the suite only through the gateway, with the person's token.</summary>
    public static void AddPortal(this WebApplicationBuilder builder)
    {
        // The packages' files (_framework, _content) from the build's manifest in any environment, as the AppHost and the
        // tests run the build unpublished; a published portal has them in wwwroot and this does nothing.
        builder.WebHost.UseStaticWebAssets();
        var gateway = ResourceNames.GrpcAddress(ResourceNames.Gateway);
        builder.Services.AddSuiteChannel<IndicatorPlans.IndicatorPlansClient>(gateway);
        builder.Services.AddSuiteChannel<Submissions.SubmissionsClient>(gateway);
        builder.Services.AddSuiteChannel<Evaluation.EvaluationClient>(gateway);
        builder.Services.AddSuiteChannel<TuyPhuoc.Contracts.Tasks.V1.KeyTasks.KeyTasksClient>(gateway);
        builder.Services.AddSuiteChannel<TuyPhuoc.Contracts.Scoring.V1.EmulationScoring.EmulationScoringClient>(gateway);
        builder.Services.AddSuiteChannel<DevTokens.DevTokensClient>(gateway);
        builder.Services.AddSuiteChannel<TuyPhuoc.Contracts.Notifications.V1.Notifications.NotificationsClient>(gateway);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TokenVault>();
        // The portal's own identity at the gateway: the development key where there is no authority, else its client credentials.
        builder.Services.TryAddSingleton<DevTokenIssuer>();
        builder.Services.AddServiceTokens();
        builder.Services.AddSingleton<PortalCalls>();
        builder.Services.AddPlanReader(sp => sp.GetRequiredService<PortalCalls>().CallAsync).AddSingleton<PlanCache>();
        builder.Services.AddSingleton<OfficeReads>();
        builder.Services.AddFeatureReaders();
        builder.Services.AddScoped<SuiteSession>();
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddRadzenComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.AddPortalSignIn();
        builder.AddPortalDoors();
    }

    public static void MapPortal(this WebApplication app)
    {
        app.UseSecurityHeaders();
        // Vietnamese unless the person chose English (the language cookie), whatever the browser asks for.
        var localization = new RequestLocalizationOptions { DefaultRequestCulture = new RequestCulture("vi-VN", "vi-VN") }
            .AddSupportedCultures("vi-VN").AddSupportedUICultures(UiCultures);
        localization.RequestCultureProviders = [new CookieRequestCultureProvider()];
        app.UseRequestLocalization(localization);
        app.UseErrorPages();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseQueryGuard();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapDefaultEndpoints(grpcHealth: false);
        app.MapStaticAssets();
        app.MapPortalSignIn();
        app.MapForms();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode()
            // What a person not signed in can reach, but the files: a budget per address.
            .RequireRateLimiting(PortalDoors.AnonymousPolicy);
    }
}
