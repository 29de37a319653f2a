using System.Text;
using Kompass.Gateway.Tenancy;
using Microsoft.IdentityModel.Tokens;

namespace Kompass.Gateway.Tests.Tenancy;

/// <summary>The bearer handler remembers a token it validated, and only until the token expires.</summary>
public sealed class ValidatedTokensTests
{
    private static readonly SymmetricSecurityKey Key = new(Encoding.UTF8.GetBytes("a-signing-key-for-this-test-only-0123456789abcdef"));
    private static readonly AuthSettings Settings = new(AuthSettings.DefaultIssuer, AuthSettings.DefaultAudience, null, Key, false);

    private static readonly TokenValidationParameters Parameters = new()
    {
        ValidIssuer = AuthSettings.DefaultIssuer,
        ValidAudience = AuthSettings.DefaultAudience,
        IssuerSigningKey = Key,
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.Zero,
    };

    private static string Sign(TimeSpan lifetime, SymmetricSecurityKey? key = null) =>
        TokenIssuer.Issue(key is null ? Settings : Settings with { SigningKey = key }, TokenClaims.Of("someone@ks.no", "analyst", null, []),
            DateTimeOffset.UtcNow, lifetime);

    [Fact]
    public async Task A_valid_token_is_remembered_and_refused_once_it_has_expired()
    {
        var tokens = new ValidatedTokens();
        var token = Sign(TimeSpan.FromSeconds(2));
        var first = await tokens.ValidateTokenAsync(token, Parameters);
        Assert.True(first.IsValid);
        Assert.Same(first, await tokens.ValidateTokenAsync(token, Parameters));

        await Task.Delay(TimeSpan.FromSeconds(3.2));
        var expired = await tokens.ValidateTokenAsync(token, Parameters);
        Assert.False(expired.IsValid);
        Assert.IsType<SecurityTokenExpiredException>(expired.Exception);
    }

    [Fact]
    public async Task A_refused_token_is_not_remembered()
    {
        var tokens = new ValidatedTokens();
        var forged = Sign(TimeSpan.FromHours(1), new SymmetricSecurityKey(Encoding.UTF8.GetBytes("someone-elses-key-that-is-long-enough-0123456789")));
        for (var i = 0; i < 2; i++)
        {
            var result = await tokens.ValidateTokenAsync(forged, Parameters);
            Assert.False(result.IsValid);
            Assert.IsAssignableFrom<SecurityTokenInvalidSignatureException>(result.Exception);
        }
    }
}
