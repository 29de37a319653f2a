using Kompass.Contracts.Analytics;
using Kompass.Contracts.Benchmarks;
using Kompass.Contracts.Kommuner;
using Kompass.Domain.Kommuner;

namespace Kompass.Grains.Analytics;

/// <summary>
/// Reads into the analytics the results a store held before the analytics followed them (an upgrade of an
/// existing deployment): every registered kommune's published and imported results, through the directory, as
/// the system; and has each kommune whose directory entry lists an older latest result send it again. Applying is versioned, so deliveries arriving meanwhile and a backfill run twice change nothing;
/// the analytics mark it done only after the last page, so a backfill cut short runs again at the next start.
/// </summary>
public static class AnalyticsBackfill
{
    private const int PageSize = 200;

    /// <summary>Runs unless done before; returns the number of results read in (0 when done before).</summary>
    public static async Task<int> RunAsync(IGrainFactory grains, CancellationToken cancellation = default)
    {
        var analytics = grains.GetGrain<IAnalyticsGrain>(IAnalyticsGrain.Key);
        if (await AsSystem(analytics.IsBackfilled))
            return 0;
        var count = 0;
        foreach (var country in Enum.GetNames<Country>())
        {
            string? after = null;
            DirectoryPage page;
            do
            {
                cancellation.ThrowIfCancellationRequested();
                page = await AsSystem(() => grains.GetGrain<IKommuneDirectoryGrain>(country).List(PageSize, after));
                var kommuner = await Task.WhenAll(page.Items.Select(e => AsSystem(() => grains.GetGrain<IKommuneGrain>(e.Id).Get())));
                // The directory's entries too: one stored before it listed latest results lists none.
                await Task.WhenAll(page.Items.Zip(kommuner).Where(p => p.Second is not null && p.Second.LatestResult != p.First.LatestResult)
                    .Select(p => AsSystem(() => grains.GetGrain<IKommuneGrain>(p.First.Id).RefreshDirectory(p.First.LatestResult))));
                IReadOnlyList<ResultMessage> results = [.. kommuner.SelectMany(k => k?.Evaluations ?? []).Select(e => e.Result).OfType<ResultMessage>()];
                await AsSystem(() => analytics.Backfill(results, done: false));
                count += results.Count;
                after = page.Cursors.Count > 0 ? page.Cursors[^1] : null;
            } while (page.HasNextPage && after is not null);
        }
        await AsSystem(() => analytics.Backfill([], done: true));
        return count;
    }
}
