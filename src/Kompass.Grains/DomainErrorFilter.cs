using Kompass.Domain;

namespace Kompass.Grains;

/// <summary>
/// Turns the domain's exceptions, and infrastructure failures a client can act on (a storage version
/// conflict, an unreachable database), into the one serialisable <see cref="KompassError"/> at the grain
/// boundary, so the gateway can map every rejection to a GraphQL error code. An activation whose write
/// failed first reads its state back (it may hold a change storage does not have), or answers UNAVAILABLE.
/// </summary>
public sealed class DomainErrorFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.TargetContext.ReloadIfUnsavedAsync();
            await context.Invoke();
        }
        catch (DomainException e)
        {
            throw ErrorCodes.From(e);
        }
        catch (Exception e) when (e is not KompassError && ErrorCodes.FromInfrastructure(e) is { } error)
        {
            throw error;
        }
    }
}
