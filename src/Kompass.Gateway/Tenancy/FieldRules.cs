using GraphQL;
using Kompass.Contracts;
using Kompass.Contracts.Evaluations;
using Kompass.Contracts.Kommuner;
using Kompass.Contracts.Strategies;
using Kompass.Domain.Kommuner;
using Kompass.Domain.Tenancy;

namespace Kompass.Gateway.Tenancy;

/// <summary>
/// The gateway's rules, one per kind of access, named so that a test can list every field with its rule.
/// Each asks <see cref="Access"/>, the same rules the grains ask again.
/// </summary>
public static class FieldRules
{
    public static readonly FieldRule SignedIn = FieldRule.Sync("signed-in",
        "read this (published data and aggregates are every role's)", _ => true);

    /// <summary>For the fields of objects that only a field with its own rule hands out (a connection's edges, a score's parts).</summary>
    public static readonly FieldRule ThroughParent = FieldRule.Sync("through-parent",
        "read this", _ => true);

    public static readonly FieldRule ReadEvaluation = FieldRule.Sync("read-evaluation",
        "read this evaluation (a draft is its kommune's and its evaluators')",
        r => r.Field.Source is not EvaluationView v || MayRead(r.Principal, v),
        (p, result) => result is not EvaluationView v || MayRead(p, v));

    public static readonly FieldRule RegisterKommune = FieldRule.Sync("platform-admin",
        "register kommuner", r => Access.MayRegisterKommune(r.Principal));

    public static readonly FieldRule ImportResults = FieldRule.Sync("platform-admin",
        "import historical results", r => Access.MayImportResults(r.Principal));

    public static readonly FieldRule AssignEvaluators = FieldRule.Sync("platform-admin",
        "assign evaluators", r => Access.MayAssignEvaluators(r.Principal));

    public static readonly FieldRule Offboard = FieldRule.Sync("platform-admin",
        "offboard a kommune", r => Access.MayOffboard(r.Principal));

    public static readonly FieldRule OpenEvaluation = FieldRule.Sync("evaluator",
        "open evaluations", r => Access.MayOpenEvaluation(r.Principal));

    /// <summary>Record, rate, publish, amend: an evaluator assigned to the evaluation (read from the grain), or an admin.</summary>
    public static readonly FieldRule WorkOnEvaluation = new("assigned-evaluator",
        "work on this evaluation (evaluators assigned to it)", async r =>
        {
            if (Access.IsPlatform(r.Principal))
                return true;
            if (r.Principal.Role != Role.Evaluator || r.Input is not ITargetsEvaluation { EvaluationId: var id })
                return false;
            // An id nobody handed out: let the grain answer NOT_FOUND (there is nothing to protect).
            return await r.Api.AssigneesOf(id) is not { } assignees || Access.MayWorkOn(r.Principal, id, assignees);
        });

    public static readonly FieldRule ReadAudit = FieldRule.Sync("kommune-leader-or-platform-admin",
        "read this audit log", r => r.Field.GetArgument<string>("kommuneId") is { } k && Access.MayReadAudit(r.Principal, k));

    public static readonly FieldRule ReadStrategy = FieldRule.Sync("read-strategy",
        "read this strategy (its kommune's own, unless the kommune shares it)",
        r => r.Field.Source is not StrategyView v || Access.MayReadStrategy(r.Principal, v.KommuneId, v.Shared),
        (p, result) => result is not StrategyView v || Access.MayReadStrategy(p, v.KommuneId, v.Shared));

    /// <summary>A kommune's inbox, follow-up agenda and calendar feed: its own leaders and members.</summary>
    public static readonly FieldRule KommuneInternals = FieldRule.Sync("own-kommune",
        "read this kommune's follow-up, inbox or calendar",
        r => KommuneOf(r) is { } k && Access.MayReadStrategy(r.Principal, k, shared: false));

    public static readonly FieldRule ChangeStrategy = FieldRule.Sync("kommune-leader",
        "change strategies of this kommune",
        r => KommuneOf(r) is { } k && Access.MayChangeStrategy(r.Principal, k));

    /// <summary>A leader of the kommune, or a member who owns the action (its ownerSubject, read from the strategy).</summary>
    public static readonly FieldRule UpdateAction = new("kommune-leader-or-action-owner",
        "update this action (the kommune's leaders, and the member who owns it)", async r =>
        {
            if (KommuneOf(r) is not { } k || r.Input is not Contracts.Strategies.UpdateAction u)
                return false;
            if (Access.MayChangeStrategy(r.Principal, k))
                return true;
            return r.Principal.Role == Role.KommuneMember && r.Principal.BelongsTo(k)
                && Access.MayUpdateAction(r.Principal, k, await r.Api.Strategies.ActionOwnerOf(u.StrategyId, u.ActionId));
        });

    public static readonly FieldRule AcknowledgeNotification = FieldRule.Sync("own-kommune",
        "acknowledge this kommune's notifications", r => KommuneOf(r) is { } k && r.Principal.BelongsTo(k));

    /// <summary>
    /// The kommune a field is about: its input's kommune or strategy, a kommuneId argument, or the kommune
    /// being resolved; null when none parses (then every kommune rule refuses).
    /// </summary>
    private static string? KommuneOf(RuleContext r)
    {
        var id = r.Input switch
        {
            ITargetsStrategy s => s.StrategyId,
            ITargetsKommune k => k.KommuneId,
            ITargetsEvaluation e => e.EvaluationId,
            _ => r.Field.Source is KommuneView kommune ? kommune.Id
                : r.Field.Arguments?.TryGetValue("kommuneId", out var a) == true ? a.Value as string : null,
        };
        return KommuneId.TryOwnerOf(id, out var owner) ? owner.ToString() : null;
    }

    private static bool MayRead(Principal p, EvaluationView v) =>
        Access.MayReadEvaluation(p, v.Id, v.Status == EvaluationStatus.Published, v.Assignees);
}
