using System.Globalization;
using Kompass.Storage;
using Microsoft.Extensions.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Kompass.Testing;

/// <summary>What <see cref="KompassTestCluster.Create"/> builds.</summary>
public sealed class KompassTestClusterOptions
{
    public KompassStorageProvider Provider { get; init; } = KompassStorageProvider.Memory;

    /// <summary>Database file for <see cref="KompassStorageProvider.Sqlite"/>.</summary>
    public string? SqlitePath { get; init; }

    /// <summary>Connection string for <see cref="KompassStorageProvider.Postgres"/>.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>Connection string for <see cref="KompassStorageProvider.AzureStorage"/>.</summary>
    public string? AzureStorageConnectionString { get; init; }

    /// <summary>Blob container for <see cref="KompassStorageProvider.AzureStorage"/> (one per test keeps tests apart).</summary>
    public string? AzureContainerName { get; init; }

    /// <summary>Stored state and reminders are keyed by it: keep it the same to see data across restarts.</summary>
    public string ServiceId { get; init; } = "kompass-test";

    /// <summary>A fresh cluster id by default, so old membership rows of earlier clusters do not matter.</summary>
    public string ClusterId { get; init; } = $"kompass-test-{Guid.NewGuid():N}"[..24];

    /// <summary>Number of silos started on deploy.</summary>
    public short InitialSilos { get; init; } = 1;

    /// <summary>
    /// Write Orleans' per-silo log files to <c>logs/</c> under the current directory (the test cluster's
    /// default). Off unless asked for, so that runs from the repository root leave nothing behind.
    /// </summary>
    public bool FileLogging { get; init; }

    /// <summary>Further silo configuration, after <c>AddKompassStorage</c>.</summary>
    public Action<ISiloBuilder>? ConfigureSilo { get; init; }
}

/// <summary>
/// Orleans <see cref="InProcessTestCluster"/> wired the way the host wires a silo: through
/// <see cref="KompassStorageSiloBuilderExtensions.AddKompassStorage(ISiloBuilder, IConfiguration)"/>
/// with a real <c>Kompass:Storage</c>/<c>Kompass:Cluster</c> configuration, so grain state and reminders
/// go through the real providers and schema.
/// <para>Membership is the test cluster's own in-process table: Orleans 10.4.2 does not let an
/// <see cref="InProcessTestCluster"/> switch it off (the option is internal), and its registration
/// replaces the clustering <c>AddKompassStorage</c> configures. Tests of ADO.NET clustering itself use
/// the classic <c>TestCluster</c> with <c>UseTestClusterMembership = false</c>.</para>
/// </summary>
public static class KompassTestCluster
{
    /// <summary>Builds (does not deploy) a cluster. Call <c>DeployAsync</c>, then use <c>Client</c>.</summary>
    public static InProcessTestCluster Create(KompassTestClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var builder = new InProcessTestClusterBuilder(options.InitialSilos);
        builder.Options.ServiceId = options.ServiceId;
        builder.Options.ClusterId = options.ClusterId;
        builder.Options.ConfigureFileLogging = options.FileLogging;
        builder.ConfigureSilo((siloOptions, silo) =>
        {
            silo.AddKompassStorage(Configuration(options, siloOptions.SiloPort, siloOptions.GatewayPort));
            options.ConfigureSilo?.Invoke(silo);
        });
        builder.ConfigureClient(client => client.AddOutgoingGrainCallFilter<SystemCallerByDefault>());

        return builder.Build();
    }

    /// <summary>The configuration a host would pass to <c>AddKompassStorage</c> for these options.</summary>
    public static IConfiguration Configuration(KompassTestClusterOptions options, int siloPort, int gatewayPort) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [KompassStorageSettings.ProviderKey] = options.Provider.ToString(),
                [KompassStorageSettings.SqlitePathKey] = options.SqlitePath,
                [KompassStorageSettings.PostgresConnectionStringKey] = options.PostgresConnectionString,
                [KompassStorageSettings.AzureConnectionStringKey] = options.AzureStorageConnectionString,
                [KompassStorageSettings.AzureContainerNameKey] = options.AzureContainerName,
                [KompassStorageSettings.ClusterIdKey] = options.ClusterId,
                [KompassStorageSettings.ServiceIdKey] = options.ServiceId,
                [KompassStorageSettings.SiloPortKey] = siloPort.ToString(CultureInfo.InvariantCulture),
                [KompassStorageSettings.GatewayPortKey] = gatewayPort.ToString(CultureInfo.InvariantCulture),
            })
            .Build();
}
