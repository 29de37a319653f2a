using Kompass.Domain.Analytics;
using Kompass.Domain.Frameworks;
using Kompass.Domain.Kommuner;
using ScottPlot;

namespace Kompass.Charts;

/// <summary>
/// One kommune's focus areas across its evaluations: a group of bars per area, one bar per evaluation, oldest
/// first. Across framework versions each bar is shown in the trend's areas, the area it was scored as is named
/// under the group, and the caveat is a visible note (docs/charts.md).
/// </summary>
public static class AreaTrendChart
{
    public const int Width = 1200;
    public const int Height = 720;

    /// <param name="trend">The kommune's trend (<c>Trends.Of</c>).</param>
    /// <param name="shownIn">The version the trend is shown in (<see cref="KommuneTrend.FrameworkVersion"/>): the groups, their names and maximum points.</param>
    /// <param name="kommuneName">The kommune's name, as the reference list gives it.</param>
    public static string Render(KommuneTrend trend, FrameworkDefinition shownIn, string kommuneName)
    {
        ArgumentNullException.ThrowIfNull(trend);
        ArgumentNullException.ThrowIfNull(shownIn);
        if (trend.FrameworkVersion is { } version && version != shownIn.Version)
            throw new ArgumentException($"The trend is shown in version {version}, not {shownIn.Version}.", nameof(shownIn));
        var language = ChartLanguage.Of(KommuneId.Parse(trend.KommuneId).Country);
        var name = ChartSvg.Clean(kommuneName);
        var areas = shownIn.Areas;
        var points = trend.Points;
        var plot = ChartSvg.NewPlot();
        var lines = new List<string>();

        var slot = 0.84 / Math.Max(points.Count, 1);
        for (var p = 0; p < points.Count; p++)
        {
            var point = points[p];
            var color = Palette.Series[p % Palette.Series.Length];
            var bars = new List<Bar>();
            var values = new List<string>();
            for (var a = 0; a < areas.Count; a++)
            {
                var position = a - 0.42 + slot * (p + 0.5);
                var score = point.Areas.FirstOrDefault(x => x.Code == areas[a].Code)?.Score;
                if (score is { } s)
                    bars.Add(new Bar { Position = position, Value = s, Size = slot * 0.9, FillColor = color, LineWidth = 0, Label = language.Number(s) });
                else
                    Missing(plot, position, language);
                values.Add($"{areas[a].Code}: {(score is { } v ? language.Number(v) : "–")}");
            }
            var barPlot = plot.Add.Bars(bars);
            barPlot.ValueLabelStyle.FontSize = points.Count > 4 ? 9 : 11;
            var legend = LegendText(point, language);
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = legend, FillColor = color });
            lines.Add($"{legend}: {string.Join(", ", values)}");
        }

        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var a = 0; a < areas.Count; a++)
            ticks.AddMajor(a, TickLabel(areas[a], points, trend.FrameworkVersion, language));
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        var max = (double)(areas.Count > 0 ? areas.Max(a => a.MaxPoints) : 100);
        plot.Axes.SetLimits(-0.55, Math.Max(areas.Count, 1) - 0.45, 0, max * 1.08);
        // Ticks stop at the maximum: the room above it is for the note, not for scores.
        var yTicks = new ScottPlot.TickGenerators.NumericManual();
        for (var y = 0.0; y <= max; y += max / 10)
            yTicks.AddMajor(y, y.ToString("0", language.Culture));
        plot.Axes.Left.TickGenerator = yTicks;
        plot.YLabel(language.Say($"Poeng (av {language.Number((decimal)max)})", $"Poäng (av {language.Number((decimal)max)})"));
        plot.HideGrid();
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 1;
        plot.Grid.YAxisStyle.MajorLineStyle.Color = Palette.Grid;
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
        if (points.Count > 0)
            plot.ShowLegend(Edge.Bottom);
        plot.Legend.FontSize = 13;

        var title = language.Say(
            $"{name}: fokusområdene over tid ({language.FrameworkVersion(shownIn.Version)})",
            $"{name}: fokusområdena över tid ({language.FrameworkVersion(shownIn.Version)})");
        plot.Title(title);
        var note = points.Count == 0
            ? language.Say("Kommunen har ingen publiserte resultater ennå.", "Kommunen har inga publicerade resultat ännu.")
            : trend.Caveat is not null ? Caveat(points, shownIn.Version, language) : null;
        if (note is not null)
        {
            ChartSvg.AddNote(plot, note, 120);
            plot.Axes.SetLimitsY(0, max * 1.3); // room for the note above the bars
        }

        var description = $"{title}. " + (note is null ? "" : note + " ") + string.Join(". ", lines) + (lines.Count > 0 ? "." : "");
        return ChartSvg.Render(plot, Width, Height, title, description, language);
    }

    private static string LegendText(TrendPoint point, ChartLanguage language)
    {
        var text = $"{language.Date(point.EvaluatedOn)} ({language.FrameworkVersion(point.FrameworkVersion)})";
        if (point.Total is { } total)
            text += $", totalt {language.Number(total)}"; // "totalt" in both languages
        return point.Caveat is null ? text : text + " *";
    }

    // An area's name, and under it the area each result of another version was scored as (e.g. "2010: 5").
    private static string TickLabel(FocusArea area, IReadOnlyList<TrendPoint> points, string? shownIn, ChartLanguage language)
    {
        var label = ChartSvg.Wrap($"{area.Code} {ChartSvg.Clean(language.Name(area.Name))}", 16);
        var scoredAs = points
            .Where(p => p.FrameworkVersion != shownIn)
            .Select(p => (p.FrameworkVersion, p.Areas.FirstOrDefault(a => a.Code == area.Code)?.ScoredAs))
            .Distinct()
            .Select(s => $"{s.FrameworkVersion}: {s.ScoredAs ?? "–"}")
            .ToList();
        return scoredAs.Count == 0 ? label : $"{label}\n({string.Join(", ", scoredAs)})";
    }

    // A result that does not give the area has no bar: an upright note in its place says so, where a bar of 0 would mislead.
    private static void Missing(Plot plot, double position, ChartLanguage language)
    {
        var missing = plot.Add.Text(language.Say("ikke skåret", "ej poängsatt"), position, 1);
        missing.LabelRotation = -90;
        missing.LabelAlignment = Alignment.MiddleLeft;
        missing.LabelFontSize = 12;
        missing.LabelFontColor = Colors.Gray;
    }

    private static string Caveat(IReadOnlyList<TrendPoint> points, string shownIn, ChartLanguage language)
    {
        var versions = points.Select(p => p.FrameworkVersion).Append(shownIn).Distinct().Order(StringComparer.Ordinal).ToList();
        var listed = string.Join(language.Say(" og ", " och "), versions);
        return language.Say(
            $"* Resultatene er skåret under ulike versjoner av rammeverket ({listed}), med ulike spørsmål og vekter. " +
            $"De er vist i {shownIn}-versjonens områder gjennom koblingen rammeverkene erklærer; i parentes området resultatet ble skåret som. " +
            "En endring på tvers av versjoner er bare veiledende.",
            $"* Resultaten är poängsatta under olika versioner av ramverket ({listed}), med olika frågor och vikter. " +
            $"De visas i {shownIn}-versionens områden genom den koppling ramverken anger; inom parentes området resultatet poängsattes som. " +
            "En förändring mellan versioner är endast vägledande.");
    }
}
