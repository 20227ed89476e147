using Microsoft.Extensions.Configuration;
using TuyPhuoc.AppHost.Infrastructure;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.AppHost;

/// <summary>
/// How every project checks tokens and how the services call each other. With Auth:Authority: tokens from that OIDC
/// provider, and the services' client-credentials client (Auth:ClientId, Auth:ClientSecret); no development key exists.
/// Without: a development key generated for each run, and development tokens from the gateway.
/// </summary>
public sealed class SuiteAuth
{
    private readonly AuthOptions _options;
    private readonly IResourceBuilder<ParameterResource>? _signingKey;
    private readonly IResourceBuilder<ParameterResource>? _clientSecret;

    public SuiteAuth(IDistributedApplicationBuilder builder)
    {
        _options = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (!_options.HasAuthority)
        {
            // Nothing is committed: tokens come from the gateway's DevTokens RPC, signed with this run's key.
            _signingKey = builder.AddParameter(ResourceNames.DevSigningKey, DevTokenIssuer.NewKey(), secret: true);
            return;
        }
        if (!_options.HasClientCredentials)
        {
            throw new SetupException(
                "Auth:Authority is set: set Auth:ClientId and Auth:ClientSecret too (the provider's client-credentials client the services call each other as; its tokens carry role=service).");
        }
        _clientSecret = builder.AddParameterFromConfiguration("auth-client-secret", $"{AuthOptions.Section}:{nameof(AuthOptions.ClientSecret)}", secret: true);
    }

    /// <summary>A service: checks tokens, and calls the other services with its own.</summary>
    public IResourceBuilder<ProjectResource> Service(IResourceBuilder<ProjectResource> project)
    {
        Checks(project);
        if (_clientSecret is not null)
        {
            project.WithEnvironment("Auth__ClientId", _options.ClientId).WithEnvironment("Auth__ClientSecret", _clientSecret);
            if (!string.IsNullOrWhiteSpace(_options.Scope)) project.WithEnvironment("Auth__Scope", _options.Scope);
        }
        return project;
    }

    /// <summary>The gateway: checks tokens, and issues development tokens where there is no authority.</summary>
    public IResourceBuilder<ProjectResource> Gateway(IResourceBuilder<ProjectResource> project) =>
        Checks(project).WithEnvironment("Auth__DevTokens", _signingKey is null ? "false" : "true");

    /// <summary>
    /// The portal: OpenID Connect at the authority with its own client (Portal:ClientId, Portal:ClientSecret), else
    /// development sign-in through the gateway; and, as a service, its own token for what it reads before anyone signs in.
    /// </summary>
    public IResourceBuilder<ProjectResource> Portal(IResourceBuilder<ProjectResource> project)
    {
        Service(project);
        return _options.HasAuthority ? project.WithSettings("Portal") : project;
    }

    private IResourceBuilder<ProjectResource> Checks(IResourceBuilder<ProjectResource> project)
    {
        if (_signingKey is not null) return project.WithEnvironment("Auth__SigningKey", _signingKey);
        project.WithEnvironment("Auth__Authority", _options.Authority).WithEnvironment("Auth__Audience", _options.Audience);
        if (_options.ClockSkew is { } skew) project.WithEnvironment("Auth__ClockSkew", skew.ToString("c", System.Globalization.CultureInfo.InvariantCulture));
        return project;
    }
}
