using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>
/// A small OIDC provider on loopback, as an operator's would be: discovery, a JWKS with an RSA key, a token endpoint for
/// the client-credentials grant that issues short-lived tokens and records each one, and the authorization-code grant
/// with PKCE for people, where whoever the test names in <see cref="SigningIn"/> has just typed their password.
/// </summary>
public sealed class TestIssuer : IAsyncDisposable
{
    public sealed record Client(string Secret, string Role);

    public sealed record Issued(string ClientId, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);

    public sealed record Person(string Subject, string Name, string Role, string? Unit);

    private sealed record Grant(string ClientId, string RedirectUri, string? Nonce, string Challenge, Person Person);

    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = Guid.NewGuid().ToString("N") };
    private readonly IReadOnlyDictionary<string, Client> _clients;
    private readonly TimeSpan _lifetime;
    private readonly ConcurrentQueue<Issued> _issued = new();
    private readonly ConcurrentDictionary<string, Grant> _codes = new();
    private WebApplication? _app;

    private TestIssuer(IReadOnlyDictionary<string, Client> clients, TimeSpan lifetime) => (_clients, _lifetime) = (clients, lifetime);

    public string Authority { get; private set; } = "";

    /// <summary>Who signs in at the authorize endpoint; nobody (an error answer) until a test says.</summary>
    public Person? SigningIn { get; set; }

    /// <summary>Every token the token endpoint issued, in order.</summary>
    public IReadOnlyList<Issued> TokensIssued => [.. _issued];

    public static async Task<TestIssuer> StartAsync(IReadOnlyDictionary<string, Client> clients, TimeSpan lifetime)
    {
        var issuer = new TestIssuer(clients, lifetime);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRouting();
        var app = builder.Build();
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer.Authority,
            ["jwks_uri"] = $"{issuer.Authority}/jwks",
            ["token_endpoint"] = $"{issuer.Authority}/token",
            ["authorization_endpoint"] = $"{issuer.Authority}/authorize",
            ["grant_types_supported"] = new[] { "client_credentials", "authorization_code" },
            ["response_types_supported"] = new[] { "code" },
            ["response_modes_supported"] = new[] { "query", "form_post" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["subject_types_supported"] = new[] { "public" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_basic", "client_secret_post" },
            ["id_token_signing_alg_values_supported"] = new[] { SecurityAlgorithms.RsaSha256 },
        }));
        app.MapGet("/jwks", issuer.Jwks);
        app.MapGet("/authorize", issuer.Authorize);
        app.MapPost("/token", issuer.TokenAsync);
        await app.StartAsync();
        issuer._app = app;
        // As localhost, the portal's own host in the tests: the browser's return from here to it stays on one site.
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
        issuer.Authority = $"http://localhost:{port}";
        return issuer;
    }

    /// <summary>A token for a person, as the provider would issue after their sign-in.</summary>
    public string Issue(string subject, string role, string? unit = null, TimeSpan? lifetime = null)
    {
        var claims = new Dictionary<string, object> { [SuiteClaims.Role] = role };
        if (unit is not null) claims[SuiteClaims.Unit] = unit;
        return Sign(subject, claims, DateTimeOffset.UtcNow, lifetime ?? _lifetime);
    }

    private IResult Jwks()
    {
        var parameters = _key.Rsa.ExportParameters(includePrivateParameters: false);
        return Results.Json(new
        {
            keys = new[]
            {
                new Dictionary<string, string>
                {
                    ["kty"] = "RSA", ["use"] = "sig", ["alg"] = SecurityAlgorithms.RsaSha256, ["kid"] = _key.KeyId,
                    ["n"] = Base64UrlEncoder.Encode(parameters.Modulus), ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                },
            },
        });
    }

    /// <summary>The person in <see cref="SigningIn"/> signs in: back to the client with a code, by form post or query as asked.</summary>
    private IResult Authorize(HttpRequest request)
    {
        var query = request.Query;
        string clientId = query["client_id"].ToString(), redirectUri = query["redirect_uri"].ToString(), state = query["state"].ToString();
        if (SigningIn is not { } person || query["response_type"] != "code" || !_clients.ContainsKey(clientId)
            || query["code_challenge_method"] != "S256" || string.IsNullOrEmpty(query["code_challenge"]) || string.IsNullOrEmpty(redirectUri))
        {
            return Results.BadRequest(new { error = "invalid_request" });
        }
        var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _codes[code] = new Grant(clientId, redirectUri, query["nonce"], query["code_challenge"].ToString(), person);
        if (query["response_mode"] != "form_post") return Results.Redirect($"{redirectUri}?code={code}&state={Uri.EscapeDataString(state)}");
        var (action, stateValue) = (WebUtility.HtmlEncode(redirectUri), WebUtility.HtmlEncode(state));
        return Results.Content($"""
            <!doctype html><html><body onload="document.forms[0].submit()"><form method="post" action="{action}">
            <input type="hidden" name="code" value="{code}"><input type="hidden" name="state" value="{stateValue}"></form></body></html>
            """, "text/html");
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        if (form["grant_type"] != "client_credentials" && form["grant_type"] != "authorization_code")
        {
            return Results.Json(new { error = "unsupported_grant_type" }, statusCode: 400);
        }
        var (id, secret) = Credentials(request, form);
        if (id is null || !_clients.TryGetValue(id, out var client) || client.Secret != secret)
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        }
        var now = DateTimeOffset.UtcNow;
        if (form["grant_type"] == "authorization_code") return CodeExchange(id, form, now);
        var token = Sign(id, new Dictionary<string, object> { [SuiteClaims.Role] = client.Role }, now, _lifetime);
        _issued.Enqueue(new Issued(id, now, now + _lifetime));
        return Results.Json(new { access_token = token, token_type = "Bearer", expires_in = (int)_lifetime.TotalSeconds });
    }

    /// <summary>A code for the tokens of the person who signed in: once, for its client and redirect, with the PKCE verifier.</summary>
    private IResult CodeExchange(string clientId, IFormCollection form, DateTimeOffset now)
    {
        var verifier = form["code_verifier"].ToString();
        if (!_codes.TryRemove(form["code"].ToString(), out var grant) || grant.ClientId != clientId || grant.RedirectUri != form["redirect_uri"]
            || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) != grant.Challenge)
        {
            return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
        }
        var person = grant.Person;
        var identity = new Dictionary<string, object> { ["name"] = person.Name };
        if (grant.Nonce is { } nonce) identity["nonce"] = nonce;
        var idToken = Sign(person.Subject, identity, now, _lifetime, audience: clientId);
        // A person's session outlives the services' short tokens: a browser test takes more than a minute here.
        var accessToken = Issue(person.Subject, person.Role, person.Unit, TimeSpan.FromMinutes(10));
        _issued.Enqueue(new Issued(clientId, now, now + _lifetime));
        return Results.Json(new { access_token = accessToken, id_token = idToken, token_type = "Bearer", expires_in = (int)_lifetime.TotalSeconds });
    }

    private static (string? Id, string? Secret) Credentials(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.Ordinal)) return (form["client_id"], form["client_secret"]);
        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])).Split(':', 2);
        return pair.Length == 2 ? (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1])) : (null, null);
    }

    private string Sign(string subject, Dictionary<string, object> claims, DateTimeOffset now, TimeSpan lifetime, string? audience = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = audience ?? new AuthOptions().Audience,
            Subject = new ClaimsIdentity([new Claim(SuiteClaims.Subject, subject)]),
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _key.Rsa.Dispose();
    }
}
