using Kompass.Domain.Tenancy;

namespace Kompass.Grains.Tenancy;

/// <summary>
/// A grain that says who may call each of its methods, from the caller and its own state. Every Kompass
/// grain implements it: <see cref="TenancyFilter"/> refuses calls to one that does not.
/// </summary>
public interface IAuthorizedGrain
{
    /// <summary>Throws FORBIDDEN (via <see cref="Access.Demand"/>) unless the caller may call the method.</summary>
    void Authorize(Principal caller, string method);
}
