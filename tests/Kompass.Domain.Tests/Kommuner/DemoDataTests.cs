using System.Globalization;
using System.Text.Json;
using Kompass.Domain.Kommuner;

namespace Kompass.Domain.Tests.Kommuner;

/// <summary>
/// Checks <c>demo/demo-data.json</c> against the rules the importer enforces (see <c>demo/README.md</c>).
/// </summary>
public sealed class DemoDataTests
{
    private static readonly string DemoFile = Path.Combine(AppContext.BaseDirectory, "demo", "demo-data.json");
    private static readonly string[] FrameworkVersions = ["2010", "2020"];
    private const int AreasPerVersion = 8;

    private static JsonElement Root()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(DemoFile));
        return doc.RootElement.Clone();
    }

    private static int WholeNumber(JsonElement value, string what)
    {
        Assert.True(value.ValueKind == JsonValueKind.Number, $"{what} is not a number: {value.GetRawText()}");
        var raw = value.GetRawText();
        Assert.True(raw.All(c => char.IsAsciiDigit(c) || c == '-'), $"{what} is not a whole number: {raw}");
        Assert.True(value.TryGetInt32(out var number), $"{what} is out of range: {raw}");
        return number;
    }

    [Fact]
    public void Label_says_it_is_demo_data()
    {
        var label = Root().GetProperty("label").GetString();

        Assert.False(string.IsNullOrWhiteSpace(label));
        Assert.Contains("DEMO DATA", label);
        Assert.Contains("not an official record", label);
    }

    [Fact]
    public void Every_kommune_is_in_the_reference_list_once()
    {
        var reference = KommuneReference.Load(KommuneReference.DefaultDirectory);
        var ids = Root().GetProperty("kommuner").EnumerateArray()
            .Select(k => k.GetProperty("id").GetString())
            .ToList();

        Assert.Equal(new[] { "NO-5027", "NO-5034" }, ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id =>
        {
            Assert.True(KommuneId.TryParse(id, out var parsed), $"'{id}' is not a kommune id");
            Assert.True(reference.TryFind(parsed, out _), $"{id} is not in the reference list");
        });
    }

    [Fact]
    public void Historical_results_follow_the_import_rules()
    {
        var root = Root();
        var kommuner = root.GetProperty("kommuner").EnumerateArray().Select(k => k.GetProperty("id").GetString()).ToHashSet();
        var results = root.GetProperty("historicalResults").EnumerateArray().ToList();
        Assert.NotEmpty(results);

        var seen = new HashSet<(string?, string?, string?)>();
        foreach (var result in results)
        {
            var kommuneId = result.GetProperty("kommuneId").GetString();
            var version = result.GetProperty("frameworkVersion").GetString();
            var on = result.GetProperty("evaluatedOn").GetString();
            var where = $"{kommuneId} {version} {on}";

            Assert.Contains(kommuneId, kommuner);
            Assert.Contains(version, FrameworkVersions);
            Assert.True(DateOnly.TryParseExact(on, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                $"{where}: evaluatedOn is not an ISO date");
            Assert.True(seen.Add((kommuneId, version, on)), $"{where}: listed twice");
            Assert.False(string.IsNullOrWhiteSpace(result.GetProperty("source").GetString()), $"{where}: no source");

            var scores = result.GetProperty("areaScores").EnumerateObject().ToList();
            var sum = 0;
            foreach (var area in scores)
            {
                Assert.True(int.TryParse(area.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
                            && code is >= 1 and <= AreasPerVersion
                            && area.Name == code.ToString(CultureInfo.InvariantCulture),
                    $"{where}: '{area.Name}' is not an area code 1-{AreasPerVersion}");
                var points = WholeNumber(area.Value, $"{where} area {area.Name}");
                Assert.InRange(points, 0, 100);
                sum += points;
            }
            Assert.Equal(scores.Count, scores.Select(s => s.Name).Distinct().Count());

            var total = result.GetProperty("total");
            var notHeld = result.TryGetProperty("scoresNotHeld", out var flag) && flag.GetBoolean();
            if (notHeld)
            {
                Assert.Empty(scores);
                Assert.Equal(JsonValueKind.Null, total.ValueKind);
                continue;
            }
            if (total.ValueKind == JsonValueKind.Null)
            {
                Assert.NotEmpty(scores);
                continue;
            }

            var totalPoints = WholeNumber(total, $"{where} total");
            Assert.InRange(totalPoints, 0, 800);
            if (scores.Count == AreasPerVersion)
                Assert.Equal(sum, totalPoints);
            else
                Assert.InRange(totalPoints, sum, sum + 100 * (AreasPerVersion - scores.Count));
        }
    }

    [Fact]
    public void Midtre_Gauldal_results_are_those_read_from_the_seed()
    {
        var results = Root().GetProperty("historicalResults").EnumerateArray()
            .Where(r => r.GetProperty("kommuneId").GetString() == "NO-5027")
            .ToDictionary(
                r => r.GetProperty("evaluatedOn").GetString()!,
                r => (Version: r.GetProperty("frameworkVersion").GetString(),
                      Scores: r.GetProperty("areaScores").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32())));

        Assert.Equal(new[] { "2010-01-01", "2015-01-01", "2023-03-02" }, results.Keys.Order(StringComparer.Ordinal));

        Assert.Equal("2020", results["2023-03-02"].Version);
        Assert.Equal(new Dictionary<string, int> { ["1"] = 62, ["3"] = 87, ["4"] = 68, ["7"] = 69 }, results["2023-03-02"].Scores);

        // 2010 and 2015 were scored under version 2010: 2020 area 4 (Effektivitet) is 2010 area 5.
        Assert.Equal("2010", results["2015-01-01"].Version);
        Assert.Equal(new Dictionary<string, int> { ["1"] = 34, ["5"] = 38 }, results["2015-01-01"].Scores);
        Assert.Equal("2010", results["2010-01-01"].Version);
        Assert.Equal(new Dictionary<string, int> { ["1"] = 28, ["5"] = 22 }, results["2010-01-01"].Scores);
    }

    [Fact]
    public void Meraker_has_no_invented_result()
    {
        // Seed 004 says Meråker was evaluated in autumn 2022 and gives no score: its evaluation is recorded without any.
        var meraker = Assert.Single(Root().GetProperty("historicalResults").EnumerateArray(),
            r => r.GetProperty("kommuneId").GetString() == "NO-5034");

        Assert.True(meraker.GetProperty("scoresNotHeld").GetBoolean());
        Assert.Empty(meraker.GetProperty("areaScores").EnumerateObject());
        Assert.Equal(JsonValueKind.Null, meraker.GetProperty("total").ValueKind);
        Assert.Equal("2020", meraker.GetProperty("frameworkVersion").GetString());
    }
}
