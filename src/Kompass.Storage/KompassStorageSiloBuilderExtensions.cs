using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Storage;

namespace Kompass.Storage;

/// <summary>Silo wiring for Kompass storage, reminders and clustering.</summary>
public static class KompassStorageSiloBuilderExtensions
{
    /// <summary>
    /// Configures clustering, grain storage (<see cref="KompassStorage.StorageName"/>, also the default
    /// grain storage), reminders and the JSON state serializer from <c>Kompass:Storage</c> and
    /// <c>Kompass:Cluster</c>:
    /// <list type="table">
    /// <item><term>Sqlite (default)</term><description>ADO.NET storage and reminders over the file at
    /// <c>Kompass:Storage:Sqlite:Path</c> (default <c>./data/kompass.db</c>); localhost clustering.</description></item>
    /// <item><term>Postgres</term><description>ADO.NET storage, reminders and clustering over
    /// <c>Kompass:Storage:Postgres:ConnectionString</c> (or <c>ConnectionStrings:Kompass</c>, or the
    /// environment variable <c>KOMPASS_POSTGRES</c>); the silo advertises <c>Kompass:Cluster:AdvertisedIP</c>.</description></item>
    /// <item><term>Memory</term><description>In-memory storage and reminders; localhost clustering.</description></item>
    /// </list>
    /// For Sqlite and Postgres the schema is migrated here, synchronously, before the host is built: a
    /// bad setting surfaces as a <see cref="StorageConfigurationException"/> from this call (or from the
    /// host builder that runs it), before any Orleans component touches the tables.
    /// </summary>
    /// <exception cref="StorageConfigurationException">A setting is invalid or its target unusable.</exception>
    public static ISiloBuilder AddKompassStorage(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        return silo.AddKompassStorage(KompassStorageSettings.FromConfiguration(configuration));
    }

    /// <summary>As <see cref="AddKompassStorage(ISiloBuilder, IConfiguration)"/>, from settings already read.</summary>
    public static ISiloBuilder AddKompassStorage(this ISiloBuilder silo, KompassStorageSettings settings)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(settings);

        var serializer = new KompassJsonGrainStorageSerializer();
        silo.Services.AddSingleton(settings);

        switch (settings.Provider)
        {
            case KompassStorageProvider.Memory:
                silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, null, settings.ServiceId, settings.ClusterId);
                silo.AddMemoryGrainStorage(Provider, options => options.GrainStorageSerializer = serializer);
                silo.UseInMemoryReminderService();
                break;

            case KompassStorageProvider.Sqlite:
            {
                KompassSchemaMigrator.MigrateSqliteAsync(settings.SqlitePath).GetAwaiter().GetResult();
                var dataSource = SqliteDatabase.CreateDataSource(settings.SqlitePath);
                silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, null, settings.ServiceId, settings.ClusterId);
                silo.AddAdoNetGrainStorage(Provider, options =>
                {
                    options.Invariant = KompassStorage.SqliteInvariant;
                    options.DataSource = dataSource;
                    options.GrainStorageSerializer = serializer;
                    options.DeleteStateOnClear = true; // a cleared state leaves no row: Sql/*/*_delete_state_on_clear.sql
                });
                silo.UseAdoNetReminderService(options =>
                {
                    options.Invariant = KompassStorage.SqliteInvariant;
                    options.DataSource = dataSource;
                });
                break;
            }

            case KompassStorageProvider.Postgres:
            {
                KompassSchemaMigrator.MigratePostgresAsync(settings.PostgresConnectionString!, settings.PostgresConnectionStringSetting).GetAwaiter().GetResult();
                var connectionString = KompassStorageSettings.ForOrleansProviders(settings.PostgresConnectionString!);
                ConfigureClusterEndpoint(silo, settings);
                silo.UseAdoNetClustering(options =>
                {
                    options.Invariant = KompassStorage.PostgresInvariant;
                    options.ConnectionString = connectionString;
                });
                silo.AddAdoNetGrainStorage(Provider, options =>
                {
                    options.Invariant = KompassStorage.PostgresInvariant;
                    options.ConnectionString = connectionString;
                    options.GrainStorageSerializer = serializer;
                    options.DeleteStateOnClear = true;
                });
                silo.UseAdoNetReminderService(options =>
                {
                    options.Invariant = KompassStorage.PostgresInvariant;
                    options.ConnectionString = connectionString;
                });
                break;
            }

            case KompassStorageProvider.AzureStorage:
            {
                var azure = settings.Azure ?? throw new StorageConfigurationException(
                    KompassStorageSettings.AzureConnectionStringKey, $"{KompassStorageSettings.AzureConnectionStringKey} is not set");
                AzureStorageAccount.PrepareAsync(azure).GetAwaiter().GetResult();
                var blobs = azure.CreateBlobServiceClient();
                var tables = azure.CreateTableServiceClient();
                ConfigureClusterEndpoint(silo, settings);
                silo.UseAzureStorageClustering(options => options.TableServiceClient = tables);
                // Blobs, not table entities: a table entity holds at most 1 MiB (Orleans refuses a larger
                // state), a blob holds any state the API lets grow; both check the ETag on every write.
                silo.AddAzureBlobGrainStorage(Provider, options =>
                {
                    options.BlobServiceClient = blobs;
                    options.ContainerName = azure.ContainerName;
                    options.GrainStorageSerializer = serializer;
                    options.DeleteStateOnClear = true; // the default; said here because offboarding relies on it
                });
                silo.UseAzureTableReminderService(options => options.TableServiceClient = tables);
                break;
            }

            default:
                throw new StorageConfigurationException(KompassStorageSettings.ProviderKey,
                    $"{KompassStorageSettings.ProviderKey}='{settings.Provider}' is not one of {string.Join(", ", Enum.GetNames<KompassStorageProvider>())}");
        }

        // The provider is registered under an inner name; the name grains use is the instrumented
        // wrapper (a span and a latency measurement per storage call), which also answers to the default
        // storage name, so grains may leave the storage name out of [PersistentState] and still land in
        // the Kompass store. ([PersistentState] without a storage name resolves the unkeyed service;
        // "Default" is the name Orleans uses elsewhere.)
        silo.Services.AddKeyedSingleton<IGrainStorage>(KompassStorage.StorageName, (services, _) =>
            new InstrumentedGrainStorage(services.GetRequiredKeyedService<IGrainStorage>(Provider), settings.Provider));
        silo.Services.AddKeyedSingleton<IGrainStorage>(
            ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME,
            (services, _) => services.GetRequiredKeyedService<IGrainStorage>(KompassStorage.StorageName));
        silo.Services.AddSingleton<IGrainStorage>(
            services => services.GetRequiredKeyedService<IGrainStorage>(KompassStorage.StorageName));
        silo.Services.AddSingleton<StorageProbe>();

        return silo;
    }

    /// <summary>The name the Orleans provider itself is registered under (behind the instrumented wrapper).</summary>
    internal const string Provider = KompassStorage.StorageName + "-provider";

    /// <summary>Cluster ids and this silo's endpoint, for the providers whose membership is shared storage.</summary>
    private static void ConfigureClusterEndpoint(ISiloBuilder silo, KompassStorageSettings settings)
    {
        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = settings.ClusterId;
            options.ServiceId = settings.ServiceId;
        });
        silo.Configure<EndpointOptions>(options =>
        {
            options.AdvertisedIPAddress = settings.AdvertisedIP;
            options.SiloPort = settings.SiloPort;
            options.GatewayPort = settings.GatewayPort;
        });
    }
}
