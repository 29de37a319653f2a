using Kompass.Domain.Frameworks;
using Kompass.Domain.Kommuner;
using Kompass.Storage;
using Kompass.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Kompass.Grains.Tests;

/// <summary>
/// A real Orleans cluster in this process (InProcessTestCluster) with the Kompass grains wired as the
/// host wires them, on the storage provider of the subclass, and a fake clock.
/// </summary>
public abstract class KompassClusterFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; } = new(Start);
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IClusterClient Client => Cluster.Client;

    protected abstract Task<KompassTestClusterOptions> StorageAsync();

    public async Task InitializeAsync()
    {
        var catalogue = FrameworkCatalogue.LoadDirectory(FrameworkCatalogue.DefaultDirectory);
        var reference = KommuneReference.Load(KommuneReference.DefaultDirectory);
        var storage = await StorageAsync();
        Cluster = KompassTestCluster.Create(new KompassTestClusterOptions
        {
            Provider = storage.Provider,
            PostgresConnectionString = storage.PostgresConnectionString,
            AzureStorageConnectionString = storage.AzureStorageConnectionString,
            AzureContainerName = storage.AzureContainerName,
            ConfigureSilo = silo =>
            {
                ConfigureTime(silo);
                silo.AddKompassGrains(catalogue, reference);
            },
        });
        await Cluster.DeployAsync();
    }

    public virtual async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>Which clock <see cref="Time"/> drives: by default everything's, Orleans' own timers included.</summary>
    protected virtual void ConfigureTime(ISiloBuilder silo) => silo.Services.AddSingleton<TimeProvider>(Time);
}

/// <summary>In-memory storage: for the grains' behaviour.</summary>
public sealed class MemoryClusterFixture : KompassClusterFixture
{
    protected override Task<KompassTestClusterOptions> StorageAsync() =>
        Task.FromResult(new KompassTestClusterOptions { Provider = KompassStorageProvider.Memory });
}

/// <summary>The same behaviour on a real PostgreSQL server started for this fixture.</summary>
public sealed class PostgresClusterFixture : KompassClusterFixture
{
    private readonly PostgresServer _server = new();

    protected override async Task<KompassTestClusterOptions> StorageAsync()
    {
        await _server.InitializeAsync();
        return new KompassTestClusterOptions
        {
            Provider = KompassStorageProvider.Postgres,
            PostgresConnectionString = _server.CreateDatabase("grains"),
        };
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class MemoryCluster : ICollectionFixture<MemoryClusterFixture>
{
    public const string Name = "grains on memory storage";
}

[CollectionDefinition(Name)]
public sealed class PostgresCluster : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "grains on PostgreSQL";
}
