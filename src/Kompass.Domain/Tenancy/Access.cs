using Kompass.Domain.Kommuner;

namespace Kompass.Domain.Tenancy;

/// <summary>
/// Who may do what (issue 10's roles), as pure rules. The gateway asks them before it calls a grain and
/// every grain asks them again before it runs a call, so a bug in one layer is caught by the other.
/// </summary>
public static class Access
{
    public static bool IsPlatform(Principal p) => p.Role is Role.PlatformAdmin or Role.System;

    public static bool MayRegisterKommune(Principal p) => IsPlatform(p);

    public static bool MayImportResults(Principal p) => IsPlatform(p);

    public static bool MayAssignEvaluators(Principal p) => IsPlatform(p);

    public static bool MayOffboard(Principal p) => IsPlatform(p);

    /// <summary>Evaluators open evaluations (and are assigned to them by doing so); admins may too.</summary>
    public static bool MayOpenEvaluation(Principal p) => IsPlatform(p) || p.Role == Role.Evaluator;

    /// <summary>
    /// An evaluator works on an evaluation it is assigned to: its subject is among the evaluation's
    /// assignees, or its token names the evaluation. Admins and the system may work on any.
    /// </summary>
    public static bool MayWorkOn(Principal p, string evaluationId, IEnumerable<string> assignees) =>
        IsPlatform(p) || (p.Role == Role.Evaluator && (p.Evaluations.Contains(evaluationId) || assignees.Contains(p.Subject)));

    /// <summary>Published results are everyone's; a draft is its kommune's, its evaluators' and the platform's.</summary>
    public static bool MayReadEvaluation(Principal p, string evaluationId, bool published, IEnumerable<string> assignees) =>
        published || MayWorkOn(p, evaluationId, assignees) || p.BelongsTo(KommuneId.OwnerOf(evaluationId).ToString());

    /// <summary>Strategy work is the kommune's own; one it marks shared is readable by every role.</summary>
    public static bool MayReadStrategy(Principal p, string kommuneId, bool shared) =>
        p.Role == Role.System || p.BelongsTo(kommuneId) || shared;

    public static bool MayChangeStrategy(Principal p, string kommuneId) =>
        p.Role == Role.System || (p.Role == Role.KommuneLeader && p.BelongsTo(kommuneId));

    /// <summary>Leaders change every action of their kommune; a member the actions it owns.</summary>
    public static bool MayUpdateAction(Principal p, string kommuneId, string? ownerSubject) =>
        MayChangeStrategy(p, kommuneId) || (p.Role == Role.KommuneMember && p.BelongsTo(kommuneId) && ownerSubject == p.Subject);

    /// <summary>A kommune's audit log: its leaders and the platform. The platform's own log: the platform.</summary>
    public static bool MayReadAudit(Principal p, string kommuneId) =>
        IsPlatform(p) || (p.Role == Role.KommuneLeader && p.BelongsTo(kommuneId));

    /// <summary>All of a kommune's data in one document: its leaders, and the platform (before offboarding it).</summary>
    public static bool MayExport(Principal p, string kommuneId) => MayReadAudit(p, kommuneId);

    /// <summary>Throws FORBIDDEN naming who was refused what, unless <paramref name="allowed"/>.</summary>
    public static void Demand(bool allowed, Principal p, string what, string? field = null)
    {
        if (!allowed)
            throw Refused(p, what, field);
    }

    public static DomainException Refused(Principal p, string what, string? field = null) =>
        new(ErrorKind.Forbidden, $"{p.Subject} ({p.RoleName}{(p.KommuneId is null ? "" : " of " + p.KommuneId)}) may not {what}.", field);

    public static DomainException Unauthenticated(string what) =>
        new(ErrorKind.Unauthenticated, $"Sign in first: {what} needs a bearer token (see README, Roles and tokens).");
}
