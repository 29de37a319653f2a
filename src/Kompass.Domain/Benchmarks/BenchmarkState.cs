using Kompass.Domain.Evaluations;

namespace Kompass.Domain.Benchmarks;

/// <summary>
/// The running mean of all published evaluations of one framework version in one country.
/// Each evaluation's contribution is kept so that a re-delivered or amended result replaces its
/// old one instead of counting twice; the sums make a read O(areas), not O(evaluations).
/// </summary>
public sealed class BenchmarkState
{
    public Dictionary<string, Contribution> Contributions { get; set; } = [];
    public Dictionary<string, long> AreaSums { get; set; } = [];
    public Dictionary<string, int> AreaCounts { get; set; } = [];
    public long TotalSum { get; set; }
    public int TotalCount { get; set; }
}

/// <summary>What one evaluation adds to the benchmark, as of the evaluation's <see cref="Version"/>.</summary>
public sealed record Contribution(IReadOnlyDictionary<string, int> AreaScores, int? Total, int Version = 0);

/// <summary>The mean of one area (or the total) and how many results it is based on.</summary>
public sealed record Mean(decimal Value, int Count);

public sealed record BenchmarkSnapshot(int Evaluations, Mean? Total, IReadOnlyDictionary<string, Mean> Areas)
{
    public static readonly BenchmarkSnapshot Empty = new(0, null, new Dictionary<string, Mean>());
}

public static class Benchmark
{
    /// <summary>
    /// Adds a published result, or replaces the one the same evaluation gave before. Returns false,
    /// changing nothing, for a result not newer than the one held (a repeat, or a late older message).
    /// </summary>
    public static bool Apply(BenchmarkState state, PublishedResult result)
    {
        if (state.Contributions.TryGetValue(result.EvaluationId, out var old))
        {
            if (old.Version >= result.Version)
                return false;
            Add(state, old, -1);
        }
        if (result.HoldsNoScore())
        {
            // An evaluation whose scores are not held (Evaluation.Import with scoresNotHeld) counts in nothing.
            state.Contributions.Remove(result.EvaluationId);
            DropEmptyAreas(state);
            return old is not null;
        }
        var contribution = new Contribution(new Dictionary<string, int>(result.AreaScores), result.Total, result.Version);
        state.Contributions[result.EvaluationId] = contribution;
        Add(state, contribution, +1);
        return true;
    }

    /// <summary>Takes an evaluation's result out (its kommune is offboarded); false when it holds none.</summary>
    public static bool Remove(BenchmarkState state, string evaluationId)
    {
        if (!state.Contributions.Remove(evaluationId, out var old))
            return false;
        Add(state, old, -1);
        DropEmptyAreas(state);
        return true;
    }

    private static void DropEmptyAreas(BenchmarkState state)
    {
        foreach (var code in state.AreaCounts.Where(c => c.Value == 0).Select(c => c.Key).ToList())
        {
            state.AreaCounts.Remove(code);
            state.AreaSums.Remove(code);
        }
    }

    public static BenchmarkSnapshot Snapshot(BenchmarkState state) => new(
        state.Contributions.Count,
        state.TotalCount == 0 ? null : new Mean(MeanOf(state.TotalSum, state.TotalCount), state.TotalCount),
        state.AreaCounts.Where(c => c.Value > 0)
            .ToDictionary(c => c.Key, c => new Mean(MeanOf(state.AreaSums[c.Key], c.Value), c.Value)));

    private static void Add(BenchmarkState state, Contribution c, int sign)
    {
        foreach (var (code, score) in c.AreaScores)
        {
            state.AreaSums[code] = state.AreaSums.GetValueOrDefault(code) + sign * score;
            state.AreaCounts[code] = state.AreaCounts.GetValueOrDefault(code) + sign;
        }
        if (c.Total is { } total)
        {
            state.TotalSum += sign * total;
            state.TotalCount += sign;
        }
    }

    private static decimal MeanOf(long sum, int count) => Math.Round((decimal)sum / count, 2, MidpointRounding.AwayFromZero);
}
