using System.Net;

namespace Kompass.Gateway.Tests.ReadPath;

/// <summary>
/// ETags on GET answers: 304 while the answer is the same, a new tag when it would change, and never a 304
/// (nor another caller's answer) to a caller who may not read it.
/// </summary>
[Collection(SharedHostCollection.Name)]
public sealed class ConditionalGetTests(SharedHostFixture fixture)
{
    private const string Kommune = "NO-4614";
    private const string Read = "query($id: ID!) { evaluation(id: $id) { id status version interviews { role } } }";

    private KompassTestHost Host => fixture.Host;

    private async Task<string> DraftAsync()
    {
        var data = await Host.OkAsync($$"""{ kommune(id: "{{Kommune}}") { evaluations { id } } }""");
        if (data["kommune"] is null)
            await Host.RegisterAsync(Kommune);
        if (data["kommune"]?["evaluations"]?.AsArray() is [{ } existing, ..])
            return existing["id"].Str();
        return (await Host.OpenAsync(Kommune))["id"].Str();
    }

    [Fact]
    public async Task The_same_answer_is_a_304_and_a_change_gives_a_new_etag_and_the_new_answer()
    {
        var id = await DraftAsync();
        var leader = Host.Token("kommune-leader", Kommune);
        var url = ReadPathHttp.GetUrl(Read, new { id });

        var first = await Host.GetAsync(url, leader);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.NotNull(first.ETag);
        Assert.Contains("private", first.CacheControl);
        Assert.Contains("no-cache", first.CacheControl);

        var same = await Host.GetAsync(url, leader, first.ETag);
        Assert.Equal(HttpStatusCode.NotModified, same.Status);
        Assert.Equal(first.ETag, same.ETag);
        Assert.Equal("", same.Body);

        await Host.OkAsync("mutation($input: RecordInterviewInput!) { recordInterview(input: $input) { version } }",
            new { input = new { evaluationId = id, role = "Ordfører", date = "2026-10-21", people = 1 } });
        var changed = await Host.GetAsync(url, leader, first.ETag);
        Assert.Equal(HttpStatusCode.OK, changed.Status);
        Assert.NotEqual(first.ETag, changed.ETag);
        Assert.Contains("Ordfører", changed.Body);
        Assert.Equal(HttpStatusCode.NotModified, (await Host.GetAsync(url, leader, changed.ETag)).Status);
    }

    [Fact]
    public async Task A_caller_who_may_not_read_it_never_gets_a_304_with_the_tag_of_one_who_may()
    {
        var id = await DraftAsync();
        var url = ReadPathHttp.GetUrl(Read, new { id });
        var own = await Host.GetAsync(url, Host.Token("kommune-leader", Kommune));
        Assert.Equal(HttpStatusCode.OK, own.Status);

        foreach (var outsider in new[] { Host.Token("kommune-leader", "NO-4613"), Host.Token("analyst") })
        {
            var refused = await Host.GetAsync(url, outsider, own.ETag);
            Assert.Equal(HttpStatusCode.OK, refused.Status);
            Assert.Equal("FORBIDDEN", refused.Code);
            Assert.Null(refused.ETag);
            Assert.Equal("no-store", refused.CacheControl);
            Assert.DoesNotContain(Kommune + "/eval", refused.Json!["data"]!.ToJsonString());
        }
        var anonymous = await Host.GetAsync(url, token: null, own.ETag);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
    }

    [Fact]
    public async Task Two_callers_who_may_both_read_the_same_bytes_get_different_tags()
    {
        var id = await DraftAsync();
        var url = ReadPathHttp.GetUrl(Read, new { id });
        var leader = await Host.GetAsync(url, Host.Token("kommune-leader", Kommune));
        var member = Host.Token("kommune-member", Kommune);

        var asMember = await Host.GetAsync(url, member, leader.ETag);

        Assert.Equal(HttpStatusCode.OK, asMember.Status);
        Assert.Equal(leader.Body, asMember.Body);
        Assert.NotEqual(leader.ETag, asMember.ETag);
    }

    [Fact]
    public async Task Post_answers_carry_no_etag()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query":"{ frameworks { version } }"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        using var response = await Host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.ETag);
    }
}
