using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Kompass.Gateway.Tests.Tenancy;

/// <summary>A host with small limits: one step over each gets its own error, never a 500; at the limit passes.</summary>
public sealed class SmallLimitsFixture : IAsyncLifetime
{
    public KompassTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await KompassTestHost.StartAsync("Kompass:Demo:Seed=false",
        "Kompass:Limits:MaxAliases=3", "Kompass:Limits:MaxListLength=5", "Kompass:Limits:MaxBodyBytes=4096", "Kompass:Limits:MaxDepth=6",
        "Kompass:Limits:RequestsPerMinutePerToken=4", "Kompass:Limits:RequestsPerMinutePerKommune=6");

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class LimitsTests(SmallLimitsFixture fixture) : IClassFixture<SmallLimitsFixture>
{
    private KompassTestHost Host => fixture.Host;

    // Each test calls as its own subject: the rate limit counts per caller.
    private string As(string subject) => Host.Token("analyst", user: subject);

    [Fact]
    public async Task Aliases_at_the_limit_pass_and_one_more_is_too_many_aliases()
    {
        var token = As("aliases@ks.no");
        (await Host.PostAsTokenAsync("{ a: frameworks { version } b: frameworks { version } c: frameworks { version } }", null, token)).AssertNoErrors();
        var over = await Host.PostAsTokenAsync("{ a: frameworks { version } b: frameworks { version } c: frameworks { version } d: frameworks { version } }", null, token);
        Assert.Equal(HttpStatusCode.BadRequest, over.Status);
        Assert.Equal("TOO_MANY_ALIASES", over.Code);
    }

    [Fact]
    public async Task A_list_one_over_the_limit_is_refused_in_variables_and_in_the_query()
    {
        var token = Host.Token("platform-admin", user: "lists@ks.no");
        const string Open = "mutation($input: OpenEvaluationInput!) { openEvaluation(input: $input) { id } }";
        var variables = new { input = new { kommuneId = "NO-1511", frameworkVersion = "2020", evaluatedOn = "2026-11-01", evaluators = new[] { "a", "b", "c", "d", "e", "f" } } };
        var overInVariables = await Host.PostAsTokenAsync(Open, variables, token);
        Assert.Equal(HttpStatusCode.BadRequest, overInVariables.Status);
        Assert.Equal("LIST_TOO_LONG", overInVariables.Code);
        Assert.Contains("input.evaluators", overInVariables.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var overInQuery = await Host.PostAsTokenAsync(
            """mutation { openEvaluation(input: { kommuneId: "NO-1511", frameworkVersion: "2020", evaluatedOn: "2026-11-01", evaluators: ["a","b","c","d","e","f"] }) { id } }""",
            null, token);
        Assert.Equal(HttpStatusCode.BadRequest, overInQuery.Status);
        Assert.Equal("LIST_TOO_LONG", overInQuery.Code);
    }

    [Fact]
    public async Task A_body_one_byte_over_the_limit_is_too_large()
    {
        var token = As("body@ks.no");
        var query = "{ frameworks { version } }";
        string Body(int length) => JsonSerializer.Serialize(new { query = query + new string(' ', length - JsonSerializer.Serialize(new { query }).Length) });
        Assert.Equal(HttpStatusCode.OK, (await Send(Body(4096), token)).Status);
        var over = await Send(Body(4097), token);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over.Status);
        Assert.Equal("REQUEST_TOO_LARGE", over.Code);
    }

    [Fact]
    public async Task A_query_deeper_than_the_limit_is_complexity()
    {
        var over = await Host.PostAsTokenAsync("{ kommuner(country: NO) { edges { node { evaluations { kommune { evaluations { id } } } } } } }", null, As("depth@ks.no"));
        Assert.Equal(HttpStatusCode.BadRequest, over.Status);
        Assert.Equal("COMPLEXITY", over.Code);
    }

    [Fact]
    public async Task Past_the_callers_rate_limit_is_429_with_retry_after_and_other_callers_go_on()
    {
        var token = As("busy@ks.no");
        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.OK, (await Host.PostAsTokenAsync("{ frameworks { version } }", null, token)).Status);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent("""{"query":"{ frameworks { version } }"}""", Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var limited = await Host.AnonymousHttp.SendAsync(request);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("RATE_LIMITED", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await Host.PostAsTokenAsync("{ frameworks { version } }", null, As("calm@ks.no"))).Status);
    }

    [Fact]
    public async Task A_kommunes_tokens_share_the_kommunes_rate_limit()
    {
        var kari = Host.Token("kommune-member", "NO-1514", "kari@ks.no");
        var ola = Host.Token("kommune-member", "NO-1514", "ola@ks.no");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await Host.PostAsTokenAsync("{ frameworks { version } }", null, kari)).Status);
            Assert.Equal(HttpStatusCode.OK, (await Host.PostAsTokenAsync("{ frameworks { version } }", null, ola)).Status);
        }
        var limited = await Host.PostAsTokenAsync("{ frameworks { version } }", null, Host.Token("kommune-leader", "NO-1514", "per@ks.no"));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal("RATE_LIMITED", limited.Code);
        Assert.True(limited.Errors![0]!["extensions"]!["retryable"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Health_probes_are_never_rate_limited()
    {
        for (var i = 0; i < 10; i++)
            Assert.Equal(HttpStatusCode.OK, (await Host.AnonymousHttp.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task A_request_past_the_timeout_is_503_timeout_and_retryable()
    {
        await using var slow = await KompassTestHost.StartAsync("Kompass:Demo:Seed=false", "Kompass:Limits:RequestTimeout=00:00:00.001");
        var response = await slow.PostAsync("""{ kommuner(country: NO) { nodes { id evaluations { id } } } a: kommune(id: "NO-1505") { id } }""");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.Status);
        Assert.Equal("TIMEOUT", response.Code);
        Assert.True(response.Errors![0]!["extensions"]!["retryable"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_bad_limit_setting_stops_start_up_naming_the_section()
    {
        var e = await Assert.ThrowsAnyAsync<Exception>(() => KompassTestHost.StartAsync("Kompass:Limits:MaxAliases=-1"));
        Assert.Contains("Kompass:Limits", Kompass.Host.StartupErrors.Describe(e), StringComparison.Ordinal);
    }

    private async Task<GraphQLResponse> Send(string body, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Host.SendAsync(request);
    }
}
