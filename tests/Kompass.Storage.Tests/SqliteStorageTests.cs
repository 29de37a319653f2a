using Kompass.Testing;
using Microsoft.Data.Sqlite;

namespace Kompass.Storage.Tests;

/// <summary>The storage contract against a real SQLite file, plus SQLite's durability settings.</summary>
public sealed class SqliteStorageTests : SqlStorageContractTests, IDisposable
{
    private readonly List<TempSqliteFile> _files = [];

    protected override KompassStorageProvider Provider => KompassStorageProvider.Sqlite;

    protected override KompassTestClusterOptions NewDatabase(string name)
    {
        var file = new TempSqliteFile(name);
        _files.Add(file);
        return new KompassTestClusterOptions
        {
            Provider = KompassStorageProvider.Sqlite,
            SqlitePath = file.Path,
            ConfigureSilo = TestSupport.ConfigureTestSilo,
        };
    }

    protected override Task<SchemaMigrationResult> MigrateAsync(KompassTestClusterOptions database) =>
        KompassSchemaMigrator.MigrateSqliteAsync(database.SqlitePath!);

    protected override Task<IReadOnlyList<(int Version, string Name)>> ReadSchemaVersionsAsync(KompassTestClusterOptions database)
    {
        using var connection = SqliteDatabase.Open(database.SqlitePath!);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Version, Name FROM KompassSchemaVersion ORDER BY Version;";
        using var reader = command.ExecuteReader();
        var rows = new List<(int, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetInt32(0), reader.GetString(1)));
        }

        return Task.FromResult<IReadOnlyList<(int Version, string Name)>>(rows);
    }

    protected override Task<IReadOnlyList<StorageHit>> ScanAsync(KompassTestClusterOptions database, string text) =>
        StorageScan.SqliteAsync(database.SqlitePath!, text);

    protected override Task<string?> ReadStoredJsonAsync(KompassTestClusterOptions database, string stateName, string grainKey)
    {
        using var connection = SqliteDatabase.Open(database.SqlitePath!);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT PayloadJson FROM KompassGrainState WHERE StateName = $state AND GrainKey = $key;";
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$key", grainKey);
        return Task.FromResult(command.ExecuteScalar() as string);
    }

    [Fact]
    public async Task Database_uses_WAL_and_every_provider_connection_syncs_fully()
    {
        var database = NewDatabase("pragmas");
        await KompassSchemaMigrator.MigrateSqliteAsync(database.SqlitePath!);

        // The connections the Orleans providers get come from this data source.
        await using var dataSource = SqliteDatabase.CreateDataSource(database.SqlitePath!);
        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.IsType<SqliteConnection>(connection);
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode;"));
        Assert.Equal(2L, await ScalarAsync(connection, "PRAGMA synchronous;"));           // 2 = FULL
        Assert.Equal(30000L, await ScalarAsync(connection, "PRAGMA busy_timeout;"));
    }

    [Fact]
    public async Task Migrator_creates_the_data_folder()
    {
        var database = NewDatabase("folders");
        var nested = Path.Combine(Path.GetDirectoryName(database.SqlitePath!)!, "a", "b", "kompass.db");
        var result = await KompassSchemaMigrator.MigrateSqliteAsync(nested);
        Assert.True(File.Exists(nested));
        Assert.Equal(KompassSchemaMigrator.LatestVersion(KompassStorageProvider.Sqlite), result.SchemaVersion);
    }

    [Fact]
    public async Task Upgrading_to_delete_on_clear_removes_the_rows_earlier_clears_left()
    {
        // A database at schema 4, as the earlier clear query left it: one cleared row (no payload, the grain key kept), one live row.
        var database = NewDatabase("upgrade");
        await using (var connection = SqliteDatabase.Open(database.SqlitePath!))
        {
            await ScalarAsync(connection, $"CREATE TABLE {KompassSchemaMigrator.VersionTable} (Version INTEGER NOT NULL PRIMARY KEY, Name TEXT NOT NULL, Checksum TEXT NOT NULL, AppliedOn TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);");
            foreach (var migration in KompassSchemaMigrator.Migrations(KompassStorageProvider.Sqlite).Where(m => m.Version <= 4))
            {
                await ScalarAsync(connection, migration.Sql);
                await ScalarAsync(connection, $"INSERT INTO {KompassSchemaMigrator.VersionTable} (Version, Name, Checksum) VALUES ({migration.Version}, '{migration.Name}', '{migration.Checksum}');");
            }
            await ScalarAsync(connection, """
                INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, Version)
                VALUES (1, 0, 0, 1, 'evaluation', 'NO-5027/eval/2024-1', 'kompass', NULL, 3),
                       (2, 0, 0, 1, 'evaluation', 'NO-0301/eval/2024-1', 'kompass', X'7B7D', 2);
                """);
        }

        var result = await KompassSchemaMigrator.MigrateSqliteAsync(database.SqlitePath!);

        Assert.Contains(5, result.Applied);
        Assert.Empty(await StorageScan.SqliteAsync(database.SqlitePath!, "NO-5027"));
        Assert.NotEmpty(await StorageScan.SqliteAsync(database.SqlitePath!, "NO-0301"));
    }

    private static async Task<object?> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    public void Dispose()
    {
        foreach (var file in _files)
        {
            file.Dispose();
        }
    }
}
