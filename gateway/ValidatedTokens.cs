using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace TuyPhuoc.Gateway;

/// <summary>
/// Remembers, for a few seconds, the callers of bearer tokens that passed validation, so a caller's next calls skip the
/// signature check. Only a token that was seen valid is remembered, under its exact text and never past its expiry;
/// a missing, altered or forged token is validated as before and refused.
/// </summary>
public sealed class ValidatedTokens(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private const int Capacity = 10_000;
    private readonly ConcurrentDictionary<string, (ClaimsPrincipal Caller, DateTimeOffset Until)> _tokens = new(StringComparer.Ordinal);

    public ClaimsPrincipal? Find(string authorization) =>
        _tokens.TryGetValue(authorization, out var entry) && entry.Until > clock.GetUtcNow() ? entry.Caller : null;

    public void Remember(string authorization, ClaimsPrincipal caller, DateTimeOffset expires)
    {
        var now = clock.GetUtcNow();
        if (_tokens.Count >= Capacity)
        {
            foreach (var (key, entry) in _tokens)
            {
                if (entry.Until <= now) _tokens.TryRemove(key, out _);
            }
            if (_tokens.Count >= Capacity) _tokens.Clear();
        }
        var until = now + Lifetime < expires ? now + Lifetime : expires;
        _tokens[authorization] = (caller, until);
    }
}

public static class ValidatedTokensExtensions
{
    public static IServiceCollection AddValidatedTokens(this IServiceCollection services)
    {
        services.AddSingleton(sp => new ValidatedTokens(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<IPostConfigureOptions<JwtBearerOptions>, RememberValidatedTokens>();
        return services;
    }

    private sealed class RememberValidatedTokens(ValidatedTokens tokens) : IPostConfigureOptions<JwtBearerOptions>
    {
        public void PostConfigure(string? name, JwtBearerOptions options)
        {
            var events = options.Events ??= new JwtBearerEvents();
            var received = events.OnMessageReceived;
            var validated = events.OnTokenValidated;
            events.OnMessageReceived = async context =>
            {
                await received(context);
                if (context.Result is null && context.Request.Headers.Authorization.ToString() is { Length: > 0 } header
                    && tokens.Find(header) is { } caller)
                {
                    context.Principal = caller;
                    context.Success();
                }
            };
            events.OnTokenValidated = async context =>
            {
                await validated(context);
                if (context.Result is null && context.Principal is { } caller && context.SecurityToken is { } token)
                {
                    tokens.Remember(context.Request.Headers.Authorization.ToString(), caller, new DateTimeOffset(token.ValidTo, TimeSpan.Zero));
                }
            };
        }
    }
}
