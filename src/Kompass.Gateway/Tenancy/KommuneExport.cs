using System.Text.Json;
using Kompass.Contracts;
using Kompass.Domain.Kommuner;
using Kompass.Domain.Tenancy;
using Kompass.Gateway.Http;
using Kompass.Storage.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kompass.Gateway.Tenancy;

/// <summary>
/// GET /kommuner/{id}/export: all of a kommune's data as one JSON document (its leaders, and platform admins),
/// read with the caller's rights so that the grains check it again.
/// </summary>
public static class KommuneExport
{
    public const string Format = "kompass-kommune-export/1";

    public static IEndpointConventionBuilder MapKommuneExport(this IEndpointRouteBuilder app) =>
        app.MapGet("/kommuner/{kommuneId}/export", HandleAsync);

    private static async Task HandleAsync(HttpContext http, string kommuneId, KompassApi api, TimeProvider clock)
    {
        const string Json = GraphQLEndpoint.Json;
        var (caller, refusal) = await RequestAccess.SignedInAsync(http);
        if (refusal is not null)
        {
            await RequestAccess.WriteAsync(http, refusal);
            return;
        }
        if (!KommuneId.TryParse(kommuneId, out var id))
        {
            await GraphQLEndpoint.WriteRequestError(http, StatusCodes.Status400BadRequest, Json, ErrorCodes.Validation,
                $"'{kommuneId}' is not a kommune id such as NO-5027.");
            return;
        }
        if (!Access.MayExport(caller!, id.ToString()))
        {
            await GraphQLEndpoint.WriteRequestError(http, StatusCodes.Status403Forbidden, Json, ErrorCodes.Forbidden,
                Access.Refused(caller!, $"export the data of {id}").Message);
            return;
        }
        try
        {
            CallerContext.Principal = caller;
            var kommune = await api.Kommune(id.ToString());
            if (kommune is null)
            {
                await GraphQLEndpoint.WriteRequestError(http, StatusCodes.Status404NotFound, Json, ErrorCodes.NotFound, $"{id} is not registered.");
                return;
            }
            var evaluations = await Task.WhenAll(kommune.Evaluations.Select(e => api.Evaluation(e.Id)));
            var strategies = await api.Strategies.KommuneStrategies(id.ToString());
            var audit = new List<AuditRecord>();
            for (string? after = null; ;)
            {
                var page = await api.AuditLog(id.ToString(), AuditLogRules.MaxPageSize, after);
                audit.AddRange(page.Items);
                if (!page.HasNextPage)
                    break;
                after = page.EndCursor;
            }
            http.Response.ContentType = Json + "; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{id}-export.json\"";
            await JsonSerializer.SerializeAsync(http.Response.Body, new
            {
                format = Format,
                exportedAt = clock.GetUtcNow(),
                exportedBy = caller!.Subject,
                kommune,
                evaluations = evaluations.Where(e => e is not null),
                strategies,
                auditLog = audit.Select(a => new { sequence = a.Sequence, a.Entry.At, a.Entry.Actor, a.Entry.Role, a.Entry.Operation, a.Entry.Target, a.Entry.Outcome, a.Entry.Changes }),
            }, JsonText.Indented, http.RequestAborted);
        }
        catch (Exception e) when (ErrorCodes.FromInfrastructure(e) is { } error && !http.Response.HasStarted)
        {
            await GraphQLEndpoint.WriteRequestError(http, error.Code == ErrorCodes.Unavailable ? StatusCodes.Status503ServiceUnavailable
                : StatusCodes.Status409Conflict, Json, error.Code, error.Message, error.Retryable);
        }
    }
}
