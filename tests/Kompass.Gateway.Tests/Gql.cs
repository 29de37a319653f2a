using System.Net;
using System.Text.Json.Nodes;

namespace Kompass.Gateway.Tests;

/// <summary>GraphQL calls the tests share: the happy path asserted, and read-backs for "nothing changed".</summary>
public static class Gql
{
    /// <summary>Every field of an evaluation (but its comparison): a read-back that shows any change.</summary>
    public const string EvaluationFields = """
        id kommune { id } frameworkVersion evaluatedOn status origin imported source evaluators
        interviews { role date people }
        ratings { code system scope result comment }
        findings { areaCode strengths challenges improvementAreas }
        total areaScores { code name score exactScore maxScore ratedPoints scoringPoints }
        missingScoringPoints openedAt publishedAt
        amendments { by at reason changes { field oldValue newValue } }
        version
        """;

    public const string KommuneFields = "id name country number countyName population populationYear evaluations { id status version total }";

    /// <summary>Posts and asserts a 200 without errors; returns <c>data</c>.</summary>
    /// <param name="actor">The subject of the platform admin token sent, unless <paramref name="token"/> is given.</param>
    public static async Task<JsonNode> OkAsync(this KompassTestHost host, string query, object? variables = null, string? actor = null, string? token = null)
    {
        var response = token is null ? await host.PostAsync(query, variables, actor) : await host.PostAsTokenAsync(query, variables, token);
        response.AssertNoErrors();
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response.Data!;
    }

    /// <summary>
    /// Posts a mutation that must be rejected by the service (it executed, so 200 with graphql-response+json)
    /// with exactly one error of this code and field, and no data.
    /// </summary>
    public static async Task<GraphQLResponse> RejectedAsync(this KompassTestHost host, string query, object? variables,
        string code, string? field, string? actor = null, string? token = null)
    {
        var response = token is null ? await host.PostAsync(query, variables, actor) : await host.PostAsTokenAsync(query, variables, token);
        Assert.True(response.Errors is { Count: 1 }, $"Expected one error, got: {response.Body.ToJsonString()}");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(code, response.Code);
        Assert.Equal(field, response.Field);
        Assert.Null(response.Data);
        Assert.False(string.IsNullOrWhiteSpace(response.Errors![0]!["message"]?.GetValue<string>()));
        return response;
    }

    public static async Task<JsonNode> RegisterAsync(this KompassTestHost host, string kommuneId, string? name = null)
    {
        var data = await host.OkAsync($"mutation($input: RegisterKommuneInput!) {{ registerKommune(input: $input) {{ {KommuneFields} }} }}",
            new { input = new { kommuneId, name } });
        return data["registerKommune"]!;
    }

    public static async Task<JsonNode> OpenAsync(this KompassTestHost host, string kommuneId, string frameworkVersion = "2020",
        string evaluatedOn = "2026-11-01")
    {
        var data = await host.OkAsync($"mutation($input: OpenEvaluationInput!) {{ openEvaluation(input: $input) {{ {EvaluationFields} }} }}",
            new { input = new { kommuneId, frameworkVersion, evaluatedOn, evaluators = new[] { "KS-Konsulent" } } });
        return data["openEvaluation"]!;
    }

    public static async Task<JsonNode> RateAsync(this KompassTestHost host, string evaluationId, IEnumerable<object> ratings)
    {
        var data = await host.OkAsync($"mutation($input: RateScoringPointsInput!) {{ rateScoringPoints(input: $input) {{ {EvaluationFields} }} }}",
            new { input = new { evaluationId, ratings = ratings.ToArray() } });
        return data["rateScoringPoints"]!;
    }

    /// <summary>Rates every scoring point of the evaluation's framework the same.</summary>
    public static async Task<JsonNode> RateAllAsync(this KompassTestHost host, string evaluationId, int system, int scope, int result,
        string frameworkVersion = "2020")
    {
        var codes = await host.ScoringPointCodesAsync(frameworkVersion);
        return await host.RateAsync(evaluationId, codes.Select(code => Rating(code, system, scope, result)));
    }

    public static async Task<JsonNode> PublishAsync(this KompassTestHost host, string evaluationId)
    {
        var data = await host.OkAsync($"mutation($input: PublishEvaluationInput!) {{ publishEvaluation(input: $input) {{ {EvaluationFields} }} }}",
            new { input = new { evaluationId } });
        return data["publishEvaluation"]!;
    }

    public static object Rating(string code, int system, int scope, int result, string? comment = null) =>
        new { code, system, scope, result, comment };

    public static async Task<IReadOnlyList<string>> ScoringPointCodesAsync(this KompassTestHost host, string frameworkVersion = "2020")
    {
        var data = await host.OkAsync("query($v: String!) { framework(version: $v) { scoringPoints { code } } }", new { v = frameworkVersion });
        return [.. data["framework"]!["scoringPoints"]!.AsArray().Select(p => p!["code"]!.GetValue<string>())];
    }

    /// <summary>The evaluation as JSON text (null when there is none), for before/after comparisons.</summary>
    public static async Task<string> EvaluationSnapshotAsync(this KompassTestHost host, string id)
    {
        var data = await host.OkAsync($"query($id: ID!) {{ evaluation(id: $id) {{ {EvaluationFields} }} }}", new { id });
        return data["evaluation"]?.ToJsonString() ?? "null";
    }

    public static async Task<JsonNode?> EvaluationAsync(this KompassTestHost host, string id)
    {
        var data = await host.OkAsync($"query($id: ID!) {{ evaluation(id: $id) {{ {EvaluationFields} }} }}", new { id });
        return data["evaluation"];
    }

    /// <summary>The kommune with its evaluations as JSON text (null when not registered).</summary>
    public static async Task<string> KommuneSnapshotAsync(this KompassTestHost host, string id)
    {
        var data = await host.OkAsync($"query($id: ID!) {{ kommune(id: $id) {{ {KommuneFields} }} }}", new { id });
        return data["kommune"]?.ToJsonString() ?? "null";
    }

    public static int Int(this JsonNode? node) => node!.GetValue<int>();

    public static decimal Dec(this JsonNode? node) => node!.GetValue<decimal>();

    public static string Str(this JsonNode? node) => node!.GetValue<string>();

    public static IReadOnlyList<string> Strings(this JsonNode? node) => [.. node!.AsArray().Select(n => n!.GetValue<string>())];

    /// <summary>The element of an array whose <paramref name="key"/> is <paramref name="value"/>.</summary>
    public static JsonNode By(this JsonNode? array, string key, string value) =>
        array!.AsArray().Single(n => n![key]!.GetValue<string>() == value)!;
}
