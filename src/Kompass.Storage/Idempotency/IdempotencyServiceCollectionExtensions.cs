using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Kompass.Storage.Idempotency;

public static class IdempotencyServiceCollectionExtensions
{
    /// <summary>The idempotency store over the configured storage provider, and its hourly sweeper.</summary>
    public static IServiceCollection AddKompassIdempotency(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = KompassStorageSettings.FromConfiguration(configuration);
        services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IdempotencyStore>(settings.Provider switch
        {
            KompassStorageProvider.Sqlite => new SqlIdempotencyStore(SqliteDatabase.CreateDataSource(settings.SqlitePath)),
            KompassStorageProvider.Postgres => new SqlIdempotencyStore(NpgsqlDataSource.Create(settings.PostgresConnectionString!)),
            KompassStorageProvider.AzureStorage => new AzureTableIdempotencyStore(
                settings.Azure!.CreateTableServiceClient().GetTableClient(AzureTableIdempotencyStore.TableName)),
            _ => new MemoryIdempotencyStore(),
        });
        services.AddHostedService<IdempotencySweeper>();
        return services;
    }
}

/// <summary>Deletes stored answers past their retention, every <see cref="IdempotencyOptions.SweepEvery"/>.</summary>
internal sealed class IdempotencySweeper(IdempotencyStore store, IOptions<IdempotencyOptions> options, TimeProvider time,
    ILogger<IdempotencySweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepEvery);
        do
        {
            try
            {
                var deleted = await store.DeleteCreatedBeforeAsync(time.GetUtcNow() - options.Value.Retention, stoppingToken);
                if (deleted > 0)
                    logger.LogInformation("Deleted {Count} idempotency answers older than {Retention}.", deleted, options.Value.Retention);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Several silos sweep the same table, and a database outage is reported by the requests that meet it.
                logger.LogWarning("Sweeping idempotency answers failed: {Error}", e.GetBaseException().Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
