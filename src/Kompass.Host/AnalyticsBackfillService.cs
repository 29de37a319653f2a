using Kompass.Grains.Analytics;

namespace Kompass.Host;

/// <summary>
/// At start-up, reads into the analytics the results stored before they followed them (once per store; see
/// <see cref="AnalyticsBackfill"/>). Every silo may try: the analytics grain is one, and a second run finds it done.
/// </summary>
internal sealed class AnalyticsBackfillService(IGrainFactory grains, ILogger<AnalyticsBackfillService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var count = await AnalyticsBackfill.RunAsync(grains, stoppingToken);
            if (count > 0)
                logger.LogInformation("Analytics backfill: {Count} stored results read in.", count);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not done: the next start tries again. Deliveries keep the analytics current meanwhile.
            logger.LogError(e, "The analytics backfill failed; it runs again at the next start.");
        }
    }
}
