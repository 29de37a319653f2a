namespace Kompass.Contracts.Analytics;

// Plain records of the analytics answers (docs/analytics.md), for GraphQL, CSV and charts alike.
// Country is "NO", "SE", or null for both together.

/// <summary>The spread of one measure over the kommuner's latest results; every value null when <see cref="Count"/> is 0.</summary>
[GenerateSerializer, Immutable, Alias("kompass.SummaryView")]
public sealed record SummaryView(
    [property: Id(0)] int Count,
    [property: Id(1)] decimal? Mean,
    [property: Id(2)] decimal? Median,
    [property: Id(3)] decimal? Q1,
    [property: Id(4)] decimal? Q3,
    [property: Id(5)] int? Min,
    [property: Id(6)] int? Max,
    [property: Id(7)] decimal? StandardDeviation);

[GenerateSerializer, Immutable, Alias("kompass.AreaStatisticsView")]
public sealed record AreaStatisticsView(
    [property: Id(0)] string Code,
    [property: Id(1)] string NameNb,
    [property: Id(2)] string NameSv,
    [property: Id(3)] SummaryView Summary);

/// <summary>One bar of the histogram of totals, [Lower, Upper); the last bar holds Upper too.</summary>
[GenerateSerializer, Immutable, Alias("kompass.HistogramBinView")]
public sealed record HistogramBinView([property: Id(0)] int Lower, [property: Id(1)] int Upper, [property: Id(2)] bool UpperIncluded, [property: Id(3)] int Count);

/// <summary>Each kommune counted once, with its latest result in the period.</summary>
[GenerateSerializer, Immutable, Alias("kompass.BenchmarkStatisticsView")]
public sealed record BenchmarkStatisticsView(
    [property: Id(0)] string FrameworkVersion,
    [property: Id(1)] string? Country,
    [property: Id(2)] DateOnly? From,
    [property: Id(3)] DateOnly? To,
    [property: Id(4)] int Kommuner,
    [property: Id(5)] int Results,
    [property: Id(6)] SummaryView Total,
    [property: Id(7)] IReadOnlyList<AreaStatisticsView> Areas,
    [property: Id(8)] IReadOnlyList<HistogramBinView> Histogram);

/// <summary>Standard competition rank (1, 2, 2, 4); percentile: the share of the others strictly lower, null when alone.</summary>
[GenerateSerializer, Immutable, Alias("kompass.RankingRowView")]
public sealed record RankingRowView(
    [property: Id(0)] int Rank,
    [property: Id(1)] decimal? Percentile,
    [property: Id(2)] string KommuneId,
    [property: Id(3)] string? Name,
    [property: Id(4)] string EvaluationId,
    [property: Id(5)] DateOnly EvaluatedOn,
    [property: Id(6)] int Value);

/// <summary>A page of a ranking, best first; <see cref="TotalCount"/> rows in all, <see cref="WithoutValue"/> latest results lacking the measure.</summary>
[GenerateSerializer, Immutable, Alias("kompass.RankingPage")]
public sealed record RankingPage(
    [property: Id(0)] string FrameworkVersion,
    [property: Id(1)] string? Country,
    [property: Id(2)] DateOnly? From,
    [property: Id(3)] DateOnly? To,
    [property: Id(4)] string? Area,
    [property: Id(5)] IReadOnlyList<RankingRowView> Rows,
    [property: Id(6)] IReadOnlyList<string> Cursors,
    [property: Id(7)] int TotalCount,
    [property: Id(8)] bool HasNextPage,
    [property: Id(9)] int WithoutValue,
    [property: Id(10)] bool HasPreviousPage);

/// <summary>Where one evaluation stands among the latest results (all time) of its version and country.</summary>
[GenerateSerializer, Immutable, Alias("kompass.RankView")]
public sealed record RankView(
    [property: Id(0)] string EvaluationId,
    [property: Id(1)] string? Area,
    [property: Id(2)] int Value,
    [property: Id(3)] int Rank,
    [property: Id(4)] decimal? Percentile,
    [property: Id(5)] int OutOf);

[GenerateSerializer, Immutable, Alias("kompass.ImprovementView")]
public sealed record ImprovementView(
    [property: Id(0)] string KommuneId,
    [property: Id(1)] string? Name,
    [property: Id(2)] string FromEvaluationId,
    [property: Id(3)] DateOnly FromDate,
    [property: Id(4)] int FromValue,
    [property: Id(5)] string ToEvaluationId,
    [property: Id(6)] DateOnly ToDate,
    [property: Id(7)] int ToValue,
    [property: Id(8)] int Gain);

[GenerateSerializer, Immutable, Alias("kompass.PeerRowView")]
public sealed record PeerRowView(
    [property: Id(0)] string KommuneId,
    [property: Id(1)] string Name,
    [property: Id(2)] string CountyName,
    [property: Id(3)] int Population,
    [property: Id(4)] string EvaluationId,
    [property: Id(5)] DateOnly EvaluatedOn,
    [property: Id(6)] int? Total,
    [property: Id(7)] bool IsAsked);

/// <summary>Peers in the kommune's population band; <see cref="BandCode"/> null (and no peers) when its population is unknown, with the reason.</summary>
[GenerateSerializer, Immutable, Alias("kompass.PeersView")]
public sealed record PeersView(
    [property: Id(0)] string KommuneId,
    [property: Id(1)] string FrameworkVersion,
    [property: Id(2)] string? BandCode,
    [property: Id(3)] string? BandLabel,
    [property: Id(4)] string? NoBandReason,
    [property: Id(5)] string? CountyNumber,
    [property: Id(6)] int KommunerInBand,
    [property: Id(7)] IReadOnlyList<PeerRowView> Peers,
    [property: Id(8)] SummaryView Total);

/// <summary>An area of a trend point in the trend's version; <see cref="ScoredAs"/> the area it was scored as in its own version.</summary>
[GenerateSerializer, Immutable, Alias("kompass.TrendAreaView")]
public sealed record TrendAreaView([property: Id(0)] string Code, [property: Id(1)] string? ScoredAs, [property: Id(2)] int? Score, [property: Id(3)] int? Delta);

[GenerateSerializer, Immutable, Alias("kompass.TrendPointView")]
public sealed record TrendPointView(
    [property: Id(0)] string EvaluationId,
    [property: Id(1)] DateOnly EvaluatedOn,
    [property: Id(2)] string FrameworkVersion,
    [property: Id(3)] int? Total,
    [property: Id(4)] int? TotalDelta,
    [property: Id(5)] IReadOnlyList<TrendAreaView> Areas,
    [property: Id(6)] string? Caveat);

/// <summary>A kommune's results over time, oldest first, in one version's areas; <see cref="Caveat"/> set when they span versions.</summary>
[GenerateSerializer, Immutable, Alias("kompass.TrendView")]
public sealed record TrendView(
    [property: Id(0)] string KommuneId,
    [property: Id(1)] string? FrameworkVersion,
    [property: Id(2)] IReadOnlyList<TrendPointView> Points,
    [property: Id(3)] string? Caveat);

/// <summary>A mean with what it is: HELD (the latest results held here) or PUBLISHED (by KS or SKR), labelled in the country's language.</summary>
[GenerateSerializer, Immutable, Alias("kompass.LabelledMeanView")]
public sealed record LabelledMeanView(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Label,
    [property: Id(2)] decimal? Value,
    [property: Id(3)] int? Count,
    [property: Id(4)] int? Year,
    [property: Id(5)] string? Source);

[GenerateSerializer, Immutable, Alias("kompass.AreaMeanComparisonView")]
public sealed record AreaMeanComparisonView([property: Id(0)] string Code, [property: Id(1)] LabelledMeanView Held, [property: Id(2)] LabelledMeanView? Published);

[GenerateSerializer, Immutable, Alias("kompass.MeanComparisonView")]
public sealed record MeanComparisonView(
    [property: Id(0)] string FrameworkVersion,
    [property: Id(1)] string Country,
    [property: Id(2)] LabelledMeanView HeldTotal,
    [property: Id(3)] LabelledMeanView? PublishedTotal,
    [property: Id(4)] IReadOnlyList<AreaMeanComparisonView> Areas);

[GenerateSerializer, Immutable, Alias("kompass.PublishedMeanView")]
public sealed record PublishedMeanView(
    [property: Id(0)] int Year,
    [property: Id(1)] string FrameworkVersion,
    [property: Id(2)] string Country,
    [property: Id(3)] IReadOnlyList<AreaMeanInput> AreaMeans,
    [property: Id(4)] decimal? TotalMean,
    [property: Id(5)] string Source);
