using Kompass.Domain.Frameworks;

namespace Kompass.Domain.Tests.Frameworks;

/// <summary>Catalogues built in memory, and the scoring point index of a definition.</summary>
public sealed class FrameworkDefinitionTests
{
    private static LocalizedName Name(string text) => new(text, text + " (sv)");

    /// <summary>A minimal valid version: 8 areas; area 1 has two sub-areas, the first with two questions.</summary>
    private static FrameworkDefinition Minimal(string version = "test")
    {
        var first = new FocusArea("1", null, Name("Område 1"), 100,
        [
            new SubArea("1.1", Name("Del 1.1"), 60, [new Question("1.1.1", Name("Q1"), 30), new Question("1.1.2", Name("Q2"), 30)]),
            new SubArea("1.2", Name("Del 1.2"), 40, []),
        ]);
        var rest = Enumerable.Range(2, 7).Select(i => new FocusArea($"{i}", null, Name($"Område {i}"), 100, []));
        return new FrameworkDefinition(version, Name("Test"), new RatingScale(0, 4), [], [first, .. rest]);
    }

    [Fact]
    public void A_valid_definition_in_memory_builds_a_catalogue()
    {
        var catalogue = FrameworkCatalogue.FromDefinitions([Minimal("b"), Minimal("a")]);
        Assert.Equal(["a", "b"], catalogue.Versions);
        Assert.Equal(["1.1.1", "1.1.2", "1.2", "2", "3", "4", "5", "6", "7", "8"], catalogue.Get("a").ScoringPoints.Select(p => p.Code));
    }

    [Fact]
    public void Definitions_in_memory_are_validated_too()
    {
        var broken = Minimal() with { RatingScale = new RatingScale(3, 3) };
        var ex = Assert.Throws<FrameworkCatalogueException>(() => FrameworkCatalogue.FromDefinitions([broken]));
        Assert.StartsWith("Framework definition #1 (version 'test') is invalid", ex.Message);
        Assert.Contains("ratingScale.max: ratingScale max must be greater than min (max 3, min 3)", ex.Message);
        Assert.Null(ex.FilePath);
    }

    [Fact]
    public void Null_lists_in_memory_are_reported_not_thrown_as_null_references()
    {
        var broken = Minimal() with { Perspectives = null!, Areas = null! };
        var ex = Assert.Throws<FrameworkCatalogueException>(() => FrameworkCatalogue.FromDefinitions([broken]));
        Assert.Contains("perspectives: perspectives must be a list (empty when the version has none)", ex.Errors);
        Assert.Contains("areas: areas must be a list", ex.Errors);
    }

    [Fact]
    public void Duplicate_versions_in_memory_are_rejected()
    {
        var ex = Assert.Throws<FrameworkCatalogueException>(() => FrameworkCatalogue.FromDefinitions([Minimal("x"), Minimal("x")]));
        Assert.Contains("Framework definition #2 (version 'x'): version 'x' is already defined by Framework definition #1", ex.Message);
    }

    [Fact]
    public void An_empty_catalogue_is_rejected()
    {
        Assert.Throws<FrameworkCatalogueException>(() => FrameworkCatalogue.FromDefinitions([]));
    }

    [Fact]
    public void Codes_are_unique_across_perspectives_areas_sub_areas_and_questions()
    {
        var f = Minimal() with { Perspectives = [new Perspective("1.2", Name("P"))] };
        var result = new FrameworkValidator().Validate(f);
        Assert.Contains(result.Errors, e => e.PropertyName == "areas[0].subAreas[1].code" && e.ErrorMessage.Contains("used more than once"));
    }

    [Fact]
    public void FindScoringPoint_uses_an_index_that_follows_with_copies()
    {
        var f = Minimal();
        Assert.Equal(30m, f.FindScoringPoint("1.1.2")?.MaxPoints);
        Assert.Null(f.FindScoringPoint("1.1")); // scored through its questions
        Assert.Null(f.FindScoringPoint(null!));

        // A copy with other areas must not see the original's index.
        var changed = f with { Areas = [.. f.Areas.Skip(1), new FocusArea("9", null, Name("Ny"), 100, [])] };
        Assert.Null(changed.FindScoringPoint("1.1.2"));
        Assert.Equal("9", changed.FindScoringPoint("9")?.AreaCode);
        Assert.Equal(30m, f.FindScoringPoint("1.1.2")?.MaxPoints);
    }

    [Fact]
    public void The_index_does_not_take_part_in_record_equality()
    {
        var f = Minimal();
        var copy = f with { };
        _ = f.FindScoringPoint("2"); // only f has built its index
        Assert.Equal(f, copy);
        Assert.Equal(f.GetHashCode(), copy.GetHashCode());
    }
}
