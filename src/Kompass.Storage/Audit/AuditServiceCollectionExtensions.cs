using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Kompass.Storage.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>The audit log over the configured storage provider (<c>Kompass:Storage:Provider</c>), as <see cref="IAuditLog"/>.</summary>
    public static IServiceCollection AddKompassAuditLog(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = KompassStorageSettings.FromConfiguration(configuration);
        services.AddSingleton<IAuditLog>(settings.Provider switch
        {
            KompassStorageProvider.Sqlite => new SqlAuditLog(SqliteDatabase.CreateDataSource(settings.SqlitePath)),
            KompassStorageProvider.Postgres => new SqlAuditLog(NpgsqlDataSource.Create(settings.PostgresConnectionString!)),
            KompassStorageProvider.AzureStorage => new AzureTableAuditLog(
                settings.Azure!.CreateTableServiceClient().GetTableClient(AzureTableAuditLog.TableName)),
            _ => new MemoryAuditLog(),
        });
        return services;
    }
}
