using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Kompass.Testing;

/// <summary>A place in storage: a table's column in one row, a blob, or a table entity's property.</summary>
/// <param name="Store">Table or blob container.</param>
/// <param name="Key">Row key (primary key values joined by '/'), blob name, or PartitionKey/RowKey.</param>
/// <param name="Field">Column, property, or "name"/"content"/"metadata" of a blob.</param>
public sealed record StorageHit(string Store, string Key, string Field)
{
    public override string ToString() => $"{Store}[{Key}].{Field}";
}

/// <summary>
/// Finds every place in a store that holds a given text, without knowing the schema: every table and
/// every column from the catalog, every blob container and blob, every table and entity. Binary values
/// (grain state payloads, stored answers) are read as UTF-8, as the JSON in them is. For offboarding
/// tests: after a kommune leaves, a scan for its id must find nothing.
/// </summary>
public static class StorageScan
{
    /// <summary>Every row and column of every table of the SQLite file at <paramref name="path"/>.</summary>
    public static async Task<IReadOnlyList<StorageHit>> SqliteAsync(string path, string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await connection.OpenAsync();
        var tables = await ColumnAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
        var hits = new List<StorageHit>();
        foreach (var table in tables)
        {
            var key = await ColumnAsync(connection, $"SELECT name FROM pragma_table_info({Quote(table, '\'')}) WHERE pk > 0 ORDER BY pk");
            // A table without a declared key still has a rowid (sqlite_sequence, for one).
            var keyColumns = key.Count > 0 ? string.Join(", ", key.Select(k => Quote(k, '"'))) : "rowid";
            hits.AddRange(await RowsAsync(connection, table, $"SELECT {keyColumns}, * FROM {Quote(table, '"')}", Math.Max(key.Count, 1), text));
        }
        SqliteConnection.ClearPool(connection);
        return hits;
    }

    /// <summary>Every row and column of every table (all schemas but the system ones) of the database <paramref name="connectionString"/> names.</summary>
    public static async Task<IReadOnlyList<StorageHit>> PostgresAsync(string connectionString, string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = await ColumnAsync(connection, """
            SELECT format('%I.%I', table_schema, table_name) FROM information_schema.tables
            WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
            ORDER BY 1
            """);
        var hits = new List<StorageHit>();
        foreach (var table in tables)
        {
            var key = await ColumnAsync(connection, $"""
                SELECT quote_ident(a.attname) FROM pg_index i
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
                WHERE i.indrelid = {Quote(table, '\'')}::regclass AND i.indisprimary ORDER BY a.attnum
                """);
            var keyColumns = key.Count > 0 ? string.Join(", ", key) : "ctid::text";
            hits.AddRange(await RowsAsync(connection, table, $"SELECT {keyColumns}, * FROM {table}", Math.Max(key.Count, 1), text));
        }
        return hits;
    }

    /// <summary>Every blob (name, metadata, content) of every container and every entity of every table of the account.</summary>
    public static async Task<IReadOnlyList<StorageHit>> AzureAsync(string connectionString, string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        var hits = new List<StorageHit>();
        var blobs = new BlobServiceClient(connectionString);
        await foreach (var container in blobs.GetBlobContainersAsync())
        {
            var client = blobs.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, null, CancellationToken.None))
            {
                if (blob.Name.Contains(text, StringComparison.Ordinal))
                    hits.Add(new StorageHit(container.Name, blob.Name, "name"));
                if (blob.Metadata.Any(m => m.Key.Contains(text, StringComparison.Ordinal) || m.Value.Contains(text, StringComparison.Ordinal)))
                    hits.Add(new StorageHit(container.Name, blob.Name, "metadata"));
                var content = (await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray();
                if (Contains(content, text))
                    hits.Add(new StorageHit(container.Name, blob.Name, "content"));
            }
        }

        var tables = new TableServiceClient(connectionString);
        await foreach (var table in tables.QueryAsync())
        {
            await foreach (var entity in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                var key = $"{entity.PartitionKey}/{entity.RowKey}";
                hits.AddRange(entity
                    .Where(p => p.Key is not ("odata.etag" or "Timestamp") && Contains(p.Value, text))
                    .Select(p => new StorageHit(table.Name, key, p.Key)));
            }
        }
        return hits;
    }

    /// <summary>Whether a stored value holds the text: strings as they are, bytes as UTF-8, anything else by its invariant text.</summary>
    public static bool Contains(object? value, string text) => value switch
    {
        null or DBNull => false,
        string s => s.Contains(text, StringComparison.Ordinal),
        byte[] bytes => Encoding.UTF8.GetString(bytes).Contains(text, StringComparison.Ordinal),
        BinaryData data => Contains(data.ToArray(), text),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture).Contains(text, StringComparison.Ordinal),
        System.Collections.IEnumerable items => items.Cast<object?>().Any(item => Contains(item, text)),
        _ => value.ToString()?.Contains(text, StringComparison.Ordinal) == true,
    };

    private static async Task<IReadOnlyList<StorageHit>> RowsAsync(System.Data.Common.DbConnection connection, string table, string sql,
        int keyCount, string text)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var hits = new List<StorageHit>();
        while (await reader.ReadAsync())
        {
            var key = string.Join('/', Enumerable.Range(0, keyCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)));
            for (var i = keyCount; i < reader.FieldCount; i++)
            {
                if (Contains(reader.GetValue(i), text))
                    hits.Add(new StorageHit(table, key, reader.GetName(i)));
            }
        }
        return hits;
    }

    private static async Task<IReadOnlyList<string>> ColumnAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
            values.Add(reader.GetString(0));
        return values;
    }

    private static string Quote(string name, char quote) => $"{quote}{name.Replace(quote.ToString(), $"{quote}{quote}", StringComparison.Ordinal)}{quote}";
}
