using Kompass.Contracts.Strategies;
using Kompass.Domain.Frameworks;
using Kompass.Domain.Kommuner;
using Kompass.Domain.Strategies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Kompass.Contracts;
using Kompass.Domain.Tenancy;
using Kompass.Gateway.Tenancy;

namespace Kompass.Gateway.Types.Strategies;

/// <summary>
/// The two plain HTTP views of strategies: a report's printable page (a bearer token of someone who may read
/// the strategy: its kommune, or anyone when it is shared) and a kommune's calendar feed (its secret token in
/// the URL, since calendar clients cannot send a bearer token; the kommune's leaders read the URL). Both read
/// through <see cref="StrategyApi"/>, like GraphQL, and the grains check the caller again.
/// </summary>
public static class StrategyEndpoints
{
    public static IEndpointRouteBuilder MapKompassStrategyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/reports/{**path}", ReportAsync);
        app.MapGet("/kommuner/{kommuneId}/calendar.ics", CalendarAsync);
        return app;
    }

    private static async Task<IResult> ReportAsync(HttpContext http, string path, KompassApi api)
    {
        var (caller, refusal) = await RequestAccess.SignedInAsync(http);
        if (refusal is not null)
        {
            await RequestAccess.WriteAsync(http, refusal);
            return Results.Empty;
        }
        CallerContext.Principal = caller;
        // /reports/NO-5034/strategy/2023-1/tertial-report/2024-T1.html: the report's key, and in it the strategy's id.
        if (!path.EndsWith(".html", StringComparison.Ordinal))
            return Results.NotFound();
        var key = path[..^".html".Length];
        var parts = key.Split('/');
        var strategyId = parts.Length > 3 ? string.Join('/', parts[..3]) : "";
        if (!StrategyIds.IsWellFormed(strategyId))
            return Results.NotFound();
        StrategyView? strategy;
        try
        {
            strategy = await api.Strategies.Strategy(strategyId);
        }
        catch (KompassError e) when (e.Code == ErrorCodes.Forbidden)
        {
            await RequestAccess.WriteAsync(http, new RequestRefusal(StatusCodes.Status403Forbidden, e.Code, e.Message));
            return Results.Empty;
        }
        var report = strategy is null ? null : await api.Strategies.Report(strategyId, key);
        var kommune = strategy is null ? null : await api.Kommune(strategy.KommuneId);
        if (report is null || strategy is null || kommune is null)
            return Results.NotFound();
        var framework = api.Catalogue.TryGet(strategy.FrameworkVersion, out var f) ? f : null;
        string AreaName(string code, string lang) =>
            framework?.FindArea(code)?.Name is { } n ? (lang == "sv" ? n.Sv : n.Nb) : "";
        return Results.Content(ReportPage.Render(report, strategy, kommune, AreaName), "text/html; charset=utf-8");
    }

    private static async Task<IResult> CalendarAsync(string kommuneId, string? token, KompassApi api, AuthSettings auth, TimeProvider time)
    {
        // A wrong, missing or rotated token answers as an unknown kommune does: the URL reveals nothing.
        if (!KommuneId.TryParse(kommuneId, out var id) || string.IsNullOrEmpty(token))
            return Results.NotFound();
        // The token is the kommune's leaders' grant: the feed reads its strategies on their behalf, as the system.
        CallerContext.Principal = Principal.System;
        if (await api.Kommune(id.ToString()) is not { } kommune || !auth.IsFeedToken(kommune.Id, kommune.FeedTokenGeneration, token))
            return Results.NotFound();
        var strategies = await api.Strategies.KommuneStrategies(kommune.Id);
        return Results.Text(CalendarFeed.Render(kommune, strategies, time.GetUtcNow()), CalendarFeed.ContentType);
    }
}
