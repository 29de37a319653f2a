using Orleans.Services;

namespace Kompass.Contracts.Caching;

/// <summary>
/// The contract between the gateways' answer caches and the grains whose views they hold. A gateway may keep an
/// answer built only from published evaluations' views for at most <see cref="Duration"/> from before it read them
/// (a lease, counted on its own clock); an evaluation grain that is about to change a published view first revokes
/// that evaluation in every silo's cache (<see cref="IAnswerCacheService"/>), and when a silo does not confirm
/// within <see cref="RevokeTimeout"/>, waits out <see cref="Duration"/> before it acknowledges the change. So no
/// answer read after an acknowledged change is older than the change.
/// </summary>
public static class AnswerLeases
{
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan RevokeTimeout = TimeSpan.FromSeconds(2);
}

/// <summary>One per silo: drops the answers of this silo's gateway that read a grain's view.</summary>
public interface IAnswerCacheService : IGrainService
{
    Task Revoke(string grainKey);
}

/// <summary>What a silo's gateway caches answers in; the silo's <see cref="IAnswerCacheService"/> revokes through it.</summary>
public interface IAnswerRevocations
{
    void Revoke(string grainKey);
}
