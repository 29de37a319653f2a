using System.Collections.Concurrent;
using System.Data.Common;
using Kompass.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Storage;

namespace Kompass.Testing;

/// <summary>The failure a <see cref="StorageFaults"/> switch injects, shaped like a database driver's.</summary>
public sealed class SimulatedOutageException(string message) : DbException(message);

/// <summary>
/// Test-only switches that make the real grain storage of one cluster fail for one state name (say,
/// the benchmark's), on writes or on everything, until healed. Every silo of the cluster (they share
/// this process) sees the same switches; clusters are kept apart by their cluster id.
/// </summary>
public sealed class StorageFaults
{
    private static readonly ConcurrentDictionary<string, StorageFaults> ByCluster = new();
    private readonly ConcurrentDictionary<string, bool> _failing = new(); // state name -> reads fail too
    private int _rejected;

    public static StorageFaults For(string clusterId) => ByCluster.GetOrAdd(clusterId, _ => new StorageFaults());

    /// <summary>Writes and clears of <paramref name="stateName"/> fail; with <paramref name="reads"/>, reads too.</summary>
    public void Fail(string stateName, bool reads = false) => _failing[stateName] = reads;

    public void Heal(string stateName) => _failing.TryRemove(stateName, out _);

    /// <summary>Operations refused so far.</summary>
    public int Rejected => Volatile.Read(ref _rejected);

    internal void Check(string stateName, bool isRead)
    {
        if (_failing.TryGetValue(stateName, out var reads) && (reads || !isRead))
        {
            Interlocked.Increment(ref _rejected);
            throw new SimulatedOutageException($"Simulated outage of the storage of '{stateName}'.");
        }
    }
}

/// <summary>Wraps the real provider: each call passes through unless its state name is switched to fail.</summary>
public sealed class FaultyGrainStorage(IGrainStorage inner, StorageFaults faults) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        faults.Check(stateName, isRead: true);
        return inner.ReadStateAsync(stateName, grainId, grainState);
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        faults.Check(stateName, isRead: false);
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        faults.Check(stateName, isRead: false);
        return inner.ClearStateAsync(stateName, grainId, grainState);
    }
}

public static class StorageFaultsSiloBuilderExtensions
{
    /// <summary>
    /// Puts <see cref="FaultyGrainStorage"/> right in front of the real provider (call after AddKompassStorage
    /// and before AddKompassGrains, so the service's own wrapping sees the faults as it would see the
    /// database's); its switches are <see cref="StorageFaults.For"/> the cluster id.
    /// </summary>
    public static ISiloBuilder AddStorageFaults(this ISiloBuilder silo) =>
        silo.DecorateKompassGrainStorage((sp, real) =>
            new FaultyGrainStorage(real, StorageFaults.For(sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId)));
}
