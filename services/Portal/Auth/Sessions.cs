using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.Portal.Auth;

/// <summary>Who is signed in, as the portal's cookie carries it. The token itself is never in the cookie.</summary>
public sealed record Person(string Subject, string Name, string Role, string? Unit, string? UnitName, string? Block, string SessionId)
{
    public const string NameClaim = "name", UnitNameClaim = "unit_name", SessionClaim = "portal_session";

    /// <summary>A reporting unit (commune, town or office) acting for its own unit.</summary>
    public bool Reports => Role == Roles.UnitReporter && Unit is not null;

    public static Person? Of(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || user.FindFirst(SessionClaim)?.Value is not { } session) return null;
        string? Claim(string type) => Text.Optional(user.FindFirst(type)?.Value);
        return new Person(user.SubjectOf(), Claim(NameClaim) ?? user.SubjectOf(), Claim(SuiteClaims.Role) ?? "",
            Claim(SuiteClaims.Unit), Claim(UnitNameClaim), Claim(SuiteClaims.Block), session);
    }

    public ClaimsPrincipal ToPrincipal(string authenticationType)
    {
        var claims = new List<Claim> { new(SuiteClaims.Subject, Subject), new(NameClaim, Name), new(SuiteClaims.Role, Role), new(SessionClaim, SessionId) };
        if (Unit is not null) claims.Add(new(SuiteClaims.Unit, Unit));
        if (UnitName is not null) claims.Add(new(UnitNameClaim, UnitName));
        if (Block is not null) claims.Add(new(SuiteClaims.Block, Block));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, NameClaim, SuiteClaims.Role));
    }
}

/// <summary>
/// The signed-in people's access tokens, kept in this process only: the cookie names a session, never a token, so no
/// token reaches the browser. A restart of the portal ends every session (people sign in again).
/// </summary>
public sealed class TokenVault(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset ExpiresAt)> _tokens = new();

    public string Keep(string token, DateTimeOffset expiresAt)
    {
        var now = clock.GetUtcNow();
        foreach (var (session, entry) in _tokens)
        {
            if (entry.ExpiresAt <= now) _tokens.TryRemove(session, out _);
        }
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _tokens[id] = (token, expiresAt);
        return id;
    }

    public string? TokenOf(string session) =>
        _tokens.TryGetValue(session, out var entry) && entry.ExpiresAt > clock.GetUtcNow() ? entry.Token : null;

    public DateTimeOffset? ExpiryOf(string session) => _tokens.TryGetValue(session, out var entry) ? entry.ExpiresAt : null;

    public void Forget(string session) => _tokens.TryRemove(session, out _);
}
