using System.Text;
using System.Xml;
using System.Xml.Linq;
using ScottPlot;

namespace Kompass.Charts;

/// <summary>
/// Renders a ScottPlot plot to SVG and makes it an accessible document: a viewBox, <c>&lt;title&gt;</c> and
/// <c>&lt;desc&gt;</c> (named by <c>aria-labelledby</c>), the language, and tidy <c>&lt;text&gt;</c> elements.
/// SkiaSharp's SVG canvas writes every label as <c>&lt;text&gt;</c> already (docs/charts.md); this only completes it.
/// </summary>
internal static class ChartSvg
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly XNamespace Xml = XNamespace.Xml;

    static ChartSvg()
    {
        // Runs once, before the first plot: ScottPlot asks its resolvers in order and caches the typeface; labels
        // added to a plot after its font is set (texts, notes) take the default.
        Fonts.FontResolvers.Insert(0, new EmbeddedFont());
        Fonts.Default = EmbeddedFont.Name;
    }

    /// <summary>A plot with the charts' common look: the embedded sans-serif font, a larger title.</summary>
    public static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Font.Set(EmbeddedFont.Name);
        plot.Axes.Title.Label.FontSize = 18;
        return plot;
    }

    /// <summary>A note the reader must not miss (a caveat, why a series is absent), boxed in the plot's upper left corner.</summary>
    public static void AddNote(Plot plot, string note, int wrapAt = 90)
    {
        var annotation = plot.Add.Annotation(Wrap(Clean(note), wrapAt), Alignment.UpperLeft);
        annotation.LabelFontSize = 13;
        annotation.LabelFontColor = Palette.Note;
        annotation.LabelBackgroundColor = Palette.NoteBackground;
        annotation.LabelBorderColor = Palette.Note;
        annotation.LabelShadowColor = Colors.Transparent;
    }

    public static string Render(Plot plot, int width, int height, string title, string description, ChartLanguage language) =>
        Complete(plot.GetSvgXml(width, height), width, height, title, description, language);

    private static string Complete(string svg, int width, int height, string title, string description, ChartLanguage language)
    {
        var document = XDocument.Parse(svg);
        var root = document.Root ?? throw new InvalidOperationException("ScottPlot wrote an SVG without a root element.");
        root.SetAttributeValue("viewBox", FormattableString.Invariant($"0 0 {width} {height}"));
        root.SetAttributeValue("role", "img");
        root.SetAttributeValue(Xml + "lang", language.Code);
        var prefix = RenumberIds(root, title + "\n" + description);
        root.SetAttributeValue("aria-labelledby", $"{prefix}-title {prefix}-desc");
        root.AddFirst(
            new XElement(Svg + "title", new XAttribute("id", $"{prefix}-title"), Clean(title)),
            new XElement(Svg + "desc", new XAttribute("id", $"{prefix}-desc"), Clean(description)));

        var texts = root.Descendants(Svg + "text").ToList();
        if (texts.Count == 0)
            throw new InvalidOperationException("SkiaSharp wrote the chart without a single label: it had no font to set them in.");
        foreach (var text in texts)
        {
            // Skia indents the content (the whitespace would be collapsed anyway) and ends its glyph position lists
            // with ", ", which the SVG grammar does not allow; the positions themselves keep ScottPlot's layout.
            text.Value = text.Value.Trim();
            foreach (var name in new[] { "x", "y" })
                if (text.Attribute(name) is { } positions)
                    positions.Value = positions.Value.Trim().TrimEnd(',').Trim();
            if (text.Attribute("font-family") is { } family && !family.Value.Contains(','))
                family.Value += ", sans-serif";
        }

        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + root.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>
    /// Gives the document's ids (Skia's clip paths) names of its own: Skia numbers them from a counter shared by the
    /// process, so the same chart would differ from one request to the next (no caching by content) and two charts
    /// inlined in one page could not clash anyway. The prefix is taken from the chart's content, so it is stable.
    /// </summary>
    private static string RenumberIds(XElement root, string content)
    {
        var prefix = "kc" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..8];
        var renamed = new Dictionary<string, string>();
        foreach (var element in root.Descendants().Where(e => e.Attribute("id") is not null))
        {
            var id = element.Attribute("id")!;
            renamed[id.Value] = $"{prefix}-{renamed.Count + 1}";
            id.Value = renamed[id.Value];
        }
        foreach (var attribute in root.DescendantsAndSelf().Attributes().Where(a => a.Value.Contains('#')))
            foreach (var (from, to) in renamed)
                attribute.Value = attribute.Value.Replace($"#{from})", $"#{to})", StringComparison.Ordinal);
        return prefix;
    }

    /// <summary>
    /// Text as a label can hold it: characters XML cannot carry are dropped (Skia would write them raw and
    /// break the document) and line breaks become spaces, so a name is one label.
    /// </summary>
    public static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\r' or '\n' or '\t')
                clean.Append(' ');
            else if (XmlConvert.IsXmlChar(c) || char.IsSurrogate(c))
                clean.Append(c);
        }
        return clean.ToString().Trim();
    }

    /// <summary>Breaks a label into lines of at most <paramref name="width"/> characters at spaces (a longer word keeps its line).</summary>
    public static string Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }
            if (line.Length > 0)
                line.Append(' ');
            line.Append(word);
        }
        if (line.Length > 0)
            lines.Add(line.ToString());
        return string.Join('\n', lines);
    }
}
