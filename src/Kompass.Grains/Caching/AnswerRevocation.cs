using Kompass.Contracts.Caching;
using Orleans.Runtime;
using Kompass.Grains.Tenancy;
using Orleans.Runtime.Services;

namespace Kompass.Grains.Caching;

/// <summary>
/// A grain's side of <see cref="AnswerLeases"/>: before a change to a view the gateways may hold, revoke it in
/// every silo that is not known dead. A silo that does not confirm (it is stopping, or unreachable) may still
/// hold the view until its lease runs out, so the change then waits that long before it is acknowledged.
/// </summary>
public sealed class AnswerRevocation(IServiceProvider services, IClusterMembershipService membership, ILogger<AnswerRevocation> logger)
    : GrainServiceClient<IAnswerCacheService>(services)
{
    public async Task RevokeEverywhereAsync(string grainKey)
    {
        var silos = membership.CurrentSnapshot.Members.Values.Where(m => m.Status != SiloStatus.Dead).Select(m => m.SiloAddress).ToList();
        try
        {
            await SystemCalls.AsSystem(() => Task.WhenAll(silos.Select(s => GetGrainService(s).Revoke(grainKey).WaitAsync(AnswerLeases.RevokeTimeout))));
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Revoking {GrainKey} in the answer caches of {Silos} silos failed: waiting {Lease} for their leases to run out.",
                grainKey, silos.Count, AnswerLeases.Duration);
            await Task.Delay(AnswerLeases.Duration);
        }
    }
}
