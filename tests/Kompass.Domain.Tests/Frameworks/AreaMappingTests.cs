using System.Text.Json.Nodes;
using Kompass.Domain.Frameworks;

namespace Kompass.Domain.Tests.Frameworks;

/// <summary>A framework file's declared mapping of its areas to an earlier version's, checked at load.</summary>
public sealed class AreaMappingTests : IDisposable
{
    private static readonly FrameworkCatalogue Shipped = FrameworkCatalogue.LoadDirectory(FrameworkCatalogue.DefaultDirectory);

    private readonly TempFrameworkDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static JsonObject Pair(JsonObject root, int a) => root["areaMappings"]![0]!["areas"]![a]!.AsObject();

    private (FrameworkCatalogueException Error, string File) LoadEdited2020(Action<JsonObject> edit)
    {
        _dir.WriteShipped("2010");
        var file = _dir.WriteEdited("2020.json", "2020", edit);
        var ex = Assert.Throws<FrameworkCatalogueException>(_dir.Load);
        Assert.Contains(file, ex.Message);
        Assert.Equal(file, ex.FilePath);
        return (ex, file);
    }

    [Theory]
    [InlineData("1", "1")]
    [InlineData("2", "8")]
    [InlineData("3", "3")]
    [InlineData("4", "5")]
    [InlineData("5", "2")]
    [InlineData("6", "7")]
    [InlineData("7", "6")]
    [InlineData("8", "4")]
    public void Version_2020_maps_its_areas_to_2010_by_their_names(string area2020, string area2010)
    {
        Assert.Equal(area2010, Shipped.AreaMap("2020", "2010").Map(area2020));
        Assert.Equal(area2020, Shipped.AreaMap("2010", "2020").Map(area2010)); // read backwards too
    }

    [Fact]
    public void The_shipped_mapping_is_complete_and_says_where_it_comes_from()
    {
        var map = Shipped.AreaMap("2010", "2020");
        Assert.True(map.CrossesVersions);
        Assert.True(map.CoversAllAreas);
        Assert.Contains("4 Effektivitet = 5 Resultatfokus og effektivitet", map.Note);
        Assert.Equal("2010", map.From.Version);
    }

    [Fact]
    public void The_same_version_maps_to_itself()
    {
        var map = Shipped.AreaMap("2020", "2020");
        Assert.False(map.CrossesVersions);
        Assert.Equal("6", map.Map("6"));
        Assert.Null(map.Map("9"));
    }

    [Fact]
    public void Versions_without_a_declared_mapping_cannot_be_compared()
    {
        var catalogue = FrameworkCatalogue.FromDefinitions([Shipped.Get("2010"), Shipped.Get("2020") with { AreaMappings = [] }]);

        var ex = Assert.Throws<DomainException>(() => catalogue.AreaMap("2010", "2020"));
        Assert.Equal(ErrorKind.Validation, ex.Code);
        Assert.Equal("frameworkVersion", ex.Field);
        Assert.Contains("neither file declares how their areas map", ex.Message);
        Assert.Equal("frameworkVersion", Assert.Throws<DomainException>(() => Shipped.AreaMap("2020", "2030")).Field);
    }

    [Fact]
    public void A_mapping_to_a_version_not_in_the_catalogue_stops_the_load()
    {
        var (ex, _) = LoadEdited2020(root => root["areaMappings"]![0]!["version"] = "2009");
        Assert.Equal(["areaMappings[0].version: version '2009' is not in the catalogue; known versions: 2010, 2020"], ex.Errors);
    }

    [Fact]
    public void An_earlier_area_that_the_earlier_version_does_not_have()
    {
        var (ex, _) = LoadEdited2020(root => Pair(root, 3)["earlierArea"] = "9");
        Assert.Equal(["areaMappings[0].areas[3].earlierArea (area 4): area '9' is not an area of version 2010; its areas are 1, 2, 3, 4, 5, 6, 7, 8"], ex.Errors);
    }

    [Fact]
    public void An_area_that_this_version_does_not_have()
    {
        var (ex, _) = LoadEdited2020(root => Pair(root, 0)["area"] = "0");
        Assert.Equal(["areaMappings[0].areas[0].area: area '0' is not an area of version 2020"], ex.Errors);
    }

    [Fact]
    public void The_mapping_is_one_to_one()
    {
        var (ex, _) = LoadEdited2020(root =>
        {
            Pair(root, 1)["area"] = "1";
            Pair(root, 2)["earlierArea"] = "1";
        });
        Assert.Contains("areaMappings[0].areas[1].area: area '1' is mapped more than once (first at areaMappings[0].areas[0])", ex.Errors);
        Assert.Contains("areaMappings[0].areas[2].earlierArea: earlier area '1' is already the counterpart of another area (at areaMappings[0].areas[0]); a mapping is one to one", ex.Errors);
    }

    [Fact]
    public void A_version_cannot_map_to_itself_or_twice_to_one_version()
    {
        var (self, _) = LoadEdited2020(root => root["areaMappings"]![0]!["version"] = "2020");
        Assert.Equal(["areaMappings[0].version: version '2020' is this file's own version; map to an earlier version"], self.Errors);

        var (twice, _) = LoadEdited2020(root => root["areaMappings"]!.AsArray().Add(root["areaMappings"]![0]!.DeepClone()));
        Assert.Equal(["areaMappings[1].version: version '2010' is mapped more than once (first at areaMappings[0])"], twice.Errors);
    }

    [Fact]
    public void An_empty_or_blank_mapping()
    {
        var (empty, _) = LoadEdited2020(root => root["areaMappings"]![0]!["areas"] = new JsonArray());
        Assert.Equal(["areaMappings[0].areas: areas must list at least one pair of area and earlierArea"], empty.Errors);

        var (blank, _) = LoadEdited2020(root => Pair(root, 5)["earlierArea"] = " ");
        Assert.Equal(["areaMappings[0].areas[5].earlierArea: earlierArea must not be blank"], blank.Errors);
    }

    [Fact]
    public void A_mapping_declared_in_both_files_is_ambiguous()
    {
        _dir.WriteShipped("2020");
        var file = _dir.WriteEdited("2010.json", "2010", root => root["areaMappings"] = JsonNode.Parse("""
            [ { "version": "2020", "areas": [ { "area": "1", "earlierArea": "1" } ] } ]
            """));
        var ex = Assert.Throws<FrameworkCatalogueException>(_dir.Load);
        Assert.Equal(file, ex.FilePath);
        Assert.Contains("also maps version 2020 to 2010; declare a mapping once, in the later version's file", Assert.Single(ex.Errors));
    }

    [Fact]
    public void A_misspelt_mapping_property_is_rejected()
    {
        _dir.WriteShipped("2010");
        var file = _dir.Write("2020.json", TempFrameworkDirectory.ShippedJson("2020").Replace("\"earlierArea\": \"8\"", "\"earlyArea\": \"8\""));
        var ex = Assert.Throws<FrameworkCatalogueException>(_dir.Load);
        Assert.Contains(file, ex.Message);
        Assert.Contains("earlyArea", ex.Message);
    }

    [Fact]
    public void A_partial_mapping_loads_and_says_it_does_not_cover_every_area()
    {
        _dir.WriteShipped("2010");
        _dir.WriteEdited("2020.json", "2020", root => root["areaMappings"]![0]!["areas"]!.AsArray().RemoveAt(7));
        var map = _dir.Load().AreaMap("2020", "2010");
        Assert.False(map.CoversAllAreas);
        Assert.Null(map.Map("8"));
    }
}
