using System.Xml.Linq;
using Kompass.Domain.Analytics;
using Kompass.Domain.Evaluations;
using Kompass.Domain.Frameworks;
using Kompass.Domain.Kommuner;

namespace Kompass.Gateway.Tests.Charts;

internal static class ChartFixtures
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly Lazy<FrameworkCatalogue> ShippedCatalogue =
        new(() => FrameworkCatalogue.LoadDirectory(FrameworkCatalogue.DefaultDirectory));

    private static readonly Lazy<KommuneReference> ShippedReference =
        new(() => KommuneReference.Load(KommuneReference.DefaultDirectory));

    public static FrameworkCatalogue Catalogue => ShippedCatalogue.Value;

    public static KommuneReference Reference => ShippedReference.Value;

    public static FrameworkDefinition V2020 => Catalogue.Get("2020");

    /// <summary>A result of <paramref name="kommune"/> under <paramref name="version"/>, with its total when all 8 areas are given.</summary>
    public static PublishedResult Result(string kommune, DateOnly on, string version, params int?[] areaScores)
    {
        var areas = areaScores.Select((s, i) => (Code: (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Score: s))
            .Where(a => a.Score is not null)
            .ToDictionary(a => a.Code, a => a.Score!.Value);
        return new PublishedResult($"{kommune}/eval/{on.Year}-1", kommune, version, on, areas, areas.Count == 8 ? areas.Values.Sum() : null);
    }

    public static ResultAggregate Aggregate(params PublishedResult[] results)
    {
        var aggregate = new ResultAggregate(new AnalyticsState(), Catalogue);
        foreach (var result in results)
            aggregate.Apply(result, 1);
        return aggregate;
    }

    /// <summary>
    /// Parses the chart and checks what every chart must have: an SVG root with a viewBox the size of the
    /// chart, a title and a description first (named by aria-labelledby), the language, and labels as text.
    /// </summary>
    public static XDocument Parse(string svg, string language)
    {
        var document = XDocument.Parse(svg);
        var root = document.Root!;
        Assert.Equal(Svg + "svg", root.Name);
        Assert.Equal($"0 0 {(string?)root.Attribute("width")} {(string?)root.Attribute("height")}", (string?)root.Attribute("viewBox"));
        Assert.Equal("img", (string?)root.Attribute("role"));
        var ids = root.Descendants().Select(e => (string?)e.Attribute("id")).Where(id => id is not null).ToList();
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        Assert.Equal(language, (string?)root.Attribute(XNamespace.Xml + "lang"));
        var first = root.Elements().Take(2).ToList();
        Assert.Equal([Svg + "title", Svg + "desc"], first.Select(e => e.Name));
        Assert.All(first, e => Assert.False(string.IsNullOrWhiteSpace(e.Value)));
        Assert.Equal(string.Join(" ", first.Select(e => (string?)e.Attribute("id"))), (string?)root.Attribute("aria-labelledby"));
        // Every reference (the clip paths) points at an element of this document.
        var references = root.DescendantsAndSelf().Attributes()
            .SelectMany(a => System.Text.RegularExpressions.Regex.Matches(a.Value, @"url\(#([^)]+)\)").Select(m => m.Groups[1].Value));
        Assert.All(references, id => Assert.Contains(id, ids));
        // Labels are text, tidied: no indentation in their content, glyph position lists the SVG grammar accepts.
        var texts = root.Descendants(Svg + "text").ToList();
        Assert.NotEmpty(texts);
        Assert.All(texts, t =>
        {
            Assert.Equal(t.Value.Trim(), t.Value);
            Assert.False(((string?)t.Attribute("x") ?? "").EndsWith(','));
            Assert.EndsWith("sans-serif", (string?)t.Attribute("font-family"));
        });
        return document;
    }

    public static string Title(XDocument chart) => chart.Root!.Element(Svg + "title")!.Value;

    public static string Description(XDocument chart) => chart.Root!.Element(Svg + "desc")!.Value;

    /// <summary>The chart's visible labels: the content of every &lt;text&gt;, one per line of a label.</summary>
    public static IReadOnlyList<string> Texts(XDocument chart) => [.. chart.Descendants(Svg + "text").Select(t => t.Value)];

    /// <summary>All labels in one string, so a label wrapped over lines reads whole.</summary>
    public static string AllText(XDocument chart) => string.Join(" ", Texts(chart));
}
