using Kompass.Contracts.Strategies;
using Kompass.Domain.Frameworks;
using Kompass.Domain.Kommuner;
using Kompass.Domain.Strategies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kompass.Gateway.Types.Strategies;

/// <summary>
/// The two plain HTTP views of strategies: a report's printable page and a kommune's calendar feed. Both
/// read through <see cref="StrategyApi"/>, like GraphQL. (When tenancy lands, the feed is reached through
/// a per-kommune secret token, since calendar clients cannot send a bearer token.)
/// </summary>
public static class StrategyEndpoints
{
    public static IEndpointRouteBuilder MapKompassStrategyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/reports/{**path}", ReportAsync);
        app.MapGet("/kommuner/{kommuneId}/calendar.ics", CalendarAsync);
        return app;
    }

    private static async Task<IResult> ReportAsync(string path, KompassApi api)
    {
        // /reports/NO-5034/strategy/2023-1/tertial-report/2024-T1.html: the report's key, and in it the strategy's id.
        if (!path.EndsWith(".html", StringComparison.Ordinal))
            return Results.NotFound();
        var key = path[..^".html".Length];
        var parts = key.Split('/');
        var strategyId = parts.Length > 3 ? string.Join('/', parts[..3]) : "";
        if (!StrategyIds.IsWellFormed(strategyId))
            return Results.NotFound();
        var report = await api.Strategies.Report(strategyId, key);
        var strategy = await api.Strategies.Strategy(strategyId);
        var kommune = strategy is null ? null : await api.Kommune(strategy.KommuneId);
        if (report is null || strategy is null || kommune is null)
            return Results.NotFound();
        var framework = api.Catalogue.TryGet(strategy.FrameworkVersion, out var f) ? f : null;
        string AreaName(string code, string lang) =>
            framework?.FindArea(code)?.Name is { } n ? (lang == "sv" ? n.Sv : n.Nb) : "";
        return Results.Content(ReportPage.Render(report, strategy, kommune, AreaName), "text/html; charset=utf-8");
    }

    private static async Task<IResult> CalendarAsync(string kommuneId, KompassApi api, TimeProvider time)
    {
        if (!KommuneId.TryParse(kommuneId, out var id) || await api.Kommune(id.ToString()) is not { } kommune)
            return Results.NotFound();
        var strategies = await api.Strategies.KommuneStrategies(kommune.Id);
        return Results.Text(CalendarFeed.Render(kommune, strategies, time.GetUtcNow()), CalendarFeed.ContentType);
    }
}
