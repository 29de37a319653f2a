using Kompass.Domain.Benchmarks;
using Kompass.Domain.Scoring;

namespace Kompass.Domain.Evaluations;

/// <summary>One area against the kommune's previous evaluation and against the country mean.</summary>
public sealed record AreaComparison(string Code, int? Score, int? PreviousScore, int? DeltaToPrevious, decimal? Mean, decimal? DeltaToMean);

/// <summary>
/// An evaluation against the kommune's previous published evaluation of the same framework version,
/// and against the mean of all published evaluations of that version in that country.
/// </summary>
public sealed record Comparison(
    PublishedResult? Previous,
    int? Total,
    int? DeltaToPrevious,
    Mean? MeanTotal,
    decimal? DeltaToMean,
    int MeanBasedOn,
    IReadOnlyList<AreaComparison> Areas);

public static class Comparisons
{
    /// <summary>The latest published result of the same version evaluated before this one (ties broken by the order ids were handed out).</summary>
    public static PublishedResult? PreviousOf(IEnumerable<PublishedResult> results, string evaluationId, string frameworkVersion, DateOnly evaluatedOn) =>
        results
            .Where(r => r.EvaluationId != evaluationId && r.FrameworkVersion == frameworkVersion)
            .Where(r => r.EvaluatedOn < evaluatedOn || (r.EvaluatedOn == evaluatedOn && EvaluationIdOrder.Instance.Compare(r.EvaluationId, evaluationId) < 0))
            .OrderByDescending(r => r.EvaluatedOn)
            .ThenByDescending(r => r.EvaluationId, EvaluationIdOrder.Instance)
            .FirstOrDefault();

    public static Comparison Compare(ScoreCard current, PublishedResult? previous, BenchmarkSnapshot benchmark)
    {
        var areas = current.Areas.Select(a =>
        {
            int? prev = previous is not null && previous.AreaScores.TryGetValue(a.Code, out var p) ? p : null;
            var mean = benchmark.Areas.GetValueOrDefault(a.Code);
            return new AreaComparison(a.Code, a.Score, prev, a.Score - prev, mean?.Value, a.Score - mean?.Value);
        }).ToList();
        return new Comparison(previous, current.Total, current.Total - previous?.Total,
            benchmark.Total, current.Total - benchmark.Total?.Value, benchmark.Evaluations, areas);
    }
}
