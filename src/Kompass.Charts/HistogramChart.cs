using Kompass.Domain.Analytics;
using ScottPlot;

namespace Kompass.Charts;

/// <summary>
/// The histogram of the kommuner's latest totals in the benchmark's 16 fixed bars of 50 points, each bar
/// with its count as text, and the mean and median marked (docs/charts.md).
/// </summary>
public static class HistogramChart
{
    public const int Width = 1100;
    public const int Height = 620;

    /// <param name="statistics">The benchmark (<c>ResultAggregate.Benchmark</c>); its <see cref="BenchmarkStatistics.Histogram"/> is drawn.</param>
    /// <param name="language">The labels' language; by default the benchmark's country's (Norwegian for both countries).</param>
    public static string Render(BenchmarkStatistics statistics, ChartLanguage? language = null)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        language ??= ChartLanguage.Of(statistics.Country);
        var bins = statistics.Histogram;
        var plot = ChartSvg.NewPlot();

        var bars = bins.Select(b => new Bar
        {
            Position = (b.Lower + b.Upper) / 2.0,
            Value = b.Count,
            Size = b.Upper - b.Lower,
            FillColor = Palette.Evaluation.WithAlpha(0.8),
            LineColor = Colors.White,
            LineWidth = 1,
            Label = language.Number(b.Count),
        }).ToList();
        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontSize = 12;

        var top = bins.Count == 0 ? 0 : bins.Max(b => b.Count);
        // Above the bars: the counts, then the markers' labels, then the note, each in its own band.
        var height = Math.Max(top, 1);
        var ceiling = height * 1.5;
        var markers = new List<string>();
        if (statistics.Total.Mean is { } mean)
            markers.Add(Mark(plot, (double)mean, height * 1.26, language.Say($"snitt {language.Number(mean)}", $"medel {language.Number(mean)}"), Palette.HeldMean));
        if (statistics.Total.Median is { } median)
            markers.Add(Mark(plot, (double)median, height * 1.14, $"median {language.Number(median)}", Palette.PublishedMean));

        var lower = bins.Count == 0 ? 0 : bins[0].Lower;
        var upper = bins.Count == 0 ? 800 : bins[^1].Upper;
        var xTicks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var edge in bins.Select(b => b.Lower).Append(upper).Distinct())
            xTicks.AddMajor(edge, language.Number(edge));
        plot.Axes.Bottom.TickGenerator = xTicks;
        var yTicks = new ScottPlot.TickGenerators.NumericManual();
        var step = NiceStep(top / 8.0);
        for (var y = 0; y <= top; y += step)
            yTicks.AddMajor(y, language.Number(y));
        plot.Axes.Left.TickGenerator = yTicks;
        plot.Axes.SetLimits(lower, upper, 0, ceiling);
        plot.HideGrid();
        plot.XLabel(language.Say($"Totalpoeng (av {language.Number(upper)})", $"Totalpoäng (av {language.Number(upper)})"));
        plot.YLabel(language.Say("Antall kommuner", "Antal kommuner"));

        var title = language.Say(
            $"Fordeling av totalpoeng – {language.FrameworkVersion(statistics.FrameworkVersion)}, {language.CountryName(statistics.Country)} ({language.Number(statistics.Total.Count)} kommuner)",
            $"Fördelning av totalpoäng – {language.FrameworkVersion(statistics.FrameworkVersion)}, {language.CountryName(statistics.Country)} ({language.Number(statistics.Total.Count)} kommuner)");
        plot.Title(title);
        var note = statistics.Total.Count == 0
            ? language.Say("Ingen kommune har et resultat med totalpoeng i perioden.", "Ingen kommun har ett resultat med totalpoäng under perioden.")
            : language.Say("Hver kommune teller én gang, med sitt siste resultat. Søylene er 50 poeng brede; den siste tar med 800.",
                "Varje kommun räknas en gång, med sitt senaste resultat. Staplarna är 50 poäng breda; den sista inkluderar 800.");
        ChartSvg.AddNote(plot, note);

        var description = $"{title}. {note} " +
                          string.Join(", ", bins.Select(b => $"{language.Number(b.Lower)}–{language.Number(b.Upper)}: {language.Number(b.Count)}")) + ". " +
                          string.Join(", ", markers) + (markers.Count > 0 ? "." : "");
        return ChartSvg.Render(plot, Width, Height, title, description, language);
    }

    // 1, 2, 5, 10, 20, 25, 50, 100, ...: the first at least the raw step, so a count axis has whole, round ticks.
    private static int NiceStep(double raw)
    {
        for (var magnitude = 1; ; magnitude *= 10)
            foreach (var factor in new[] { 1, 2, 5 })
                if (factor * magnitude >= raw)
                    return factor * magnitude;
    }

    private static string Mark(Plot plot, double x, double labelY, string label, Color color)
    {
        var line = plot.Add.Line(x, 0, x, labelY);
        line.LineColor = color;
        line.LineWidth = 2;
        var text = plot.Add.Text(label, x, labelY);
        text.LabelFontSize = 13;
        text.LabelFontColor = color;
        text.LabelBackgroundColor = Colors.White.WithAlpha(0.85);
        text.LabelAlignment = Alignment.MiddleLeft;
        text.OffsetX = 4;
        return label;
    }
}
