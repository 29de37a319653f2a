using Kompass.Domain.Frameworks;

namespace Kompass.Domain.Tests.Frameworks;

/// <summary>The files in /frameworks that the service ships with.</summary>
public sealed class ShippedFrameworkTests
{
    private static readonly FrameworkCatalogue Catalogue = FrameworkCatalogue.LoadDirectory(FrameworkCatalogue.DefaultDirectory);

    [Fact]
    public void Both_versions_load_sorted_by_version()
    {
        Assert.Equal(["2010", "2020"], Catalogue.All.Select(f => f.Version));
        Assert.Equal(["2010", "2020"], Catalogue.Versions);
    }

    [Fact]
    public void Version_2020_has_4_perspectives_8_areas_35_sub_areas_and_37_scoring_points()
    {
        var f = Catalogue.Get("2020");
        Assert.Equal(["A", "B", "C", "D"], f.Perspectives.Select(p => p.Code));
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "8"], f.Areas.Select(a => a.Code));
        Assert.Equal(["A", "A", "B", "B", "C", "C", "D", "D"], f.Areas.Select(a => a.Perspective));
        Assert.Equal(35, f.Areas.Sum(a => a.SubAreas.Count));
        Assert.Equal([5, 4, 4, 5, 5, 4, 4, 4], f.Areas.Select(a => a.SubAreas.Count));
        Assert.Equal(37, f.ScoringPoints.Count());
        Assert.Equal(f.ScoringPoints.Count(), f.ScoringPoints.Select(p => p.Code).Distinct().Count());
        Assert.Equal(new RatingScale(0, 4), f.RatingScale);
    }

    [Fact]
    public void Version_2020_sub_areas_are_numbered_in_order_within_their_area()
    {
        foreach (var area in Catalogue.Get("2020").Areas)
            Assert.Equal(
                Enumerable.Range(1, area.SubAreas.Count).Select(i => $"{area.Code}.{i}"),
                area.SubAreas.Select(s => s.Code));
    }

    [Fact]
    public void Version_2020_has_the_four_named_questions_in_sub_areas_6_3_and_7_3()
    {
        var f = Catalogue.Get("2020");
        var questions = f.Areas.SelectMany(a => a.SubAreas).SelectMany(s => s.Questions.Select(q => (Sub: s.Code, q.Code))).ToList();
        Assert.Equal([("6.3", "6.3.1"), ("6.3", "6.3.2"), ("7.3", "7.3.1"), ("7.3", "7.3.2")], questions);

        var q = f.FindScoringPoint("6.3.1");
        Assert.NotNull(q);
        Assert.Equal("6", q.AreaCode);
        Assert.Equal(12.5m, q.MaxPoints);
        Assert.StartsWith("Hvordan jobber kommunen med kontinuerlig forbedring", q.Name.Nb);

        Assert.Null(f.FindScoringPoint("6.3")); // replaced by its questions
        Assert.Equal(20m, f.FindScoringPoint("1.1")?.MaxPoints);
        Assert.Equal(25m, f.FindScoringPoint("8.4")?.MaxPoints);
        Assert.Null(f.FindScoringPoint("9.9"));
    }

    [Fact]
    public void Version_2010_has_8_areas_scored_as_a_whole_and_no_perspectives()
    {
        var f = Catalogue.Get("2010");
        Assert.Empty(f.Perspectives);
        Assert.Equal(8, f.Areas.Count);
        Assert.All(f.Areas, a => Assert.Empty(a.SubAreas));
        Assert.All(f.Areas, a => Assert.Null(a.Perspective));
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "8"], f.ScoringPoints.Select(p => p.Code));
        Assert.Equal("Kommunen som samhällsbyggare", f.FindScoringPoint("8")?.Name.Sv);
    }

    [Theory]
    [InlineData("2010")]
    [InlineData("2020")]
    public void Every_area_sums_to_100_and_the_version_to_800(string version)
    {
        var f = Catalogue.Get(version);
        Assert.All(f.Areas, a => Assert.Equal(100m, a.MaxPoints));
        Assert.All(f.Areas, a => Assert.Equal(100m, FrameworkDefinition.ScoringPointsOf(a).Sum(p => p.MaxPoints)));
        Assert.Equal(800m, f.MaxTotal);
        Assert.Equal(800m, f.ScoringPoints.Sum(p => p.MaxPoints));
    }

    [Theory]
    [InlineData("2010")]
    [InlineData("2020")]
    public void Every_name_has_nb_sv_and_en_and_the_source_is_stated(string version)
    {
        var f = Catalogue.Get(version);
        var names = new List<LocalizedName> { f.Name };
        names.AddRange(f.Perspectives.Select(p => p.Name));
        names.AddRange(f.Areas.Select(a => a.Name));
        names.AddRange(f.Areas.SelectMany(a => a.SubAreas).Select(s => s.Name));
        names.AddRange(f.Areas.SelectMany(a => a.SubAreas).SelectMany(s => s.Questions).Select(q => q.Text));
        Assert.All(names, n =>
        {
            Assert.False(string.IsNullOrWhiteSpace(n.Nb));
            Assert.False(string.IsNullOrWhiteSpace(n.Sv));
            Assert.False(string.IsNullOrWhiteSpace(n.En));
        });
        Assert.False(string.IsNullOrWhiteSpace(f.Source));
    }

    [Fact]
    public void Swedish_area_names_are_SKRs()
    {
        Assert.Equal(
            ["Samspel mellan förtroendevalda och medborgare", "Samhällsutveckling", "Styrning och kontroll", "Effektivitet",
             "Brukarens fokus", "Kvalitetsutveckling", "Arbetsliv", "Chefs- och ledarskap samt medarbetarskap"],
            Catalogue.Get("2020").Areas.Select(a => a.Name.Sv));
    }

    [Fact]
    public void The_2020_source_says_which_parts_are_assumptions()
    {
        var source = Catalogue.Get("2020").Source!;
        Assert.Contains("equally", source);
        Assert.Contains("project's translation", source);
    }

    [Fact]
    public void Get_of_an_unknown_version_is_a_validation_error_listing_the_known_versions()
    {
        var ex = Assert.Throws<DomainException>(() => Catalogue.Get("2015"));
        Assert.Equal(ErrorKind.Validation, ex.Code);
        Assert.Equal("frameworkVersion", ex.Field);
        Assert.Equal("Unknown framework version '2015'; known versions: 2010, 2020.", ex.Message);

        var custom = Assert.Throws<DomainException>(() => Catalogue.Get("x", "input.version"));
        Assert.Equal("input.version", custom.Field);
    }

    [Fact]
    public void TryGet_finds_known_versions_only()
    {
        Assert.True(Catalogue.TryGet("2020", out var f));
        Assert.Equal("2020", f.Version);
        Assert.False(Catalogue.TryGet("2021", out _));
        Assert.False(Catalogue.TryGet(null, out _));
    }

    [Fact]
    public void A_third_valid_file_becomes_available_without_code_changes()
    {
        using var dir = new TempFrameworkDirectory();
        dir.WriteShipped("2010");
        dir.WriteShipped("2020");
        dir.WriteEdited("2026.json", "2020", root => root["version"] = "2026");

        var catalogue = dir.Load();

        Assert.Equal(["2010", "2020", "2026"], catalogue.Versions);
        Assert.Equal(37, catalogue.Get("2026").ScoringPoints.Count());
        Assert.Equal("Unknown framework version '1999'; known versions: 2010, 2020, 2026.",
            Assert.Throws<DomainException>(() => catalogue.Get("1999")).Message);
    }

    [Fact]
    public void Shipped_files_pass_the_validator_directly()
    {
        Assert.All(Catalogue.All, f => Assert.True(new FrameworkValidator().Validate(f).IsValid));
    }
}
