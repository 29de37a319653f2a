using Kompass.Domain.Analytics;
using Kompass.Domain.Kommuner;
using static Kompass.Domain.Tests.Analytics.AnalyticsFixtures;

namespace Kompass.Domain.Tests.Analytics;

/// <summary>Means KS or SKR published, checked when recorded and shown beside the held mean, each labelled.</summary>
public sealed class PublishedMeanTests
{
    private static PublishedMean Mean(Dictionary<string, decimal>? areas = null, decimal? total = 452.4m, int year = 2023,
        Country country = Country.NO, string version = "2020", string source = "KS: Kommunekompasset, landssnitt 2023") =>
        new(year, version, country, areas ?? [], total, source);

    private static Dictionary<string, decimal> EightAreas(decimal each) =>
        Enumerable.Range(1, 8).ToDictionary(i => $"{i}", _ => each);

    private static string? FieldOf(PublishedMean mean) =>
        Assert.Throws<DomainException>(() => PublishedMeans.Validate(mean, Catalogue)).Field;

    [Fact]
    public void A_total_only_or_area_means_only_are_accepted()
    {
        PublishedMeans.Validate(Mean(), Catalogue);
        PublishedMeans.Validate(Mean(EightAreas(56.5m), null), Catalogue);
        PublishedMeans.Validate(Mean(new() { ["1"] = 61.2m }, 500m), Catalogue);
    }

    [Fact]
    public void A_total_may_differ_from_the_area_sum_by_the_rounding_of_its_figures()
    {
        // 8 whole-number means (±0.5 each) and a total with one decimal (±0.05): 4.05 of slack
        PublishedMeans.Validate(Mean(EightAreas(56m), 452.0m), Catalogue);
        Assert.Equal("totalMean", FieldOf(Mean(EightAreas(56m), 452.1m)));
        Assert.Equal("totalMean", FieldOf(Mean(EightAreas(56.5m), 455.0m))); // 0.05·8 + 0.05 = 0.45 of slack around 452
    }

    [Fact]
    public void Each_rule_names_its_field()
    {
        Assert.Equal("frameworkVersion", FieldOf(Mean(version: "1999")));
        Assert.Equal("year", FieldOf(Mean(year: 1989)));
        Assert.Equal("source", FieldOf(Mean(source: " ")));
        Assert.Equal("source", FieldOf(Mean(source: new string('x', PublishedMeans.MaxSourceLength + 1))));
        Assert.Equal("areaMeans", FieldOf(Mean(total: null)));
        Assert.Equal("areaMeans.9", FieldOf(Mean(new() { ["9"] = 50m })));
        Assert.Equal("areaMeans.2", FieldOf(Mean(new() { ["2"] = 100.5m }, null)));
        Assert.Equal("totalMean", FieldOf(Mean(total: 800.1m)));
        Assert.Equal("totalMean", FieldOf(Mean(new() { ["1"] = 90m }, 80m))); // below the one area given
    }

    [Fact]
    public void Held_and_published_means_are_shown_side_by_side_each_labelled()
    {
        var a = With(R("NO-5027", 2023, 480, ("1", 62)), R("NO-5034", 2022, 500, ("1", 50)));
        a.RecordPublishedMean(Mean(new() { ["1"] = 55.5m }, 452.4m, year: 2022, source: "KS 2022"));
        a.RecordPublishedMean(Mean(new() { ["1"] = 57.1m }, 460.2m, year: 2023, source: "KS 2023"));

        var latest = a.MeansBeside("2020", Country.NO, null);
        Assert.Equal(MeanKind.Held, latest.HeldTotal.Kind);
        Assert.Equal(490m, latest.HeldTotal.Value);
        Assert.Equal(2, latest.HeldTotal.Count);
        Assert.Contains("Kompass (2 kommuner)", latest.HeldTotal.Label);
        Assert.Equal(MeanKind.Published, latest.PublishedTotal!.Kind);
        Assert.Equal(460.2m, latest.PublishedTotal.Value);
        Assert.Equal("Landssnitt publisert av KS (2023)", latest.PublishedTotal.Label);
        Assert.Equal("KS 2023", latest.PublishedTotal.Source);
        Assert.Equal((56m, 57.1m), (latest.Areas[0].Held.Value, latest.Areas[0].Published!.Value));
        Assert.Null(latest.Areas[1].Published!.Value); // published, but not for area 2

        Assert.Equal(452.4m, a.MeansBeside("2020", Country.NO, 2022).PublishedTotal!.Value);
        Assert.Null(a.MeansBeside("2020", Country.NO, 2021).PublishedTotal);
    }

    [Fact]
    public void Swedish_means_are_labelled_in_Swedish_and_by_SKR()
    {
        var a = With(R("SE-0115", 2023, 480));
        a.RecordPublishedMean(Mean(country: Country.SE, source: "SKR 2023"));

        var comparison = a.MeansBeside("2020", Country.SE, null);
        Assert.Equal("Riksgenomsnitt publicerat av SKR (2023)", comparison.PublishedTotal!.Label);
        Assert.StartsWith("Medelvärde", comparison.HeldTotal.Label);
        Assert.Null(a.MeansBeside("2020", Country.NO, null).PublishedTotal); // the Swedish mean is not Norway's
    }

    [Fact]
    public void A_new_mean_for_the_same_year_replaces_and_the_count_is_limited()
    {
        var a = NewAggregate();
        a.RecordPublishedMean(Mean(total: 400m));
        a.RecordPublishedMean(Mean(total: 410m));
        Assert.Equal(410m, Assert.Single(a.State.PublishedMeans.Values).TotalMean);

        foreach (var version in new[] { "2010", "2020" })
            for (var year = 1990; year < 2090; year++)
                a.RecordPublishedMean(Mean(year: year, version: version));
        Assert.Equal(ResultAggregate.MaxPublishedMeans, a.State.PublishedMeans.Count);
        Assert.Equal("year", Assert.Throws<DomainException>(() => a.RecordPublishedMean(Mean(country: Country.SE))).Field);
        a.RecordPublishedMean(Mean(total: 420m)); // an existing one can still be replaced
    }

    [Fact]
    public void A_rejected_mean_is_not_recorded()
    {
        var a = NewAggregate();
        Assert.Throws<DomainException>(() => a.RecordPublishedMean(Mean(total: 900m)));
        Assert.Empty(a.State.PublishedMeans);
    }
}
