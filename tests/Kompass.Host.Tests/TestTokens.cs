using System.Net.Http.Headers;
using Kompass.Gateway.Tenancy;
using Microsoft.IdentityModel.Tokens;

namespace Kompass.Host.Tests;

/// <summary>
/// Host tests run the service in Production, where the development key is refused: they give it this
/// secret (as a deployment that signs its own tokens would) and sign tokens with it.
/// </summary>
public static class TestTokens
{
    public const string SigningKey = "kompass-host-tests-signing-key-0123456789abcdef";

    public static readonly AuthSettings Settings = new(AuthSettings.DefaultIssuer, AuthSettings.DefaultAudience, null,
        new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(SigningKey)), true);

    public static string Admin() => Issue("platform-admin", "admin@ks.no");

    public static string Issue(string role, string user, string? kommune = null) =>
        TokenIssuer.Issue(Settings, TokenClaims.Of(user, role, kommune, []), DateTimeOffset.UtcNow, TimeSpan.FromHours(1));

    public static AuthenticationHeaderValue AdminHeader() => new("Bearer", Admin());
}
