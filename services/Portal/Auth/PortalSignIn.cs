using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.JsonWebTokens;
using TuyPhuoc.Contracts.DevTokens.V1;
using TuyPhuoc.Portal.Web;

namespace TuyPhuoc.Portal.Auth;

/// <summary>The portal's own client at the OIDC authority (authorization code with PKCE), used when Auth:Authority is set.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    /// <summary>Scopes beyond "openid profile", where the provider wants one for the suite's API.</summary>
    public string? Scope { get; set; }

    /// <summary>People sign in at the authority only once the portal has a client there; until then no one can.</summary>
    public bool SignsInAt(AuthOptions auth) => auth.HasAuthority && !string.IsNullOrWhiteSpace(ClientId);
}

/// <summary>
/// Signing in: with development tokens (no Auth:Authority, the Development environment, a browser on this machine) a
/// person picks who they are and the gateway issues the token; with an authority, OpenID Connect. Either way the access token stays in the <see cref="TokenVault"/> and
/// the cookie carries the session, the person's name, role and unit.
/// </summary>
public static class PortalSignIn
{
    public const string SignInPath = "/dang-nhap", SignOutPath = "/dang-xuat", CulturePath = "/ngon-ngu", AccessDeniedPath = "/khong-co-quyen";
    private static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    public sealed record DevSignIn(string Role, string? Unit, string? Block, string? Name, string? ReturnUrl);

    public static void AddPortalSignIn(this WebApplicationBuilder builder)
    {
        var auth = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var portal = builder.Configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions();
        builder.Services.AddSingleton(auth).AddSingleton(portal);
        var authentication = builder.Services.AddAuthentication(o =>
        {
            o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            if (portal.SignsInAt(auth)) o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
        }).AddCookie(cookie =>
        {
            cookie.LoginPath = SignInPath;
            cookie.Cookie.Name = "tuyphuoc-portal";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.ExpireTimeSpan = SessionLifetime;
            // A session ends 8 hours after signing in, however busy: the token it holds lasts no longer.
            cookie.SlidingExpiration = false;
            cookie.AccessDeniedPath = AccessDeniedPath;
            // A session whose token is gone (expired, signed out, or the portal restarted) is no session.
            cookie.Events.OnValidatePrincipal = async context =>
            {
                var person = context.Principal is { } user ? Person.Of(user) : null;
                if (person is null || context.HttpContext.RequestServices.GetRequiredService<TokenVault>().TokenOf(person.SessionId) is null)
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                }
            };
        });
        if (portal.SignsInAt(auth))
        {
            authentication.AddOpenIdConnect(oidc =>
            {
                oidc.Authority = auth.Authority;
                oidc.RequireHttpsMetadata = auth.RequireHttps;
                oidc.ClientId = portal.ClientId;
                oidc.ClientSecret = portal.ClientSecret;
                oidc.ResponseType = "code";
                oidc.UsePkce = true;
                oidc.MapInboundClaims = false;
                oidc.SaveTokens = false;
                foreach (var scope in (portal.Scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)) oidc.Scope.Add(scope);
                oidc.Events.OnTokenValidated = async context =>
                {
                    var token = context.TokenEndpointResponse?.AccessToken;
                    if (string.IsNullOrEmpty(token))
                    {
                        context.Fail("The authority answered no access token.");
                        return;
                    }
                    var access = new JsonWebToken(token);
                    string? Claim(string type) => access.TryGetPayloadValue<string>(type, out var value) ? Text.Optional(value) : null;
                    var services = context.HttpContext.RequestServices;
                    var subject = Claim(SuiteClaims.Subject) ?? "";
                    var session = services.GetRequiredService<TokenVault>().Keep(subject, token, new DateTimeOffset(access.ValidTo, TimeSpan.Zero));
                    var unit = Claim(SuiteClaims.Unit);
                    var name = context.Principal?.FindFirst("name")?.Value ?? context.Principal?.FindFirst("preferred_username")?.Value;
                    var person = new Person(subject, name ?? Claim(SuiteClaims.Subject) ?? "", Claim(SuiteClaims.Role) ?? "",
                        unit, await UnitNameAsync(services, unit, token), Claim(SuiteClaims.Block), session);
                    context.Principal = person.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme);
                };
            });
        }
        builder.Services.AddAuthorization();
    }

    /// <summary>The password-less sign-in (pick any role) is for local runs only: no authority, the Development environment, a caller on this machine.</summary>
    public static bool DevelopmentSignInOpenTo(HttpContext http) =>
        !http.RequestServices.GetRequiredService<AuthOptions>().HasAuthority
        && http.RequestServices.GetRequiredService<IWebHostEnvironment>().IsDevelopment()
        && http.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address);

    public static void MapPortalSignIn(this WebApplication app)
    {
        var auth = app.Services.GetRequiredService<AuthOptions>();
        var doors = app.MapGroup("").RequireRateLimiting(PortalDoors.AnonymousPolicy);
        if (app.Services.GetRequiredService<PortalOptions>().SignsInAt(auth))
        {
            doors.MapGet(SignInPath + "/oidc", (string? returnUrl) =>
                Results.Challenge(new AuthenticationProperties { RedirectUri = LocalReturn.OrHome(returnUrl) }, [OpenIdConnectDefaults.AuthenticationScheme]));
        }
        else if (!auth.HasAuthority && app.Environment.IsDevelopment())
        {
            doors.MapPost(SignInPath, SignInWithDevelopmentTokenAsync);
        }
        doors.MapPost(SignOutPath, async (HttpContext http, TokenVault vault, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return FormRefused(http);
            if (Person.Of(http.User) is { } person) vault.Forget(person.SessionId);
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect(SignInPath);
        });
        doors.MapPost(CulturePath, ([FromForm] string? c, [FromForm] string? r, HttpContext http) =>
        {
            var ui = c == "en" ? "en" : "vi-VN";
            // Numbers and dates stay Vietnamese in either language (1.234,5 and dd/MM/yyyy).
            http.Response.Cookies.Append(Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.DefaultCookieName,
                Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.MakeCookieValue(new("vi-VN", ui)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, HttpOnly = true });
            return Results.LocalRedirect(LocalReturn.OrHome(r));
        });
    }

    /// <summary>A state change without the form's antiforgery token (a form of another site, or a stale page): refused, nothing changes.</summary>
    private static IResult FormRefused(HttpContext http) =>
        new ErrorResult(StatusCodes.Status400BadRequest, http.RequestServices.GetRequiredService<IStringLocalizer<Strings>>()["Error_FormRefused"]);

    private static async Task<IResult> SignInWithDevelopmentTokenAsync([FromForm] DevSignIn form, HttpContext http,
        DevTokens.DevTokensClient devTokens, PortalCalls portal, TokenVault vault, IStringLocalizer<Strings> l)
    {
        if (!DevelopmentSignInOpenTo(http)) return new ErrorResult(StatusCodes.Status403Forbidden, l["SignInDevelopmentLocalOnly"]);
        IResult Again(string problem) => Results.LocalRedirect($"{SignInPath}?loi={problem}&returnUrl={Uri.EscapeDataString(LocalReturn.OrHome(form.ReturnUrl))}");
        var unit = form.Role == Roles.UnitReporter ? Text.Optional(form.Unit) : null;
        var block = form.Role == Roles.BlockLeader ? Text.Optional(form.Block) : null;
        if (form.Role == Roles.UnitReporter && unit is null) return Again("unit");
        // The name is shown in the header and on what the person does: the suite's bounds for any text hold for it too.
        if (form.Name is { } name && (name.Length > InputBounds.MaxTextLength || InputBounds.CharacterProblem(name) is not null)) return Again("name");
        IssueTokenResponse issued;
        try
        {
            issued = await devTokens.IssueTokenAsync(new IssueTokenRequest { Role = form.Role, Unit = unit ?? "", Block = block ?? "", LifetimeMinutes = (int)SessionLifetime.TotalMinutes },
                await portal.CallAsync(http.RequestAborted));
        }
        catch (Grpc.Core.RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.InvalidArgument)
        {
            return Again("role");
        }
        var unitName = await UnitNameAsync(http.RequestServices, unit, issued.AccessToken);
        if (unit is not null && unitName is null) return Again("unit");
        var subject = string.Join(':', new[] { form.Role, unit ?? block }.OfType<string>());
        var session = vault.Keep(subject, issued.AccessToken, issued.ExpiresAt.ToDateTimeOffset());
        var person = new Person(subject, Text.Optional(form.Name) ?? l[$"Role_{form.Role}"], form.Role, unit, unitName, block, session);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, person.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme),
            new AuthenticationProperties { ExpiresUtc = issued.ExpiresAt.ToDateTimeOffset() });
        return Results.LocalRedirect(LocalReturn.OrHome(form.ReturnUrl));
    }

    private static async Task<string?> UnitNameAsync(IServiceProvider services, string? unit, string token) =>
        unit is null ? null : (await services.GetRequiredService<PlanCache>().UnitsAsync(SuiteSession.Bearer(token))).FirstOrDefault(u => u.Code == unit)?.Name;
}
