using Kompass.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using static Kompass.Storage.Tests.TestSupport;

namespace Kompass.Storage.Tests;

/// <summary>Configuration is read as documented, and bad configuration stops start-up with one clear message.</summary>
public sealed class ConfigurationTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly TempSqliteFile _temp = new();

    private static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();

    /// <summary>What the host does: AddKompassStorage inside UseOrleans on a host builder.</summary>
    private StorageConfigurationException StartUpFails(IConfiguration configuration)
    {
        var ex = Assert.Throws<StorageConfigurationException>(() =>
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.UseOrleans(silo => silo.AddKompassStorage(configuration));
            using var host = builder.Build();
        });

        output.WriteLine(ex.Message);

        // One line, no stack trace in the message.
        Assert.DoesNotContain('\n', ex.Message);
        Assert.DoesNotContain("   at ", ex.Message, StringComparison.Ordinal);
        return ex;
    }

    [Fact]
    public void Defaults_are_sqlite_in_the_data_folder_and_the_documented_cluster_values()
    {
        var settings = KompassStorageSettings.FromConfiguration(Config(), _ => null);
        Assert.Equal(KompassStorageProvider.Sqlite, settings.Provider);
        Assert.Equal(Path.GetFullPath("./data/kompass.db"), settings.SqlitePath);
        Assert.Equal("kompass", settings.ClusterId);
        Assert.Equal("kompass-cloud", settings.ServiceId);
        Assert.Equal(11111, settings.SiloPort);
        Assert.Equal(30000, settings.GatewayPort);
        Assert.Equal(System.Net.IPAddress.Loopback, settings.AdvertisedIP);
    }

    [Fact]
    public void Cluster_and_provider_settings_are_read()
    {
        var settings = KompassStorageSettings.FromConfiguration(Config(
            ("Kompass:Storage:Provider", "postgres"),
            ("Kompass:Storage:Postgres:ConnectionString", "Host=db.internal;Port=5433;Username=kompass;Password=secret;Database=kompass"),
            ("Kompass:Cluster:ClusterId", "prod"),
            ("Kompass:Cluster:ServiceId", "kompass-cloud-prod"),
            ("Kompass:Cluster:SiloPort", "11112"),
            ("Kompass:Cluster:GatewayPort", "30001"),
            ("Kompass:Cluster:AdvertisedIP", "10.1.2.3")), _ => null);

        Assert.Equal(KompassStorageProvider.Postgres, settings.Provider);
        Assert.Equal("prod", settings.ClusterId);
        Assert.Equal("kompass-cloud-prod", settings.ServiceId);
        Assert.Equal(11112, settings.SiloPort);
        Assert.Equal(30001, settings.GatewayPort);
        Assert.Equal(System.Net.IPAddress.Parse("10.1.2.3"), settings.AdvertisedIP);
        Assert.DoesNotContain("secret", settings.ToString(), StringComparison.Ordinal);
        Assert.Contains("db.internal:5433", settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Postgres_connection_string_falls_back_to_ConnectionStrings_then_the_environment()
    {
        var fromConnectionStrings = KompassStorageSettings.FromConfiguration(Config(
            ("Kompass:Storage:Provider", "Postgres"),
            ("ConnectionStrings:Kompass", "Host=a;Username=u")), _ => "Host=b;Username=u");
        Assert.Equal("Host=a;Username=u", fromConnectionStrings.PostgresConnectionString);
        Assert.Equal("ConnectionStrings:Kompass", fromConnectionStrings.PostgresConnectionStringSetting);

        var fromEnvironment = KompassStorageSettings.FromConfiguration(Config(
            ("Kompass:Storage:Provider", "Postgres")), name => name == "KOMPASS_POSTGRES" ? "Host=b;Username=u" : null);
        Assert.Equal("Host=b;Username=u", fromEnvironment.PostgresConnectionString);
        Assert.Equal("environment variable KOMPASS_POSTGRES", fromEnvironment.PostgresConnectionStringSetting);
    }

    [Fact]
    public void Unknown_provider_is_refused_with_the_exact_message()
    {
        var ex = StartUpFails(Config(("Kompass:Storage:Provider", "Foo")));
        Assert.Equal("Kompass:Storage:Provider='Foo' is not one of Sqlite, Postgres, AzureStorage, Memory", ex.Message);
        Assert.Equal(KompassStorageSettings.ProviderKey, ex.Setting);
    }

    [Fact]
    public void Missing_postgres_connection_string_names_all_three_places()
    {
        var ex = Assert.Throws<StorageConfigurationException>(() =>
            KompassStorageSettings.FromConfiguration(Config(("Kompass:Storage:Provider", "Postgres")), _ => null));
        Assert.Equal(KompassStorageSettings.PostgresConnectionStringKey, ex.Setting);
        Assert.Contains("Kompass:Storage:Postgres:ConnectionString", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:Kompass", ex.Message, StringComparison.Ordinal);
        Assert.Contains("KOMPASS_POSTGRES", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_postgres_connection_string_is_refused_without_echoing_it()
    {
        var ex = StartUpFails(Config(
            ("Kompass:Storage:Provider", "Postgres"),
            ("Kompass:Storage:Postgres:ConnectionString", "Host=x;Password=hunter2;NoSuchKeyword=1")));
        Assert.Equal(KompassStorageSettings.PostgresConnectionStringKey, ex.Setting);
        Assert.DoesNotContain("hunter2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreachable_postgres_names_the_setting_and_host_and_port()
    {
        var port = FreePorts.Next(); // nothing listens there
        var ex = StartUpFails(Config(
            ("Kompass:Storage:Provider", "Postgres"),
            ("Kompass:Storage:Postgres:ConnectionString", $"Host=127.0.0.1;Port={port};Username=kompass;Password=pw;Database=kompass;Timeout=3")));
        Assert.Equal(KompassStorageSettings.PostgresConnectionStringKey, ex.Setting);
        Assert.StartsWith("Kompass:Storage:Postgres:ConnectionString: cannot connect to PostgreSQL at ", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pw", ex.Message.Replace("PostgreSQL", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void A_data_folder_that_cannot_be_created_names_the_setting_and_the_folder()
    {
        var blocker = Path.Combine(_temp.Folder, "not-a-folder");
        File.WriteAllText(blocker, "a file where the data folder should be");
        var path = Path.Combine(blocker, "data", "kompass.db");

        var ex = StartUpFails(Config(("Kompass:Storage:Sqlite:Path", path)));
        Assert.Equal(KompassStorageSettings.SqlitePathKey, ex.Setting);
        Assert.StartsWith($"Kompass:Storage:Sqlite:Path='{path}': cannot create the data folder '{Path.GetDirectoryName(path)}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_read_only_data_folder_names_the_setting_and_the_folder()
    {
        // /proc refuses new files even for root; elsewhere fall back to a folder without write permission.
        string folder;
        if (Directory.Exists("/proc/self"))
        {
            folder = "/proc";
        }
        else if (!OperatingSystem.IsWindows())
        {
            folder = Path.Combine(_temp.Folder, "read-only");
            Directory.CreateDirectory(folder);
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }
        else
        {
            return; // no portable read-only folder to point at
        }

        var path = Path.Combine(folder, "kompass.db");
        var ex = StartUpFails(Config(("Kompass:Storage:Provider", "Sqlite"), ("Kompass:Storage:Sqlite:Path", path)));
        Assert.Equal(KompassStorageSettings.SqlitePathKey, ex.Setting);
        Assert.StartsWith($"Kompass:Storage:Sqlite:Path='{path}': the data folder '{folder}' is not writable", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AzureStorage_without_an_account_names_the_connection_string_and_the_managed_identity_settings()
    {
        var ex = StartUpFails(Config(("Kompass:Storage:Provider", "AzureStorage")));
        Assert.Equal(KompassStorageSettings.AzureConnectionStringKey, ex.Setting);
        Assert.Equal(
            "Kompass:Storage:AzureStorage:ConnectionString is not set (nor Kompass:Storage:AzureStorage:BlobServiceUri and " +
            "Kompass:Storage:AzureStorage:TableServiceUri for a managed identity), and Kompass:Storage:Provider is AzureStorage",
            ex.Message);
    }

    [Fact]
    public void AzureStorage_with_a_malformed_connection_string_is_refused_without_echoing_it()
    {
        var ex = StartUpFails(Config(
            ("Kompass:Storage:Provider", "AzureStorage"),
            ("Kompass:Storage:AzureStorage:ConnectionString", "AccountName=x;AccountKey=hunter2hunter2;NoEndpointAtAll")));
        Assert.Equal(KompassStorageSettings.AzureConnectionStringKey, ex.Setting);
        Assert.StartsWith("Kompass:Storage:AzureStorage:ConnectionString is not a valid Azure Storage connection string", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AzureStorage_at_an_unreachable_endpoint_names_the_setting_and_the_endpoint()
    {
        var port = FreePorts.Next(); // nothing listens there
        var ex = StartUpFails(Config(
            ("Kompass:Storage:Provider", "AzureStorage"),
            ("Kompass:Storage:AzureStorage:ConnectionString",
                $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;")));
        Assert.Equal(KompassStorageSettings.AzureConnectionStringKey, ex.Setting);
        Assert.StartsWith($"Kompass:Storage:AzureStorage:ConnectionString: cannot use Azure Storage at http://127.0.0.1:{port}/devstoreaccount1: ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("a2V5", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Kompass:Storage:AzureStorage:BlobServiceUri", "https://kompass.blob.core.windows.net", "Kompass:Storage:AzureStorage:TableServiceUri")]
    [InlineData("Kompass:Storage:AzureStorage:TableServiceUri", "https://kompass.table.core.windows.net", "Kompass:Storage:AzureStorage:BlobServiceUri")]
    [InlineData("Kompass:Storage:AzureStorage:BlobServiceUri", "not a uri", "Kompass:Storage:AzureStorage:BlobServiceUri")]
    [InlineData("Kompass:Storage:AzureStorage:ContainerName", "Kompass_State", "Kompass:Storage:AzureStorage:ContainerName")]
    public void AzureStorage_managed_identity_settings_are_checked_and_named(string key, string value, string named)
    {
        var ex = Assert.Throws<StorageConfigurationException>(() => KompassStorageSettings.FromConfiguration(Config(
            ("Kompass:Storage:Provider", "AzureStorage"),
            (key == "Kompass:Storage:AzureStorage:ContainerName" ? "Kompass:Storage:AzureStorage:ConnectionString" : "unused", "UseDevelopmentStorage=true"),
            (key, value)), _ => null));
        Assert.Equal(named, ex.Setting);
        Assert.StartsWith(named, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AzureStorage_with_a_managed_identity_reads_both_service_uris()
    {
        var settings = KompassStorageSettings.FromConfiguration(Config(
            ("Kompass:Storage:Provider", "AzureStorage"),
            ("Kompass:Storage:AzureStorage:BlobServiceUri", "https://kompass.blob.core.windows.net"),
            ("Kompass:Storage:AzureStorage:TableServiceUri", "https://kompass.table.core.windows.net")), _ => null);
        Assert.Equal(KompassStorageProvider.AzureStorage, settings.Provider);
        Assert.Null(settings.Azure!.ConnectionString);
        Assert.Equal(new Uri("https://kompass.blob.core.windows.net"), settings.Azure.BlobServiceUri);
        Assert.Equal(KompassStorageSettings.DefaultAzureContainerName, settings.Azure.ContainerName);
        Assert.Contains("DefaultAzureCredential", settings.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Kompass:Cluster:SiloPort", "eleven")]
    [InlineData("Kompass:Cluster:GatewayPort", "70000")]
    [InlineData("Kompass:Cluster:AdvertisedIP", "not-an-ip")]
    [InlineData("Kompass:Cluster:ServiceId", " ")]
    public void Bad_cluster_settings_are_named(string key, string value)
    {
        var ex = StartUpFails(Config(("Kompass:Storage:Provider", "Memory"), (key, value)));
        Assert.Equal(key, ex.Setting);
        Assert.StartsWith(key, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Memory_provider_stores_state_and_runs_reminders_in_memory()
    {
        var cluster = await StartAsync(new KompassTestClusterOptions
        {
            Provider = KompassStorageProvider.Memory,
            ConfigureSilo = ConfigureTestSilo,
        });
        try
        {
            var grain = cluster.Client.GetGrain<IProbeGrain>("NO-0000/memory");
            await grain.Save(new ProbeSnapshot("in memory", 7, ProbeStatus.Submitted, ["x"], null, "d", 1.5m, true));
            var loaded = await grain.Load();
            Assert.Equal("in memory", loaded.Text);
            Assert.Equal(1.5m, loaded.DetailScore);

            var reminder = cluster.Client.GetGrain<IReminderProbeGrain>("NO-0000/memory");
            await reminder.Start(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
            await WaitForAsync(() => reminder.Snapshot(), s => s.Ticks >= 1, TimeSpan.FromSeconds(20), "an in-memory reminder tick");
            await reminder.Stop();
        }
        finally
        {
            await StopAsync(cluster);
        }
    }

    public void Dispose() => _temp.Dispose();
}

public sealed class PostgresProviderConnectionStringTests
{
    [Fact]
    public void The_providers_prepare_statements_and_skip_the_pool_reset_unless_the_operator_chose()
    {
        var tuned = new Npgsql.NpgsqlConnectionStringBuilder(
            KompassStorageSettings.ForOrleansProviders("Host=db;Database=kompass;Username=k"));
        Assert.Equal(20, tuned.MaxAutoPrepare);
        Assert.Equal(2, tuned.AutoPrepareMinUsages);
        Assert.True(tuned.NoResetOnClose);
        Assert.Equal("db", tuned.Host);

        var chosen = new Npgsql.NpgsqlConnectionStringBuilder(
            KompassStorageSettings.ForOrleansProviders("Host=db;Max Auto Prepare=0;No Reset On Close=false"));
        Assert.Equal(0, chosen.MaxAutoPrepare);
        Assert.False(chosen.NoResetOnClose);
    }
}
