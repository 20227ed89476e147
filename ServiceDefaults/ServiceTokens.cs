using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace TuyPhuoc.ServiceDefaults;

/// <summary>A token and when to get the next one.</summary>
public sealed record IssuedToken(string Value, DateTimeOffset ExpiresAt, DateTimeOffset RenewAt)
{
    /// <summary>Renewed once two thirds of its lifetime have passed, so no call leaves with a token about to lapse.</summary>
    public static IssuedToken Fresh(string value, DateTimeOffset now, DateTimeOffset expiresAt) =>
        new(value, expiresAt, now + (expiresAt - now) * (2.0 / 3));
}

/// <summary>
/// The token a service presents when it calls another on its own behalf (change-feed consumers, plan look-ups),
/// renewed before it expires. Where renewal fails while the current token is still good, that one is kept and renewal
/// is tried again a few seconds later.
/// </summary>
public abstract class ServiceTokenSource(TimeProvider clock, ILogger logger)
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _renewal = new(1, 1);
    private IssuedToken? _current;

    public async ValueTask<string> TokenAsync(CancellationToken ct)
    {
        var current = _current;
        if (current is not null && clock.GetUtcNow() < current.RenewAt) return current.Value;
        await _renewal.WaitAsync(ct);
        try
        {
            var now = clock.GetUtcNow();
            current = _current;
            if (current is not null && now < current.RenewAt) return current.Value;
            try
            {
                current = await FetchAsync(now, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException && current is not null && now < current.ExpiresAt)
            {
                logger.LogWarning(e, "Renewing the service token failed; the current one is good until {ExpiresAt}", current.ExpiresAt);
                current = current with { RenewAt = now + RetryPause < current.ExpiresAt ? now + RetryPause : current.ExpiresAt };
            }
            _current = current;
            return current.Value;
        }
        finally
        {
            _renewal.Release();
        }
    }

    protected abstract Task<IssuedToken> FetchAsync(DateTimeOffset now, CancellationToken ct);
}

/// <summary>Local runs: signed with the AppHost's development key.</summary>
public sealed class DevelopmentServiceTokens(DevTokenIssuer issuer, IHostEnvironment environment, TimeProvider clock, ILogger<DevelopmentServiceTokens> logger)
    : ServiceTokenSource(clock, logger)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    protected override Task<IssuedToken> FetchAsync(DateTimeOffset now, CancellationToken ct)
    {
        var (token, expiresAt) = issuer.Issue(environment.ApplicationName, Roles.Service, lifetime: Lifetime);
        return Task.FromResult(IssuedToken.Fresh(token, now, expiresAt));
    }
}

/// <summary>With an OIDC authority: the OAuth 2.0 client-credentials grant at the authority's token endpoint.</summary>
public sealed class ClientCredentialsTokens : ServiceTokenSource
{
    public const string HttpClientName = "tuyphuoc-authority";
    private readonly AuthOptions _options;
    private readonly IHttpClientFactory _http;
    private string? _tokenEndpoint;

    public ClientCredentialsTokens(AuthOptions options, IHttpClientFactory http, TimeProvider clock, ILogger<ClientCredentialsTokens> logger)
        : base(clock, logger)
    {
        if (!options.HasClientCredentials)
        {
            throw new InvalidOperationException(
                "Auth:Authority is set: set Auth:ClientId and Auth:ClientSecret too, the client the services call each other as.");
        }
        (_options, _http) = (options, http);
    }

    protected override async Task<IssuedToken> FetchAsync(DateTimeOffset now, CancellationToken ct)
    {
        var client = _http.CreateClient(HttpClientName);
        _tokenEndpoint ??= await TokenEndpointAsync(client, ct);
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials" };
        if (!string.IsNullOrWhiteSpace(_options.Scope)) form["scope"] = _options.Scope;
        using var request = new HttpRequestMessage(HttpMethod.Post, _tokenEndpoint) { Content = new FormUrlEncodedContent(form) };
        // client_secret_basic, the client authentication every OAuth 2.0 server must accept (RFC 6749, 2.3.1).
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $"{Uri.EscapeDataString(_options.ClientId!)}:{Uri.EscapeDataString(_options.ClientSecret!)}")));
        using var response = await client.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The token endpoint {_tokenEndpoint} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }
        var answer = await response.Content.ReadFromJsonAsync<TokenResponse>(ct);
        if (string.IsNullOrEmpty(answer?.AccessToken)) throw new HttpRequestException($"The token endpoint {_tokenEndpoint} answered no access_token.");
        var expiresAt = answer.ExpiresIn is > 0 ? now.AddSeconds(answer.ExpiresIn.Value) : new DateTimeOffset(new JsonWebToken(answer.AccessToken).ValidTo, TimeSpan.Zero);
        return IssuedToken.Fresh(answer.AccessToken, now, expiresAt);
    }

    private async Task<string> TokenEndpointAsync(HttpClient client, CancellationToken ct)
    {
        var metadata = $"{_options.Authority!.TrimEnd('/')}/.well-known/openid-configuration";
        var configuration = await OpenIdConnectConfigurationRetriever.GetAsync(
            metadata, new HttpDocumentRetriever(client) { RequireHttps = _options.RequireHttps }, ct);
        var endpoint = configuration.TokenEndpoint;
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (_options.RequireHttps && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException($"{metadata} names no https token_endpoint ('{endpoint}').");
        }
        return endpoint;
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int? ExpiresIn);
}

public static class ServiceTokenExtensions
{
    /// <summary>The service's own token: from the authority's client-credentials grant where one is set, else the development key.</summary>
    public static IServiceCollection AddServiceTokens(this IServiceCollection services)
    {
        services.AddHttpClient(ClientCredentialsTokens.HttpClientName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ServiceTokenSource>(sp => sp.GetRequiredService<AuthOptions>().HasAuthority
            ? ActivatorUtilities.CreateInstance<ClientCredentialsTokens>(sp)
            : ActivatorUtilities.CreateInstance<DevelopmentServiceTokens>(sp));
        return services;
    }
}
