using Kompass.Testing;
using Npgsql;

namespace Kompass.Storage.Tests;

/// <summary>The storage contract against a real PostgreSQL server (one per test run, a database per test).</summary>
[Collection(PostgresServer.Collection)]
public sealed class PostgresStorageTests(PostgresServer server) : SqlStorageContractTests
{
    protected override KompassStorageProvider Provider => KompassStorageProvider.Postgres;

    protected override KompassTestClusterOptions NewDatabase(string name) => new()
    {
        Provider = KompassStorageProvider.Postgres,
        PostgresConnectionString = server.CreateDatabase(name),
        ConfigureSilo = TestSupport.ConfigureTestSilo,
    };

    protected override Task<SchemaMigrationResult> MigrateAsync(KompassTestClusterOptions database) =>
        KompassSchemaMigrator.MigratePostgresAsync(database.PostgresConnectionString!);

    protected override async Task<IReadOnlyList<(int Version, string Name)>> ReadSchemaVersionsAsync(KompassTestClusterOptions database)
    {
        await using var connection = new NpgsqlConnection(database.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT Version, Name FROM KompassSchemaVersion ORDER BY Version;", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(0), reader.GetString(1)));
        }

        return rows;
    }

    protected override Task<IReadOnlyList<StorageHit>> ScanAsync(KompassTestClusterOptions database, string text) =>
        StorageScan.PostgresAsync(database.PostgresConnectionString!, text);

    protected override async Task<string?> ReadStoredJsonAsync(KompassTestClusterOptions database, string stateName, string grainKey)
    {
        await using var connection = new NpgsqlConnection(database.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT PayloadJson FROM KompassGrainState WHERE StateName = @state AND GrainKey = @key;", connection);
        command.Parameters.AddWithValue("state", stateName);
        command.Parameters.AddWithValue("key", grainKey);
        return await command.ExecuteScalarAsync() as string;
    }

    [Fact]
    public async Task A_missing_database_is_reported_against_the_setting()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "no_such_database" }.ToString();
        var ex = await Assert.ThrowsAsync<StorageConfigurationException>(() => KompassSchemaMigrator.MigratePostgresAsync(connectionString));
        Assert.Equal(KompassStorageSettings.PostgresConnectionStringKey, ex.Setting);
        Assert.Contains(KompassStorageSettings.PostgresConnectionStringKey, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{server.Port}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("no_such_database", ex.Message, StringComparison.Ordinal);
    }
}
