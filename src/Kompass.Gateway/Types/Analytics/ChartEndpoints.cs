using Kompass.Charts;
using Kompass.Contracts.Analytics;
using Kompass.Domain;
using Kompass.Domain.Kommuner;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kompass.Gateway.Types.Analytics;

/// <summary>
/// The charts as SVG (docs/charts.md), each also a URL field in GraphQL. Arguments are query parameters, as for
/// the CSV exports, and the same rules hold: a bearer token; the aggregates for every role; an evaluation's radar
/// for those who may read the evaluation (the grain checks). Labels in Norwegian or Swedish by country.
/// </summary>
public static class ChartEndpoints
{
    public const string ContentType = "image/svg+xml; charset=utf-8";

    public static IEndpointRouteBuilder MapKompassChartEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/charts/radar.svg", (HttpContext http, KompassApi api) => Svg(http, () => RadarAsync(http, api)));
        app.MapGet("/charts/areas.svg", (HttpContext http, KompassApi api) => Svg(http, () => AreasAsync(http, api)));
        app.MapGet("/charts/ranking.svg", (HttpContext http, KompassApi api) => Svg(http, () => RankingAsync(http, api)));
        app.MapGet("/charts/histogram.svg", (HttpContext http, KompassApi api) =>
            Svg(http, async () => HistogramChart.Render((await api.Analytics.Benchmark(AnalyticsEndpoints.ScopeOf(http, api))).ToDomain())));
        return app;
    }

    /// <summary>The URLs the GraphQL fields give (relative to the service's address).</summary>
    public static string RadarUrl(string evaluationId) => $"/charts/radar.svg?evaluationId={Uri.EscapeDataString(evaluationId)}";

    public static string AreasUrl(string kommuneId, string? frameworkVersion) =>
        $"/charts/areas.svg?kommuneId={Uri.EscapeDataString(kommuneId)}{Param("frameworkVersion", frameworkVersion)}";

    public static string ScopedUrl(string chart, string frameworkVersion, string? country, DateOnly? from, DateOnly? to, string? area = null,
        string? highlight = null) =>
        $"/charts/{chart}.svg?frameworkVersion={Uri.EscapeDataString(frameworkVersion)}{Param("country", country)}" +
        $"{Param("from", from?.ToString("yyyy-MM-dd"))}{Param("to", to?.ToString("yyyy-MM-dd"))}{Param("area", area)}{Param("highlight", highlight)}";

    private static string Param(string name, string? value) => value is null ? "" : $"&{name}={Uri.EscapeDataString(value)}";

    private static Task Svg(HttpContext http, Func<Task<string>> render) => AnalyticsEndpoints.AnswerAsync(http, render, ContentType, "inline");

    /// <summary>One evaluation's areas against the held mean (and the published one, when KS or SKR published one) of its version and country.</summary>
    private static async Task<string> RadarAsync(HttpContext http, KompassApi api)
    {
        var id = Required(http, "evaluationId");
        var evaluation = await api.Evaluation(id) ?? throw DomainException.NotFound($"No evaluation {id}.", "evaluationId");
        var kommune = await api.Kommune(evaluation.KommuneId);
        var country = KommuneId.Parse(evaluation.KommuneId).Country;
        var means = await api.Analytics.MeansBeside(evaluation.FrameworkVersion, country, null);
        return RadarChart.Render(evaluation.ToResult(), api.Catalogue.Get(evaluation.FrameworkVersion), kommune?.Name ?? evaluation.KommuneId, means.ToDomain());
    }

    /// <summary>One kommune's areas across its results, in one version's areas (across versions through the declared mapping, with the caveat).</summary>
    private static async Task<string> AreasAsync(HttpContext http, KompassApi api)
    {
        var id = KommuneId.Parse(Required(http, "kommuneId"), "kommuneId").ToString();
        var trend = (await api.Analytics.Trend(id, AnalyticsEndpoints.Text(http, "frameworkVersion"))).ToDomain();
        var kommune = await api.Kommune(id) ?? throw DomainException.NotFound($"No kommune {id} is registered.", "kommuneId");
        var version = trend.FrameworkVersion ?? AnalyticsEndpoints.Text(http, "frameworkVersion") ?? api.Catalogue.Versions.Max(StringComparer.Ordinal)!;
        return AreaTrendChart.Render(trend, api.Catalogue.Get(version), kommune.Name);
    }

    /// <summary>Every ranked kommune, best first, one highlighted (?highlight=NO-5027): the pages of the ranking read to the end.</summary>
    private static async Task<string> RankingAsync(HttpContext http, KompassApi api)
    {
        var area = AnalyticsEndpoints.Text(http, "area");
        var scope = AnalyticsEndpoints.ScopeOf(http, api, area);
        var highlight = AnalyticsEndpoints.Text(http, "highlight") is { } h ? KommuneId.Parse(h, "highlight").ToString() : null;
        var pages = new List<RankingPage>();
        string? after = null;
        do
        {
            pages.Add(await api.Analytics.Ranking(scope, area, Paging.MaxPageSize, after));
            after = pages[^1].Cursors.Count > 0 ? pages[^1].Cursors[^1] : null;
        } while (pages[^1].HasNextPage && after is not null);
        var framework = api.Catalogue.Get(scope.FrameworkVersion);
        var (ranking, names) = pages.ToDomain(framework);
        return RankingChart.Render(ranking, names, highlight, framework);
    }

    private static string Required(HttpContext http, string name) =>
        AnalyticsEndpoints.Text(http, name) ?? throw DomainException.Validation(name, $"Give {name}.");
}
