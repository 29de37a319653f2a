using Kompass.Contracts.Analytics;
using Kompass.Contracts.Evaluations;
using Kompass.Domain.Analytics;
using Kompass.Domain.Evaluations;
using Kompass.Domain.Frameworks;
using Kompass.Domain.Kommuner;

namespace Kompass.Gateway.Types.Analytics;

/// <summary>
/// The analytics answers as the charts take them (Kompass.Charts renders the domain's answer types): the
/// grain hands out plain records, and these put them back into the domain's shape, field for field.
/// </summary>
internal static class ChartInputs
{
    public static BenchmarkStatistics ToDomain(this BenchmarkStatisticsView v) => new(
        v.FrameworkVersion, CountryOf(v.Country), Period.Of(v.From, v.To), v.Kommuner, v.Results, v.Total.ToDomain(),
        [.. v.Areas.Select(a => new AreaStatistics(a.Code, new LocalizedName(a.NameNb, a.NameSv), a.Summary.ToDomain()))],
        [.. v.Histogram.Select(b => new HistogramBin(b.Lower, b.Upper, b.UpperIncluded, b.Count))]);

    /// <summary>A whole ranking from its pages (read until the last), with the names the rows carry.</summary>
    public static (Ranking Ranking, IReadOnlyDictionary<string, string> Names) ToDomain(this IReadOnlyList<RankingPage> pages, FrameworkDefinition framework)
    {
        var first = pages[0];
        var rows = pages.SelectMany(p => p.Rows).ToList();
        var ranking = new Ranking(first.FrameworkVersion, CountryOf(first.Country), Period.Of(first.From, first.To), Measure.Of(first.Area, framework),
            [.. rows.Select(r => new RankingRow(r.Rank, r.Percentile, r.KommuneId, r.EvaluationId, r.EvaluatedOn, r.Value))], first.WithoutValue);
        return (ranking, rows.Where(r => r.Name is not null).GroupBy(r => r.KommuneId).ToDictionary(g => g.Key, g => g.First().Name!));
    }

    public static KommuneTrend ToDomain(this TrendView v) => new(v.KommuneId, v.FrameworkVersion,
        [.. v.Points.Select(p => new TrendPoint(p.EvaluationId, p.EvaluatedOn, p.FrameworkVersion, p.Total, p.TotalDelta,
            [.. p.Areas.Select(a => new TrendArea(a.Code, a.ScoredAs, a.Score, a.Delta))], p.Caveat))], v.Caveat);

    public static MeanComparison ToDomain(this MeanComparisonView v) => new(v.FrameworkVersion, Enum.Parse<Country>(v.Country),
        v.HeldTotal.ToDomain(), v.PublishedTotal?.ToDomain(), [.. v.Areas.Select(a => new AreaMeanComparison(a.Code, a.Held.ToDomain(), a.Published?.ToDomain()))]);

    /// <summary>An evaluation's scores as a result (a draft's scores so far, for those who may read it).</summary>
    public static PublishedResult ToResult(this EvaluationView e) => new(e.Id, e.KommuneId, e.FrameworkVersion, e.EvaluatedOn,
        e.AreaScores.Where(a => a.Score is not null).ToDictionary(a => a.Code, a => a.Score!.Value), e.Total);

    private static Summary ToDomain(this SummaryView s) => new(s.Count, s.Mean, s.Median, s.Q1, s.Q3, s.Min, s.Max, s.StandardDeviation);

    private static LabelledMean ToDomain(this LabelledMeanView m) =>
        new(Enum.Parse<MeanKind>(m.Kind, ignoreCase: true), m.Label, m.Value, m.Count, m.Year, m.Source);

    private static Country? CountryOf(string? country) => country is null ? null : Enum.Parse<Country>(country);
}
