using System.Net;
using Kompass.Gateway.Caching;

namespace Kompass.Gateway.Tests.ReadPath;

/// <summary>Automatic persisted queries: unknown hash, registration with the text, a hash that lies, POST and GET.</summary>
[Collection(SharedHostCollection.Name)]
public sealed class PersistedQueryTests(SharedHostFixture fixture)
{
    private KompassTestHost Host => fixture.Host;

    [Fact]
    public async Task An_unknown_hash_is_not_found_then_registered_with_its_text_then_served_by_hash_over_post_and_get()
    {
        // A text no other test sends, so its hash is unknown to the shared host.
        const string query = "query PersistedFrameworks { frameworks { version maxTotal } }";
        var hash = ReadPathHttp.Hash(query);

        var unknown = await Host.PostPersistedAsync(null, hash);
        Assert.Equal(PersistedQueries.NotFound, unknown.Code);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        var unknownOverGet = await Host.GetAsync(ReadPathHttp.GetUrl(null, hash: hash), Host.Token("analyst"));
        Assert.Equal(PersistedQueries.NotFound, unknownOverGet.Code);

        var registered = await Host.PostPersistedAsync(query, hash);
        registered.AssertNoErrors();

        var byHash = await Host.PostPersistedAsync(null, hash);
        byHash.AssertNoErrors();
        Assert.Equal(registered.Data!.ToJsonString(), byHash.Data!.ToJsonString());
        var byHashOverGet = await Host.GetAsync(ReadPathHttp.GetUrl(null, hash: hash), Host.Token("analyst"));
        Assert.Equal(HttpStatusCode.OK, byHashOverGet.Status);
        Assert.Equal(registered.Data!.ToJsonString(), byHashOverGet.Json!["data"]!.ToJsonString());
    }

    [Fact]
    public async Task A_hash_that_does_not_match_its_text_is_refused_and_registers_nothing()
    {
        const string query = "{ frameworks { version } }";
        var lie = ReadPathHttp.Hash("{ frameworks { version name } }");

        var refused = await Host.PostPersistedAsync(query, lie);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(PersistedQueries.HashMismatch, refused.Code);
        Assert.Null(refused.Data);
        Assert.Equal(PersistedQueries.NotFound, (await Host.PostPersistedAsync(null, lie)).Code);
    }

    [Theory]
    [InlineData(2, "0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData(1, "not-a-hash")]
    public async Task A_version_other_than_1_or_a_malformed_hash_is_invalid(int version, string hash)
    {
        var refused = await Host.PostPersistedAsync("{ frameworks { version } }", hash, version: version);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(PersistedQueries.Invalid, refused.Code);
    }

    [Fact]
    public async Task Extensions_over_get_that_are_not_a_json_object_are_invalid_json()
    {
        var refused = await Host.GetAsync("/graphql?extensions=" + Uri.EscapeDataString("{persistedQuery"), Host.Token("analyst"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("INVALID_JSON", refused.Code);
        Assert.Contains("extensions", refused.Json!["errors"]![0]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_persisted_mutation_is_refused_over_get()
    {
        const string mutation = """mutation PersistedRegister { registerKommune(input: {kommuneId: "SE-0125"}) { id } }""";
        var hash = ReadPathHttp.Hash(mutation);
        (await Host.PostPersistedAsync(mutation, hash)).AssertNoErrors();

        var overGet = await Host.GetAsync(ReadPathHttp.GetUrl(null, hash: hash), Host.Token("platform-admin"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, overGet.Status);
        Assert.Equal("METHOD_NOT_ALLOWED", overGet.Code);
    }
}
