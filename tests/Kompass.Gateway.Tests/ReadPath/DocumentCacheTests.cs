using System.Net;
using Kompass.Gateway.Caching;
using Microsoft.Extensions.DependencyInjection;

namespace Kompass.Gateway.Tests.ReadPath;

/// <summary>
/// Documents are parsed and validated once per text: a cached document is only ever reused for the same
/// text, its variables are this request's, and what depends on the request still runs on each.
/// </summary>
[Collection(SharedHostCollection.Name)]
public sealed class DocumentCacheTests(SharedHostFixture fixture)
{
    private KompassTestHost Host => fixture.Host;

    private DocumentCache Documents => Host.Services.GetRequiredService<DocumentCache>();

    [Fact]
    public async Task A_cached_document_runs_with_each_requests_variables()
    {
        const string query = "query($id: ID!) { kommune(id: $id) { id name } }";
        await Host.RegisterAsync("NO-4613");
        await Host.RegisterAsync("NO-4616");

        var bomlo = await Host.OkAsync(query, new { id = "NO-4613" });
        Assert.True(Documents.Prepare(query, null, queriesOnly: false).Cached);
        var tysnes = await Host.OkAsync(query, new { id = "NO-4616" });

        Assert.Equal("Bømlo", bomlo["kommune"]!["name"].Str());
        Assert.Equal("Tysnes", tysnes["kommune"]!["name"].Str());
    }

    [Fact]
    public async Task A_cached_document_is_not_reused_for_a_different_query()
    {
        const string idOnly = """{ framework(version: "2020") { version } }""";
        const string withTotal = """{ framework(version: "2020") { version maxTotal } }""";
        await Host.OkAsync(idOnly);
        Assert.True(Documents.Prepare(idOnly, null, queriesOnly: false).Cached);
        Assert.False(Documents.Prepare(withTotal + " ", null, queriesOnly: false).Cached);

        var framework = (await Host.OkAsync(withTotal))["framework"]!;
        Assert.Equal(800, framework["maxTotal"].Int());
        var again = (await Host.OkAsync(idOnly))["framework"]!.AsObject();
        Assert.Equal(["version"], again.Select(p => p.Key));
    }

    [Fact]
    public async Task A_cached_document_with_a_variable_list_size_is_weighed_again_for_each_request()
    {
        const string query = "query($n: Int) { kommuner(country: NO, first: $n) { nodes { id name evaluations { id total } } } }";
        await Host.OkAsync(query, new { n = 1 });
        Assert.True(Documents.Prepare(query, null, queriesOnly: false).Cached);

        var heavy = await Host.PostAsync(query, new { n = 1_000_000 });

        Assert.Equal(HttpStatusCode.BadRequest, heavy.Status);
        Assert.Equal("COMPLEXITY", heavy.Code);
    }

    [Fact]
    public async Task A_mutation_cached_from_a_post_is_still_refused_over_get()
    {
        const string mutation = """mutation { registerKommune(input: {kommuneId: "NO-4615"}) { id } }""";
        await Host.OkAsync(mutation);
        Assert.True(Documents.Prepare(mutation, null, queriesOnly: false).Cached);

        var overGet = await Host.GetAsync(ReadPathHttp.GetUrl(mutation), Host.Token("platform-admin"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, overGet.Status);
        Assert.Equal("METHOD_NOT_ALLOWED", overGet.Code);
    }
}
