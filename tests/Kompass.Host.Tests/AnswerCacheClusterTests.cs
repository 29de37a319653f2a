using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kompass.Testing;

namespace Kompass.Host.Tests;

/// <summary>
/// The answer cache in a real cluster: two host processes on one PostgreSQL database, each with its gateway. An
/// answer kept by one silo's gateway is revoked by an amendment made through the other before the amendment is
/// acknowledged, and so again after the silo that wrote has been killed and another started in its place.
/// </summary>
public sealed class AnswerCacheClusterTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private const string Read = "query($id: ID!) { evaluation(id: $id) { id total version } }";

    [Fact]
    public async Task A_change_through_one_silo_is_in_the_next_read_through_another_that_kept_the_answer_also_after_a_silo_restart()
    {
        var work = Directory.CreateTempSubdirectory("kompass-answers-").FullName;
        try
        {
            string[] storage = ["Kompass:Storage:Provider=Postgres", $"Kompass:Storage:Postgres:ConnectionString={server.CreateDatabase("answers")}"];
            var writer = HostProcess.Start(work, storage);
            await using var reader = HostProcess.Start(work, storage);
            try
            {
                await Task.WhenAll(writer.WaitUntilReadyAsync(TimeSpan.FromSeconds(120)), reader.WaitUntilReadyAsync(TimeSpan.FromSeconds(120)));
                await CallAsync(writer, TestTokens.Admin(), "mutation { registerKommune(input: {kommuneId: \"NO-3201\"}) { id } }");
                var imported = await CallAsync(writer, TestTokens.Admin(),
                    "mutation { importHistoricalResult(input: {kommuneId: \"NO-3201\", frameworkVersion: \"2020\", evaluatedOn: \"2022-05-01\", total: 400, source: \"Rapport 2022\"}) { id } }");
                var id = imported.Body["importHistoricalResult"]!["id"]!.GetValue<string>();
                var analyst = TestTokens.Issue("analyst", "analyst@ks.no");

                await ReadAsync(reader, analyst, id);
                var kept = await ReadAsync(reader, analyst, id);
                Assert.True(kept.Hit, "the reader's gateway keeps the answer");
                Assert.Equal(400, kept.Total);

                await AmendAsync(writer, id, 410);
                var afterAmend = await ReadAsync(reader, analyst, id);
                Assert.False(afterAmend.Hit);
                Assert.Equal(410, afterAmend.Total);
                Assert.True((await ReadAsync(reader, analyst, id)).Hit);

                // The writing silo dies without a word; another takes its place. The amendment through it reaches
                // the evaluation wherever it is activated now, and the reader's kept answer is revoked again.
                await writer.DisposeAsync();
                await using var replacement = HostProcess.Start(work, storage);
                await replacement.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
                await AmendAsync(replacement, id, 420);
                var afterRestart = await ReadAsync(reader, analyst, id);
                Assert.False(afterRestart.Hit);
                Assert.Equal(420, afterRestart.Total);
                var fromReplacement = await ReadAsync(replacement, analyst, id);
                Assert.Equal(420, fromReplacement.Total);
            }
            finally
            {
                await writer.DisposeAsync();
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task AmendAsync(HostProcess host, string id, int total) =>
        await CallAsync(host, TestTokens.Admin(), "mutation($input: AmendEvaluationInput!) { amendEvaluation(input: $input) { version } }",
            new { input = new { evaluationId = id, reason = "Korrigert sum", total } });

    private static async Task<(bool Hit, int Total)> ReadAsync(HostProcess host, string token, string id)
    {
        var (hit, body) = await CallAsync(host, token, Read, new { id });
        return (hit, body["evaluation"]!["total"]!.GetValue<int>());
    }

    private static async Task<(bool Hit, JsonObject Body)> CallAsync(HostProcess host, string token, string query, object? variables = null)
    {
        using var http = new HttpClient { BaseAddress = host.Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.True(json["errors"] is null, json.ToJsonString());
        return (response.Headers.TryGetValues("X-Cache", out var v) && v.Contains("hit"), json["data"]!.AsObject());
    }
}
