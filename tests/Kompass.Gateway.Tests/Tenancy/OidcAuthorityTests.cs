using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Kompass.Gateway.Tenancy;
using Kompass.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Kompass.Gateway.Tests.Tenancy;

/// <summary>
/// Tokens from an OpenID Connect authority, as Entra ID or an ID-porten broker issues them: the service reads
/// the authority's metadata and signing keys (JWKS) over HTTP and accepts its RS256 tokens, and only those.
/// The authority here is a real HTTP server on loopback publishing a key made for the test.
/// </summary>
public sealed class OidcAuthorityTests
{
    [Fact]
    public async Task A_token_of_the_configured_authority_is_accepted_and_one_signed_with_another_key_is_not()
    {
        using var key = RSA.Create(2048);
        var signingKey = new RsaSecurityKey(key) { KeyId = "test-key-1" };
        await using var authority = await StartAuthorityAsync(signingKey);
        await using var host = await KompassTestHost.StartAsync("environment=Production", "Kompass:Demo:Seed=false",
            $"Kompass:Auth:Authority={authority.Url}", "Kompass:Auth:RequireHttpsMetadata=false", "Kompass:Auth:Audience=api://kompass",
            "Kompass:Auth:FeedKey=a-feed-key-for-this-test-0123456789abcdef");

        const string Query = "{ frameworks { version } }";
        (await host.PostAsTokenAsync(Query, null, Token(authority.Url, signingKey, "api://kompass"))).AssertNoErrors();

        using var other = RSA.Create(2048);
        var forged = await host.PostAsTokenAsync(Query, null, Token(authority.Url, new RsaSecurityKey(other) { KeyId = "test-key-1" }, "api://kompass"));
        Assert.Equal(HttpStatusCode.Unauthorized, forged.Status);
        Assert.Equal("UNAUTHENTICATED", forged.Code);
        var otherAudience = await host.PostAsTokenAsync(Query, null, Token(authority.Url, signingKey, "api://someone-else"));
        Assert.Equal(HttpStatusCode.Unauthorized, otherAudience.Status);
    }

    private static string Token(string issuer, SecurityKey key, string audience) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = issuer,
        Audience = audience,
        Subject = new ClaimsIdentity(TokenClaims.Of("entra-user-1", "analyst", null, [])),
        Expires = DateTime.UtcNow.AddMinutes(10),
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
    });

    private sealed record Authority(WebApplication App, string Url) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await App.DisposeAsync();
    }

    /// <summary>An OpenID Connect authority's two documents: its metadata and its public signing keys.</summary>
    private static async Task<Authority> StartAuthorityAsync(RsaSecurityKey key)
    {
        var app = WebApplication.CreateBuilder().Build();
        app.Urls.Add($"http://127.0.0.1:{FreePorts.Next()}");
        string? url = null;
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.Rsa.ExportParameters(false)) { KeyId = key.KeyId });
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new { issuer = url, jwks_uri = $"{url}/keys", id_token_signing_alg_values_supported = new[] { "RS256" } }));
        app.MapGet("/keys", () => Results.Text(JsonSerializer.Serialize(new { keys = new[] { new { kty = jwk.Kty, use = "sig", kid = jwk.Kid, alg = "RS256", n = jwk.N, e = jwk.E } } }), "application/json"));
        await app.StartAsync();
        url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Authority(app, url);
    }
}
