using Kompass.Charts;
using Kompass.Domain.Analytics;
using Kompass.Domain.Kommuner;
using static Kompass.Gateway.Tests.Charts.ChartFixtures;

namespace Kompass.Gateway.Tests.Charts;

public sealed class RadarChartTests
{
    private static readonly DateOnly On = new(2023, 3, 15);

    [Fact]
    public void Names_each_area_with_its_score_beside_the_held_and_the_published_mean()
    {
        var evaluated = Result("NO-3222", On, "2020", 62, 48, 71, 55, 80, 44, 66, 59);
        var aggregate = Aggregate(evaluated, Result("NO-5027", On, "2020", 51, 40, 60, 50, 70, 40, 60, 50));
        aggregate.RecordPublishedMean(new PublishedMean(2023, "2020", Country.NO,
            new Dictionary<string, decimal> { ["1"] = 57.5m }, null, "KS, Kommunekompasset 2023"));

        var chart = Parse(RadarChart.Render(evaluated, V2020, "Aurskog-Høland", aggregate.MeansBeside("2020", Country.NO, null)), "nb");

        var text = AllText(chart);
        Assert.Equal("Aurskog-Høland: fokusområdene 15.03.2023 mot snittet", Title(chart));
        Assert.Contains("1 Offentlighet og demokrati", text);
        Assert.Contains("8 Lederskap og medarbeiderskap", text);
        // Area 1: 62 of 100, the held mean (62 + 51) / 2 in Norwegian notation, the published mean of 2023.
        Assert.Contains("62 / 100 · snitt 56,5 · publisert 2023 57,5", Texts(chart));
        Assert.Contains("48 / 100 · snitt 44", Texts(chart)); // no published mean for area 2
        Assert.Contains("Aurskog-Høland 15.03.2023", Texts(chart));
        Assert.Contains("Snitt av siste resultat per kommune i Kompass (2 kommuner)", Texts(chart));
        Assert.Contains("Landssnitt publisert av KS (2023)", Texts(chart));
        Assert.Contains("1 Offentlighet og demokrati: 62 / 100, snitt 56,5, publisert 2023 57,5", Description(chart));
    }

    [Fact]
    public void A_swedish_kommune_reads_swedish_names_dates_and_labels()
    {
        var evaluated = Result("SE-2321", On, "2020", 62, 48, 71, 55, 80, 44, 66, 59);
        var aggregate = Aggregate(evaluated, Result("SE-0115", On, "2020", 51, 41, 60, 50, 70, 40, 60, 50));

        var chart = Parse(RadarChart.Render(evaluated, V2020, "Åre", aggregate.MeansBeside("2020", Country.SE, null)), "sv");

        Assert.Equal("Åre: fokusområdena 2023-03-15 mot medelvärdet", Title(chart));
        Assert.Contains("1 Samspel mellan förtroendevalda och medborgare", AllText(chart));
        Assert.Contains("48 / 100 · medel 44,5", Texts(chart));
        Assert.Contains("Medelvärde av senaste resultat per kommun i Kompass (2 kommuner)", Texts(chart));
        Assert.DoesNotContain("snitt", AllText(chart));
    }

    [Fact]
    public void Without_a_mean_the_chart_says_there_is_none()
    {
        var evaluated = Result("NO-3222", On, "2020", 62, 48, 71, 55, 80, 44, 66, 59);

        var chart = Parse(RadarChart.Render(evaluated, V2020, "Aurskog-Høland", null), "nb");

        Assert.Contains("Ingen snitt å sammenligne med ennå.", Texts(chart));
        Assert.Contains("62 / 100", Texts(chart));
        Assert.DoesNotContain("snitt 6", AllText(chart));
    }

    [Fact]
    public void An_area_the_result_does_not_score_is_labelled_not_scored_instead_of_zero()
    {
        var evaluated = Result("NO-3222", On, "2020", 62, 48, null, 55, 80, 44, 66, null);
        var aggregate = Aggregate(evaluated);

        var chart = Parse(RadarChart.Render(evaluated, V2020, "Aurskog-Høland", aggregate.MeansBeside("2020", Country.NO, null)), "nb");

        Assert.Equal(2, Texts(chart).Count(t => t.StartsWith("ikke skåret", StringComparison.Ordinal)));
        Assert.DoesNotContain(Texts(chart), t => t.StartsWith("0 / 100", StringComparison.Ordinal));
        Assert.Contains("3 Styring og kontroll: ikke skåret", Description(chart));
        Assert.Contains("62 / 100 · snitt 62", Texts(chart));
    }

    [Fact]
    public void Names_are_escaped()
    {
        var evaluated = Result("NO-3222", On, "2020", 62, 48, 71, 55, 80, 44, 66, 59);
        const string name = "Aurskog-Høland <&> \"Åre\"";

        var svg = RadarChart.Render(evaluated, V2020, name + "\u0001", null);
        var chart = Parse(svg, "nb");

        Assert.Contains("Aurskog-Høland &lt;&amp;&gt;", svg);
        Assert.StartsWith(name + ":", Title(chart)); // the control character is dropped, not written raw
        Assert.Contains(name + " 15.03.2023", Texts(chart));
    }
}
