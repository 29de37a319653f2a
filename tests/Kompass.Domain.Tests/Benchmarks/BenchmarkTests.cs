using Kompass.Domain.Benchmarks;
using Kompass.Domain.Evaluations;

namespace Kompass.Domain.Tests.Benchmarks;

/// <summary>The running mean of all published evaluations of one version in one country.</summary>
public sealed class BenchmarkTests
{
    private static PublishedResult Result(string id, int? total, params (string Code, int Score)[] areas) =>
        new(id, id.Split('/')[0], "2020", new DateOnly(2023, 1, 1), areas.ToDictionary(a => a.Code, a => a.Score), total, Version: 1);

    /// <summary>The same evaluation's result after an amendment: a higher version.</summary>
    private static PublishedResult Amended(PublishedResult r, int version = 2) => r with { Version = version };

    private static BenchmarkSnapshot Applied(params PublishedResult[] results)
    {
        var state = new BenchmarkState();
        foreach (var r in results)
            Benchmark.Apply(state, r);
        return Benchmark.Snapshot(state);
    }

    [Fact]
    public void Empty_benchmark_knows_no_mean()
    {
        var snapshot = Benchmark.Snapshot(new BenchmarkState());

        Assert.Equal(0, snapshot.Evaluations);
        Assert.Null(snapshot.Total);
        Assert.Empty(snapshot.Areas);
    }

    [Fact]
    public void One_result_is_its_own_mean()
    {
        var snapshot = Applied(Result("NO-5027/eval/2023-1", 130, ("1", 61), ("2", 69)));

        Assert.Equal(1, snapshot.Evaluations);
        Assert.Equal(new Mean(130m, 1), snapshot.Total);
        Assert.Equal(new Mean(61m, 1), snapshot.Areas["1"]);
        Assert.Equal(new Mean(69m, 1), snapshot.Areas["2"]);
    }

    [Fact]
    public void Means_are_taken_over_all_results()
    {
        var snapshot = Applied(
            Result("NO-5027/eval/2023-1", 130, ("1", 60), ("2", 70)),
            Result("NO-5034/eval/2022-1", 141, ("1", 71), ("2", 70)));

        Assert.Equal(2, snapshot.Evaluations);
        Assert.Equal(new Mean(135.5m, 2), snapshot.Total);
        Assert.Equal(new Mean(65.5m, 2), snapshot.Areas["1"]);
        Assert.Equal(new Mean(70m, 2), snapshot.Areas["2"]);
    }

    [Fact]
    public void The_same_result_delivered_again_does_not_count_twice()
    {
        var first = Result("NO-5027/eval/2023-1", 130, ("1", 60), ("2", 70));
        var state = new BenchmarkState();
        Benchmark.Apply(state, first);
        Benchmark.Apply(state, Result("NO-5034/eval/2022-1", 100, ("1", 40), ("2", 60)));

        Benchmark.Apply(state, first);
        Benchmark.Apply(state, first with { AreaScores = new Dictionary<string, int>(first.AreaScores) });

        var snapshot = Benchmark.Snapshot(state);
        Assert.Equal(2, snapshot.Evaluations);
        Assert.Equal(new Mean(115m, 2), snapshot.Total);
        Assert.Equal(new Mean(50m, 2), snapshot.Areas["1"]);
        Assert.Equal(230, state.TotalSum);
        Assert.Equal(2, state.TotalCount);
    }

    [Fact]
    public void An_older_result_arriving_after_a_newer_one_is_ignored()
    {
        var state = new BenchmarkState();
        var published = Result("NO-5027/eval/2023-1", 400, ("1", 60));
        var amended = Amended(Result("NO-5027/eval/2023-1", 500, ("1", 70)), version: 3);

        Assert.True(Benchmark.Apply(state, amended));
        Assert.False(Benchmark.Apply(state, published));
        Assert.False(Benchmark.Apply(state, amended));

        var snapshot = Benchmark.Snapshot(state);
        Assert.Equal(new Mean(500m, 1), snapshot.Total);
        Assert.Equal(new Mean(70m, 1), snapshot.Areas["1"]);
        Assert.Equal(3, state.Contributions["NO-5027/eval/2023-1"].Version);
    }

    [Fact]
    public void An_amended_result_replaces_its_old_contribution()
    {
        var snapshot = Applied(
            Result("NO-5027/eval/2023-1", 400, ("1", 60)),
            Result("NO-5034/eval/2022-1", 600, ("1", 80)),
            Amended(Result("NO-5027/eval/2023-1", 500, ("1", 70))));

        Assert.Equal(2, snapshot.Evaluations);
        Assert.Equal(new Mean(550m, 2), snapshot.Total);
        Assert.Equal(new Mean(75m, 2), snapshot.Areas["1"]);
    }

    [Fact]
    public void An_amendment_that_drops_an_area_or_the_total_takes_them_out_of_the_means()
    {
        var snapshot = Applied(
            Result("NO-5027/eval/2023-1", 130, ("1", 60), ("2", 70)),
            Amended(Result("NO-5027/eval/2023-1", null, ("1", 60))));

        Assert.Equal(1, snapshot.Evaluations);
        Assert.Null(snapshot.Total);
        Assert.Equal(new Mean(60m, 1), snapshot.Areas["1"]);
        Assert.False(snapshot.Areas.ContainsKey("2"));
    }

    [Fact]
    public void Area_means_count_only_the_results_that_have_the_area()
    {
        var snapshot = Applied(
            Result("NO-5027/eval/2023-1", null, ("1", 60), ("2", 70)),
            Result("NO-5034/eval/2022-1", null, ("1", 80)),
            Result("NO-1804/eval/2021-1", 500));

        Assert.Equal(3, snapshot.Evaluations);
        Assert.Equal(new Mean(70m, 2), snapshot.Areas["1"]);
        Assert.Equal(new Mean(70m, 1), snapshot.Areas["2"]);
        Assert.Equal(2, snapshot.Areas.Count);
    }

    [Fact]
    public void The_total_mean_counts_only_the_results_with_a_total()
    {
        var snapshot = Applied(
            Result("NO-5027/eval/2023-1", 400, ("1", 60)),
            Result("NO-5034/eval/2022-1", null, ("1", 80)),
            Result("NO-1804/eval/2021-1", 500));

        Assert.Equal(new Mean(450m, 2), snapshot.Total);
        Assert.Equal(3, snapshot.Evaluations);
    }

    [Theory]
    [InlineData(new[] { 70, 70, 71 }, "70.33")]
    [InlineData(new[] { 70, 71, 71 }, "70.67")]
    [InlineData(new[] { 50, 50, 50, 50, 50, 50, 50, 51 }, "50.13")] // 50.125: half away from zero
    [InlineData(new[] { 50, 50, 50, 50, 50, 50, 50, 53 }, "50.38")] // 50.375
    [InlineData(new[] { 0, 1, 1 }, "0.67")]
    public void Means_are_rounded_to_two_decimals(int[] scores, string mean)
    {
        var snapshot = Applied([.. scores.Select((s, i) => Result($"NO-{5001 + i}/eval/2023-1", s * 8, ("1", s)))]);

        var expected = decimal.Parse(mean, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, snapshot.Areas["1"].Value);
        Assert.Equal(scores.Length, snapshot.Areas["1"].Count);
        Assert.Equal(Math.Round(scores.Sum() * 8m / scores.Length, 2, MidpointRounding.AwayFromZero), snapshot.Total!.Value);
    }

    [Fact]
    public void The_benchmark_keeps_its_own_copy_of_the_area_scores()
    {
        var areas = new Dictionary<string, int> { ["1"] = 60 };
        var state = new BenchmarkState();
        Benchmark.Apply(state, new PublishedResult("NO-5027/eval/2023-1", "NO-5027", "2020", new DateOnly(2023, 1, 1), areas, 60, Version: 1));

        areas["1"] = 10;
        Benchmark.Apply(state, new PublishedResult("NO-5027/eval/2023-1", "NO-5027", "2020", new DateOnly(2023, 1, 1),
            new Dictionary<string, int> { ["1"] = 90 }, 90, Version: 2));

        // had the old contribution been the caller's dictionary, 10 (not 60) would have been taken out
        Assert.Equal(new Mean(90m, 1), Benchmark.Snapshot(state).Areas["1"]);
    }

    [Fact]
    public void An_evaluation_whose_scores_are_not_held_counts_in_nothing_until_amended_with_them()
    {
        var notHeld = Result("NO-5034/eval/2022-1", null);
        var other = Result("NO-5027/eval/2023-1", 130, ("1", 61), ("2", 69));

        var snapshot = Applied(other, notHeld);
        Assert.Equal(1, snapshot.Evaluations);
        Assert.Equal(new Mean(130m, 1), snapshot.Total);

        var amended = Applied(other, notHeld, Amended(Result("NO-5034/eval/2022-1", 150, ("1", 71), ("2", 79))));
        Assert.Equal(2, amended.Evaluations);
        Assert.Equal(new Mean(140m, 2), amended.Total);
    }
}
