using Kompass.Contracts.Analytics;
using Kompass.Domain.Analytics;
using Kompass.Domain.Kommuner;

namespace Kompass.Grains.Analytics;

/// <summary>From the analytics domain's answers to the contracts' records; one function per type.</summary>
internal static class AnalyticsMapping
{
    public static Country? CountryOf(string? country) => country is null ? null : Enum.Parse<Country>(country);

    public static Period PeriodOf(this AnalyticsScope scope) => Period.Of(scope.From, scope.To);

    public static Measure MeasureOf(string? area) => area is null ? Measure.Total : Measure.Area(area);

    public static SummaryView ToView(this Summary s) => new(s.Count, s.Mean, s.Median, s.Q1, s.Q3, s.Min, s.Max, s.StandardDeviation);

    public static BenchmarkStatisticsView ToView(this BenchmarkStatistics b) => new(
        b.FrameworkVersion, b.Country?.ToString(), b.Period.From, b.Period.To, b.Kommuner, b.Results, b.Total.ToView(),
        [.. b.Areas.Select(a => new AreaStatisticsView(a.Code, a.Name.Nb, a.Name.Sv, a.Summary.ToView()))],
        [.. b.Histogram.Select(h => new HistogramBinView(h.Lower, h.Upper, h.UpperIncluded, h.Count))]);

    public static RankingRowView ToView(this RankingRow r, KommuneReference reference) =>
        new(r.Rank, r.Percentile, r.KommuneId, NameOf(r.KommuneId, reference), r.EvaluationId, r.EvaluatedOn, r.Value);

    public static RankView ToView(this RankAnswer r) => new(r.EvaluationId, r.Measure.AreaCode, r.Value, r.Rank, r.Percentile, r.OutOf);

    public static ImprovementView ToView(this Improvement i, KommuneReference reference) => new(
        i.KommuneId, NameOf(i.KommuneId, reference), i.FromEvaluationId, i.FromDate, i.FromValue, i.ToEvaluationId, i.ToDate, i.ToValue, i.Gain);

    public static PeersView ToView(this PeerAnswer p) => new(
        p.KommuneId, p.FrameworkVersion, p.Band?.Code, p.Band?.Label, p.NoBandReason, p.CountyNumber, p.KommunerInBand,
        [.. p.Peers.Select(r => new PeerRowView(r.KommuneId, r.Name, r.CountyName, r.Population, r.EvaluationId, r.EvaluatedOn, r.Total, r.IsAsked))],
        p.Total.ToView());

    public static TrendView ToView(this KommuneTrend t) => new(t.KommuneId, t.FrameworkVersion,
        [.. t.Points.Select(p => new TrendPointView(p.EvaluationId, p.EvaluatedOn, p.FrameworkVersion, p.Total, p.TotalDelta,
            [.. p.Areas.Select(a => new TrendAreaView(a.Code, a.ScoredAs, a.Score, a.Delta))], p.Caveat))],
        t.Caveat);

    public static MeanComparisonView ToView(this MeanComparison c) => new(c.FrameworkVersion, c.Country.ToString(),
        c.HeldTotal.ToView(), c.PublishedTotal?.ToView(),
        [.. c.Areas.Select(a => new AreaMeanComparisonView(a.Code, a.Held.ToView(), a.Published?.ToView()))]);

    public static PublishedMeanView ToView(this PublishedMean m) => new(m.Year, m.FrameworkVersion, m.Country.ToString(),
        [.. m.AreaMeans.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => new AreaMeanInput(a.Key, a.Value))], m.TotalMean, m.Source);

    private static LabelledMeanView ToView(this LabelledMean m) => new(m.Kind == MeanKind.Held ? "HELD" : "PUBLISHED", m.Label, m.Value, m.Count, m.Year, m.Source);

    private static string? NameOf(string kommuneId, KommuneReference reference) =>
        KommuneId.TryParse(kommuneId, out var id) && reference.TryFind(id, out var entry) ? entry.Name : null;
}
