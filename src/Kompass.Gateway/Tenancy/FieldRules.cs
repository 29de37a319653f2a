using GraphQL;
using Kompass.Contracts;
using Kompass.Contracts.Evaluations;
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

    private static bool MayRead(Principal p, EvaluationView v) =>
        Access.MayReadEvaluation(p, v.Id, v.Status == EvaluationStatus.Published, v.Assignees);
}
