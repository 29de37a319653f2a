using Kompass.Domain.Tenancy;

namespace Kompass.Contracts;

/// <summary>
/// Who is calling, carried in Orleans' RequestContext from the gateway to every grain the call reaches:
/// grains check it before they run a call (tenancy), amendments and logs name it. Kept as plain strings so
/// that any silo reads it without a serializer for our types. Only cluster members can set it: the silo
/// and gateway ports take mutually authenticated TLS outside Development.
/// </summary>
public static class CallerContext
{
    private const string SubjectKey = "kompass.sub";
    private const string RoleKey = "kompass.role";
    private const string KommuneKey = "kompass.kommune";
    private const string EvaluationsKey = "kompass.evaluations";
    private const string RequestKeyKey = "kompass.request-key";

    /// <summary>
    /// The client's Idempotency-Key, scoped to the caller: a grain that has applied a command under this
    /// key before answers it again without applying it twice (a retry after a lost answer).
    /// </summary>
    public static string? RequestKey
    {
        get => RequestContext.Get(RequestKeyKey) as string;
        set => Set(RequestKeyKey, value);
    }

    /// <summary>The caller, or null when the call carries none (refused by every grain).</summary>
    public static Principal? Principal
    {
        get
        {
            if (RequestContext.Get(SubjectKey) is not string subject || RequestContext.Get(RoleKey) is not string roleName)
                return null;
            var role = roleName == "system" ? Role.System : Roles.TryParse(roleName, out var r) ? r : (Role?)null;
            if (role is null)
                return null;
            var evaluations = RequestContext.Get(EvaluationsKey) as string;
            return new Principal(subject, role.Value, RequestContext.Get(KommuneKey) as string,
                string.IsNullOrEmpty(evaluations) ? [] : evaluations.Split(' '));
        }
        set
        {
            Set(SubjectKey, value?.Subject);
            Set(RoleKey, value?.RoleName);
            Set(KommuneKey, value?.KommuneId);
            Set(EvaluationsKey, value is { Evaluations.Count: > 0 } ? string.Join(' ', value.Evaluations) : null);
        }
    }

    /// <summary>Who did it, for amendments and logs: the caller's subject.</summary>
    public static string? Actor => RequestContext.Get(SubjectKey) as string;

    private static void Set(string key, string? value)
    {
        if (value is null)
            RequestContext.Remove(key);
        else
            RequestContext.Set(key, value);
    }
}
