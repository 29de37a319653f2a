using System.Security.Cryptography;
using System.Text;
using Kompass.Domain.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Kompass.Gateway.Caching;

/// <summary>
/// HTTP caching of GET answers. An answer without errors carries an ETag, the SHA-256 of the caller's identity
/// (subject, role, kommune, evaluations) and of the answer's bytes; a request whose If-None-Match names it is
/// answered 304. The tag is of the answer this request gets: run in full with every access rule, or, for a read
/// of published evaluations, the same caller's same request kept in <see cref="AnswerCache"/> while provably
/// current. So a 304 is only ever the answer the caller would have been given in full, never stale and never
/// another caller's (the tag differs per caller). Every answer is
/// <c>Cache-Control: private, no-cache</c>: no field of the schema is public (each needs a signed-in caller), so
/// no shared cache may keep one, and the client's cache must revalidate before reuse. Answers with errors
/// (refused, unavailable, ...) carry no ETag and are <c>no-store</c>.
/// </summary>
public static class ConditionalGet
{
    public const string CacheControl = "private, no-cache";

    /// <summary>Headers of an answer that may not be kept (errors, refusals): no ETag, no-store.</summary>
    public static void NotCacheable(HttpContext http)
    {
        http.Response.Headers.Vary = "Authorization, Accept";
        http.Response.Headers.CacheControl = "no-store";
    }

    /// <summary>
    /// Writes a whole answer of status 200: over GET with its ETag, and as 304 with no body when the request's
    /// If-None-Match names it; over POST as it is (POST answers are not HTTP-cacheable).
    /// </summary>
    public static async Task WriteAsync(HttpContext http, ReadOnlyMemory<byte> body, string etag)
    {
        if (HttpMethods.IsGet(http.Request.Method))
        {
            var headers = http.Response.Headers;
            headers.Vary = "Authorization, Accept";
            headers.ETag = etag;
            headers.CacheControl = CacheControl;
            if (Matches(http.Request.Headers.IfNoneMatch, etag))
            {
                http.Response.StatusCode = StatusCodes.Status304NotModified;
                http.Response.ContentType = null;
                return;
            }
        }
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }

    /// <summary>A strong tag: the same bytes for the same caller in the same media type.</summary>
    public static string ETagOf(Principal? caller, string? contentType, ReadOnlySpan<byte> body)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(AnswerCache.IdentityOf(caller) + "\n" + contentType + "\n\n"));
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
