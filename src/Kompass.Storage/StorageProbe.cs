using Microsoft.Data.Sqlite;
using Npgsql;

namespace Kompass.Storage;

/// <summary>
/// Asks the configured store a trivial question (readiness probes): SQLite opens the file and reads the
/// schema version table, PostgreSQL runs <c>SELECT 1</c>, Azure Storage reads the grain state
/// container's properties. Throws when the store does not answer; memory always answers.
/// Registered by <c>AddKompassStorage</c>.
/// </summary>
public sealed class StorageProbe
{
    private readonly KompassStorageSettings _settings;
    private readonly Azure.Storage.Blobs.BlobContainerClient? _container;

    public StorageProbe(KompassStorageSettings settings)
    {
        _settings = settings;
        if (settings is { Provider: KompassStorageProvider.AzureStorage, Azure: { } azure })
        {
            _container = azure.CreateBlobServiceClient(AzureStorageAccount.Configure(new Azure.Storage.Blobs.BlobClientOptions()))
                .GetBlobContainerClient(azure.ContainerName);
        }
    }

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        switch (_settings.Provider)
        {
            case KompassStorageProvider.Sqlite:
            {
                await using var connection = SqliteDatabase.Open(_settings.SqlitePath);
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT count(*) FROM {KompassSchemaMigrator.VersionTable};";
                await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                break;
            }

            case KompassStorageProvider.Postgres:
            {
                // The providers' own pool. When the probe fails, the pool's idle connections are dropped: those
                // that died with the server would otherwise each fail one grain write after it is back.
                await using var connection = new NpgsqlConnection(KompassStorageSettings.ForOrleansProviders(_settings.PostgresConnectionString!));
                try
                {
                    await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                    await using var command = new NpgsqlCommand("SELECT 1;", connection);
                    await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    NpgsqlConnection.ClearPool(connection);
                    throw;
                }

                break;
            }

            case KompassStorageProvider.AzureStorage:
                await _container!.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
        }
    }
}
