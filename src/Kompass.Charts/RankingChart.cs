using Kompass.Domain.Analytics;
using Kompass.Domain.Frameworks;
using ScottPlot;

namespace Kompass.Charts;

/// <summary>
/// Every kommune's latest result ranked by the total (or one area), best at the top, one horizontal bar per
/// kommune with its rank, name and value as text, and one kommune highlighted. It grows in height with the
/// ranking (a row per kommune), so every name stays readable with 360 kommuner (docs/charts.md).
/// </summary>
public static class RankingChart
{
    public const int Width = 1000;
    public const int RowHeight = 16;
    private const int NoteRows = 5;
    private const int Frame = 170; // title, axis, the margins

    /// <param name="ranking">The ranking (<c>ResultAggregate.Ranking</c>), best first.</param>
    /// <param name="kommuneNames">Names by kommune id (the reference list); an id without one is shown as the id.</param>
    /// <param name="highlighted">The kommune to pick out, or null; a kommune not in the ranking is said so in a note.</param>
    /// <param name="framework">The ranking's framework version: the measure's name and maximum.</param>
    /// <param name="language">The labels' language; by default the ranking's country's (Norwegian for both countries).</param>
    public static string Render(
        Ranking ranking,
        IReadOnlyDictionary<string, string> kommuneNames,
        string? highlighted,
        FrameworkDefinition framework,
        ChartLanguage? language = null)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentNullException.ThrowIfNull(kommuneNames);
        ArgumentNullException.ThrowIfNull(framework);
        language ??= ChartLanguage.Of(ranking.Country);
        var rows = ranking.Rows;
        string NameOf(string id) => ChartSvg.Clean(kommuneNames.TryGetValue(id, out var name) ? name : id);
        var area = ranking.Measure.AreaCode is { } code ? framework.FindArea(code) : null;
        var max = (double)(area?.MaxPoints ?? framework.MaxTotal);
        var measure = area is null
            ? language.Say("totalpoeng", "totalpoäng")
            : $"{ChartLanguage.Area(area.Code)} {ChartSvg.Clean(language.Name(area.Name))}";

        var plot = ChartSvg.NewPlot();
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        var bars = new List<Bar>(rows.Count);
        RankingRow? picked = null;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var isPicked = row.KommuneId == highlighted;
            var position = rows.Count - 1 - i; // best at the top
            var label = $"{row.Rank}. {NameOf(row.KommuneId)}";
            ticks.AddMajor(position, isPicked ? "▶ " + label : label);
            bars.Add(new Bar
            {
                Position = position,
                Value = row.Value,
                Size = 0.8,
                FillColor = isPicked ? Palette.Highlight : Palette.Others,
                LineWidth = 0,
                Label = isPicked ? $"{language.Number(row.Value)} ◀ {NameOf(row.KommuneId)}" : language.Number(row.Value),
                Orientation = Orientation.Horizontal,
            });
            if (isPicked)
                picked = row;
        }
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        barPlot.ValueLabelStyle.FontSize = 11;

        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.Left.TickLabelStyle.FontSize = 11;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        // The scale stops at the maximum; every bar also carries its value, as a long ranking is read scrolled.
        var scale = new ScottPlot.TickGenerators.NumericManual();
        for (var x = 0.0; x <= max; x += max > 200 ? 100 : 10)
            scale.AddMajor(x, x.ToString("0", language.Culture));
        plot.Axes.Bottom.TickGenerator = scale;
        plot.XLabel($"{Capitalise(measure)} (av {language.Number((decimal)max)})"); // "av" in both languages
        plot.HideGrid();
        plot.Axes.SetLimits(0, Math.Max(max, rows.Count > 0 ? rows.Max(r => r.Value) : 0) * 1.18, -0.7, rows.Count - 0.3 + NoteRows);

        var note = Note(ranking, highlighted, picked, highlighted is null ? null : NameOf(highlighted), language);
        ChartSvg.AddNote(plot, note, 110);

        var title = language.Say(
            $"Kommunene rangert etter {measure} – {language.FrameworkVersion(ranking.FrameworkVersion)}, {language.CountryName(ranking.Country)}",
            $"Kommunerna rangordnade efter {measure} – {language.FrameworkVersion(ranking.FrameworkVersion)}, {language.CountryName(ranking.Country)}");
        plot.Title(title);
        var description = $"{title}. {note} " +
                          string.Join(". ", rows.Select(r => $"{r.Rank}. {NameOf(r.KommuneId)}: {language.Number(r.Value)}")) + (rows.Count > 0 ? "." : "");
        var height = Frame + RowHeight * (rows.Count + NoteRows);
        return ChartSvg.Render(plot, Width, height, title, description, language);
    }

    private static string Note(Ranking ranking, string? highlighted, RankingRow? picked, string? name, ChartLanguage language)
    {
        var parts = new List<string>
        {
            language.Say($"{language.Number(ranking.Rows.Count)} kommuner, hver med sitt siste resultat", $"{language.Number(ranking.Rows.Count)} kommuner, var och en med sitt senaste resultat")
                + Period(ranking.Period, language) + ". " +
            language.Say("Like verdier deler plass.", "Lika värden delar placering."),
        };
        if (ranking.WithoutValue > 0)
            parts.Add(language.Say($"{language.Number(ranking.WithoutValue)} uten denne verdien er ikke rangert.", $"{language.Number(ranking.WithoutValue)} utan detta värde är inte rangordnade."));
        if (picked is not null)
        {
            var percentile = picked.Percentile is { } p
                ? language.Say($", bedre enn {language.Number(p)} % av de andre", $", bättre än {language.Number(p)} % av de andra")
                : "";
            parts.Add(language.Say(
                $"{name}: plass {picked.Rank} av {language.Number(ranking.Rows.Count)} med {language.Number(picked.Value)} poeng{percentile}.",
                $"{name}: plats {picked.Rank} av {language.Number(ranking.Rows.Count)} med {language.Number(picked.Value)} poäng{percentile}."));
        }
        else if (highlighted is not null)
            parts.Add(language.Say($"{name} har ikke noe resultat i denne rangeringen.", $"{name} har inget resultat i denna rangordning."));
        return string.Join(" ", parts);
    }

    private static string Period(Period period, ChartLanguage language) => (period.From, period.To) switch
    {
        (null, null) => "",
        ({ } from, null) => language.Say($" fra {language.Date(from)}", $" från {language.Date(from)}"),
        (null, { } to) => language.Say($" til {language.Date(to)}", $" till {language.Date(to)}"),
        ({ } from, { } to) => language.Say($" fra {language.Date(from)} til {language.Date(to)}", $" från {language.Date(from)} till {language.Date(to)}"),
    };

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
