using Kompass.Contracts.Kommuner;
using Orleans.Concurrency;

namespace Kompass.Contracts.Analytics;

/// <summary>
/// The analytics of every published and imported result, all versions and both countries, in one grain
/// (key <see cref="Key"/>): kept by events from the evaluations' outboxes, read without asking any other
/// grain. Reads are [ReadOnly] and run beside each other and beside a write waiting on storage.
/// </summary>
public interface IAnalyticsGrain : IGrainWithStringKey
{
    public const string Key = "all";

    /// <summary>A published, amended or imported result at its evaluation's version; an older or equal one changes nothing.</summary>
    Task Apply(ResultMessage result);

    /// <summary>Forgets an evaluation (its kommune is offboarded): nothing of it stays. Idempotent.</summary>
    Task Remove(string evaluationId);

    /// <summary>Whether the results stored before the analytics followed them have been read in (the system).</summary>
    [ReadOnly]
    Task<bool> IsBackfilled();

    /// <summary>Results read from the kommuner, applied as deliveries are (versioned); <paramref name="done"/> marks the backfill complete.</summary>
    Task Backfill(IReadOnlyList<ResultMessage> results, bool done);

    Task<PublishedMeanView> ImportPublishedMean(ImportPublishedMean command);

    [ReadOnly]
    Task<BenchmarkStatisticsView> Benchmark(AnalyticsScope scope);

    [ReadOnly]
    Task<RankingPage> Ranking(RankingQuery query);

    /// <summary>The evaluation's rank by the total (or an area) among the latest results of its version and country; null when not held.</summary>
    [ReadOnly]
    Task<RankView?> RankOf(string evaluationId, string? area = null);

    [ReadOnly]
    Task<IReadOnlyList<ImprovementView>> Improvers(ImproversQuery query);

    [ReadOnly]
    Task<PeersView> Peers(PeersQuery query);

    /// <summary>All of the kommune's results over time in <paramref name="frameworkVersion"/>'s areas (default: its latest result's version).</summary>
    [ReadOnly]
    Task<TrendView> Trend(string kommuneId, string? frameworkVersion = null);

    /// <summary>The held mean (all time) beside the one KS or SKR published for the year (default: the latest published).</summary>
    [ReadOnly]
    Task<MeanComparisonView> MeansBeside(string frameworkVersion, string country, int? year = null);

    /// <summary>A benchmark, histogram or whole ranking as CSV (docs/analytics.md, Export).</summary>
    [ReadOnly]
    Task<string> ExportCsv(AnalyticsExportKind kind, AnalyticsScope scope, string? area = null);

    /// <summary>A kommune's trend as CSV.</summary>
    [ReadOnly]
    Task<string> ExportTrendCsv(string kommuneId, string? frameworkVersion = null);
}
