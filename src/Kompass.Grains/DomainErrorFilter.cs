using Kompass.Domain;

namespace Kompass.Grains;

/// <summary>
/// Turns the domain's exceptions into the one serialisable <see cref="KompassError"/> at the grain
/// boundary, so the gateway can map every rejection to a GraphQL error code.
/// </summary>
public sealed class DomainErrorFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (DomainException e)
        {
            throw ErrorCodes.From(e);
        }
    }
}
