using Kompass.Storage;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Kompass.Testing;

/// <summary>
/// A classic <see cref="TestCluster"/> whose silos find each other through the PostgreSQL membership
/// table (test membership off), configured by AddKompassStorage exactly as the host does, with membership
/// timeouts short enough that a killed silo is declared dead in seconds. Orleans 10.4.2's
/// InProcessTestCluster cannot turn its own membership off, hence the classic cluster here.
/// </summary>
public static class PostgresTestCluster
{
    public const string ConnectionStringProperty = "KompassTestPostgres";

    /// <summary>A builder for <paramref name="silos"/> silos; add further silo configurators before Build().</summary>
    public static TestClusterBuilder Builder(string connectionString, short silos = 2)
    {
        var builder = new TestClusterBuilder(silos);
        builder.Options.ServiceId = "kompass-cluster-test";
        builder.Options.ClusterId = $"kompass-{Guid.NewGuid():N}"[..20];
        builder.Options.UseTestClusterMembership = false;
        builder.Properties[ConnectionStringProperty] = connectionString;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        return builder;
    }

    /// <summary>The silo side: AddKompassStorage(Postgres) with the ids and ports the TestCluster assigned.</summary>
    public sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var test = siloBuilder.Configuration;
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    [KompassStorageSettings.ProviderKey] = "Postgres",
                    [KompassStorageSettings.PostgresConnectionStringKey] = test[ConnectionStringProperty],
                    // The 10.4.2 TestCluster hands each silo its ids and ports in Orleans' own section.
                    [KompassStorageSettings.ClusterIdKey] = Required(test, "Orleans:ClusterId"),
                    [KompassStorageSettings.ServiceIdKey] = Required(test, "Orleans:ServiceId"),
                    [KompassStorageSettings.SiloPortKey] = Required(test, "Orleans:Endpoints:SiloPort"),
                    [KompassStorageSettings.GatewayPortKey] = Required(test, "Orleans:Endpoints:GatewayPort"),
                })
                .Build();

            siloBuilder.AddKompassStorage(configuration);

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

    /// <summary>The client side: gateways from the same PostgreSQL membership table.</summary>
    public sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
        {
            clientBuilder.UseAdoNetClustering(o =>
            {
                o.Invariant = KompassStorage.PostgresInvariant;
                o.ConnectionString = configuration[ConnectionStringProperty];
            });
            clientBuilder.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
            clientBuilder.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
        }
    }
}
