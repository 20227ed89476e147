using System.Security.Claims;
using System.Security.Cryptography;

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
/// token reaches the browser. A restart of the portal ends every session (people sign in again). A person holds a few
/// sessions at most (a few browsers); signing in once more forgets their oldest.
/// </summary>
public sealed class TokenVault(TimeProvider clock)
{
    public const int SessionsPerPerson = 3;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private long _signedIn;

    private sealed record Session(string Person, string Token, DateTimeOffset ExpiresAt, long Order);

    /// <summary>A new session of <paramref name="person"/> (their subject) holding <paramref name="token"/>.</summary>
    public string Keep(string person, string token, DateTimeOffset expiresAt)
    {
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            foreach (var (session, entry) in _sessions)
            {
                if (entry.ExpiresAt <= now) _sessions.Remove(session);
            }
            var theirs = _sessions.Where(s => s.Value.Person == person).OrderBy(s => s.Value.Order).Select(s => s.Key).ToList();
            foreach (var oldest in theirs.Take(theirs.Count - (SessionsPerPerson - 1))) _sessions.Remove(oldest);
            _sessions[id] = new Session(person, token, expiresAt, ++_signedIn);
        }
        return id;
    }

    public string? TokenOf(string session)
    {
        lock (_lock) return _sessions.TryGetValue(session, out var entry) && entry.ExpiresAt > clock.GetUtcNow() ? entry.Token : null;
    }

    public DateTimeOffset? ExpiryOf(string session)
    {
        lock (_lock) return _sessions.TryGetValue(session, out var entry) ? entry.ExpiresAt : null;
    }

    public void Forget(string session)
    {
        lock (_lock) _sessions.Remove(session);
    }
}
