using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kompass.Gateway.Caching;

namespace Kompass.Gateway.Tests.ReadPath;

/// <summary>One GET answer as the read-path tests look at it: status, caching headers and body.</summary>
public sealed record GetAnswer(HttpStatusCode Status, string? ETag, string? CacheControl, string Body)
{
    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);

    public string? Code => Json?["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>();
}

/// <summary>GET and persisted-query requests, sent with a caller's own token (none when null).</summary>
public static class ReadPathHttp
{
    public static string GetUrl(string? query, object? variables = null, string? hash = null)
    {
        var parts = new List<string>();
        if (query is not null)
            parts.Add("query=" + Uri.EscapeDataString(query));
        if (variables is not null)
            parts.Add("variables=" + Uri.EscapeDataString(JsonSerializer.Serialize(variables)));
        if (hash is not null)
            parts.Add("extensions=" + Uri.EscapeDataString(JsonSerializer.Serialize(Extensions(hash))));
        return "/graphql?" + string.Join('&', parts);
    }

    public static object Extensions(string hash, int version = 1) => new { persistedQuery = new { version, sha256Hash = hash } };

    public static async Task<GetAnswer> GetAsync(this KompassTestHost host, string url, string? token, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (ifNoneMatch is not null)
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        using var response = await host.AnonymousHttp.SendAsync(request);
        return new GetAnswer(response.StatusCode, response.Headers.ETag?.ToString(), response.Headers.CacheControl?.ToString(),
            await response.Content.ReadAsStringAsync());
    }

    /// <summary>POSTs a request with a persisted-query extension (and the query text when given), as the platform admin.</summary>
    public static async Task<GraphQLResponse> PostPersistedAsync(this KompassTestHost host, string? query, string hash, object? variables = null, int version = 1)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent(new { query, variables, extensions = Extensions(hash, version) }),
        };
        return await host.SendAsync(request);
    }

    public static string Hash(string query) => PersistedQueries.HashOf(query);

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
}
