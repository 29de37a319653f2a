using ScottPlot;
using SkiaSharp;

namespace Kompass.Charts;

/// <summary>
/// The charts' typeface, DejaVu Sans, shipped inside this assembly (Fonts/LICENSE.txt). SkiaSharp measures every
/// label with it and writes glyph positions from it into the SVG; on a host without fonts (the ASP.NET runtime
/// image has none) SkiaSharp's SVG canvas silently drops every label, and with the host's fonts the layout would
/// differ from host to host.
/// </summary>
internal sealed class EmbeddedFont : IFontResolver
{
    public const string Name = "DejaVu Sans";

    private static readonly Lazy<SKTypeface> Typeface = new(Load);

    // Every weight and slant gets the one face: the charts use neither bold nor italic, and ScottPlot caches the answer.
    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) =>
        fontName == Name ? Typeface.Value : null;

    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
        fontName == Name ? Typeface.Value : null;

    private static SKTypeface Load()
    {
        using var stream = typeof(EmbeddedFont).Assembly.GetManifestResourceStream("Kompass.Charts.Fonts.DejaVuSans.ttf")
            ?? throw new InvalidOperationException("The charts' font is not embedded in Kompass.Charts.");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException("SkiaSharp could not read the charts' font.");
    }
}
