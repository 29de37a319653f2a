using Kompass.Domain.Analytics;
using Kompass.Domain.Evaluations;
using Kompass.Domain.Frameworks;
using Kompass.Domain.Kommuner;
using ScottPlot;

namespace Kompass.Charts;

/// <summary>
/// The radar of one evaluation's focus areas against the mean of the same areas: the mean of the results held
/// here and, when one is recorded, the mean KS or SKR published, each with its label (docs/charts.md).
/// </summary>
public static class RadarChart
{
    public const int Width = 1100;
    public const int Height = 800;

    /// <param name="result">The evaluation's published (or imported) result; an area it does not score has no point.</param>
    /// <param name="framework">The result's framework version: the spokes, their names and maximum points.</param>
    /// <param name="kommuneName">The kommune's name, as the reference list gives it.</param>
    /// <param name="means">The held and published means of the version in the kommune's country, or null when there is none to show.</param>
    public static string Render(PublishedResult result, FrameworkDefinition framework, string kommuneName, MeanComparison? means)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(framework);
        var language = ChartLanguage.Of(KommuneId.Parse(result.KommuneId).Country);
        var name = ChartSvg.Clean(kommuneName);
        var areas = framework.Areas;
        var held = areas.Select(a => MeanOf(means, a.Code, m => m.Held)).ToArray();
        var published = areas.Select(a => MeanOf(means, a.Code, m => m.Published)).ToArray();
        var heldLabel = means?.HeldTotal.Label;
        var publishedLabel = means?.Areas.Select(a => a.Published?.Label).FirstOrDefault(l => l is not null) ?? means?.PublishedTotal?.Label;
        var publishedYear = means?.PublishedTotal?.Year ?? means?.Areas.Select(a => a.Published?.Year).FirstOrDefault(y => y is not null);
        var scores = areas.Select(a => result.AreaScores.TryGetValue(a.Code, out var s) ? (decimal?)s : null).ToArray();
        var maxima = areas.Select(a => a.MaxPoints).ToArray();

        var plot = ChartSvg.NewPlot();
        DrawGrid(plot, areas.Count, maxima.Distinct().Count() == 1 ? maxima[0] : null, language);
        if (held.Any(m => m is not null))
            DrawSeries(plot, Normalise(held, maxima), Palette.HeldMean, fill: false, MarkerShape.FilledSquare);
        if (published.Any(m => m is not null))
            DrawSeries(plot, Normalise(published, maxima), Palette.PublishedMean, fill: false, MarkerShape.FilledDiamond);
        DrawSeries(plot, Normalise(scores, maxima), Palette.Evaluation, fill: true, MarkerShape.FilledCircle);

        var shortHeld = language.Say("snitt", "medel");
        var shortPublished = language.Say($"publisert {publishedYear}", $"publicerat {publishedYear}");
        var lines = new List<string>();
        for (var i = 0; i < areas.Count; i++)
        {
            var area = areas[i];
            var values = new List<string>
            {
                scores[i] is { } s
                    ? $"{language.Number(s)} / {language.Number(area.MaxPoints)}"
                    : language.Say("ikke skåret", "ej poängsatt"),
            };
            if (held[i] is { } h)
                values.Add($"{shortHeld} {language.Number(h)}");
            if (published[i] is { } p)
                values.Add($"{shortPublished} {language.Number(p)}");
            var areaName = $"{area.Code} {ChartSvg.Clean(language.Name(area.Name))}";
            AddSpokeLabel(plot, i, areas.Count, ChartSvg.Wrap(areaName, 26) + "\n" + string.Join(" · ", values));
            lines.Add($"{areaName}: {string.Join(", ", values)}");
        }

        var legend = new List<(string Label, Color Color, MarkerShape Marker)>
        {
            ($"{name} {language.Date(result.EvaluatedOn)}", Palette.Evaluation, MarkerShape.FilledCircle),
        };
        if (heldLabel is not null && held.Any(m => m is not null))
            legend.Add((ChartSvg.Clean(heldLabel), Palette.HeldMean, MarkerShape.FilledSquare));
        if (publishedLabel is not null && published.Any(m => m is not null))
            legend.Add((ChartSvg.Clean(publishedLabel), Palette.PublishedMean, MarkerShape.FilledDiamond));
        var noMean = legend.Count == 1 ? language.Say("Ingen snitt å sammenligne med ennå.", "Inget medelvärde att jämföra med ännu.") : null;
        if (noMean is not null)
            ChartSvg.AddNote(plot, noMean);
        foreach (var (label, color, marker) in legend)
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = label, LineColor = color, LineWidth = 3, MarkerShape = marker, MarkerSize = 8, MarkerFillColor = color, MarkerLineColor = color,
            });
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.FontSize = 14;

        var title = language.Say(
            $"{name}: fokusområdene {language.Date(result.EvaluatedOn)} mot snittet",
            $"{name}: fokusområdena {language.Date(result.EvaluatedOn)} mot medelvärdet");
        plot.Title(title);
        plot.Axes.Frameless();
        plot.Axes.Title.IsVisible = true; // Frameless hides every panel, the title too
        plot.HideGrid();
        plot.Axes.SetLimits(-2.3, 2.3, -1.3, 1.3);
        plot.Axes.SquareUnits();

        var description = $"{title} ({language.FrameworkVersion(framework.Version)}). {string.Join(". ", lines)}. " +
                          (noMean ?? string.Join(". ", legend.Skip(1).Select(l => l.Label)) + ".");
        return ChartSvg.Render(plot, Width, Height, title, description, language);
    }

    private static decimal? MeanOf(MeanComparison? means, string code, Func<AreaMeanComparison, LabelledMean?> pick) =>
        means?.Areas.FirstOrDefault(a => a.Code == code) is { } area ? pick(area)?.Value : null;

    private static double?[] Normalise(decimal?[] values, decimal[] maxima) =>
        [.. values.Select((v, i) => v is { } value && maxima[i] > 0 ? (double?)(double)(value / maxima[i]) : null)];

    // Area i's spoke, clockwise from the top, so area 1 is where a reader starts.
    private static Coordinates At(int i, int count, double radius)
    {
        var angle = Math.PI / 2 - 2 * Math.PI * i / count;
        return new Coordinates(radius * Math.Cos(angle), radius * Math.Sin(angle));
    }

    private static void DrawGrid(Plot plot, int count, decimal? commonMax, ChartLanguage language)
    {
        foreach (var fraction in new[] { 0.25, 0.5, 0.75, 1.0 })
        {
            var ring = plot.Add.Polygon([.. Enumerable.Range(0, count).Select(i => At(i, count, fraction))]);
            ring.FillColor = Colors.Transparent;
            ring.LineColor = Palette.Grid;
            ring.LineWidth = 1;
            // The scale along the first spoke: points when every area has the same maximum, else a share of it.
            var label = commonMax is { } max
                ? language.Number(max * (decimal)fraction)
                : (fraction * 100).ToString("0", language.Culture) + " %";
            var text = plot.Add.Text(label, At(0, count, fraction).X + 0.02, At(0, count, fraction).Y);
            text.LabelFontSize = 11;
            text.LabelFontColor = Colors.Gray;
            text.LabelAlignment = Alignment.LowerLeft;
        }
        for (var i = 0; i < count; i++)
        {
            var spoke = plot.Add.Line(new Coordinates(0, 0), At(i, count, 1));
            spoke.LineColor = Palette.Grid;
            spoke.LineWidth = 1;
        }
    }

    /// <summary>A closed outline when every area has a value; otherwise only the sides between neighbouring known values, so a missing area is a gap, not a zero.</summary>
    private static void DrawSeries(Plot plot, double?[] radii, Color color, bool fill, MarkerShape marker)
    {
        var count = radii.Length;
        if (radii.All(r => r is not null))
        {
            var polygon = plot.Add.Polygon([.. radii.Select((r, i) => At(i, count, r!.Value))]);
            polygon.FillColor = fill ? color.WithAlpha(0.25) : Colors.Transparent;
            polygon.LineColor = color;
            polygon.LineWidth = 2.5f;
        }
        else
        {
            for (var i = 0; i < count; i++)
                if (radii[i] is { } from && radii[(i + 1) % count] is { } to)
                {
                    var side = plot.Add.Line(At(i, count, from), At((i + 1) % count, count, to));
                    side.LineColor = color;
                    side.LineWidth = 2.5f;
                }
        }
        var known = radii.Select((r, i) => (r, i)).Where(p => p.r is not null).Select(p => At(p.i, count, p.r!.Value)).ToArray();
        if (known.Length > 0)
            plot.Add.Markers(known, marker, 8, color);
    }

    private static void AddSpokeLabel(Plot plot, int i, int count, string label)
    {
        var at = At(i, count, 1.08);
        var text = plot.Add.Text(label, at.X, at.Y);
        text.LabelFontSize = 13;
        text.LabelAlignment = Math.Abs(at.X) < 0.05
            ? (at.Y > 0 ? Alignment.LowerCenter : Alignment.UpperCenter)
            : at.X > 0
                ? (at.Y > 0.05 ? Alignment.LowerLeft : at.Y < -0.05 ? Alignment.UpperLeft : Alignment.MiddleLeft)
                : (at.Y > 0.05 ? Alignment.LowerRight : at.Y < -0.05 ? Alignment.UpperRight : Alignment.MiddleRight);
    }
}
