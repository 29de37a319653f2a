using Kompass.Charts;
using Kompass.Domain.Analytics;
using Kompass.Domain.Kommuner;
using static Kompass.Gateway.Tests.Charts.ChartFixtures;

namespace Kompass.Gateway.Tests.Charts;

public sealed class RankingChartTests
{
    private static readonly DateOnly On = new(2023, 6, 1);

    // Every Norwegian kommune of the reference list with a total, so the chart is as long as it gets.
    private static (Ranking Ranking, Dictionary<string, string> Names) AllNorway()
    {
        var kommuner = Reference.All(Country.NO);
        var results = kommuner.Select((k, i) => Result(k.Id.ToString(), On, "2020", Enumerable.Repeat<int?>(20 + i % 70, 8).ToArray())).ToArray();
        var ranking = Aggregate(results).Ranking("2020", Country.NO, Period.AllTime, Measure.Total);
        return (ranking, kommuner.ToDictionary(k => k.Id.ToString(), k => k.Name));
    }

    [Fact]
    public void Every_kommune_has_a_labelled_row_and_the_highlighted_one_is_picked_out()
    {
        var (ranking, names) = AllNorway();
        var picked = ranking.Rows[100];

        var svg = RankingChart.Render(ranking, names, picked.KommuneId, V2020);
        var chart = Parse(svg, "nb");

        var texts = Texts(chart);
        Assert.True(ranking.Rows.Count > 350);
        Assert.Equal("Kommunene rangert etter totalpoeng – rammeverk 2020, Norge", Title(chart));
        foreach (var row in ranking.Rows.Where(r => r != picked))
            Assert.Contains($"{row.Rank}. {names[row.KommuneId]}", texts);
        Assert.Contains($"▶ {picked.Rank}. {names[picked.KommuneId]}", texts);
        Assert.Contains($"{picked.Value} ◀ {names[picked.KommuneId]}", texts);
        Assert.Contains($"{names[picked.KommuneId]}: plass {picked.Rank} av {ranking.Rows.Count} med {picked.Value} poeng", AllText(chart));
        // Ties share a rank: 70 distinct totals over the kommuner.
        Assert.Equal(ranking.Rows.Count(r => r.Value == ranking.Rows[0].Value), texts.Count(t => t.StartsWith("1. ", StringComparison.Ordinal)));
        // A row per kommune: the chart grows so the labels do not overlap.
        Assert.True(int.Parse((string)chart.Root!.Attribute("height")!, System.Globalization.CultureInfo.InvariantCulture) >= ranking.Rows.Count * RankingChart.RowHeight);
    }

    [Fact]
    public void A_highlighted_kommune_without_a_result_is_said_to_have_none()
    {
        var ranking = Aggregate(Result("NO-3222", On, "2020", 62, 48, 71, 55, 80, 44, 66, 59))
            .Ranking("2020", Country.NO, Period.AllTime, Measure.Total);

        var chart = Parse(RankingChart.Render(ranking, new Dictionary<string, string> { ["NO-3222"] = "Aurskog-Høland", ["NO-5027"] = "Midtre Gauldal" }, "NO-5027", V2020), "nb");

        Assert.Contains("Midtre Gauldal har ikke noe resultat i denne rangeringen.", AllText(chart));
        Assert.Contains("1. Aurskog-Høland", Texts(chart));
        Assert.DoesNotContain(Texts(chart), t => t.StartsWith('▶'));
    }

    [Fact]
    public void A_swedish_ranking_by_area_reads_swedish_and_counts_the_unranked()
    {
        var ranking = Aggregate(
                Result("SE-2321", On, "2020", 62, 48, 71, 55, 80, 44, 66, 59),
                Result("SE-0115", On, "2020", 51, 40, 60, 50, 70, 40, 60, 50),
                Result("SE-0114", On, "2020", 51, 40, null, 50, 70, 40, 60, 50))
            .Ranking("2020", Country.SE, Period.Of(new DateOnly(2020, 1, 1), null), Measure.Area("3"));

        var chart = Parse(RankingChart.Render(ranking, new Dictionary<string, string> { ["SE-2321"] = "Åre", ["SE-0115"] = "Vallentuna" }, "SE-2321", V2020), "sv");

        Assert.Equal("Kommunerna rangordnade efter område 3 Styrning och kontroll – ramverk 2020, Sverige", Title(chart));
        Assert.Contains("▶ 1. Åre", Texts(chart));
        Assert.Contains("2. Vallentuna", Texts(chart));
        Assert.Contains("71 ◀ Åre", Texts(chart));
        Assert.Contains("från 2020-01-01", AllText(chart));
        Assert.Contains("1 utan detta värde är inte rangordnade.", AllText(chart));
        Assert.Contains("Åre: plats 1 av 2 med 71 poäng, bättre än 100 % av de andra.", AllText(chart));
    }

    [Fact]
    public void Names_are_escaped_and_a_kommune_without_a_name_shows_its_id()
    {
        var ranking = Aggregate(
                Result("NO-3222", On, "2020", 62, 48, 71, 55, 80, 44, 66, 59),
                Result("NO-5027", On, "2020", 51, 40, 60, 50, 70, 40, 60, 50))
            .Ranking("2020", Country.NO, Period.AllTime, Measure.Total);

        var svg = RankingChart.Render(ranking, new Dictionary<string, string> { ["NO-3222"] = "Aurskog-Høland <&>" }, null, V2020);
        var chart = Parse(svg, "nb");

        Assert.Contains("1. Aurskog-Høland &lt;&amp;&gt;", svg);
        Assert.Contains("1. Aurskog-Høland <&>", Texts(chart));
        Assert.Contains("2. NO-5027", Texts(chart));
    }
}
