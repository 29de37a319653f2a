using System.Text.Json.Nodes;
using Kompass.Domain.Frameworks;

namespace Kompass.Domain.Tests.Frameworks;

/// <summary>
/// Every broken catalogue must stop the load with a message that names the file, the element and the rule,
/// so whoever edits the data can fix it without reading code.
/// </summary>
public sealed class BrokenFrameworkFileTests : IDisposable
{
    private readonly TempFrameworkDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static JsonObject Area(JsonObject root, int a) => root["areas"]![a]!.AsObject();
    private static JsonObject Sub(JsonObject root, int a, int s) => Area(root, a)["subAreas"]![s]!.AsObject();
    private static JsonObject Question(JsonObject root, int a, int s, int q) => Sub(root, a, s)["questions"]![q]!.AsObject();

    /// <summary>Writes an edited copy of 2020 (next to a valid 2010), loads, and returns the failure.</summary>
    private (FrameworkCatalogueException Error, string File) LoadEdited2020(Action<JsonObject> edit)
    {
        _dir.WriteShipped("2010");
        var file = _dir.WriteEdited("2020.json", "2020", edit);
        var ex = Assert.Throws<FrameworkCatalogueException>(_dir.Load);
        Assert.Contains(file, ex.Message);
        Assert.Equal(file, ex.FilePath);
        return (ex, file);
    }

    [Fact]
    public void An_area_whose_scoring_points_add_up_to_99()
    {
        var (ex, _) = LoadEdited2020(root => Sub(root, 0, 0)["maxPoints"] = 19);
        Assert.Contains("areas[0].subAreas (area 1): scoring points add up to 99 points, but the area's maxPoints is 100", ex.Message);
        Assert.Single(ex.Errors);
    }

    [Fact]
    public void Versions_totalling_700()
    {
        var (ex, _) = LoadEdited2020(root => root["areas"]!.AsArray().RemoveAt(7));
        Assert.Equal(["areas: areas add up to 700 points in all; a version must total exactly 800",
                      "areaMappings[0].areas[7].area: area '8' is not an area of version 2020"], ex.Errors);
    }

    [Fact]
    public void An_area_worth_other_than_100_points()
    {
        // Sub-areas follow the area so that only the area and total rules break.
        var (ex, _) = LoadEdited2020(root =>
        {
            Area(root, 1)["maxPoints"] = 80;
            foreach (var sub in Area(root, 1)["subAreas"]!.AsArray()) sub!["maxPoints"] = 20;
        });
        Assert.Contains("areas[1].maxPoints (area 2): area maxPoints must be 100 (was 80)", ex.Errors);
        Assert.Contains("areas: areas add up to 780 points in all; a version must total exactly 800", ex.Errors);
        Assert.Equal(2, ex.Errors.Count);
    }

    [Fact]
    public void A_duplicate_code()
    {
        var (ex, _) = LoadEdited2020(root => Sub(root, 0, 1)["code"] = "1.1");
        Assert.Equal(
            ["areas[0].subAreas[1].code (area 1 / sub-area 1.1): code '1.1' is used more than once (first at areas[0].subAreas[0].code)"],
            ex.Errors);
    }

    [Fact]
    public void A_duplicate_area_code()
    {
        var (ex, _) = LoadEdited2020(root => Area(root, 4)["code"] = "4");
        Assert.Contains("areas[4].code (area 4): code '4' is used more than once (first at areas[3].code)", ex.Errors);
        // its sub-areas 5.x no longer sit under their area's code either
        Assert.Contains("areas[4].subAreas[0].code (area 4 / sub-area 5.1): sub-area code '5.1' must start with '4.' (its area's code and a dot)", ex.Errors);
    }

    [Fact]
    public void A_missing_swedish_area_name()
    {
        var (ex, _) = LoadEdited2020(root => Area(root, 3)["name"]!.AsObject().Remove("sv"));
        Assert.Equal(["areas[3].name.sv (area 4): Swedish (sv) wording must not be blank"], ex.Errors);
    }

    [Fact]
    public void A_blank_swedish_question_text_and_a_blank_norwegian_perspective_name()
    {
        var (ex, _) = LoadEdited2020(root =>
        {
            Question(root, 5, 2, 1)["text"]!["sv"] = "   ";
            root["perspectives"]![2]!["name"]!["nb"] = "";
        });
        Assert.Contains("areas[5].subAreas[2].questions[1].text.sv (area 6 / sub-area 6.3 / question 6.3.2): Swedish (sv) wording must not be blank", ex.Errors);
        Assert.Contains("perspectives[2].name.nb (perspective C): Norwegian (nb) wording must not be blank", ex.Errors);
    }

    [Fact]
    public void A_missing_sub_area_name()
    {
        var (ex, _) = LoadEdited2020(root => Sub(root, 7, 3).Remove("name"));
        Assert.Equal(["areas[7].subAreas[3].name (area 8 / sub-area 8.4): sub-area name is required"], ex.Errors);
    }

    [Fact]
    public void An_unknown_perspective()
    {
        var (ex, _) = LoadEdited2020(root => Area(root, 2)["perspective"] = "E");
        Assert.Equal(["areas[2].perspective (area 3): perspective 'E' is not declared; declared perspectives: A, B, C, D"], ex.Errors);
    }

    [Fact]
    public void A_missing_perspective_when_the_version_declares_perspectives()
    {
        var (ex, _) = LoadEdited2020(root => Area(root, 0).Remove("perspective"));
        Assert.Equal(["areas[0].perspective (area 1): perspective is required because the version declares perspectives (A, B, C, D)"], ex.Errors);
    }

    [Fact]
    public void A_perspective_in_a_version_without_perspectives()
    {
        _dir.WriteShipped("2020");
        var file = _dir.WriteEdited("2010.json", "2010", root => Area(root, 0)["perspective"] = "A");
        var ex = Assert.Throws<FrameworkCatalogueException>(_dir.Load);
        Assert.Contains(file, ex.Message);
        Assert.Equal(["areas[0].perspective (area 1): perspective 'A' is not declared (the version declares no perspectives)"], ex.Errors);
    }

    [Theory]
    [InlineData(4, 4, "ratingScale.max: ratingScale max must be greater than min (max 4, min 4)")]
    [InlineData(2, 1, "ratingScale.max: ratingScale max must be greater than min (max 1, min 2)")]
    [InlineData(-1, 4, "ratingScale.min: ratingScale min must be 0 or more (was -1)")]
    public void A_bad_rating_scale(int min, int max, string expected)
    {
        var (ex, _) = LoadEdited2020(root => root["ratingScale"] = new JsonObject { ["min"] = min, ["max"] = max });
        Assert.Equal([expected], ex.Errors);
    }

    [Fact]
    public void A_missing_rating_scale()
    {
        var (ex, _) = LoadEdited2020(root => root.Remove("ratingScale"));
        Assert.Equal(["ratingScale: ratingScale is required"], ex.Errors);
    }

    [Fact]
    public void Question_codes_outside_their_sub_area()
    {
        var (ex, _) = LoadEdited2020(root =>
        {
            Question(root, 5, 2, 0)["code"] = "6.4.1";
            Question(root, 6, 2, 1)["code"] = "7.3";
        });
        Assert.Contains("areas[5].subAreas[2].questions[0].code (area 6 / sub-area 6.3 / question 6.4.1): question code '6.4.1' must start with '6.3.' (its sub-area's code and a dot)", ex.Errors);
        Assert.Contains("areas[6].subAreas[2].questions[1].code (area 7 / sub-area 7.3 / question 7.3): question code '7.3' must start with '7.3.' (its sub-area's code and a dot)", ex.Errors);
    }

    [Fact]
    public void A_sub_area_code_outside_its_area()
    {
        var (ex, _) = LoadEdited2020(root => Sub(root, 1, 0)["code"] = "3.9");
        Assert.Equal(["areas[1].subAreas[0].code (area 2 / sub-area 3.9): sub-area code '3.9' must start with '2.' (its area's code and a dot)"], ex.Errors);
    }

    [Fact]
    public void Questions_that_do_not_add_up_to_their_sub_area()
    {
        var (ex, _) = LoadEdited2020(root => Question(root, 6, 2, 1)["maxPoints"] = 10);
        Assert.Equal(
            ["areas[6].subAreas[2].questions (area 7 / sub-area 7.3): questions add up to 22.5 points, but the sub-area's maxPoints is 25",
             "areas[6].subAreas (area 7): scoring points add up to 97.5 points, but the area's maxPoints is 100"],
            ex.Errors);
    }

    [Fact]
    public void Points_that_are_not_positive()
    {
        var (ex, _) = LoadEdited2020(root =>
        {
            Question(root, 5, 2, 0)["maxPoints"] = 0;
            Question(root, 5, 2, 1)["maxPoints"] = 25;
        });
        Assert.Equal(["areas[5].subAreas[2].questions[0].maxPoints (area 6 / sub-area 6.3 / question 6.3.1): question maxPoints must be greater than 0 (was 0)"], ex.Errors);
    }

    [Fact]
    public void A_sub_area_with_negative_points()
    {
        var (ex, _) = LoadEdited2020(root =>
        {
            Sub(root, 2, 0)["maxPoints"] = -25;
            Sub(root, 2, 1)["maxPoints"] = 75;
        });
        Assert.Equal(["areas[2].subAreas[0].maxPoints (area 3 / sub-area 3.1): sub-area maxPoints must be greater than 0 (was -25)"], ex.Errors);
    }

    [Theory]
    [InlineData("")]
    [InlineData("20 20")]
    [InlineData("2020/1")]
    public void A_bad_version_identifier(string version)
    {
        var (ex, _) = LoadEdited2020(root => root["version"] = version);
        Assert.Single(ex.Errors);
        Assert.StartsWith("version: version ", ex.Errors[0]);
    }

    [Fact]
    public void A_null_area()
    {
        var (ex, _) = LoadEdited2020(root => root["areas"]![7] = null);
        Assert.Contains("areas[7]: area must not be null", ex.Errors);
        Assert.Contains("areas: areas add up to 700 points in all; a version must total exactly 800", ex.Errors);
    }

    [Fact]
    public void A_blank_sub_area_code()
    {
        var (ex, _) = LoadEdited2020(root => Sub(root, 3, 4)["code"] = " ");
        Assert.Equal(["areas[3].subAreas[4].code (area 4 / sub-area without code): sub-area code must not be blank"], ex.Errors);
    }

    [Fact]
    public void Malformed_json_names_the_file_and_the_line()
    {
        _dir.WriteShipped("2010");
        var file = _dir.Write("2020.json", """
            {
              "version": "2020",
              "name": { "nb": "Kommunekompasset", "sv": "Kommunkompassen" }
              "ratingScale": { "min": 0, "max": 4 }
            }
            """);
        var ex = Assert.Throws<FrameworkCatalogueException>(_dir.Load);
        Assert.Contains($"Framework file '{file}' is not a valid framework document: line 4,", ex.Message);
        Assert.Equal(file, ex.FilePath);
        Assert.NotNull(ex.InnerException);
    }

    [Fact]
    public void A_misspelt_property_is_rejected_with_its_line()
    {
        _dir.WriteShipped("2010");
        var file = _dir.Write("2020.json", TempFrameworkDirectory.ShippedJson("2020").Replace("\"maxPoints\": 12.5", "\"maxPoint\": 12.5"));
        var ex = Assert.Throws<FrameworkCatalogueException>(_dir.Load);
        Assert.Contains(file, ex.Message);
        Assert.Matches(@"line \d+,", ex.Message);
        Assert.Contains("maxPoint", ex.Message);
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_its_path()
    {
        var file = _dir.WriteEdited("2020.json", "2020", root => Sub(root, 0, 2)["maxPoints"] = "twenty");
        var ex = Assert.Throws<FrameworkCatalogueException>(_dir.Load);
        Assert.Contains(file, ex.Message);
        Assert.Contains("$.areas[0].subAreas[2].maxPoints", ex.Message);
    }

    [Fact]
    public void A_file_containing_null()
    {
        var file = _dir.Write("2020.json", "null");
        var ex = Assert.Throws<FrameworkCatalogueException>(_dir.Load);
        Assert.Equal($"Framework file '{file}' contains null, not a framework object.", ex.Message);
    }

    [Fact]
    public void The_same_version_in_two_files()
    {
        var original = _dir.WriteShipped("2020");
        var copy = _dir.Write("copy-of-2020.json", TempFrameworkDirectory.ShippedJson("2020"));
        var ex = Assert.Throws<FrameworkCatalogueException>(_dir.Load);
        // files are read in name order, so the copy is the second definition
        Assert.Contains($"Framework file '{copy}': version '2020' is already defined by Framework file '{original}'", ex.Message);
        Assert.Equal(copy, ex.FilePath);
    }

    [Fact]
    public void An_empty_directory()
    {
        _dir.Write("README.txt", "not a framework");
        var ex = Assert.Throws<FrameworkCatalogueException>(_dir.Load);
        Assert.Equal($"Framework directory '{_dir.Path}' contains no framework files (*.json).", ex.Message);
    }

    [Fact]
    public void A_missing_directory()
    {
        var missing = Path.Combine(_dir.Path, "nope");
        var ex = Assert.Throws<FrameworkCatalogueException>(() => FrameworkCatalogue.LoadDirectory(missing));
        Assert.Equal($"Framework directory '{missing}' does not exist.", ex.Message);
    }

    [Fact]
    public void All_errors_of_a_file_are_reported_at_once()
    {
        var (ex, file) = LoadEdited2020(root =>
        {
            Area(root, 0)["name"]!["sv"] = "";
            Area(root, 1)["perspective"] = "X";
            Sub(root, 2, 0)["maxPoints"] = 24;
        });
        Assert.Equal(3, ex.Errors.Count);
        Assert.StartsWith($"Framework file '{file}' is invalid (3 error(s)):", ex.Message);
        Assert.All(ex.Errors, e => Assert.Contains(e, ex.Message));
    }
}
