using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Kompass.Storage;

/// <summary>
/// The storage and cluster settings, read and checked from configuration by
/// <see cref="FromConfiguration(IConfiguration)"/>. Everything that can be checked without I/O is checked
/// there; folder access and PostgreSQL reachability are checked by <see cref="KompassSchemaMigrator"/>.
/// </summary>
public sealed class KompassStorageSettings
{
    public const string ProviderKey = "Kompass:Storage:Provider";
    public const string SqlitePathKey = "Kompass:Storage:Sqlite:Path";
    public const string PostgresConnectionStringKey = "Kompass:Storage:Postgres:ConnectionString";
    public const string ConnectionStringsKompassKey = "ConnectionStrings:Kompass";
    public const string PostgresEnvironmentVariable = "KOMPASS_POSTGRES";
    public const string AzureConnectionStringKey = "Kompass:Storage:AzureStorage:ConnectionString";
    public const string AzureBlobServiceUriKey = "Kompass:Storage:AzureStorage:BlobServiceUri";
    public const string AzureTableServiceUriKey = "Kompass:Storage:AzureStorage:TableServiceUri";
    public const string AzureContainerNameKey = "Kompass:Storage:AzureStorage:ContainerName";
    public const string ClusterIdKey = "Kompass:Cluster:ClusterId";
    public const string ServiceIdKey = "Kompass:Cluster:ServiceId";
    public const string SiloPortKey = "Kompass:Cluster:SiloPort";
    public const string GatewayPortKey = "Kompass:Cluster:GatewayPort";
    public const string AdvertisedIPKey = "Kompass:Cluster:AdvertisedIP";

    public const string DefaultSqlitePath = "./data/kompass.db";
    public const string DefaultAzureContainerName = "kompass-grainstate";
    public const string DefaultClusterId = "kompass";
    public const string DefaultServiceId = "kompass-cloud";
    public const int DefaultSiloPort = 11111;
    public const int DefaultGatewayPort = 30000;

    public KompassStorageProvider Provider { get; init; } = KompassStorageProvider.Sqlite;

    /// <summary>Absolute path of the SQLite database file (provider Sqlite).</summary>
    public string SqlitePath { get; init; } = Path.GetFullPath(DefaultSqlitePath);

    /// <summary>The PostgreSQL connection string (provider Postgres). Contains secrets: never log it.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>Which setting supplied <see cref="PostgresConnectionString"/>; error messages name it.</summary>
    public string PostgresConnectionStringSetting { get; init; } = PostgresConnectionStringKey;

    /// <summary>
    /// Azure Storage (provider AzureStorage): the connection string, or the two service URIs reached with
    /// Azure.Identity's DefaultAzureCredential (a managed identity in production). Never log the string.
    /// </summary>
    public AzureStorageSettings? Azure { get; init; }

    /// <summary>Orleans ClusterId (silos that form one cluster share it).</summary>
    public string ClusterId { get; init; } = DefaultClusterId;

    /// <summary>Orleans ServiceId. Stored state and reminders are keyed by it: keep it stable across deployments.</summary>
    public string ServiceId { get; init; } = DefaultServiceId;

    public int SiloPort { get; init; } = DefaultSiloPort;

    public int GatewayPort { get; init; } = DefaultGatewayPort;

    /// <summary>The address other silos and clients use to reach this silo (Postgres clustering).</summary>
    public IPAddress AdvertisedIP { get; init; } = IPAddress.Loopback;

    /// <summary>Reads <c>Kompass:Storage</c> and <c>Kompass:Cluster</c>; throws <see cref="StorageConfigurationException"/>.</summary>
    public static KompassStorageSettings FromConfiguration(IConfiguration configuration) =>
        FromConfiguration(configuration, Environment.GetEnvironmentVariable);

    internal static KompassStorageSettings FromConfiguration(IConfiguration configuration, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        var provider = ParseProvider(configuration[ProviderKey]);

        var sqlitePath = Path.GetFullPath(DefaultSqlitePath);
        string? postgres = null;
        var postgresSetting = PostgresConnectionStringKey;
        AzureStorageSettings? azure = null;

        if (provider == KompassStorageProvider.Sqlite)
        {
            sqlitePath = ParseSqlitePath(configuration[SqlitePathKey]);
        }
        else if (provider == KompassStorageProvider.Postgres)
        {
            (postgres, postgresSetting) = FindPostgresConnectionString(configuration, environment);
            ValidatePostgresConnectionString(postgres, postgresSetting);
        }
        else if (provider == KompassStorageProvider.AzureStorage)
        {
            azure = AzureStorageSettings.FromConfiguration(configuration);
        }

        return new KompassStorageSettings
        {
            Provider = provider,
            SqlitePath = sqlitePath,
            PostgresConnectionString = postgres,
            PostgresConnectionStringSetting = postgresSetting,
            Azure = azure,
            ClusterId = ParseId(configuration[ClusterIdKey], ClusterIdKey, DefaultClusterId),
            ServiceId = ParseId(configuration[ServiceIdKey], ServiceIdKey, DefaultServiceId),
            SiloPort = ParsePort(configuration[SiloPortKey], SiloPortKey, DefaultSiloPort),
            GatewayPort = ParsePort(configuration[GatewayPortKey], GatewayPortKey, DefaultGatewayPort),
            AdvertisedIP = ParseAddress(configuration[AdvertisedIPKey]),
        };
    }

    /// <summary>A one-line description without secrets, for start-up logs.</summary>
    public override string ToString()
    {
        var where = Provider switch
        {
            KompassStorageProvider.Sqlite => $"Sqlite file '{SqlitePath}'",
            KompassStorageProvider.Postgres => $"Postgres {PostgresEndpoint(PostgresConnectionString)} (from {PostgresConnectionStringSetting})",
            KompassStorageProvider.AzureStorage => $"AzureStorage {Azure}",
            _ => "Memory (state is lost on restart)",
        };
        return $"{where}; ClusterId={ClusterId} ServiceId={ServiceId} SiloPort={SiloPort} GatewayPort={GatewayPort} AdvertisedIP={AdvertisedIP}";
    }

    /// <summary>
    /// The connection string the Orleans providers use: unless the operator set them, Npgsql prepares the
    /// providers' statements after their second use (the server otherwise parses and plans the
    /// multi-CTE write on every call) and skips the session reset on return to the pool (the providers
    /// keep no session state). Measured in docs/benchmarks.md.
    /// </summary>
    public static string ForOrleansProviders(string connectionString)
    {
        // NpgsqlConnectionStringBuilder.ContainsKey answers for every keyword it knows; what the operator
        // actually wrote is read with the plain builder, spaces ignored ("MaxAutoPrepare" = "Max Auto Prepare").
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()).ToHashSet();
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains("maxautoprepare"))
            builder.MaxAutoPrepare = 20;
        if (!given.Contains("autoprepareminusages"))
            builder.AutoPrepareMinUsages = 2;
        if (!given.Contains("noresetonclose"))
            builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    internal static string PostgresEndpoint(string? connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            var host = string.IsNullOrWhiteSpace(builder.Host) ? "localhost" : builder.Host;
            return $"{host}:{builder.Port} (database '{builder.Database ?? builder.Username ?? "(default)"}')";
        }
        catch (ArgumentException)
        {
            return "(unparsable connection string)";
        }
    }

    private static KompassStorageProvider ParseProvider(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return KompassStorageProvider.Sqlite;
        }

        var trimmed = value.Trim();
        foreach (var candidate in Enum.GetValues<KompassStorageProvider>())
        {
            if (string.Equals(candidate.ToString(), trimmed, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        throw new StorageConfigurationException(
            ProviderKey,
            $"{ProviderKey}='{value}' is not one of {string.Join(", ", Enum.GetNames<KompassStorageProvider>())}");
    }

    private static string ParseSqlitePath(string? value)
    {
        var path = string.IsNullOrWhiteSpace(value) ? DefaultSqlitePath : value.Trim();
        try
        {
            var full = Path.GetFullPath(path);
            if (full.EndsWith(Path.DirectorySeparatorChar) || full.EndsWith(Path.AltDirectorySeparatorChar))
            {
                throw new StorageConfigurationException(SqlitePathKey,
                    $"{SqlitePathKey}='{value}' names a folder; give the database file, e.g. '{Path.Combine(path, "kompass.db")}'");
            }

            return full;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new StorageConfigurationException(SqlitePathKey, $"{SqlitePathKey}='{value}' is not a valid file path: {ex.Message}", ex);
        }
    }

    private static (string ConnectionString, string Setting) FindPostgresConnectionString(
        IConfiguration configuration, Func<string, string?> environment)
    {
        foreach (var key in new[] { PostgresConnectionStringKey, ConnectionStringsKompassKey, PostgresEnvironmentVariable })
        {
            var value = configuration[key];
            if (!string.IsNullOrWhiteSpace(value))
            {
                return (value, key == PostgresEnvironmentVariable ? $"environment variable {key}" : key);
            }
        }

        var fromEnvironment = environment(PostgresEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return (fromEnvironment, $"environment variable {PostgresEnvironmentVariable}");
        }

        throw new StorageConfigurationException(
            PostgresConnectionStringKey,
            $"{PostgresConnectionStringKey} is not set (nor {ConnectionStringsKompassKey} nor the environment variable " +
            $"{PostgresEnvironmentVariable}), and {ProviderKey} is Postgres");
    }

    private static void ValidatePostgresConnectionString(string connectionString, string setting)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
        {
            // Do not echo the value: it may hold a password.
            throw new StorageConfigurationException(setting, $"{setting} is not a valid PostgreSQL connection string: {ex.Message}", ex);
        }
    }

    private static string ParseId(string? value, string key, string fallback)
    {
        if (value is null)
        {
            return fallback;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new StorageConfigurationException(key, $"{key} is empty; leave it out to use '{fallback}'");
        }

        return value.Trim();
    }

    private static int ParsePort(string? value, string key, int fallback)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535)
        {
            return port;
        }

        throw new StorageConfigurationException(key, $"{key}='{value}' is not a port number (1-65535)");
    }

    private static IPAddress ParseAddress(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return IPAddress.Loopback;
        }

        if (IPAddress.TryParse(value.Trim(), out var address))
        {
            return address;
        }

        throw new StorageConfigurationException(AdvertisedIPKey, $"{AdvertisedIPKey}='{value}' is not an IP address");
    }
}
