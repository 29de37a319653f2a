using System.Security.Cryptography;
using System.Text;
using GraphQL;
using Kompass.Domain.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Kompass.Gateway.Caching;

/// <summary>
/// HTTP caching of GET answers. An answer without errors carries an ETag, the SHA-256 of the caller's identity
/// (subject, role, kommune, evaluations) and of the answer's bytes; a request whose If-None-Match names it is
/// answered 304. The query still runs in full first, with every access rule: a 304 is only ever the answer the
/// caller would have been given in full, never stale (the bytes are this request's) and never another caller's
/// (the tag differs per caller). What it saves is the answer on the wire. Every answer is
/// <c>Cache-Control: private, no-cache</c>: no field of the schema is public (each needs a signed-in caller), so
/// no shared cache may keep one, and the client's cache must revalidate before reuse. Answers with errors
/// (refused, unavailable, ...) carry no ETag and are <c>no-store</c>.
/// </summary>
public static class ConditionalGet
{
    public const string CacheControl = "private, no-cache";

    public static async Task WriteAsync(HttpContext http, Principal? caller, ExecutionResult result, IGraphQLTextSerializer serializer)
    {
        var headers = http.Response.Headers;
        headers.Vary = "Authorization, Accept";
        if (result.Errors is { Count: > 0 } || http.Response.StatusCode != StatusCodes.Status200OK)
        {
            headers.CacheControl = "no-store";
            await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
            return;
        }
        // Buffered, so the answer can be hashed before it is sent.
        using var body = new MemoryStream(1024);
        await serializer.WriteAsync(body, result, http.RequestAborted);
        var bytes = body.GetBuffer().AsMemory(0, (int)body.Length);
        var etag = ETagOf(caller, http.Response.ContentType, bytes.Span);
        headers.ETag = etag;
        headers.CacheControl = CacheControl;
        if (Matches(http.Request.Headers.IfNoneMatch, etag))
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            http.Response.ContentType = null;
            return;
        }
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
    }

    /// <summary>A strong tag: the same bytes for the same caller in the same media type.</summary>
    public static string ETagOf(Principal? caller, string? contentType, ReadOnlySpan<byte> body)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var who = caller is null ? "anonymous" : string.Join('\n', caller.Subject, caller.Role, caller.KommuneId ?? "",
            string.Join(',', caller.Evaluations.Order(StringComparer.Ordinal)), contentType ?? "");
        sha.AppendData(Encoding.UTF8.GetBytes(who + "\n\n"));
        sha.AppendData(body);
        Span<byte> hash = stackalloc byte[32];
        sha.GetHashAndReset(hash);
        return "\"" + Convert.ToBase64String(hash[..18]).Replace('+', '-').Replace('/', '_') + "\"";
    }

    /// <summary>RFC 9110 weak comparison, as If-None-Match asks: W/"x" matches "x".</summary>
    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag)
    {
        if (ifNoneMatch.Count == 0)
            return false;
        return EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
            && tags.Any(t => t.Tag.Equals(etag, StringComparison.Ordinal));
    }
}
