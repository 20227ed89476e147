namespace TuyPhuoc.Portal.Auth;

/// <summary>
/// The portal's calls on its own behalf, before anyone signs in (the sign-in page's units, issuing a development
/// token): with its service token, so they count against the portal at the gateway, not against the anonymous
/// callers' budget that anyone's page views would use up.
/// </summary>
public sealed class PortalCalls(ServiceTokenSource tokens)
{
    public async Task<CallOptions> CallAsync(CancellationToken ct = default) => SuiteSession.Bearer(await tokens.TokenAsync(ct), ct);
}
