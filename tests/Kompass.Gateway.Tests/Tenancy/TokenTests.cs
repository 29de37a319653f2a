using System.Net;
using System.Text;
using Kompass.Gateway.Tenancy;
using Kompass.Host;
using Kompass.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Kompass.Gateway.Tests.Tenancy;

/// <summary>Tokens the service must refuse, each with its code and reason, and what anonymous callers get.</summary>
[Collection(SharedHostCollection.Name)]
public sealed class TokenTests(SharedHostFixture fixture)
{
    private const string Query = """{ kommune(id: "NO-5027") { id } }""";

    private KompassTestHost Host => fixture.Host;
    private AuthSettings Settings => Host.Services.GetRequiredService<AuthSettings>();

    private string Sign(AuthSettings settings, string role = "analyst", string? kommune = null, DateTimeOffset? now = null, TimeSpan? lifetime = null) =>
        TokenIssuer.Issue(settings, TokenClaims.Of("someone@ks.no", role, kommune, []), now ?? DateTimeOffset.UtcNow, lifetime ?? TimeSpan.FromHours(1));

    [Fact]
    public async Task A_valid_token_reads()
    {
        (await Host.PostAsTokenAsync(Query, null, Sign(Settings))).AssertNoErrors();
    }

    [Fact]
    public async Task An_expired_token_is_unauthenticated_and_says_when_it_expired()
    {
        var response = await Host.PostAsTokenAsync(Query, null, Sign(Settings, now: DateTimeOffset.UtcNow.AddHours(-3)));
        AssertRefused(response, HttpStatusCode.Unauthorized, "UNAUTHENTICATED", "expired");
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_unauthenticated()
    {
        var forged = Settings with { SigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("someone-elses-key-that-is-long-enough-0123456789")) };
        AssertRefused(await Host.PostAsTokenAsync(Query, null, Sign(forged)), HttpStatusCode.Unauthorized, "UNAUTHENTICATED", "signature");
    }

    [Fact]
    public async Task A_token_for_another_audience_is_unauthenticated()
    {
        var response = await Host.PostAsTokenAsync(Query, null, Sign(Settings with { Audience = "another-service" }));
        AssertRefused(response, HttpStatusCode.Unauthorized, "UNAUTHENTICATED", "audience");
    }

    [Fact]
    public async Task A_token_of_another_issuer_is_unauthenticated()
    {
        var response = await Host.PostAsTokenAsync(Query, null, Sign(Settings with { Issuer = "https://evil.example" }));
        AssertRefused(response, HttpStatusCode.Unauthorized, "UNAUTHENTICATED", "issuer");
    }

    [Fact]
    public async Task Garbage_in_the_authorization_header_is_unauthenticated()
    {
        AssertRefused(await Host.PostAsTokenAsync(Query, null, "not-a-token"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED", "not a valid token");
    }

    [Fact]
    public async Task An_unknown_role_is_forbidden_and_names_the_known_ones()
    {
        AssertRefused(await Host.PostAsTokenAsync(Query, null, Sign(Settings, role: "superuser")), HttpStatusCode.Forbidden, "FORBIDDEN", "kommune-leader");
    }

    [Fact]
    public async Task A_kommune_role_without_its_kommune_is_forbidden()
    {
        AssertRefused(await Host.PostAsTokenAsync(Query, null, Sign(Settings, role: "kommune-leader")), HttpStatusCode.Forbidden, "FORBIDDEN", "kommune");
    }

    [Fact]
    public async Task Anonymous_in_development_may_introspect_but_reads_nothing()
    {
        (await Host.PostAsTokenAsync("{ __schema { queryType { name } } }", null, null)).AssertNoErrors();
        var read = await Host.PostAsTokenAsync(Query, null, null);
        AssertRefused(read, HttpStatusCode.Unauthorized, "UNAUTHENTICATED", "bearer token");
    }

    [Fact]
    public async Task Outside_development_anonymous_gets_unauthenticated_even_for_introspection()
    {
        await using var production = await KompassTestHost.StartAsync("environment=Production", "Kompass:Demo:Seed=false",
            "Kompass:Auth:SigningKey=a-production-secret-that-is-long-enough-0123456789");
        AssertRefused(await production.PostAsTokenAsync("{ __schema { queryType { name } } }", null, null),
            HttpStatusCode.Unauthorized, "UNAUTHENTICATED", "Authorization: Bearer");
        (await production.PostAsTokenAsync(Query, null, production.Token("analyst"))).AssertNoErrors();
    }

    [Fact]
    public void The_development_key_is_refused_outside_development_and_production_needs_an_issuer()
    {
        var devKey = Assert.Throws<AuthConfigurationException>(() => KompassHost.Build(
            ["--environment=Production", "--Kompass:Storage:Provider=Memory", $"--Kompass:Auth:SigningKey={AuthSettings.DevelopmentSigningKey}", .. ClusterCertificates.DefaultFor([])]));
        Assert.Contains("refused outside Development", devKey.Message, StringComparison.Ordinal);
        var none = Assert.Throws<AuthConfigurationException>(() => KompassHost.Build(["--environment=Production", "--Kompass:Storage:Provider=Memory", .. ClusterCertificates.DefaultFor([])]));
        Assert.Contains(AuthSettings.AuthorityKey, none.Message, StringComparison.Ordinal);
    }

    private static void AssertRefused(GraphQLResponse response, HttpStatusCode status, string code, string reason)
    {
        Assert.Equal(status, response.Status);
        Assert.Equal(code, response.Code);
        Assert.Contains(reason, response.Errors![0]!["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Null(response.Data?["kommune"]);
    }
}
