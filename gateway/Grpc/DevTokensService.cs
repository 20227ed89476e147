using Google.Protobuf.WellKnownTypes;
using TuyPhuoc.PlanModel;

namespace TuyPhuoc.Gateway.Grpc;

/// <summary>Development tokens for local runs and tests, signed with the AppHost's per-run key, to callers on loopback only.</summary>
public sealed class DevTokensService(DevTokenIssuer issuer) : DevTokens.DevTokensBase
{
    private const int DefaultLifetimeMinutes = 480;
    private const int MaxLifetimeMinutes = 1440;

    public static bool IsEnabled(IServiceProvider services) =>
        services.GetRequiredService<IConfiguration>().GetValue<bool>("Auth:DevTokens")
        && services.GetRequiredService<DevTokenIssuer>().Enabled;

    public override Task<IssueTokenResponse> IssueToken(IssueTokenRequest request, ServerCallContext context)
    {
        if (!IPAddress.IsLoopback(Caller.AddressOf(context.GetHttpContext())))
        {
            throw new PermissionDeniedException("Development tokens are issued only to callers on this machine.");
        }
        Validate(request);
        var unit = Text.Optional(request.Unit);
        var block = Text.Optional(request.Block);
        var subject = Text.Optional(request.Subject) ?? string.Join(':', new[] { request.Role, unit }.OfType<string>());
        var lifetime = TimeSpan.FromMinutes(request.LifetimeMinutes == 0 ? DefaultLifetimeMinutes : request.LifetimeMinutes);
        var (token, expiresAt) = issuer.Issue(subject, request.Role, unit, block, lifetime);
        return Task.FromResult(new IssueTokenResponse { AccessToken = token, ExpiresAt = Timestamp.FromDateTimeOffset(expiresAt) });
    }

    public static void Validate(IssueTokenRequest request)
    {
        var violations = new Violations();
        violations.Require(Roles.All.Contains(request.Role) && request.Role != Roles.Service, "role",
            $"must be one of {string.Join(", ", Roles.All.Where(r => r != Roles.Service))}");
        if (request.Role == Roles.UnitReporter) violations.RequireText(request.Unit, "unit", maxLength: 100);
        if (request.Role == Roles.BlockLeader)
        {
            violations.Require(Blocks.IsBlock(request.Block), "block", Blocks.Expected);
        }
        violations.Require(request.Subject.Length <= 200, "subject", "is longer than 200 characters");
        violations.Require(request.LifetimeMinutes is >= 0 and <= MaxLifetimeMinutes, "lifetime_minutes",
            $"must be between 1 and {MaxLifetimeMinutes} (0 for the default {DefaultLifetimeMinutes})");
        violations.ThrowIfAny();
    }

}
