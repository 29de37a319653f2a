using GraphQL;

namespace Kompass.Gateway;

/// <summary>
/// Per-request context handed to every resolver. The caller is read from the <c>X-Kompass-User</c>
/// header until JWT authentication replaces it; this is the one place a caller enters the system.
/// </summary>
public sealed class GatewayUserContext : Dictionary<string, object?>
{
    public const string ActorHeader = "X-Kompass-User";

    public string? Actor { get; init; }

    /// <summary>The request's Idempotency-Key scoped to the caller (hashed), passed to the grains; null without one.</summary>
    public string? RequestKey { get; init; }

    /// <summary>
    /// The caller of one field. Its request key is the request's, made unique per mutation field (its
    /// response name): one request may send two commands to the same grain, and both must be applied.
    /// </summary>
    public static Caller CallerOf(IResolveFieldContext context) => context.UserContext is GatewayUserContext c
        ? new Caller(c.Actor, c.RequestKey is null ? null : $"{c.RequestKey}/{string.Join('/', context.ResponsePath)}")
        : new Caller(null);
}
