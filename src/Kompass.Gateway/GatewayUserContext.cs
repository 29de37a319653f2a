using GraphQL;
using Kompass.Domain.Tenancy;

namespace Kompass.Gateway;

/// <summary>
/// Per-request context handed to every resolver: the caller from the request's bearer token (null only for
/// an anonymous introspection in Development), and its request key.
/// </summary>
public sealed class GatewayUserContext : Dictionary<string, object?>
{
    public Principal? Principal { get; init; }

    /// <summary>The request's Idempotency-Key scoped to the caller (hashed), passed to the grains; null without one.</summary>
    public string? RequestKey { get; init; }

    /// <summary>
    /// The caller of one field. Its request key is the request's, made unique per mutation field (its
    /// response name): one request may send two commands to the same grain, and both must be applied.
    /// </summary>
    public static Caller CallerOf(IResolveFieldContext context) => context.UserContext is GatewayUserContext c
        ? new Caller(c.Principal, c.RequestKey is null ? null : $"{c.RequestKey}/{string.Join('/', context.ResponsePath)}")
        : new Caller(null);
}
