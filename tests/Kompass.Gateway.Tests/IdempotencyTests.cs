using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kompass.Gateway.Tests;

/// <summary>
/// The Idempotency-Key header over real HTTP: a repeat gets the first answer and applies nothing again,
/// also after the host restarts (SQLite file); the same key for another request is 422; bad keys are 400;
/// the key belongs to its caller.
/// </summary>
public sealed class IdempotencyTests : IDisposable
{
    private const string Open = """
        mutation($input: OpenEvaluationInput!) { openEvaluation(input: $input) { id status version } }
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("kompass-idempotency-").FullName;

    private string[] Settings => ["Kompass:Storage:Provider=Sqlite", "Kompass:Demo:Seed=false", $"Kompass:Storage:Sqlite:Path={Path.Combine(_folder, "kompass.db")}"];

    private static object OpenInput(string kommuneId, string evaluatedOn = "2026-11-01") =>
        new { input = new { kommuneId, frameworkVersion = "2020", evaluatedOn, evaluators = new[] { "KS-Konsulent" } } };

    private static async Task<(HttpStatusCode Status, string Body, bool Replayed)> Send(KompassTestHost host, string query, object variables,
        string? key, string? actor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        if (key is not null)
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Token("platform-admin", user: actor ?? KompassTestHost.Admin));
        using var response = await host.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(),
            response.Headers.TryGetValues("Idempotent-Replayed", out var v) && v.Single() == "true");
    }

    private static async Task<int> EvaluationCount(KompassTestHost host, string kommuneId) =>
        (await host.OkAsync($$"""{ kommune(id: "{{kommuneId}}") { evaluations { id } } }"""))["kommune"]!["evaluations"]!.AsArray().Count;

    [Fact]
    public async Task A_repeat_gets_the_first_answer_and_opens_nothing_more_also_after_a_restart()
    {
        string first;
        await using (var host = await KompassTestHost.StartAsync(Settings))
        {
            await host.RegisterAsync("NO-3401");
            var sent = await Send(host, Open, OpenInput("NO-3401"), "open-3401-a");
            Assert.Equal(HttpStatusCode.OK, sent.Status);
            Assert.False(sent.Replayed);
            first = sent.Body;
            Assert.Contains("\"NO-3401/eval/2026-1\"", first);

            var again = await Send(host, Open, OpenInput("NO-3401"), "open-3401-a");
            Assert.Equal((HttpStatusCode.OK, first, true), again);
            Assert.Equal(1, await EvaluationCount(host, "NO-3401"));
        }

        await using (var host = await KompassTestHost.StartAsync(Settings))
        {
            var afterRestart = await Send(host, Open, OpenInput("NO-3401"), "open-3401-a");
            Assert.Equal((HttpStatusCode.OK, first, true), afterRestart);
            Assert.Equal(1, await EvaluationCount(host, "NO-3401"));

            // Without the key, or with a new one, the same mutation is a new request.
            var other = await Send(host, Open, OpenInput("NO-3401"), "open-3401-b");
            Assert.Contains("\"NO-3401/eval/2026-2\"", other.Body);
            Assert.Equal(2, await EvaluationCount(host, "NO-3401"));
        }
    }

    [Fact]
    public async Task Two_commands_to_one_evaluation_in_one_keyed_request_are_both_applied_once()
    {
        await using var host = await KompassTestHost.StartAsync(Settings);
        await host.RegisterAsync("NO-3412");
        var id = (await host.OpenAsync("NO-3412"))["id"]!.GetValue<string>();
        const string TwoInterviews = """
            mutation($id: ID!) {
              a: recordInterview(input: {evaluationId: $id, role: "rådmann", date: "2026-11-02", people: 1}) { version }
              b: recordInterview(input: {evaluationId: $id, role: "ordfører", date: "2026-11-03", people: 1}) { version }
            }
            """;

        var first = await Send(host, TwoInterviews, new { id }, "two-interviews");
        var again = await Send(host, TwoInterviews, new { id }, "two-interviews");

        Assert.Equal((HttpStatusCode.OK, first.Body, true), again);
        var interviews = (await host.OkAsync($$"""{ evaluation(id: "{{id}}") { interviews { role } } }"""))["evaluation"]!["interviews"]!.AsArray();
        Assert.True(interviews.Count == 2, first.Body);
        Assert.Equal(["rådmann", "ordfører"], interviews.Select(i => i!["role"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_same_key_with_a_different_request_is_refused_with_422_and_changes_nothing()
    {
        await using var host = await KompassTestHost.StartAsync(Settings);
        await host.RegisterAsync("NO-3403");
        await Send(host, Open, OpenInput("NO-3403"), "reused");

        var reused = await Send(host, Open, OpenInput("NO-3403", evaluatedOn: "2026-11-02"), "reused");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.Status);
        var error = JsonNode.Parse(reused.Body)!["errors"]![0]!;
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", error["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(1, await EvaluationCount(host, "NO-3403"));
    }

    [Fact]
    public async Task A_key_belongs_to_its_caller()
    {
        await using var host = await KompassTestHost.StartAsync(Settings);
        await host.RegisterAsync("NO-3405");

        var kari = await Send(host, Open, OpenInput("NO-3405"), "shared-key", actor: "kari");
        var ola = await Send(host, Open, OpenInput("NO-3405"), "shared-key", actor: "ola");

        Assert.False(ola.Replayed);
        Assert.Contains("\"NO-3405/eval/2026-1\"", kari.Body);
        Assert.Contains("\"NO-3405/eval/2026-2\"", ola.Body);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("tab\there")]
    [InlineData("a-key-of-256-characters-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    public async Task A_malformed_key_is_a_400_and_nothing_runs(string key)
    {
        await using var host = await KompassTestHost.StartAsync(Settings);
        await host.RegisterAsync("NO-3407");

        var sent = await Send(host, Open, OpenInput("NO-3407"), key);

        Assert.Equal(HttpStatusCode.BadRequest, sent.Status);
        Assert.Equal("INVALID_IDEMPOTENCY_KEY", JsonNode.Parse(sent.Body)!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(0, await EvaluationCount(host, "NO-3407"));
    }

    [Fact]
    public async Task A_rejected_mutation_is_replayed_as_rejected()
    {
        await using var host = await KompassTestHost.StartAsync(Settings);

        var first = await Send(host, Open, OpenInput("NO-3411"), "not-registered"); // no such kommune yet
        await host.RegisterAsync("NO-3411");
        var again = await Send(host, Open, OpenInput("NO-3411"), "not-registered");

        Assert.Contains("NOT_FOUND", first.Body);
        Assert.Equal((first.Status, first.Body, true), again);
        Assert.Equal(0, await EvaluationCount(host, "NO-3411"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
