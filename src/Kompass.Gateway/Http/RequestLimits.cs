using System.Globalization;
using System.Threading.RateLimiting;
using GraphQL;
using GraphQL.Validation;
using GraphQLParser.AST;
using Kompass.Contracts;
using Kompass.Gateway.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kompass.Gateway.Http;

/// <summary>
/// Limits against abuse (section <c>Kompass:Limits</c>), each answered with its own error code and never a 500:
/// REQUEST_TOO_LARGE, COMPLEXITY, TOO_MANY_ALIASES, LIST_TOO_LONG, TIMEOUT, RATE_LIMITED.
/// </summary>
public sealed class RequestLimits
{
    public const string Section = "Kompass:Limits";

    public long MaxBodyBytes { get; set; } = 1 << 20;

    /// <summary>A CSV file of historical results (POST /imports/historical-results): 10 000 rows with room for long sources.</summary>
    public long MaxImportBytes { get; set; } = 8 << 20;
    public int MaxDepth { get; set; } = 15;
    public int MaxComplexity { get; set; } = 50_000;

    /// <summary>Aliased fields in one document: aliases multiply the work of one request.</summary>
    public int MaxAliases { get; set; } = 30;

    /// <summary>Items in any one list of a request's input, in its variables or written in the query.</summary>
    public int MaxListLength { get; set; } = 500;

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Requests a minute per caller (the token's subject); 0 switches the limit off.</summary>
    public int RequestsPerMinutePerToken { get; set; } = 600;

    /// <summary>Requests a minute from all the tokens of one kommune together; 0 switches the limit off.</summary>
    public int RequestsPerMinutePerKommune { get; set; } = 3_000;

    /// <summary>Requests a minute per client address without a valid token (each answered 401).</summary>
    public int RequestsPerMinuteAnonymous { get; set; } = 120;

    public const string TooManyAliases = "TOO_MANY_ALIASES";
    public const string ListTooLong = "LIST_TOO_LONG";
    public const string Timeout = "TIMEOUT";

    internal static void Check(RequestLimits l)
    {
        if (l.MaxBodyBytes < 1024 || l.MaxImportBytes < 1024 || l.MaxDepth < 1 || l.MaxComplexity < 1 || l.MaxAliases < 0 || l.MaxListLength < 1
            || l.RequestTimeout <= TimeSpan.Zero || l.RequestsPerMinutePerToken < 0 || l.RequestsPerMinutePerKommune < 0 || l.RequestsPerMinuteAnonymous < 0)
            throw new OptionsValidationException(Section, typeof(RequestLimits),
                [$"{Section}: sizes and the timeout must be positive (MaxBodyBytes and MaxImportBytes at least 1024), request rates 0 (off) or more."]);
    }

    /// <summary>The first list in the variables longer than the limit, as a path (input.ratings), or null.</summary>
    public string? FirstLongList(Inputs? variables, string path = "")
    {
        return variables is null ? null : Walk(variables, path);

        string? Walk(object? value, string at) => value switch
        {
            IReadOnlyDictionary<string, object?> map => map.Select(p => Walk(p.Value, at.Length == 0 ? p.Key : $"{at}.{p.Key}")).FirstOrDefault(p => p is not null),
            IList<object?> list when list.Count > MaxListLength => at,
            IList<object?> list => list.Select((v, i) => Walk(v, $"{at}[{i}]")).FirstOrDefault(p => p is not null),
            _ => null,
        };
    }
}

/// <summary>Refuses a document with more aliased fields, or a longer list literal, than <see cref="RequestLimits"/> allow.</summary>
internal sealed class DocumentLimits(RequestLimits limits) : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var aliases = 0;
        return new(new NodeVisitors(
            new MatchingNodeVisitor<GraphQLField>((field, ctx) =>
            {
                if (field.Alias is not null && ++aliases == limits.MaxAliases + 1)
                    ctx.ReportError(new ValidationError(
                        $"The query has more than {limits.MaxAliases} aliased fields ({RequestLimits.Section}:MaxAliases).") { Code = RequestLimits.TooManyAliases });
            }),
            new MatchingNodeVisitor<GraphQLListValue>((list, ctx) =>
            {
                if (list.Values?.Count > limits.MaxListLength)
                    ctx.ReportError(new ValidationError(
                        $"A list in the query has {list.Values.Count} items: at most {limits.MaxListLength} ({RequestLimits.Section}:MaxListLength).") { Code = RequestLimits.ListTooLong });
            })));
    }
}

public static class RateLimits
{
    /// <summary>
    /// Per caller and per kommune (fixed one-minute windows), on the API's endpoints; health probes are never
    /// limited. Runs after authentication, so a caller is its token's subject; without one, its address.
    /// </summary>
    public static IServiceCollection AddKompassRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter();
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RequestLimits>>((o, options) =>
        {
            var limits = options.Value;
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => !IsApi(http) ? NoLimit()
                    : http.User.FindFirst(TokenClaims.Subject)?.Value is { } subject ? PerMinute("caller:" + subject, limits.RequestsPerMinutePerToken)
                    : PerMinute("address:" + http.Connection.RemoteIpAddress, limits.RequestsPerMinuteAnonymous)),
                PartitionedRateLimiter.Create<HttpContext, string>(http => IsApi(http) && http.User.FindFirst(TokenClaims.Kommune)?.Value is { } kommune
                    ? PerMinute("kommune:" + kommune, limits.RequestsPerMinutePerKommune)
                    : NoLimit()));
            o.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await GraphQLEndpoint.WriteRequestError(context.HttpContext, StatusCodes.Status429TooManyRequests, GraphQLEndpoint.Json,
                    ErrorCodes.RateLimited,
                    $"Too many requests: at most {limits.RequestsPerMinutePerToken} a minute per caller and {limits.RequestsPerMinutePerKommune} per kommune. Retry after {seconds} s.",
                    retryable: true);
            };
        });
        return services;
    }

    private static bool IsApi(HttpContext http) => !http.Request.Path.StartsWithSegments("/health");

    private static RateLimitPartition<string> NoLimit() => RateLimitPartition.GetNoLimiter("none");

    private static RateLimitPartition<string> PerMinute(string key, int permits) => permits == 0 ? NoLimit()
        : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
}
