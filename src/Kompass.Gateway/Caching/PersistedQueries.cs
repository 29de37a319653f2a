using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GraphQL;
using GraphQL.Transport;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Kompass.Gateway.Caching;

/// <summary>Why a persisted-query request is refused: its code and reason.</summary>
public sealed record PersistedQueryError(string Code, string Message);

/// <summary>
/// Automatic Persisted Queries (Apollo's convention): a request may carry
/// <c>extensions.persistedQuery = { version: 1, sha256Hash }</c> with or without its query. With the text,
/// the hash must be the SHA-256 of its UTF-8 bytes (lower-case hex), and the text is registered; without it, a
/// registered text is used, or the answer is PERSISTED_QUERY_NOT_FOUND and the client sends both. The store is
/// shared by every caller (it holds query text, never data: a hash names only a text its sender already knows)
/// and bounded by <see cref="CachingSettings.PersistedQueryChars"/>, the least recently used going first.
/// </summary>
public sealed class PersistedQueries : IDisposable
{
    public const string NotFound = "PERSISTED_QUERY_NOT_FOUND";
    public const string HashMismatch = "PERSISTED_QUERY_HASH_MISMATCH";
    public const string Invalid = "PERSISTED_QUERY_INVALID";

    private readonly MemoryCache _queries;

    public PersistedQueries(IOptions<CachingSettings> settings) =>
        _queries = new MemoryCache(new MemoryCacheOptions { SizeLimit = settings.Value.PersistedQueryChars });

    /// <summary>The request to run (its query filled in from the store when only the hash came), or why not.</summary>
    public (GraphQLRequest? Request, PersistedQueryError? Error) Resolve(GraphQLRequest request)
    {
        if (request.Extensions?.TryGetValue("persistedQuery", out var value) != true)
            return (request, null);
        if (value is not IReadOnlyDictionary<string, object?> persisted)
            return (null, new(Invalid, "extensions.persistedQuery must be an object: { \"version\": 1, \"sha256Hash\": \"<64 hex digits>\" }."));
        if (!persisted.TryGetValue("version", out var version) || !IsOne(version))
            return (null, new(Invalid, $"extensions.persistedQuery.version must be 1 (got {version ?? "nothing"})."));
        if (!persisted.TryGetValue("sha256Hash", out var h) || h is not string hash || !IsSha256Hex(hash))
            return (null, new(Invalid, "extensions.persistedQuery.sha256Hash must be the SHA-256 of the query text: 64 hexadecimal digits."));
        hash = hash.ToLowerInvariant();

        if (!string.IsNullOrEmpty(request.Query))
        {
            var actual = HashOf(request.Query);
            if (actual != hash)
                return (null, new(HashMismatch,
                    $"extensions.persistedQuery.sha256Hash is {hash}, but the SHA-256 of the query's UTF-8 text is {actual}: the query is not registered."));
            _queries.Set(hash, request.Query, new MemoryCacheEntryOptions { Size = Math.Max(1, request.Query.Length) });
            return (request, null);
        }
        if (_queries.TryGetValue(hash, out string? query))
            return (new GraphQLRequest { Query = query, OperationName = request.OperationName, Variables = request.Variables, Extensions = request.Extensions }, null);
        return (null, new(NotFound, $"No query is registered under {hash}: send it again with its query text."));
    }

    /// <summary>Lower-case hexadecimal SHA-256 of the text's UTF-8 bytes, as clients compute it.</summary>
    public static string HashOf(string query) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query)));

    public void Dispose() => _queries.Dispose();

    private static bool IsOne(object? version) => version switch
    {
        int i => i == 1,
        long l => l == 1,
        decimal d => d == 1,
        double d => d == 1,
        string s => s == "1",
        _ => version is IConvertible c && c.ToString(CultureInfo.InvariantCulture) == "1",
    };

    private static bool IsSha256Hex(string hash) => hash.Length == 64 && hash.All(char.IsAsciiHexDigit);
}
