using Kompass.Contracts;
using Kompass.Contracts.Analytics;
using Kompass.Domain.Analytics;
using Kompass.Domain.Frameworks;
using Kompass.Domain.Kommuner;

namespace Kompass.Gateway.Types.Analytics;

/// <summary>
/// The analytics side of <see cref="KompassApi"/>, for GraphQL and the CSV exports alike: a request's shape,
/// version, period and area are checked here before the analytics grain is called (it checks them again).
/// Reads carry the request's caller, as every read does.
/// </summary>
public sealed class AnalyticsApi(IGrainFactory grains, FrameworkCatalogue catalogue)
{
    private IAnalyticsGrain Grain => grains.GetGrain<IAnalyticsGrain>(IAnalyticsGrain.Key);

    /// <summary>A scope as a caller gives it; an unknown version, a country other than NO or SE, or from after to is a VALIDATION_ERROR.</summary>
    public AnalyticsScope Scope(string frameworkVersion, Country? country, DateOnly? from, DateOnly? to, string? area = null)
    {
        var scope = new AnalyticsScope(frameworkVersion, country?.ToString(), from, to);
        AnalyticsScopeValidator.Instance.EnsureValid(scope);
        var framework = catalogue.Get(frameworkVersion);
        Period.Of(from, to);
        Measure.Of(area, framework);
        return scope;
    }

    public Task<BenchmarkStatisticsView> Benchmark(AnalyticsScope scope) => Grain.Benchmark(scope);

    public Task<RankingPage> Ranking(AnalyticsScope scope, string? area, int first, string? after)
    {
        var query = new RankingQuery(scope, area, first, after);
        RankingQueryValidator.Instance.EnsureValid(query);
        return Grain.Ranking(query);
    }

    public Task<RankView?> RankOf(string evaluationId) => Grain.RankOf(evaluationId);

    public Task<IReadOnlyList<ImprovementView>> Improvers(AnalyticsScope scope, string? area, int first)
    {
        var query = new ImproversQuery(scope, area, first);
        ImproversQueryValidator.Instance.EnsureValid(query);
        return Grain.Improvers(query);
    }

    public Task<PeersView> Peers(string kommuneId, string? frameworkVersion, bool sameCounty)
    {
        var query = new PeersQuery(kommuneId, frameworkVersion, sameCounty);
        PeersQueryValidator.Instance.EnsureValid(query);
        if (frameworkVersion is not null)
            catalogue.Get(frameworkVersion);
        return Grain.Peers(query);
    }

    public Task<TrendView> Trend(string kommuneId, string? frameworkVersion)
    {
        if (frameworkVersion is not null)
            catalogue.Get(frameworkVersion);
        return Grain.Trend(kommuneId, frameworkVersion);
    }

    public Task<MeanComparisonView> MeansBeside(string frameworkVersion, Country country, int? year)
    {
        Scope(frameworkVersion, country, null, null);
        return Grain.MeansBeside(frameworkVersion, country.ToString(), year);
    }

    public Task<string> ExportCsv(AnalyticsExportKind kind, AnalyticsScope scope, string? area) => Grain.ExportCsv(kind, scope, area);

    public Task<string> ExportTrendCsv(string kommuneId, string? frameworkVersion)
    {
        if (frameworkVersion is not null)
            catalogue.Get(frameworkVersion);
        return Grain.ExportTrendCsv(kommuneId, frameworkVersion);
    }

    public Task<PublishedMeanView> ImportPublishedMean(ImportPublishedMean command, Caller caller)
    {
        ImportPublishedMeanValidator.Instance.EnsureValid(command);
        PublishedMeans.Validate(command.ToMean(), catalogue);
        return KompassApi.As(caller, () => Grain.ImportPublishedMean(command));
    }
}
