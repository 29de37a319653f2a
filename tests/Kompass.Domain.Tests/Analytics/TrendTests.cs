using Kompass.Domain.Analytics;
using Kompass.Domain.Evaluations;
using Kompass.Domain.Frameworks;
using Kompass.Domain.Kommuner;
using static Kompass.Domain.Tests.Analytics.AnalyticsFixtures;

namespace Kompass.Domain.Tests.Analytics;

/// <summary>A kommune's results over time, across versions through the declared mapping, with a caveat.</summary>
public sealed class TrendTests
{
    private static readonly KommuneId MidtreGauldal = KommuneId.Parse("NO-5027");

    // The demo data's Midtre Gauldal results (demo/README.md): 2010 and 2015 under version 2010, 2023 under 2020.
    private static readonly PublishedResult[] Demo =
    [
        new("NO-5027/eval/2023-1", "NO-5027", "2020", new DateOnly(2023, 3, 2),
            new Dictionary<string, int> { ["1"] = 62, ["3"] = 87, ["4"] = 68, ["7"] = 69 }, null),
        new("NO-5027/eval/2015-1", "NO-5027", "2010", new DateOnly(2015, 1, 1), new Dictionary<string, int> { ["1"] = 34, ["5"] = 38 }, null),
        new("NO-5027/eval/2010-1", "NO-5027", "2010", new DateOnly(2010, 1, 1), new Dictionary<string, int> { ["1"] = 28, ["5"] = 22 }, null),
    ];

    private static TrendArea Area(TrendPoint p, string code) => p.Areas.Single(a => a.Code == code);

    [Fact]
    public void Midtre_Gauldal_across_2010_2015_and_2023_in_the_2020_areas()
    {
        var trend = Trends.Of(MidtreGauldal, Demo, Catalogue);

        Assert.Equal("2020", trend.FrameworkVersion);
        Assert.Equal(["2010-01-01", "2015-01-01", "2023-03-02"], trend.Points.Select(p => p.EvaluatedOn.ToString("yyyy-MM-dd")));
        Assert.Equal([28, 34, 62], trend.Points.Select(p => Area(p, "1").Score));
        Assert.Equal([null, 6, 28], trend.Points.Select(p => Area(p, "1").Delta));
        // 2020 area 4 Effektivitet is 2010 area 5 Resultatfokus og effektivitet
        Assert.Equal([22, 38, 68], trend.Points.Select(p => Area(p, "4").Score));
        Assert.Equal([null, 16, 30], trend.Points.Select(p => Area(p, "4").Delta));
        Assert.Equal(["5", "5", "4"], trend.Points.Select(p => Area(p, "4").ScoredAs));
        Assert.Equal("8", Area(trend.Points[0], "2").ScoredAs); // Samfunnsutvikling, not scored in the demo
        Assert.Null(Area(trend.Points[0], "2").Score);
        Assert.Null(Area(trend.Points[2], "3").Delta); // 87, but no earlier score of the area
    }

    [Fact]
    public void Every_answer_across_versions_carries_a_caveat()
    {
        var trend = Trends.Of(MidtreGauldal, Demo, Catalogue);

        Assert.Contains("span framework versions 2010 and 2020", trend.Caveat);
        Assert.All(trend.Points, p => Assert.NotNull(p.Caveat)); // 2010 points are shown in 2020 areas; 2023 follows a 2010 result
        Assert.Contains("previous result was scored under framework 2010", trend.Points[2].Caveat);
    }

    [Fact]
    public void Totals_and_their_change_across_versions_when_the_mapping_covers_every_area()
    {
        var results = new[]
        {
            Demo[2] with { Total = 300 },
            Demo[0] with { Total = 554 },
        };
        var trend = Trends.Of(MidtreGauldal, results, Catalogue);
        Assert.Equal([300, 554], trend.Points.Select(p => p.Total));
        Assert.Equal([null, 254], trend.Points.Select(p => p.TotalDelta));
    }

    [Fact]
    public void In_the_older_version_on_request()
    {
        var trend = Trends.Of(MidtreGauldal, Demo, Catalogue, inVersion: "2010");
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "8"], trend.Points[0].Areas.Select(a => a.Code));
        Assert.Equal([22, 38, 68], trend.Points.Select(p => Area(p, "5").Score));
        Assert.Equal(87, Area(trend.Points[2], "3").Score);
        Assert.Equal(69, Area(trend.Points[2], "6").Score); // 2020 area 7 Arbeidsliv = 2010 area 6
    }

    [Fact]
    public void Within_one_version_there_is_no_caveat()
    {
        var trend = Trends.Of(MidtreGauldal, [R("NO-5027", 2019, 400, ("1", 50)), R("NO-5027", 2023, 450, ("1", 55))], Catalogue);

        Assert.Null(trend.Caveat);
        Assert.All(trend.Points, p => Assert.Null(p.Caveat));
        Assert.Equal([null, 50], trend.Points.Select(p => p.TotalDelta));
        Assert.Equal([null, 5], trend.Points.Select(p => Area(p, "1").Delta));
    }

    [Fact]
    public void No_results_make_an_empty_trend()
    {
        var trend = Trends.Of(MidtreGauldal, [], Catalogue);
        Assert.Empty(trend.Points);
        Assert.Null(trend.FrameworkVersion);
        Assert.Null(trend.Caveat);
    }

    [Fact]
    public void A_cross_version_trend_without_a_declared_mapping_is_a_validation_error()
    {
        var unmapped = FrameworkCatalogue.FromDefinitions([Catalogue.Get("2010"), Catalogue.Get("2020") with { AreaMappings = [] }]);

        var ex = Assert.Throws<DomainException>(() => Trends.Of(MidtreGauldal, Demo, unmapped));
        Assert.Equal("frameworkVersion", ex.Field);
        Assert.Equal("frameworkVersion", Assert.Throws<DomainException>(() => Trends.Of(MidtreGauldal, Demo, Catalogue, "2030")).Field);
    }

    [Fact]
    public void The_aggregate_hands_out_a_kommunes_results_of_every_version_for_its_trend()
    {
        var a = NewAggregate();
        foreach (var r in Demo)
            a.Apply(r, 1);
        a.Apply(R("NO-5034", 2022, 500), 1);

        var results = a.ResultsOf(MidtreGauldal);
        Assert.Equal(["NO-5027/eval/2010-1", "NO-5027/eval/2015-1", "NO-5027/eval/2023-1"], results.Select(r => r.EvaluationId));
        Assert.Equal(Trends.Of(MidtreGauldal, Demo, Catalogue).Points.Select(p => p.EvaluationId),
            Trends.Of(MidtreGauldal, results, Catalogue).Points.Select(p => p.EvaluationId));
    }
}
