using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kompass.Gateway.Caching;
using Kompass.Gateway.Tests.Imports;
using Microsoft.Extensions.DependencyInjection;

namespace Kompass.Gateway.Tests.ReadPath;

/// <summary>
/// Whole answers kept for reads of published evaluations: served again without a grain call to the same caller
/// for the same request, never to another caller, never for a draft or for a query that reads anything else, and
/// never after a change (the evaluation revokes them before it acknowledges one).
/// </summary>
public sealed class AnswerCacheTests(AnswerCacheTests.Fixture fixture) : IClassFixture<AnswerCacheTests.Fixture>
{
    /// <summary>A host of its own, counting the grain calls its silo answers.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public KompassTestHost Host { get; private set; } = null!;
        public GrainCallCounter Counter { get; } = new();

        public async Task InitializeAsync() => Host = await KompassTestHost.StartWithAsync(builder =>
        {
            builder.Services.AddSingleton<IIncomingGrainCallFilter>(Counter);
        }, "Kompass:Demo:Seed=false");

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    private const string Read = "query($id: ID!) { evaluation(id: $id) { id status total version } }";

    private KompassTestHost Host => fixture.Host;

    private async Task<string> PublishedAsync(string kommune, int total)
    {
        await Host.RegisterAsync(kommune);
        var data = await Host.OkAsync("mutation($input: ImportHistoricalResultInput!) { importHistoricalResult(input: $input) { id } }",
            new { input = new { kommuneId = kommune, frameworkVersion = "2020", evaluatedOn = "2022-05-01", total, source = "Rapport 2022" } });
        return data["importHistoricalResult"]!["id"].Str();
    }

    private async Task<(HttpStatusCode Status, bool Hit, string? ETag, JsonNode? Body)> PostAsync(string token, string query, object variables, string method = "POST")
    {
        using var request = method == "POST"
            ? new HttpRequestMessage(HttpMethod.Post, "/graphql")
            {
                Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
            }
            : new HttpRequestMessage(HttpMethod.Get, ReadPathHttp.GetUrl(query, variables));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Host.AnonymousHttp.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.Headers.TryGetValues(AnswerCache.Header, out var v) && v.Contains("hit"),
            response.Headers.ETag?.ToString(), text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private int EvaluationReads() => fixture.Counter.Calls.GetValueOrDefault("IEvaluationGrain.Get");

    [Fact]
    public async Task A_repeated_read_of_a_published_evaluation_is_answered_without_a_grain_call_and_only_to_the_same_caller()
    {
        var id = await PublishedAsync("NO-3114", 420);
        var analyst = Host.Token("analyst", user: "a1@ks.no");
        var first = await PostAsync(analyst, Read, new { id });
        Assert.False(first.Hit);
        Assert.Equal(420, first.Body!["data"]!["evaluation"]!["total"].Int());

        var before = EvaluationReads();
        var again = await PostAsync(analyst, Read, new { id });
        Assert.True(again.Hit);
        Assert.Equal(first.Body!.ToJsonString(), again.Body!.ToJsonString());
        Assert.Equal(before, EvaluationReads());

        // Another caller, even of the same role, runs the query for itself.
        var other = await PostAsync(Host.Token("analyst", user: "a2@ks.no"), Read, new { id });
        Assert.False(other.Hit);
        Assert.Equal(before + 1, EvaluationReads());

        // Other variables, or another query text, are another request.
        var second = await PublishedAsync("NO-3116", 380);
        var secondRead = await PostAsync(analyst, Read, new { id = second });
        Assert.False(secondRead.Hit);
        Assert.Equal(380, secondRead.Body!["data"]!["evaluation"]!["total"].Int());
        Assert.False((await PostAsync(analyst, "query($id: ID!) { evaluation(id: $id) { id total } }", new { id })).Hit);
    }

    [Fact]
    public async Task An_amendment_is_in_the_very_next_read_over_post_and_get_with_a_new_etag()
    {
        var id = await PublishedAsync("NO-3118", 400);
        var leader = Host.Token("kommune-leader", "NO-3118");
        await PostAsync(leader, Read, new { id });
        Assert.True((await PostAsync(leader, Read, new { id })).Hit);
        var get = await PostAsync(leader, Read, new { id }, "GET");
        var getAgain = await PostAsync(leader, Read, new { id }, "GET");
        Assert.True(getAgain.Hit);
        Assert.Equal(get.ETag, getAgain.ETag);

        await Host.OkAsync("""mutation($input: AmendEvaluationInput!) { amendEvaluation(input: $input) { version } }""",
            new { input = new { evaluationId = id, reason = "Feil i summen", total = 410 } });

        var post = await PostAsync(leader, Read, new { id });
        Assert.False(post.Hit);
        Assert.Equal(410, post.Body!["data"]!["evaluation"]!["total"].Int());
        var afterGet = await PostAsync(leader, Read, new { id }, "GET");
        Assert.Equal(410, afterGet.Body!["data"]!["evaluation"]!["total"].Int());
        Assert.NotEqual(get.ETag, afterGet.ETag);
        // And the new answer is kept in its turn.
        Assert.True((await PostAsync(leader, Read, new { id })).Hit);
    }

    [Fact]
    public async Task A_draft_and_a_query_that_reads_other_grains_are_never_kept()
    {
        await Host.RegisterAsync("NO-3120");
        var draft = (await Host.OpenAsync("NO-3120"))["id"].Str();
        var leader = Host.Token("kommune-leader", "NO-3120");
        await PostAsync(leader, Read, new { id = draft });
        Assert.False((await PostAsync(leader, Read, new { id = draft })).Hit);

        var published = await PublishedAsync("NO-3122", 450);
        const string WithKommune = "query($id: ID!) { evaluation(id: $id) { id total kommune { name } } }";
        const string WithComparison = "query($id: ID!) { evaluation(id: $id) { id comparison { total meanTotal } } }";
        const string WithOtherRoot = "query($id: ID!) { evaluation(id: $id) { id } kommune(id: \"NO-3122\") { name } }";
        var analyst = Host.Token("analyst", user: "a3@ks.no");
        foreach (var query in new[] { WithKommune, WithComparison, WithOtherRoot })
        {
            var first = await PostAsync(analyst, query, new { id = published });
            Assert.Null(first.Body!["errors"]);
            Assert.False((await PostAsync(analyst, query, new { id = published })).Hit, query);
        }
    }

    [Fact]
    public async Task A_refused_or_missing_read_is_not_kept()
    {
        await Host.RegisterAsync("NO-3124");
        var draft = (await Host.OpenAsync("NO-3124"))["id"].Str();
        // An analyst may not read a draft: refused both times, never from a kept answer.
        var analyst = Host.Token("analyst", user: "a4@ks.no");
        for (var i = 0; i < 2; i++)
        {
            var refused = await PostAsync(analyst, Read, new { id = draft });
            Assert.False(refused.Hit);
            Assert.NotNull(refused.Body!["errors"]);
        }
        var missing = "NO-3124/eval/2001-1";
        await PostAsync(analyst, Read, new { id = missing });
        Assert.False((await PostAsync(analyst, Read, new { id = missing })).Hit);
    }

    [Fact]
    public async Task A_kept_answer_is_a_304_only_for_its_own_caller()
    {
        var id = await PublishedAsync("NO-3201", 430);
        var url = ReadPathHttp.GetUrl(Read, new { id });
        var a = Host.Token("analyst", user: "a5@ks.no");
        var first = await Host.GetAsync(url, a);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.True((await PostAsync(a, Read, new { id }, "GET")).Hit);
        Assert.Equal(HttpStatusCode.NotModified, (await Host.GetAsync(url, a, first.ETag)).Status);

        // Another caller who may read it too, with the first one's tag: its own full answer and tag, never a 304.
        var b = await Host.GetAsync(url, Host.Token("analyst", user: "a6@ks.no"), first.ETag);
        Assert.Equal(HttpStatusCode.OK, b.Status);
        Assert.Equal(first.Body, b.Body);
        Assert.NotEqual(first.ETag, b.ETag);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Host.GetAsync(url, token: null, first.ETag)).Status);
    }
}
