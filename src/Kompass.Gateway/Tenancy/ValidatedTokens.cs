using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Kompass.Gateway.Tenancy;

/// <summary>
/// The bearer token handler, remembering the tokens it has validated: a client sends the same token with every
/// request until it expires, and checking its signature, issuer, audience and lifetime again each time was a
/// large part of a cached read's cost. A token is remembered only after it passed, by its exact text, until its
/// expiry (plus the clock skew validation allows) or <see cref="MaxAge"/> at most, so a change of the signing keys
/// (an authority's rotation) is seen within that. Anything not remembered goes to the real handler, which also
/// produces every refusal with its reason.
/// </summary>
public sealed class ValidatedTokens : TokenHandler
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly MemoryCache _validated = new(new MemoryCacheOptions { SizeLimit = 20_000 });

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (_validated.Get(token) is TokenValidationResult remembered)
            return remembered;
        var result = await _handler.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is { ValidTo: var validTo } && validTo > DateTime.MinValue)
        {
            var now = DateTimeOffset.UtcNow; // the memory cache's clock
            var until = new DateTimeOffset(DateTime.SpecifyKind(validTo, DateTimeKind.Utc)) + validationParameters.ClockSkew;
            if (until > now + MaxAge)
                until = now + MaxAge;
            if (until > now)
                _validated.Set(token, result, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = until });
        }
        return result;
    }

    public override SecurityToken ReadToken(string token) => _handler.ReadToken(token);
}
