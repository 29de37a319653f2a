using Kompass.Domain.Benchmarks;
using Kompass.Domain.Evaluations;
using Kompass.Domain.Scoring;
using static Kompass.Domain.Tests.TestFrameworks;

namespace Kompass.Domain.Tests.Evaluations;

/// <summary>An evaluation against the kommune's previous one and against the mean.</summary>
public sealed class ComparisonTests
{
    private const string Current = "NO-5027/eval/2023-1";
    private static readonly DateOnly CurrentDate = new(2023, 1, 16);

    private static PublishedResult R(string id, string version, DateOnly on, int? total = null, params (string Code, int Score)[] areas) =>
        new(id, "NO-5027", version, on, areas.ToDictionary(a => a.Code, a => a.Score), total);

    private static PublishedResult? PreviousOf(params PublishedResult[] results) =>
        Comparisons.PreviousOf(results, Current, "2020", CurrentDate);

    [Fact]
    public void Previous_is_the_latest_earlier_result_of_the_same_version()
    {
        var y2020 = R("NO-5027/eval/2020-1", "2020", new DateOnly(2020, 9, 1));
        var y2021 = R("NO-5027/eval/2021-1", "2020", new DateOnly(2021, 10, 1));

        Assert.Equal(y2021, PreviousOf(y2020, y2021));
        Assert.Equal(y2021, PreviousOf(y2021, y2020));
    }

    [Fact]
    public void Results_of_another_version_are_not_compared()
    {
        var v2020 = R("NO-5027/eval/2020-1", "2020", new DateOnly(2020, 9, 1));
        var v2010 = R("NO-5027/eval/2015-1", "2010", new DateOnly(2022, 1, 1));

        Assert.Equal(v2020, PreviousOf(v2020, v2010));
        Assert.Null(PreviousOf(v2010));
    }

    [Fact]
    public void The_evaluation_itself_and_later_ones_are_not_its_previous()
    {
        var itself = R(Current, "2020", CurrentDate, 500);
        var later = R("NO-5027/eval/2025-1", "2020", new DateOnly(2025, 2, 1));
        var earlier = R("NO-5027/eval/2019-1", "2020", new DateOnly(2019, 12, 31));

        Assert.Null(PreviousOf(itself, later));
        Assert.Equal(earlier, PreviousOf(itself, later, earlier));
    }

    [Fact]
    public void On_the_same_date_the_order_of_the_ids_decides()
    {
        var before = R("NO-5027/eval/2022-9", "2020", CurrentDate);   // "2022-9" < "2023-1"
        var after = R("NO-5027/eval/2023-2", "2020", CurrentDate);    // "2023-2" > "2023-1"
        var dayBefore = R("NO-5027/eval/2023-0", "2020", CurrentDate.AddDays(-1));

        Assert.Equal(before, PreviousOf(after, before, dayBefore));
        Assert.Equal(dayBefore, PreviousOf(after, dayBefore));
    }

    [Fact]
    public void Of_two_earlier_results_on_the_same_date_the_higher_id_is_the_previous()
    {
        var a = R("NO-5027/eval/2022-1", "2020", new DateOnly(2022, 6, 1));
        var b = R("NO-5027/eval/2022-2", "2020", new DateOnly(2022, 6, 1));

        Assert.Equal(b, PreviousOf(a, b));
        Assert.Equal(b, PreviousOf(b, a));
    }

    [Fact]
    public void No_results_no_previous()
    {
        Assert.Null(PreviousOf());
    }

    [Fact]
    public void Compare_gives_deltas_to_the_previous_result_and_to_the_mean()
    {
        var current = ScoringRules.FromPublished(V2020,
            new Dictionary<string, int> { ["1"] = 70, ["2"] = 50, ["3"] = 60, ["4"] = 40, ["5"] = 80, ["6"] = 55, ["7"] = 65, ["8"] = 45 }, null);
        var previous = R("NO-5027/eval/2015-1", "2020", new DateOnly(2015, 3, 1), 430, ("1", 60), ("2", 55));
        var benchmark = new BenchmarkSnapshot(12, new Mean(470.25m, 10),
            new Dictionary<string, Mean> { ["1"] = new(62.5m, 12), ["3"] = new(61.75m, 11) });

        var comparison = Comparisons.Compare(current, previous, benchmark);

        Assert.Same(previous, comparison.Previous);
        Assert.Equal(465, comparison.Total);
        Assert.Equal(35, comparison.DeltaToPrevious);
        Assert.Equal(new Mean(470.25m, 10), comparison.MeanTotal);
        Assert.Equal(-5.25m, comparison.DeltaToMean);
        Assert.Equal(12, comparison.MeanBasedOn);
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "8"], comparison.Areas.Select(a => a.Code));

        Assert.Equal(new AreaComparison("1", 70, 60, 10, 62.5m, 7.5m), comparison.Areas[0]);
        Assert.Equal(new AreaComparison("2", 50, 55, -5, null, null), comparison.Areas[1]);
        Assert.Equal(new AreaComparison("3", 60, null, null, 61.75m, -1.75m), comparison.Areas[2]);
        Assert.Equal(new AreaComparison("4", 40, null, null, null, null), comparison.Areas[3]);
    }

    [Fact]
    public void Without_previous_or_benchmark_the_deltas_are_unknown()
    {
        var current = ScoringRules.Compute(V2020, RateAll(V2020, new Rating(3, 3, 3)));

        var comparison = Comparisons.Compare(current, null, BenchmarkSnapshot.Empty);

        Assert.Null(comparison.Previous);
        Assert.Equal(600, comparison.Total);
        Assert.Null(comparison.DeltaToPrevious);
        Assert.Null(comparison.MeanTotal);
        Assert.Null(comparison.DeltaToMean);
        Assert.Equal(0, comparison.MeanBasedOn);
        Assert.All(comparison.Areas, a =>
        {
            Assert.Equal(75, a.Score);
            Assert.Null(a.PreviousScore);
            Assert.Null(a.DeltaToPrevious);
            Assert.Null(a.Mean);
            Assert.Null(a.DeltaToMean);
        });
    }

    [Fact]
    public void An_area_not_yet_scored_has_no_deltas_even_when_the_others_are_known()
    {
        var ratings = RateAll(V2020, new Rating(2, 2, 2));
        ratings.Remove("8.1");
        var current = ScoringRules.Compute(V2020, ratings);
        var previous = R("NO-5027/eval/2020-1", "2020", new DateOnly(2020, 1, 1), 380, ("1", 40), ("8", 45));
        var benchmark = new BenchmarkSnapshot(3, new Mean(410m, 3), new Dictionary<string, Mean> { ["1"] = new(45m, 3), ["8"] = new(52m, 3) });

        var comparison = Comparisons.Compare(current, previous, benchmark);

        Assert.Null(comparison.Total);
        Assert.Null(comparison.DeltaToPrevious);
        Assert.Null(comparison.DeltaToMean);
        Assert.Equal(new AreaComparison("1", 50, 40, 10, 45m, 5m), comparison.Areas[0]);
        Assert.Equal(new AreaComparison("8", null, 45, null, 52m, null), comparison.Areas[7]);
    }

    [Fact]
    public void A_previous_result_known_only_as_a_total_gives_a_total_delta_only()
    {
        var current = ScoringRules.FromPublished(V2020, new Dictionary<string, int> { ["1"] = 70 }, 500);
        var previous = R("NO-5027/eval/2010-1", "2020", new DateOnly(2020, 1, 1), 520);

        var comparison = Comparisons.Compare(current, previous, BenchmarkSnapshot.Empty);

        Assert.Equal(-20, comparison.DeltaToPrevious);
        Assert.Equal(new AreaComparison("1", 70, null, null, null, null), comparison.Areas[0]);
    }
}

public sealed class EvaluationIdOrderTests
{
    [Theory]
    [InlineData("NO-5027/eval/2023-2", "NO-5027/eval/2023-10")]
    [InlineData("NO-5027/eval/2022-9", "NO-5027/eval/2023-1")]
    [InlineData("NO-5027/eval/2023-1", "NO-5027/eval/2023-2")]
    public void Ids_are_ordered_by_year_then_sequence_number(string earlier, string later)
    {
        Assert.True(Kompass.Domain.Evaluations.EvaluationIdOrder.Instance.Compare(earlier, later) < 0);
        Assert.True(Kompass.Domain.Evaluations.EvaluationIdOrder.Instance.Compare(later, earlier) > 0);
    }

    [Fact]
    public void Ids_that_are_not_evaluation_ids_fall_back_to_text_order()
    {
        Assert.Equal(0, Kompass.Domain.Evaluations.EvaluationIdOrder.Instance.Compare("x", "x"));
        Assert.True(Kompass.Domain.Evaluations.EvaluationIdOrder.Instance.Compare("a", "b") < 0);
    }
}
