using Kompass.Domain.Frameworks;
using Kompass.Domain.Kommuner;

namespace Kompass.Domain.Analytics;

/// <summary>The statistics of one focus area over the kommuner's latest results that score it.</summary>
public sealed record AreaStatistics(string Code, LocalizedName Name, Summary Summary);

/// <summary>
/// The benchmark of one framework version in one country (or both, <see cref="Country"/> null) over a period:
/// each kommune counts once, with its latest result in the period.
/// </summary>
/// <param name="Kommuner">Kommuner with a result in the period: the size of the set the statistics describe.</param>
/// <param name="Results">All results held in the period, earlier ones of a kommune included (for context only).</param>
/// <param name="Histogram">The kommuner's latest totals in 16 bars of 50 points.</param>
public sealed record BenchmarkStatistics(
    string FrameworkVersion,
    Country? Country,
    Period Period,
    int Kommuner,
    int Results,
    Summary Total,
    IReadOnlyList<AreaStatistics> Areas,
    IReadOnlyList<HistogramBin> Histogram);

/// <summary>
/// One kommune's place: standard competition ranking (ties share the best rank, the next rank skips:
/// 1, 2, 2, 4) and the percentile, the share of the other ranked kommuner with a lower value (null when
/// none other is ranked).
/// </summary>
public sealed record RankingRow(int Rank, decimal? Percentile, string KommuneId, string EvaluationId, DateOnly EvaluatedOn, int Value);

/// <summary>Every kommune's latest result ranked by a measure, best first (ties by kommune id).</summary>
/// <param name="WithoutValue">Kommuner whose latest result lacks the measure (e.g. a total-only import ranked by an area): not ranked.</param>
public sealed record Ranking(
    string FrameworkVersion,
    Country? Country,
    Period Period,
    Measure Measure,
    IReadOnlyList<RankingRow> Rows,
    int WithoutValue);

/// <summary>Where one evaluation stands among the latest results of its version and country (all time).</summary>
/// <param name="OutOf">How many kommuner are ranked, this evaluation's kommune counted once.</param>
public sealed record RankAnswer(string EvaluationId, Measure Measure, int Value, int Rank, decimal? Percentile, int OutOf);

/// <summary>A kommune's latest step: from its previous result with the measure to its latest, within the period.</summary>
public sealed record Improvement(
    string KommuneId,
    string FromEvaluationId,
    DateOnly FromDate,
    int FromValue,
    string ToEvaluationId,
    DateOnly ToDate,
    int ToValue)
{
    public int Gain => ToValue - FromValue;
}

/// <summary>A peer's latest result of the version, with what the reference list says of the kommune.</summary>
public sealed record PeerRow(
    string KommuneId,
    string Name,
    string CountyName,
    int Population,
    string EvaluationId,
    DateOnly EvaluatedOn,
    int? Total,
    bool IsAsked);

/// <summary>
/// Kommuner of the same population band (and county, when asked) as <see cref="KommuneId"/>, with their latest
/// result of the version. <see cref="Band"/> is null when the population is unknown: <see cref="NoBandReason"/> says why
/// and there are no peers.
/// </summary>
/// <param name="KommunerInBand">Kommuner of the band (and county) in the reference list, with a result or not.</param>
/// <param name="Total">The statistics of the peers' totals, the asked kommune included.</param>
public sealed record PeerAnswer(
    string KommuneId,
    string FrameworkVersion,
    PopulationBand? Band,
    string? NoBandReason,
    string? CountyNumber,
    int KommunerInBand,
    IReadOnlyList<PeerRow> Peers,
    Summary Total);

public static class BenchmarkStatisticsExtensions
{
    /// <summary>
    /// The means in the shape today's benchmark and <see cref="Evaluations.Comparisons"/> use, counted the analytics
    /// way: over each kommune's latest result, so <c>Evaluations</c> is the number of kommuner.
    /// </summary>
    public static Benchmarks.BenchmarkSnapshot ToSnapshot(this BenchmarkStatistics statistics) => new(
        statistics.Kommuner,
        statistics.Total.Mean is { } total ? new Benchmarks.Mean(total, statistics.Total.Count) : null,
        statistics.Areas.Where(a => a.Summary.Mean is not null)
            .ToDictionary(a => a.Code, a => new Benchmarks.Mean(a.Summary.Mean!.Value, a.Summary.Count)));
}
