using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Kompass.Storage.Audit;
using Kompass.Storage.Idempotency;
using Kompass.Testing;
using Npgsql;

namespace Kompass.Storage.Tests;

/// <summary>StorageScan finds a planted string wherever it sits (text, binary JSON, keys) and is silent on a clean store.</summary>
public abstract class StorageScanTests
{
    protected const string Kommune = "NO-5027";

    /// <summary>A fresh, migrated store with the stores that write into it.</summary>
    protected abstract Task<(IdempotencyStore Answers, IAuditLog Audit)> NewStoreAsync();

    protected abstract Task<IReadOnlyList<StorageHit>> ScanAsync(string text);

    [Fact]
    public async Task A_clean_store_holds_nothing_and_planted_text_is_found_in_binary_and_text_columns()
    {
        var (answers, audit) = await NewStoreAsync();
        var marker = $"{Kommune}-{Guid.NewGuid():N}";
        Assert.Empty(await ScanAsync(marker));

        await answers.ClaimAsync("scope", "key-1", "f", DateTimeOffset.UtcNow, new IdempotencyOptions());
        await answers.CompleteAsync("scope", "key-1", new IdempotentAnswer(200, "application/json",
            Encoding.UTF8.GetBytes($"{{\"data\":{{\"kommune\":{{\"id\":\"{marker}\"}}}}}}")));
        await audit.AppendAsync(new AuditEntry("SE-0180", DateTimeOffset.UtcNow, "anna", "r", "op", "t", "ok", $"name: {marker}"));

        var hits = await ScanAsync(marker);

        Assert.Equal(2, hits.Count);
        Assert.Contains(hits, h => h.Store.Contains("idempotency", StringComparison.OrdinalIgnoreCase) && h.Field.StartsWith("body", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(hits, h => h.Store.Contains("audit", StringComparison.OrdinalIgnoreCase) && h.Field.Equals("changes", StringComparison.OrdinalIgnoreCase));
    }
}

public sealed class SqliteStorageScanTests : StorageScanTests, IDisposable
{
    private readonly TempSqliteFile _file = new();

    protected override async Task<(IdempotencyStore, IAuditLog)> NewStoreAsync()
    {
        await KompassSchemaMigrator.MigrateSqliteAsync(_file.Path);
        var source = SqliteDatabase.CreateDataSource(_file.Path);
        return (new SqlIdempotencyStore(source), new SqlAuditLog(source));
    }

    protected override Task<IReadOnlyList<StorageHit>> ScanAsync(string text) => StorageScan.SqliteAsync(_file.Path, text);

    [Fact]
    public async Task The_kommune_id_is_nowhere_in_a_freshly_migrated_database_and_a_hit_names_table_row_and_column()
    {
        await NewStoreAsync();
        Assert.Empty(await ScanAsync(Kommune));

        await new SqlAuditLog(SqliteDatabase.CreateDataSource(_file.Path)).AppendAsync(
            new AuditEntry(Kommune, DateTimeOffset.UtcNow, "a", "r", "op", "t", "ok", null));

        Assert.Equal([new StorageHit("KompassAudit", "1", "KommuneId")], await ScanAsync(Kommune));
    }

    public void Dispose() => _file.Dispose();
}

[Collection(PostgresServer.Collection)]
public sealed class PostgresStorageScanTests(PostgresServer server) : StorageScanTests
{
    private string _connectionString = "";

    protected override async Task<(IdempotencyStore, IAuditLog)> NewStoreAsync()
    {
        _connectionString = server.CreateDatabase("scan");
        await KompassSchemaMigrator.MigratePostgresAsync(_connectionString);
        var source = NpgsqlDataSource.Create(_connectionString);
        return (new SqlIdempotencyStore(source), new SqlAuditLog(source));
    }

    protected override Task<IReadOnlyList<StorageHit>> ScanAsync(string text) => StorageScan.PostgresAsync(_connectionString, text);

    [Fact]
    public async Task Json_and_text_columns_of_any_table_are_scanned_too()
    {
        await NewStoreAsync();
        Assert.Empty(await ScanAsync(Kommune));
        await using (var connection = new NpgsqlConnection(_connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                CREATE TABLE "Extra" (Id int PRIMARY KEY, Doc jsonb, Note text);
                INSERT INTO "Extra" VALUES (7, @doc::jsonb, 'none');
                """, connection);
            command.Parameters.AddWithValue("doc", $"{{\"kommune\": \"{Kommune}\"}}");
            await command.ExecuteNonQueryAsync();
        }

        Assert.Equal([new StorageHit("public.\"Extra\"", "7", "doc")], await ScanAsync(Kommune));
    }
}

[Collection(AzuriteServer.Collection)]
public sealed class AzureStorageScanTests(AzuriteServer server) : StorageScanTests
{
    protected override Task<(IdempotencyStore, IAuditLog)> NewStoreAsync() => Task.FromResult<(IdempotencyStore, IAuditLog)>((
        new AzureTableIdempotencyStore(new TableClient(server.ConnectionString, $"idempotency{Guid.NewGuid():N}")),
        new AzureTableAuditLog(new TableClient(server.ConnectionString, $"audit{Guid.NewGuid():N}"))));

    // Azurite is shared by the collection: only a marker no other test writes says "clean".
    protected override Task<IReadOnlyList<StorageHit>> ScanAsync(string text) => StorageScan.AzureAsync(server.ConnectionString, text);

    [Fact]
    public async Task Blob_names_and_contents_and_entity_keys_are_scanned()
    {
        var marker = $"SE-0115-{Guid.NewGuid():N}";
        var container = new BlobServiceClient(server.ConnectionString).GetBlobContainerClient(server.NewContainerName("scan"));
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient($"state/{marker}.json").UploadAsync(BinaryData.FromString("{}"));
        await container.GetBlobClient("state/other.json").UploadAsync(BinaryData.FromBytes(Encoding.UTF8.GetBytes($"{{\"id\":\"{marker}\"}}")));
        var table = new TableClient(server.ConnectionString, $"scan{Guid.NewGuid():N}");
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity(marker, "1"));

        var hits = await ScanAsync(marker);

        Assert.Equal(3, hits.Count);
        Assert.Contains(new StorageHit(container.Name, $"state/{marker}.json", "name"), hits);
        Assert.Contains(new StorageHit(container.Name, "state/other.json", "content"), hits);
        Assert.Contains(new StorageHit(table.Name, $"{marker}/1", "PartitionKey"), hits);
    }
}
