using System.Globalization;
using Kompass.Contracts;
using Kompass.Contracts.Analytics;
using Kompass.Domain;
using Kompass.Domain.Kommuner;
using Kompass.Gateway.Http;
using Kompass.Gateway.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kompass.Gateway.Types.Analytics;

/// <summary>
/// The analytics as CSV files (docs/analytics.md, Export), with the arguments of the GraphQL fields as query
/// parameters: <c>/analytics/benchmark.csv</c>, <c>/analytics/histogram.csv</c>, <c>/analytics/ranking.csv</c>
/// (frameworkVersion, country, from, to; area for the ranking) and <c>/kommuner/{id}/trend.csv</c>
/// (frameworkVersion). A bearer token is required; every role reads these aggregates of published results, as
/// in GraphQL, and the grain checks the caller again. Bad input is the GraphQL error body with its field.
/// </summary>
public static class AnalyticsEndpoints
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static IEndpointRouteBuilder MapKompassAnalyticsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/analytics/benchmark.csv", (HttpContext http, KompassApi api) => ScopedAsync(http, api, AnalyticsExportKind.Benchmark, "benchmark"));
        app.MapGet("/analytics/histogram.csv", (HttpContext http, KompassApi api) => ScopedAsync(http, api, AnalyticsExportKind.Histogram, "histogram"));
        app.MapGet("/analytics/ranking.csv", (HttpContext http, KompassApi api) => ScopedAsync(http, api, AnalyticsExportKind.Ranking, "ranking"));
        app.MapGet("/kommuner/{kommuneId}/trend.csv", (HttpContext http, string kommuneId, KompassApi api) =>
            CsvAsync(http, $"trend-{kommuneId}", () => api.Analytics.ExportTrendCsv(kommuneId, Text(http, "frameworkVersion"))));
        return app;
    }

    private static Task ScopedAsync(HttpContext http, KompassApi api, AnalyticsExportKind kind, string name) =>
        CsvAsync(http, name, () =>
        {
            var area = kind == AnalyticsExportKind.Ranking ? Text(http, "area") : null;
            var scope = ScopeOf(http, api, area);
            return api.Analytics.ExportCsv(kind, scope, area);
        });

    private static Task CsvAsync(HttpContext http, string name, Func<Task<string>> export) =>
        AnswerAsync(http, export, ContentType, $"attachment; filename=\"{Sanitized(name)}.csv\"");

    /// <summary>frameworkVersion (required), country, from and to from the query string, checked as the GraphQL arguments are.</summary>
    internal static AnalyticsScope ScopeOf(HttpContext http, KompassApi api, string? area = null) =>
        api.Analytics.Scope(Text(http, "frameworkVersion")
                ?? throw DomainException.Validation("frameworkVersion", "Give frameworkVersion, e.g. ?frameworkVersion=2020."),
            CountryOf(http), DateOf(http, "from"), DateOf(http, "to"), area);

    /// <summary>
    /// The caller first (401/403 as every endpoint answers), then the answer, or the error with its field and a status that
    /// says whose it is.
    /// </summary>
    internal static async Task AnswerAsync(HttpContext http, Func<Task<string>> export, string contentType, string? disposition)
    {
        var (caller, refusal) = await RequestAccess.SignedInAsync(http);
        if (refusal is not null)
        {
            await RequestAccess.WriteAsync(http, refusal);
            return;
        }
        CallerContext.Principal = caller;
        string csv;
        try
        {
            csv = await export();
        }
        catch (Exception e) when (ErrorOf(e) is { } error)
        {
            await GraphQLEndpoint.WriteRequestError(http, StatusOf(error.Code), GraphQLEndpoint.Json, error.Code, error.Message, error.Retryable, error.Field);
            return;
        }
        http.Response.ContentType = contentType;
        if (disposition is not null)
            http.Response.Headers.ContentDisposition = disposition;
        await http.Response.WriteAsync(csv, http.RequestAborted);
    }

    private static KompassError? ErrorOf(Exception e) => e switch
    {
        KompassError k => k,
        DomainException d => ErrorCodes.From(d),
        _ => ErrorCodes.FromInfrastructure(e),
    };

    private static int StatusOf(string code) => code switch
    {
        ErrorCodes.Validation => StatusCodes.Status400BadRequest,
        ErrorCodes.NotFound => StatusCodes.Status404NotFound,
        ErrorCodes.Forbidden => StatusCodes.Status403Forbidden,
        ErrorCodes.Unauthenticated => StatusCodes.Status401Unauthorized,
        ErrorCodes.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status503ServiceUnavailable,
    };

    internal static string? Text(HttpContext http, string name) =>
        http.Request.Query.TryGetValue(name, out var values) && !string.IsNullOrWhiteSpace(values.ToString()) ? values.ToString().Trim() : null;

    private static Country? CountryOf(HttpContext http) => Text(http, "country") switch
    {
        null => null,
        var c when Enum.TryParse<Country>(c, ignoreCase: false, out var country) && Enum.IsDefined(country) => country,
        var c => throw DomainException.Validation("country", $"'{c}' is not a country: NO or SE, or leave it out for both."),
    };

    private static DateOnly? DateOf(HttpContext http, string name) => Text(http, name) switch
    {
        null => null,
        var d when DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) => date,
        var d => throw DomainException.Validation(name, $"'{d}' is not a date written yyyy-MM-dd."),
    };

    // A kommune id from the path goes into a header: keep letters, digits and dashes only.
    private static string Sanitized(string name) => new([.. name.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-')]);
}
