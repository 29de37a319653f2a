using Kompass.Contracts.Caching;
using Orleans.Runtime;

namespace Kompass.Grains.Caching;

/// <summary>This silo's end of <see cref="IAnswerCacheService"/>: hands a revocation to the gateway's cache on this silo, if it runs one.</summary>
public sealed class AnswerCacheService(GrainId grainId, Silo silo, ILoggerFactory loggerFactory, IEnumerable<IAnswerRevocations> caches)
    : GrainService(grainId, silo, loggerFactory), IAnswerCacheService, IAuthorizedGrain
{
    public void Authorize(Principal caller, string method) =>
        Access.Demand(method == nameof(Revoke) && caller.Role == Role.System, caller, $"call {method} on the answer caches");

    private readonly IAnswerRevocations[] _caches = [.. caches];

    public Task Revoke(string grainKey)
    {
        foreach (var cache in _caches)
            cache.Revoke(grainKey);
        return Task.CompletedTask;
    }
}
