using System.Security.Claims;
using Kompass.Domain.Evaluations;
using Kompass.Domain.Kommuner;
using Kompass.Domain.Tenancy;

namespace Kompass.Gateway.Tenancy;

/// <summary>The claims a Kompass token carries, and the one place they become a <see cref="Principal"/>.</summary>
public static class TokenClaims
{
    public const string Subject = "sub";

    /// <summary>One of <see cref="Roles.TokenNames"/>. Entra ID app roles arrive as <c>roles</c>, also read.</summary>
    public const string Role = "role";
    public const string EntraRoles = "roles";

    /// <summary>The kommune of a kommune-leader or kommune-member, e.g. NO-5027.</summary>
    public const string Kommune = "kommune";

    /// <summary>An evaluation an evaluator's token names (repeated for several).</summary>
    public const string Evaluation = "evaluation";

    /// <summary>The caller, or why the (validly signed) token is refused.</summary>
    public static (Principal? Principal, string? Refusal) ToPrincipal(ClaimsPrincipal user)
    {
        var subject = user.FindFirst(Subject)?.Value;
        if (string.IsNullOrWhiteSpace(subject) || subject.Length > 200)
            return (null, "The token has no subject (claim 'sub', at most 200 characters).");
        var roles = user.FindAll(Role).Concat(user.FindAll(EntraRoles)).Select(c => c.Value).Distinct().ToList();
        if (roles.Count != 1)
            return (null, $"The token must carry exactly one role (claim '{Role}'), one of {string.Join(", ", Roles.TokenNames)}; it carries {roles.Count}.");
        if (!Roles.TryParse(roles[0], out var role))
            return (null, $"Unknown role '{roles[0]}': expected one of {string.Join(", ", Roles.TokenNames)}.");
        var kommune = user.FindFirst(Kommune)?.Value;
        if (Roles.IsKommuneRole(role) && !KommuneId.TryParse(kommune, out _))
            return (null, $"A {roles[0]} token must name its kommune (claim '{Kommune}', e.g. NO-5027).");
        var evaluations = user.FindAll(Evaluation).Select(c => c.Value).ToList();
        if (evaluations.Count > Principal.MaxEvaluations || evaluations.Any(e => !EvaluationIds.IsWellFormed(e)))
            return (null, $"Claim '{Evaluation}' must hold at most {Principal.MaxEvaluations} evaluation ids such as NO-5027/eval/2023-1.");
        return (new Principal(subject, role, Roles.IsKommuneRole(role) ? kommune : null, role == Domain.Tenancy.Role.Evaluator ? evaluations : []), null);
    }

    public static IEnumerable<Claim> Of(string subject, string role, string? kommune, IEnumerable<string> evaluations)
    {
        yield return new Claim(Subject, subject);
        yield return new Claim(Role, role);
        if (kommune is not null)
            yield return new Claim(Kommune, kommune);
        foreach (var evaluation in evaluations)
            yield return new Claim(Evaluation, evaluation);
    }
}
