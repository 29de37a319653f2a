using Azure.Data.Tables;
using Kompass.Storage;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Kompass.Testing;

/// <summary>
/// A classic <see cref="TestCluster"/> whose silos find each other through the membership table of a
/// shared store (test membership off): PostgreSQL (<see cref="PostgresTestCluster"/>) or Azure Storage
/// (<see cref="AzureTestCluster"/>). Each silo is configured by AddKompassStorage exactly as the host
/// does, with membership timeouts short enough that a killed silo is declared dead in seconds.
/// Orleans 10.4.2's InProcessTestCluster cannot turn its own membership off, hence the classic cluster.
/// </summary>
public static class SharedStorageTestCluster
{
    /// <summary>
    /// A builder for <paramref name="silos"/> silos with the given <c>Kompass:Storage</c> settings; add
    /// further silo configurators before Build().
    /// </summary>
    public static TestClusterBuilder Builder(IReadOnlyDictionary<string, string> storageSettings, short silos = 2)
    {
        var builder = new TestClusterBuilder(silos);
        builder.Options.ServiceId = $"kompass-cluster-test-{Guid.NewGuid():N}"[..28];
        builder.Options.ClusterId = $"kompass-{Guid.NewGuid():N}"[..20];
        builder.Options.UseTestClusterMembership = false;
        foreach (var (key, value) in storageSettings)
        {
            builder.Properties[key] = value;
        }

        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        return builder;
    }

    /// <summary>The silo side: AddKompassStorage with the ids and ports the TestCluster assigned.</summary>
    public sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var test = siloBuilder.Configuration;
            var settings = test.AsEnumerable().Where(kv => kv.Key.StartsWith("Kompass:Storage:", StringComparison.Ordinal) && kv.Value is not null)
                .ToDictionary(kv => kv.Key, kv => kv.Value);
            // The 10.4.2 TestCluster hands each silo its ids and ports in Orleans' own section.
            settings[KompassStorageSettings.ClusterIdKey] = Required(test, "Orleans:ClusterId");
            settings[KompassStorageSettings.ServiceIdKey] = Required(test, "Orleans:ServiceId");
            settings[KompassStorageSettings.SiloPortKey] = Required(test, "Orleans:Endpoints:SiloPort");
            settings[KompassStorageSettings.GatewayPortKey] = Required(test, "Orleans:Endpoints:GatewayPort");

            siloBuilder.AddKompassStorage(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

            // Detect a dead silo in seconds rather than minutes.
            siloBuilder.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
            });
            siloBuilder.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
        }

        private static string Required(IConfiguration configuration, string key) =>
            configuration[key] ?? throw new InvalidOperationException($"The TestCluster did not provide '{key}'.");
    }

    /// <summary>The client side: gateways from the same membership table.</summary>
    public sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
        {
            if (string.Equals(configuration[KompassStorageSettings.ProviderKey], nameof(KompassStorageProvider.AzureStorage), StringComparison.OrdinalIgnoreCase))
            {
                clientBuilder.UseAzureStorageClustering(o =>
                    o.TableServiceClient = new TableServiceClient(configuration[KompassStorageSettings.AzureConnectionStringKey]));
            }
            else
            {
                clientBuilder.UseAdoNetClustering(o =>
                {
                    o.Invariant = KompassStorage.PostgresInvariant;
                    o.ConnectionString = configuration[KompassStorageSettings.PostgresConnectionStringKey];
                });
            }

            clientBuilder.AddOutgoingGrainCallFilter<SystemCallerByDefault>();
            clientBuilder.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
            clientBuilder.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
        }
    }
}

/// <summary>A <see cref="SharedStorageTestCluster"/> on PostgreSQL membership, storage and reminders.</summary>
public static class PostgresTestCluster
{
    public static TestClusterBuilder Builder(string connectionString, short silos = 2) =>
        SharedStorageTestCluster.Builder(new Dictionary<string, string>
        {
            [KompassStorageSettings.ProviderKey] = nameof(KompassStorageProvider.Postgres),
            [KompassStorageSettings.PostgresConnectionStringKey] = connectionString,
        }, silos);
}

/// <summary>A <see cref="SharedStorageTestCluster"/> on Azure Storage (Azurite): table membership and reminders, blob state.</summary>
public static class AzureTestCluster
{
    public static TestClusterBuilder Builder(string connectionString, string containerName, short silos = 2) =>
        SharedStorageTestCluster.Builder(new Dictionary<string, string>
        {
            [KompassStorageSettings.ProviderKey] = nameof(KompassStorageProvider.AzureStorage),
            [KompassStorageSettings.AzureConnectionStringKey] = connectionString,
            [KompassStorageSettings.AzureContainerNameKey] = containerName,
        }, silos);
}
