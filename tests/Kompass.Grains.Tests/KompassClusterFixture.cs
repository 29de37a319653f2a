using Kompass.Domain.Frameworks;
using Kompass.Domain.Kommuner;
using Kompass.Grains;
using Kompass.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Kompass.Grains.Tests;

/// <summary>
/// A real Orleans cluster in this process (InProcessTestCluster) with the Kompass grains, in-memory
/// storage (these tests are about grain behaviour; storage has its own suite) and a fake clock.
/// </summary>
public sealed class KompassClusterFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; } = new(Start);
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var catalogue = FrameworkCatalogue.LoadDirectory(FrameworkCatalogue.DefaultDirectory);
        var reference = KommuneReference.Load(KommuneReference.DefaultDirectory);
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            var config = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Kompass:Storage:Provider"] = "Memory" })
                .Build();
            silo.Services.AddSingleton<TimeProvider>(Time);
            silo.AddKompassStorage(config).AddKompassGrains(catalogue, reference);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class KompassClusterCollection : ICollectionFixture<KompassClusterFixture>
{
    public const string Name = "kompass-cluster";
}
