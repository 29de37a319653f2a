using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Kompass.Gateway.Tenancy;

/// <summary>
/// Signs tokens with the configured symmetric key: the <c>token</c> command (the development key) and
/// deployments that issue their own. An identity provider issues tokens where an authority is configured.
/// </summary>
public static class TokenIssuer
{
    public static string Issue(AuthSettings settings, IEnumerable<Claim> claims, DateTimeOffset now, TimeSpan lifetime)
    {
        if (settings.SigningKey is null)
            throw new AuthConfigurationException($"Tokens can only be printed with a signing key ({AuthSettings.SigningKeyKey}, or Development).");
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer ?? AuthSettings.DefaultIssuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(settings.SigningKey, SecurityAlgorithms.HmacSha256),
        });
    }
}
