using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace TuyPhuoc.ServiceDefaults;

public static class Roles
{
    public const string PlanningOffice = "planning_office";
    public const string UnitReporter = "unit_reporter";
    public const string BlockLeader = "block_leader";
    public const string HomeAffairs = "home_affairs";
    public const string Partner = "partner";
    /// <summary>Another service of the suite calling on its own behalf (change-feed consumers).</summary>
    public const string Service = "service";

    public static readonly IReadOnlySet<string> All =
        new HashSet<string> { PlanningOffice, UnitReporter, BlockLeader, HomeAffairs, Partner, Service };
}

public static class SuiteClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Unit = "unit";
    public const string Block = "block";

    public static string? UnitOf(this ClaimsPrincipal user) => user.FindFirst(Unit)?.Value;
    public static string? BlockOf(this ClaimsPrincipal user) => user.FindFirst(Block)?.Value;
    public static string SubjectOf(this ClaimsPrincipal user) => user.FindFirst(Subject)?.Value ?? "anonymous";
}

/// <summary>
/// Token settings. With Auth:Authority set, tokens come from that OIDC provider, and services call each other with
/// tokens they get from it for their client (client credentials); otherwise tokens are checked against
/// Auth:SigningKey, the development key the AppHost generates for each run.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";
    public string? Authority { get; set; }
    public string? SigningKey { get; set; }
    public string Issuer { get; set; } = "tuyphuoc-dev";
    public string Audience { get; set; } = "tuyphuoc";
    /// <summary>With an authority: the client the services call each other as; its tokens must carry the role "service".</summary>
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    /// <summary>With an authority: the scope to ask for, where the provider wants one (e.g. "api://tuyphuoc/.default").</summary>
    public string? Scope { get; set; }
    /// <summary>How long past its expiry a token is still taken (clocks drift); unset, the library's default of 5 minutes.</summary>
    public TimeSpan? ClockSkew { get; set; }

    public bool HasAuthority => !string.IsNullOrWhiteSpace(Authority);

    /// <summary>The services' own client at the authority, which they call each other as.</summary>
    public bool HasClientCredentials => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrEmpty(ClientSecret);

    /// <summary>Plain http is allowed only for an authority on this machine (a local provider, the tests' issuer).</summary>
    public bool RequireHttps => !(Uri.TryCreate(Authority, UriKind.Absolute, out var uri) && uri.IsLoopback);

    public SymmetricSecurityKey? DevelopmentKey =>
        HasAuthority || string.IsNullOrWhiteSpace(SigningKey) ? null : new SymmetricSecurityKey(Convert.FromBase64String(SigningKey));
}

public static class AuthExtensions
{
    public static IHostApplicationBuilder AddSuiteAuthentication(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<DevTokenIssuer>();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.Audience = options.Audience;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    NameClaimType = SuiteClaims.Subject,
                    RoleClaimType = SuiteClaims.Role,
                    ValidAudience = options.Audience,
                };
                if (options.ClockSkew is { } skew) jwt.TokenValidationParameters.ClockSkew = skew;
                if (options.HasAuthority)
                {
                    jwt.Authority = options.Authority;
                    jwt.RequireHttpsMetadata = options.RequireHttps;
                }
                else
                {
                    jwt.TokenValidationParameters.ValidIssuer = options.Issuer;
                    jwt.TokenValidationParameters.IssuerSigningKey = options.DevelopmentKey
                        ?? throw new InvalidOperationException("Set Auth:Authority (an OIDC provider) or Auth:SigningKey (development key).");
                }
            });
        builder.Services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }
}

/// <summary>Issues development tokens signed with the AppHost's per-run key. Never used with an OIDC authority.</summary>
public sealed class DevTokenIssuer(AuthOptions options, TimeProvider? clock = null)
{
    public bool Enabled => options.DevelopmentKey is not null;

    public (string Token, DateTimeOffset ExpiresAt) Issue(string subject, string role, string? unit = null, string? block = null, TimeSpan? lifetime = null)
    {
        var key = options.DevelopmentKey ?? throw new InvalidOperationException("No development signing key is configured.");
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        var expires = now + (lifetime ?? TimeSpan.FromHours(8));
        var claims = new Dictionary<string, object> { [SuiteClaims.Role] = role };
        if (!string.IsNullOrEmpty(unit)) claims[SuiteClaims.Unit] = unit;
        if (!string.IsNullOrEmpty(block)) claims[SuiteClaims.Block] = block;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Subject = new ClaimsIdentity([new Claim(SuiteClaims.Subject, subject)]),
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }

    public static string NewKey() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

}
