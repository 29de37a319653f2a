using System.Text.Json;
using Kompass.Contracts;
using Kompass.Contracts.Evaluations;
using Kompass.Contracts.Kommuner;
using Kompass.Domain;
using Kompass.Domain.Kommuner;
using Kompass.Domain.Tenancy;
using Kompass.Gateway.Http;
using Kompass.Storage.Audit;
using Microsoft.Extensions.Logging;

namespace Kompass.Gateway.Tenancy;

/// <summary>
/// Writes every mutation, let through or refused, to the audit log of the kommune it is about (the
/// platform's log when it names none that parses): who, role, when, operation, target, outcome, and in brief
/// what it asked and what it changed. A failed append is logged with the whole entry, and the answer stands:
/// the change it records is already stored.
/// </summary>
public sealed class MutationAudit(IAuditLog log, TimeProvider clock, ILogger<MutationAudit> logger)
{
    public const string Allowed = "OK";

    public async Task RecordAsync(Principal? caller, string operation, object? input, object? result, string outcome)
    {
        var (kommune, target) = TargetOf(input);
        var entry = new AuditEntry(kommune, clock.GetUtcNow(), caller?.Subject ?? "anonymous", caller?.RoleName ?? "anonymous",
            operation, target, outcome, Brief(input, result));
        try
        {
            await log.AppendAsync(entry);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Could not append to the audit log: {Entry}", entry);
        }
    }

    /// <summary>The code a failed mutation answered with.</summary>
    public static string OutcomeOf(Exception e) => e switch
    {
        DomainException d => ErrorCodes.Of(d.Code),
        _ => ErrorCodes.FromInfrastructure(e)?.Code ?? ErrorCodes.Internal,
    };

    private static (string Kommune, string Target) TargetOf(object? input) => input switch
    {
        // The kommune's own log leaves with it: its offboarding is recorded in the platform's.
        OffboardKommune o => (AuditEntry.Platform, o.KommuneId),
        ITargetsEvaluation e => (KommuneOf(e.EvaluationId), e.EvaluationId),
        ITargetsStrategy t => (KommuneOf(t.StrategyId), t.StrategyId),
        ITargetsKommune k => (KommuneOf(k.KommuneId), k.KommuneId),
        _ => (AuditEntry.Platform, ""),
    };

    private static string KommuneOf(string key) => KommuneId.TryOwnerOf(key, out var id) ? id.ToString() : AuditEntry.Platform;

    /// <summary>What was asked (the input), and what the change made of the target; an amendment's old and new values.</summary>
    private static string Brief(object? input, object? result)
    {
        var asked = input is null ? "" : "input " + JsonSerializer.Serialize(input, input.GetType(), JsonText.Web);
        var made = result switch
        {
            EvaluationView { Amendments: [.., var last] } v when last.Reason is not null && asked.Contains("\"reason\"", StringComparison.Ordinal) =>
                $"now version {v.Version}; {string.Join("; ", last.Changes.Select(c => $"{c.Field}: {c.OldValue ?? "-"} → {c.NewValue ?? "-"}"))}",
            EvaluationView v => $"now version {v.Version}, {v.Status}, total {v.Total?.ToString() ?? "-"}",
            KommuneView k => $"now {k.Name}",
            _ => "",
        };
        return made.Length == 0 ? asked : $"{made}. {asked}";
    }
}
