using Kompass.Domain.Kommuner;

namespace Kompass.Domain.Tenancy;

/// <summary>The roles a token may carry (claim <c>role</c>), and the service's own identity.</summary>
public enum Role
{
    /// <summary>KS staff: registers kommuner, imports results, assigns evaluators, offboards; all an evaluator may, anywhere.</summary>
    PlatformAdmin,

    /// <summary>Opens evaluations and works on those assigned to it; reads published results.</summary>
    Evaluator,

    /// <summary>Everything of its own kommune (evaluations read-only); of others only what is published.</summary>
    KommuneLeader,

    /// <summary>Reads its own kommune; updates the strategy actions it owns.</summary>
    KommuneMember,

    /// <summary>Reads published results and aggregates of every kommune.</summary>
    Analyst,

    /// <summary>The service itself: deliveries between grains, reminders, seeding. Never in a token.</summary>
    System,
}

public static class Roles
{
    private static readonly Dictionary<string, Role> ByName = new(StringComparer.Ordinal)
    {
        ["platform-admin"] = Role.PlatformAdmin,
        ["evaluator"] = Role.Evaluator,
        ["kommune-leader"] = Role.KommuneLeader,
        ["kommune-member"] = Role.KommuneMember,
        ["analyst"] = Role.Analyst,
    };

    /// <summary>The names a token may carry; <see cref="Role.System"/> has none, so no token can claim it.</summary>
    public static IReadOnlyCollection<string> TokenNames => ByName.Keys;

    public static bool TryParse(string? name, out Role role) => ByName.TryGetValue(name ?? "", out role);

    public static string NameOf(Role role) => role == Role.System ? "system" : ByName.First(p => p.Value == role).Key;

    /// <summary>The roles that belong to one kommune and must name it.</summary>
    public static bool IsKommuneRole(Role role) => role is Role.KommuneLeader or Role.KommuneMember;
}

/// <summary>
/// Who calls: the token's subject and role, the kommune a kommune role belongs to, and the evaluations an
/// evaluator's token names. Carried from the gateway to every grain in the Orleans request context.
/// </summary>
public sealed record Principal(string Subject, Role Role, string? KommuneId = null, IReadOnlyList<string>? Evaluations = null)
{
    public const int MaxEvaluations = 50;

    /// <summary>The identity of deliveries, reminders and seeding: internal work no user asked for.</summary>
    public static readonly Principal System = new("system", Role.System);

    public IReadOnlyList<string> Evaluations { get; init; } = Evaluations ?? [];

    public string RoleName => Roles.NameOf(Role);

    /// <summary>A leader or member of exactly this kommune.</summary>
    public bool BelongsTo(string kommuneId) => Roles.IsKommuneRole(Role) && KommuneId == kommuneId;

    public bool BelongsTo(KommuneId kommuneId) => BelongsTo(kommuneId.ToString());

    public override string ToString() => $"{Subject} ({RoleName}{(KommuneId is null ? "" : " " + KommuneId)})";
}
