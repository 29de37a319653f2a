using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kompass.Gateway.Tests;

/// <summary>GraphQL over HTTP: status codes, media types and request errors. A bad request is never a 500.</summary>
[Collection(SharedHostCollection.Name)]
public sealed class ProtocolTests(SharedHostFixture fixture)
{
    private const string GraphQLResponse = "application/graphql-response+json";
    private const string Json = "application/json";

    private KompassTestHost Host => fixture.Host;

    [Fact]
    public async Task Malformed_json_is_a_400_INVALID_JSON()
    {
        var response = await PostRawAsync("""{"query": "{ frameworks { version } }" """);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(GraphQLResponse, response.ContentType);
        Assert.Equal("INVALID_JSON", response.Code);
    }

    [Fact]
    public async Task A_graphql_syntax_error_is_a_400_SYNTAX_ERROR()
    {
        var response = await Host.PostAsync("{ frameworks { version }");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("SYNTAX_ERROR", response.Code);
        Assert.Null(response.Data);
    }

    [Fact]
    public async Task A_query_for_an_unknown_field_is_a_400_with_an_error()
    {
        var response = await Host.PostAsync("{ frameworks { version colour } }");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        var error = Assert.Single(response.Errors!)!;
        Assert.Contains("colour", error["message"]!.GetValue<string>());
        Assert.NotNull(response.Code);
        Assert.Null(response.Data);
    }

    [Fact]
    public async Task Get_with_a_query_answers_graphql_response_json()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get,
            "/graphql?query=" + Uri.EscapeDataString("query($v: String!) { framework(version: $v) { version maxTotal } }")
            + "&variables=" + Uri.EscapeDataString("""{"v": "2020"}"""));

        var response = await Host.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(GraphQLResponse, response.ContentType);
        response.AssertNoErrors();
        Assert.Equal("2020", response.Data!["framework"]!["version"]!.GetValue<string>());
        Assert.Equal(800, response.Data!["framework"]!["maxTotal"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(GraphQLResponse)]
    [InlineData(Json)]
    public async Task Get_with_a_mutation_is_a_405_and_changes_nothing(string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get,
            "/graphql?query=" + Uri.EscapeDataString("""mutation { registerKommune(input: {kommuneId: "NO-4219"}) { id } }"""));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));

        using var http = await Host.Http.SendAsync(request);
        var body = JsonNode.Parse(await http.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.MethodNotAllowed, http.StatusCode);
        Assert.Equal(accept, http.Content.Headers.ContentType?.MediaType);
        Assert.Contains("POST", http.Content.Headers.Allow);
        Assert.Equal("METHOD_NOT_ALLOWED", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Null(body["data"]);
        Assert.Equal("null", await Host.KommuneSnapshotAsync("NO-4219"));
    }

    [Fact]
    public async Task Get_selecting_the_query_of_a_document_that_also_holds_a_mutation_runs_the_query()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?operationName=Read&query=" + Uri.EscapeDataString(
            """query Read { frameworks { version } } mutation Write { registerKommune(input: {kommuneId: "NO-4219"}) { id } }"""));

        var response = await Host.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        response.AssertNoErrors();
        Assert.Equal("null", await Host.KommuneSnapshotAsync("NO-4219"));
    }

    [Fact]
    public async Task Post_with_content_type_text_plain_is_a_415()
    {
        var response = await PostRawAsync("""{"query": "{ frameworks { version } }"}""", "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", response.Code);
    }

    [Fact]
    public async Task Accepting_only_application_json_answers_in_it_with_200_even_for_a_validation_error()
    {
        var response = await PostRawAsync("""{"query": "{ frameworks { version colour } }"}""", accept: Json);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(Json, response.ContentType);
        Assert.NotNull(response.Code);
        Assert.Null(response.Data);

        var ok = await PostRawAsync("""{"query": "{ frameworks { version } }"}""", accept: Json);
        Assert.Equal(HttpStatusCode.OK, ok.Status);
        Assert.Equal(Json, ok.ContentType);
        ok.AssertNoErrors();
    }

    [Fact]
    public async Task Accepting_neither_media_type_is_a_406()
    {
        var response = await PostRawAsync("""{"query": "{ frameworks { version } }"}""", accept: "text/html");

        Assert.Equal(HttpStatusCode.NotAcceptable, response.Status);
        Assert.Equal("NOT_ACCEPTABLE", response.Code);
    }

    [Theory]
    [InlineData("""{"variables": {}}""")]
    [InlineData("""{"query": ""}""")]
    [InlineData("""{"query": "   "}""")]
    public async Task A_request_without_a_query_is_a_400_BAD_REQUEST(string body)
    {
        var response = await PostRawAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("BAD_REQUEST", response.Code);
    }

    [Fact]
    public async Task Get_without_a_query_is_a_400_BAD_REQUEST()
    {
        var response = await Host.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/graphql"));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("BAD_REQUEST", response.Code);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_1_MiB_is_a_413(bool withContentLength)
    {
        // A valid request, padded with a long string past the limit.
        var body = JsonSerializer.Serialize(new { query = "{ frameworks { version } }", padding = new string('x', (1 << 20) + 10) });
        HttpContent content = withContentLength
            ? new StringContent(body, Encoding.UTF8, Json)
            : new StreamContent(new NoLengthStream(Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new MediaTypeHeaderValue(Json);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content };
        if (!withContentLength)
            request.Headers.TransferEncodingChunked = true;

        var response = await Host.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal("REQUEST_TOO_LARGE", response.Code);
    }

    public static TheoryData<string, string> GarbageBodies() => new()
    {
        { "empty", "" },
        { "null", "null" },
        { "array", "[]" },
        { "number query", """{"query": 5}""" },
        { "string body", "\"{ frameworks { version } }\"" },
        { "number body", "42" },
        { "truncated", """{"query": "{ fra""" },
        { "variables not an object", """{"query": "{ frameworks { version } }", "variables": [1, 2]}""" },
        { "operationName a number", """{"query": "{ frameworks { version } }", "operationName": 7}""" },
        { "unknown operationName", """{"query": "{ frameworks { version } }", "operationName": "Nope"}""" },
        { "deeply nested json", "{\"query\": " + new string('[', 5000) + new string(']', 5000) + "}" },
        { "deeply nested selections", Request("{ frameworks " + string.Concat(Enumerable.Repeat("{ version ", 3000)) + new string('}', 3000) + " }") },
        { "deeply nested braces", Request(new string('{', 5000) + new string('}', 5000)) },
        { "too deep for the analyser", Request("{ kommuner(country: NO) { nodes " + string.Concat(Enumerable.Repeat("{ evaluations { kommune ", 10)) + "{ id }" + new string('}', 20) + " } }") },
        { "too complex", Request("{ kommuner(country: NO, first: 100000) { nodes { id } } }") },
        { "variable of the wrong type", """{"query": "query($v: String!) { framework(version: $v) { version } }", "variables": {"v": {"a": 1}}}""" },
        { "missing variable", """{"query": "query($v: String!) { framework(version: $v) { version } }"}""" },
        { "int out of range", Request("""mutation { recordInterview(input: {evaluationId: "NO-4219/eval/2026-1", role: "x", date: "2026-01-01", people: 99999999999}) { id } }""") },
        { "bad date", Request("""mutation { openEvaluation(input: {kommuneId: "NO-4219", frameworkVersion: "2020", evaluatedOn: "2026-13-45", evaluators: ["A"]}) { id } }""") },
        { "subscription", Request("subscription { frameworks { version } }") },
        { "unicode garbage", "\u0000\u0001\uFFFD" },
    };

    [Theory]
    [MemberData(nameof(GarbageBodies))]
    public async Task Garbage_is_never_a_500_and_always_a_json_error_with_a_code(string name, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8, Json) };
        using var http = await Host.Http.SendAsync(request);
        var text = await http.Content.ReadAsStringAsync();

        Assert.True((int)http.StatusCode < 500, $"{name}: {(int)http.StatusCode} {text}");
        var json = JsonNode.Parse(text)!;
        var errors = json["errors"]!.AsArray();
        Assert.NotEmpty(errors);
        Assert.All(errors, e =>
        {
            var code = e!["extensions"]!["code"]!.GetValue<string>();
            Assert.False(string.IsNullOrEmpty(code), name);
            Assert.NotEqual("INTERNAL_ERROR", code);
        });
        Assert.Equal("null", await Host.KommuneSnapshotAsync("NO-4219"));
    }

    private static string Request(string query) => JsonSerializer.Serialize(new { query });

    private async Task<GraphQLResponse> PostRawAsync(string body, string contentType = Json, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (accept is not null)
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        return await Host.SendAsync(request);
    }

    /// <summary>A stream that does not tell its length, so HttpClient sends it chunked.</summary>
    private sealed class NoLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
