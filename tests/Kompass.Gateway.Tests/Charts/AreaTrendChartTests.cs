using Kompass.Charts;
using Kompass.Domain.Analytics;
using Kompass.Domain.Kommuner;
using static Kompass.Gateway.Tests.Charts.ChartFixtures;

namespace Kompass.Gateway.Tests.Charts;

public sealed class AreaTrendChartTests
{
    private static readonly KommuneId MidtreGauldal = KommuneId.Parse("NO-5027");

    private static KommuneTrend AcrossVersions() => Trends.Of(MidtreGauldal,
    [
        Result("NO-5027", new DateOnly(2010, 3, 1), "2010", 50, 40, 45, 38, 52, 41, 47, 39),
        Result("NO-5027", new DateOnly(2015, 3, 1), "2010", 55, 44, 50, 45, 58, 46, 52, 44),
        Result("NO-5027", new DateOnly(2023, 3, 1), "2020", 62, 48, 71, 55, null, 44, 66, 59),
    ], Catalogue);

    [Fact]
    public void Across_versions_each_bar_is_shown_in_the_trends_areas_with_the_area_it_was_scored_as_and_the_caveat()
    {
        var trend = AcrossVersions();

        var chart = Parse(AreaTrendChart.Render(trend, V2020, "Midtre Gauldal"), "nb");

        var texts = Texts(chart);
        var all = AllText(chart);
        Assert.Equal("Midtre Gauldal: fokusområdene over tid (rammeverk 2020)", Title(chart));
        // 2020's area 2 (Samfunnsutvikling) was 2010's area 8, and 2020's area 5 was 2010's area 2.
        Assert.Contains("2 Samfunnsutvikling (2010: 8)", all);
        Assert.Contains("5 Brukerens fokus (2010: 2)", all);
        Assert.Contains("01.03.2010 (rammeverk 2010), totalt 352 *", texts);
        Assert.Contains("01.03.2023 (rammeverk 2020) *", texts); // no total: area 5 is missing
        Assert.Contains("* Resultatene er skåret under ulike versjoner av rammeverket (2010 og 2020)", all);
        Assert.Contains("bare veiledende", all);
        // Every score is a label: 2010's area 8 (39) stands in 2020's area 2.
        foreach (var score in new[] { "50", "39", "55", "44", "62", "71", "59" })
            Assert.Contains(score, texts);
        Assert.Single(texts, t => t == "ikke skåret");
        Assert.Contains("01.03.2023 (rammeverk 2020) *: 1: 62, 2: 48, 3: 71, 4: 55, 5: –", Description(chart));
    }

    [Fact]
    public void One_evaluation_of_one_version_has_one_bar_per_area_and_no_caveat()
    {
        var trend = Trends.Of(KommuneId.Parse("NO-3222"), [Result("NO-3222", new DateOnly(2023, 3, 15), "2020", 62, 48, 71, 55, 80, 44, 66, 59)], Catalogue);

        var chart = Parse(AreaTrendChart.Render(trend, V2020, "Aurskog-Høland"), "nb");

        var texts = Texts(chart);
        Assert.Contains("15.03.2023 (rammeverk 2020), totalt 485", texts);
        Assert.DoesNotContain("*", AllText(chart));
        Assert.DoesNotContain("(2010:", AllText(chart));
        Assert.All(new[] { "62", "48", "71", "55", "80", "44", "66", "59" }, score => Assert.Contains(score, texts));
    }

    [Fact]
    public void A_swedish_kommune_reads_swedish_labels()
    {
        var trend = Trends.Of(KommuneId.Parse("SE-0115"),
            [Result("SE-0115", new DateOnly(2022, 11, 30), "2020", 62, 48, 71, 55, null, 44, 66, 59)], Catalogue);

        var chart = Parse(AreaTrendChart.Render(trend, V2020, "Vallentuna"), "sv");

        Assert.Equal("Vallentuna: fokusområdena över tid (ramverk 2020)", Title(chart));
        Assert.Contains("2022-11-30 (ramverk 2020)", Texts(chart));
        Assert.Contains("ej poängsatt", Texts(chart));
        Assert.Contains("Poäng (av 100)", Texts(chart));
        Assert.Contains("1 Samspel mellan förtroendevalda och medborgare", AllText(chart));
    }

    [Fact]
    public void A_kommune_without_results_gets_a_note_not_an_empty_frame()
    {
        var trend = Trends.Of(MidtreGauldal, [], Catalogue);

        var chart = Parse(AreaTrendChart.Render(trend, V2020, "Midtre Gauldal"), "nb");

        Assert.Contains("Kommunen har ingen publiserte resultater ennå.", Texts(chart));
    }

    [Fact]
    public void The_framework_must_be_the_one_the_trend_is_shown_in()
    {
        var trend = AcrossVersions();

        Assert.Throws<ArgumentException>(() => AreaTrendChart.Render(trend, Catalogue.Get("2010"), "Midtre Gauldal"));
    }
}
