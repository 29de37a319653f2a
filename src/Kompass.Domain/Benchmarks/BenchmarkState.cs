using Kompass.Domain.Evaluations;
using Kompass.Domain.Journal;

namespace Kompass.Domain.Benchmarks;

/// <summary>
/// The running mean of all published evaluations of one framework version in one country.
/// Each evaluation's contribution is kept so that a re-delivered or amended result replaces its
/// old one instead of counting twice; the sums make a read O(areas), not O(evaluations).
/// </summary>
public sealed class BenchmarkState : IJournaledState<Contribution>
{
    public Dictionary<string, Contribution> Contributions { get; set; } = [];
    public Dictionary<string, long> AreaSums { get; set; } = [];
    public Dictionary<string, int> AreaCounts { get; set; } = [];
    public long TotalSum { get; set; }
    public int TotalCount { get; set; }

    public Contribution? RecordOf(string key) => Contributions.GetValueOrDefault(key);

    /// <summary>Replaces an evaluation's contribution, sums included: the old one is taken out before the new one is added.</summary>
    public void Set(string key, Contribution? record)
    {
        if (Contributions.TryGetValue(key, out var old))
            Add(old, -1);
        if (record is null)
        {
            Contributions.Remove(key);
            DropEmptyAreas();
            return;
        }
        Contributions[key] = record;
        Add(record, +1);
    }

    private void DropEmptyAreas()
    {
        foreach (var code in AreaCounts.Where(c => c.Value == 0).Select(c => c.Key).ToList())
        {
            AreaCounts.Remove(code);
            AreaSums.Remove(code);
        }
    }

    private void Add(Contribution c, int sign)
    {
        foreach (var (code, score) in c.AreaScores)
        {
            AreaSums[code] = AreaSums.GetValueOrDefault(code) + sign * score;
            AreaCounts[code] = AreaCounts.GetValueOrDefault(code) + sign;
        }
        if (c.Total is { } total)
        {
            TotalSum += sign * total;
            TotalCount += sign;
        }
    }
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
        var old = state.RecordOf(result.EvaluationId);
        if (old is not null && old.Version >= result.Version)
            return false;
        // An evaluation whose scores are not held (Evaluation.Import with scoresNotHeld) counts in nothing.
        if (result.HoldsNoScore())
        {
            if (old is null)
                return false;
            state.Set(result.EvaluationId, null);
            return true;
        }
        state.Set(result.EvaluationId, new Contribution(new Dictionary<string, int>(result.AreaScores), result.Total, result.Version));
        return true;
    }

    /// <summary>Takes an evaluation's result out (its kommune is offboarded); false when it holds none.</summary>
    public static bool Remove(BenchmarkState state, string evaluationId)
    {
        if (state.RecordOf(evaluationId) is null)
            return false;
        state.Set(evaluationId, null);
        return true;
    }

    public static BenchmarkSnapshot Snapshot(BenchmarkState state) => new(
        state.Contributions.Count,
        state.TotalCount == 0 ? null : new Mean(MeanOf(state.TotalSum, state.TotalCount), state.TotalCount),
        state.AreaCounts.Where(c => c.Value > 0)
            .ToDictionary(c => c.Key, c => new Mean(MeanOf(state.AreaSums[c.Key], c.Value), c.Value)));

    private static decimal MeanOf(long sum, int count) => Math.Round((decimal)sum / count, 2, MidpointRounding.AwayFromZero);
}
