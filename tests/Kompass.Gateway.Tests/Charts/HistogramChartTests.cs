using Kompass.Charts;
using Kompass.Domain.Analytics;
using Kompass.Domain.Kommuner;
using static Kompass.Gateway.Tests.Charts.ChartFixtures;

namespace Kompass.Gateway.Tests.Charts;

public sealed class HistogramChartTests
{
    private static readonly DateOnly On = new(2023, 6, 1);

    [Fact]
    public void Every_bar_carries_its_count_and_the_mean_and_median_are_marked()
    {
        // Totals 400, 480 and 800 (every area 50, 60 and 100).
        var statistics = Aggregate(
                Result("NO-3222", On, "2020", 50, 50, 50, 50, 50, 50, 50, 50),
                Result("NO-5027", On, "2020", 60, 60, 60, 60, 60, 60, 60, 60),
                Result("NO-0301", On, "2020", 100, 100, 100, 100, 100, 100, 100, 100))
            .Benchmark("2020", Country.NO, Period.AllTime);

        var chart = Parse(HistogramChart.Render(statistics), "nb");

        var texts = Texts(chart);
        Assert.Equal("Fordeling av totalpoeng – rammeverk 2020, Norge (3 kommuner)", Title(chart));
        Assert.Equal(16, statistics.Histogram.Count);
        // The 13 empty bars, and 0 on each axis; the bars 400-450, 450-500 and 750-800 (which holds 800), and 1 on the count axis.
        Assert.Equal(13 + 2, texts.Count(t => t == "0"));
        Assert.Equal(3 + 1, texts.Count(t => t == "1"));
        Assert.Contains("snitt 560", texts);
        Assert.Contains("median 480", texts);
        Assert.Contains("Antall kommuner", texts);
        Assert.Contains("Totalpoeng (av 800)", texts);
        Assert.Contains("750–800: 1", Description(chart));
        Assert.Contains("0–50: 0", Description(chart));
    }

    [Fact]
    public void An_empty_histogram_lists_every_bar_at_zero_and_says_why()
    {
        var statistics = Aggregate().Benchmark("2020", Country.SE, Period.AllTime);

        var chart = Parse(HistogramChart.Render(statistics), "sv");

        Assert.Equal("Fördelning av totalpoäng – ramverk 2020, Sverige (0 kommuner)", Title(chart));
        Assert.Contains("Ingen kommun har ett resultat med totalpoäng under perioden.", Texts(chart));
        Assert.Contains("Antal kommuner", Texts(chart));
        Assert.DoesNotContain(Texts(chart), t => t.StartsWith("medel", StringComparison.Ordinal));
        Assert.Equal(16, statistics.Histogram.Count(b => Description(chart).Contains($"{b.Lower}–{b.Upper}: 0", StringComparison.Ordinal)));
    }

    [Fact]
    public void Both_countries_are_labelled_in_norwegian_with_decimal_commas()
    {
        var statistics = Aggregate(
                Result("NO-3222", On, "2020", 50, 50, 50, 50, 50, 50, 50, 51),
                Result("SE-0115", On, "2020", 60, 60, 60, 60, 60, 60, 60, 60))
            .Benchmark("2020", null, Period.AllTime);

        var chart = Parse(HistogramChart.Render(statistics), "nb");

        Assert.Equal("Fordeling av totalpoeng – rammeverk 2020, Norge og Sverige (2 kommuner)", Title(chart));
        Assert.Contains("snitt 440,5", Texts(chart));
        Assert.Contains("median 440,5", Texts(chart));
    }
}
