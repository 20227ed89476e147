using System.Security.Cryptography;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>A suite of its own that takes its tokens from an OIDC provider (the test's own issuer), not the development key.</summary>
public sealed class AuthoritySuite : IsolatedSuite
{
    public const string ServicesClient = "tuyphuoc-services", PortalClient = "tuyphuoc-portal";
    /// <summary>Short, so a test sees the services renew their tokens.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromSeconds(60);
    /// <summary>A lapsed token is refused 5 s after its expiry, not the library's 5 minutes.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(5);

    private readonly string _secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
    private readonly string _portalSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
    private TestIssuer? _issuer;

    public TestIssuer Issuer => _issuer ?? throw new InvalidOperationException("The issuer has not started.");

    protected override IEnumerable<string> Arguments =>
    [
        .. base.Arguments,
        $"--Auth:Authority={Issuer.Authority}", $"--Auth:ClientId={ServicesClient}", $"--Auth:ClientSecret={_secret}",
        $"--Auth:ClockSkew={ClockSkew:c}", $"--Portal:ClientId={PortalClient}", $"--Portal:ClientSecret={_portalSecret}",
    ];

    public override async ValueTask InitializeAsync()
    {
        _issuer = await TestIssuer.StartAsync(
            new Dictionary<string, TestIssuer.Client> { [ServicesClient] = new(_secret, Roles.Service), [PortalClient] = new(_portalSecret, "") }, TokenLifetime);
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_issuer is not null) await _issuer.DisposeAsync();
        _issuer = null;
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AuthoritySuiteCollection : ICollectionFixture<AuthoritySuite>
{
    public const string Name = "authority suite";
}
