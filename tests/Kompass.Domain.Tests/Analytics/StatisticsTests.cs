using Kompass.Domain.Analytics;

namespace Kompass.Domain.Tests.Analytics;

/// <summary>Statistics against values worked out by hand (quartiles by R type 7 / Excel QUARTILE.INC, population SD).</summary>
public sealed class StatisticsTests
{
    [Fact]
    public void No_values_give_a_count_of_zero_and_nothing_else()
    {
        var s = Statistics.Describe([]);

        Assert.Equal(Summary.Empty, s);
        Assert.Equal(0, s.Count);
        Assert.Null(s.Mean);
        Assert.Null(s.Median);
        Assert.Null(s.StandardDeviation);
    }

    [Fact]
    public void One_value_is_every_statistic_and_has_no_spread()
    {
        Assert.Equal(new Summary(1, 474m, 474m, 474m, 474m, 474, 474, 0m), Statistics.Describe([474]));
    }

    [Fact]
    public void An_odd_count_takes_the_middle_value_as_median()
    {
        // sorted 1 1 3 4 5: h = 4p; Q1 at 1, median at 2, Q3 at 3; variance (5·52 − 14²)/25 = 2.56
        Assert.Equal(new Summary(5, 2.8m, 3m, 1m, 4m, 1, 5, 1.6m), Statistics.Describe([3, 1, 4, 1, 5]));
    }

    [Fact]
    public void An_even_count_interpolates_between_the_two_middle_values()
    {
        // h = 3p: Q1 at 0.75 -> 10 + 0.75·10, median at 1.5 -> 25, Q3 at 2.25 -> 30 + 0.25·10;
        // variance (4·3000 − 100²)/16 = 125, SD 11.180…
        Assert.Equal(new Summary(4, 25m, 25m, 17.5m, 32.5m, 10, 40, 11.18m), Statistics.Describe([40, 10, 30, 20]));
    }

    [Fact]
    public void Ties_in_the_values()
    {
        // sorted 2 4 4 4 5 5 7 9: h = 7p; Q1 at 1.75 -> 4, median at 3.5 -> 4.5, Q3 at 5.25 -> 5 + 0.25·2; SD exactly 2
        Assert.Equal(new Summary(8, 5m, 4.5m, 4m, 5.5m, 2, 9, 2m), Statistics.Describe([5, 4, 2, 4, 7, 4, 5, 9]));
    }

    [Fact]
    public void Two_values()
    {
        // h = p: Q1 = 60 + 0.25·20, Q3 = 60 + 0.75·20; SD is half the distance
        Assert.Equal(new Summary(2, 70m, 70m, 65m, 75m, 60, 80, 10m), Statistics.Describe([80, 60]));
    }

    [Theory]
    [InlineData(new[] { 1, 2, 2 }, "1.67")]
    [InlineData(new[] { 70, 70, 71 }, "70.33")]
    [InlineData(new[] { 50, 50, 50, 50, 50, 50, 50, 51 }, "50.13")] // 50.125, half away from zero
    public void Means_are_rounded_to_two_decimals_as_the_benchmark_rounds(int[] values, string mean)
    {
        Assert.Equal(decimal.Parse(mean, System.Globalization.CultureInfo.InvariantCulture), Statistics.Describe(values).Mean);
    }

    [Fact]
    public void The_standard_deviation_is_exact_for_large_totals()
    {
        // 799 and 800 alternate: the SD is 0.5 exactly; a mean subtracted after rounding would drift
        var values = Enumerable.Range(0, 6500).Select(i => 799 + i % 2);
        Assert.Equal(0.5m, Statistics.Describe(values).StandardDeviation);
    }

    [Theory]
    [InlineData(0, 10, 20, 30, 40)]
    public void Quartile_0_and_4_are_min_and_max(params int[] values)
    {
        Assert.Equal(values.Min(), Statistics.Quantile(values, 0));
        Assert.Equal(values.Max(), Statistics.Quantile(values, 4));
    }

    [Fact]
    public void The_histogram_has_16_bars_of_50_points_and_the_last_holds_800()
    {
        var bins = Statistics.Histogram([0, 49, 50, 400, 750, 799, 800]);

        Assert.Equal(16, bins.Count);
        Assert.Equal(Enumerable.Range(0, 16).Select(i => i * 50), bins.Select(b => b.Lower));
        Assert.Equal(2, bins[0].Count);
        Assert.Equal(1, bins[1].Count);
        Assert.Equal(1, bins[8].Count);
        Assert.Equal(3, bins[15].Count);
        Assert.Equal(7, bins.Sum(b => b.Count));
        Assert.Equal("750-800", bins[15].Label);
        Assert.True(bins[15].UpperIncluded);
        Assert.False(bins[14].UpperIncluded);
    }

    [Fact]
    public void An_empty_histogram_still_lists_every_bar()
    {
        var bins = Statistics.Histogram([]);
        Assert.Equal(16, bins.Count);
        Assert.All(bins, b => Assert.Equal(0, b.Count));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(801)]
    public void A_total_outside_0_to_800_is_not_counted_silently(int total)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Statistics.Histogram([total]));
    }

    [Theory]
    [InlineData(new[] { 3, 800, 0, 3, 57 })]
    [InlineData(new[] { 5, -2, 900, 5 })] // outside the scores' range: the comparison sort takes over
    [InlineData(new int[0])]
    public void The_aggregates_sort_of_scores_agrees_with_a_comparison_sort(int[] values)
    {
        var expected = values.Order().ToArray();
        Assert.Equal(expected, ResultView.SortBounded(values));
    }

    [Fact]
    public void Random_sets_agree_with_the_textbook_formulas()
    {
        var random = new Random(4);
        for (var round = 0; round < 200; round++)
        {
            var values = Enumerable.Range(0, 1 + random.Next(40)).Select(_ => random.Next(101)).ToArray();
            var s = Statistics.Describe(values);
            var mean = values.Average();
            var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);

            Assert.Equal(values.Length, s.Count);
            Assert.Equal(values.Min(), s.Min);
            Assert.Equal(values.Max(), s.Max);
            Assert.Equal(Math.Round((decimal)values.Sum() / values.Length, 2, MidpointRounding.AwayFromZero), s.Mean);
            Assert.Equal((double)s.StandardDeviation!.Value, sd, 0.005 + 1e-9);
            Assert.True(s.Min <= s.Q1 && s.Q1 <= s.Median && s.Median <= s.Q3 && s.Q3 <= s.Max);
            // R type 7 puts the median of an odd count on the middle value and of an even count halfway between the two
            var sorted = values.Order().ToArray();
            var n = sorted.Length;
            Assert.Equal(n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2m, s.Median);
        }
    }
}
