using Kompass.Charts;
using Kompass.Domain.Analytics;
using Kompass.Domain.Kommuner;
using static Kompass.Gateway.Tests.Charts.ChartFixtures;

namespace Kompass.Gateway.Tests.Charts;

public sealed class ConcurrentRenderingTests
{
    [Fact]
    public async Task Charts_rendered_at_the_same_time_are_the_ones_rendered_alone()
    {
        // The gateway renders on request threads: the font, ScottPlot's caches and Skia must not mix two charts.
        var on = new DateOnly(2023, 6, 1);
        var aggregate = Aggregate(
            Result("NO-3222", on, "2020", 62, 48, 71, 55, 80, 44, 66, 59),
            Result("NO-5027", on, "2020", 51, 40, 60, 50, 70, 40, 60, 50));
        var names = new Dictionary<string, string> { ["NO-3222"] = "Aurskog-Høland", ["NO-5027"] = "Midtre Gauldal" };
        var charts = new Func<string>[]
        {
            () => RadarChart.Render(aggregate.ResultsOf(KommuneId.Parse("NO-3222"))[0], V2020, "Aurskog-Høland", aggregate.MeansBeside("2020", Country.NO, null)),
            () => HistogramChart.Render(aggregate.Benchmark("2020", Country.NO, Period.AllTime)),
            () => RankingChart.Render(aggregate.Ranking("2020", Country.NO, Period.AllTime, Measure.Total), names, "NO-5027", V2020),
            () => AreaTrendChart.Render(Trends.Of(KommuneId.Parse("NO-5027"), aggregate.ResultsOf(KommuneId.Parse("NO-5027")), Catalogue), V2020, "Midtre Gauldal"),
        };
        var alone = charts.Select(render => render()).ToArray();

        var together = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => (i % charts.Length, charts[i % charts.Length]()))));

        Assert.All(together, chart => Assert.Equal(alone[chart.Item1], chart.Item2));
    }
}
