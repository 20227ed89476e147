using Microsoft.AspNetCore.Components.Authorization;

namespace TuyPhuoc.Portal.Suite;

/// <summary>The session ended (signed out, expired, or the portal restarted): the person signs in again.</summary>
public sealed class SessionEndedException() : Exception("The session has ended.");

/// <summary>The signed-in person of this circuit or request, and the call options that carry their token to the gateway.</summary>
public sealed class SuiteSession(AuthenticationStateProvider authentication, TokenVault vault)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public async Task<Person> PersonAsync() =>
        Person.Of((await authentication.GetAuthenticationStateAsync()).User) ?? throw new SessionEndedException();

    public async Task<CallOptions> CallAsync(CancellationToken ct = default)
    {
        var token = vault.TokenOf((await PersonAsync()).SessionId) ?? throw new SessionEndedException();
        return Bearer(token, ct);
    }

    public static CallOptions Bearer(string token, CancellationToken ct = default) =>
        new(new Metadata { { "Authorization", $"Bearer {token}" } }, DateTime.UtcNow + Deadline, ct);
}
