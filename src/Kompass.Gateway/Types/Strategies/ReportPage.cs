using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Kompass.Contracts.Kommuner;
using Kompass.Contracts.Strategies;

namespace Kompass.Gateway.Types.Strategies;

/// <summary>
/// A report as a printable HTML page a leader can attach to a political case: in Norwegian (nb) for a
/// Norwegian kommune and Swedish (sv) for a Swedish one. Self-contained (inline CSS, no scripts), A4 print.
/// </summary>
public static class ReportPage
{
    // Markup characters encoded, Norwegian and Swedish letters kept as they are (readable source, smaller page).
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The page of a report: <c>/reports/&lt;report key&gt;.html</c>, e.g. <c>/reports/NO-5034/strategy/2023-1/tertial-report/2024-T1.html</c>.</summary>
    public static string PathOf(string reportKey) => $"/reports/{reportKey}.html";

    private sealed record Texts(
        string Lang, string Tertial, string Council, string Strategy, string Period, string Status, string AsOf, string Issued, string Progress,
        string FocusArea, string Actions, string NotStarted, string InProgress, string Done, string Cancelled, string Overdue, string DoneInPeriod,
        string OverdueList, string Action, string Owner, string DueDate, string DaysLate, string Percent, string Indicators, string Indicator,
        string Baseline, string Target, string Value, string Met, string Yes, string No, string Unknown, string Occurrences, string Scheduled,
        string Held, string Missed, string Unrecorded, string NoneOverdue, string Adopted, string Footer);

    private static readonly Texts Nb = new("nb", "Tertialrapport", "Årlig status til kommunestyret", "Utviklingsstrategi", "Periode", "Status",
        "Per", "Utstedt", "Framdrift", "Fokusområde", "Tiltak", "Ikke startet", "Pågår", "Fullført", "Avlyst", "Forsinket", "Fullført i perioden",
        "Forsinkede tiltak", "Tiltak", "Ansvarlig", "Frist", "Dager forsinket", "Prosent", "Indikatorer", "Indikator", "Utgangspunkt", "Mål",
        "Verdi", "Nådd", "Ja", "Nei", "Ukjent", "Årshjul", "Planlagt", "Gjennomført", "Ikke gjennomført", "Ikke registrert",
        "Ingen tiltak er forsinket.", "Vedtatt", "Frosset øyeblikksbilde fra Kompass Cloud. Framdrift: snitt av fokusområdene; et fokusområde er snittet av sine delmål, et delmål av sine tiltak (fullført = 100 %, avlyste telles ikke).");

    private static readonly Texts Sv = new("sv", "Tertialrapport", "Årlig status till kommunfullmäktige", "Utvecklingsstrategi", "Period", "Status",
        "Per", "Utfärdad", "Framsteg", "Fokusområde", "Åtgärder", "Ej påbörjad", "Pågår", "Klar", "Inställd", "Försenad", "Klara under perioden",
        "Försenade åtgärder", "Åtgärd", "Ansvarig", "Slutdatum", "Dagar försenad", "Procent", "Indikatorer", "Indikator", "Utgångsläge", "Mål",
        "Värde", "Uppnått", "Ja", "Nej", "Okänt", "Årshjul", "Planerade", "Genomförda", "Inte genomförda", "Inte registrerade",
        "Inga åtgärder är försenade.", "Antagen", "Fryst ögonblicksbild från Kompass Cloud. Framsteg: medelvärdet av fokusområdena; ett fokusområde är medelvärdet av sina delmål, ett delmål av sina åtgärder (klar = 100 %, inställda räknas inte).");

    /// <summary>"Utviklingsstrategi: title", unless the title already says it ("Utviklingsstrategi 2023-2026 ...").</summary>
    public static string StrategyLine(string title, string word) =>
        title.Contains(word, StringComparison.OrdinalIgnoreCase) ? title : $"{word}: {title}";

    /// <param name="areaName">The framework's name of an area code in the page's language (nb or sv).</param>
    public static string Render(ReportView report, StrategyView strategy, KommuneView kommune, Func<string, string, string> areaName)
    {
        var t = kommune.Country == "SE" ? Sv : Nb;
        var culture = CultureInfo.GetCultureInfo(t.Lang == "sv" ? "sv-SE" : "nb-NO");
        string E(string? text) => Html.Encode(text ?? "");
        string D(DateOnly? date) => date?.ToString("d. MMMM yyyy", culture) ?? "–";
        string P(decimal? value) => value is { } v ? v.ToString("0.#", culture) + " %" : "–";
        string N(decimal? value) => value?.ToString("0.##", culture) ?? "–";
        string YesNo(bool? met) => met switch { true => t.Yes, false => t.No, _ => t.Unknown };
        var kind = report.Kind == ReportKind.Tertial ? t.Tertial : t.Council;

        var html = new StringBuilder();
        html.Append($"""
            <!DOCTYPE html>
            <html lang="{t.Lang}">
            <head>
            <meta charset="utf-8">
            <title>{E(kind)} {E(report.Label)} – {E(kommune.Name)}</title>
            <style>
              @page {"{"} size: A4; margin: 18mm 16mm; {"}"}
              body {"{"} font-family: "Segoe UI", Arial, sans-serif; color: #1d2733; font-size: 11pt; line-height: 1.4; max-width: 180mm; margin: 0 auto; {"}"}
              h1 {"{"} font-size: 18pt; margin: 0 0 2mm; {"}"}
              h2 {"{"} font-size: 13pt; margin: 7mm 0 2mm; border-bottom: 1px solid #9aa8b8; padding-bottom: 1mm; {"}"}
              .meta {"{"} color: #4a5868; margin: 0 0 4mm; {"}"}
              table {"{"} border-collapse: collapse; width: 100%; margin: 2mm 0; page-break-inside: avoid; {"}"}
              th, td {"{"} border: 1px solid #c8d1dc; padding: 1.2mm 2mm; text-align: left; vertical-align: top; {"}"}
              th {"{"} background: #eef2f6; font-weight: 600; {"}"}
              td.num, th.num {"{"} text-align: right; white-space: nowrap; {"}"}
              .big {"{"} font-size: 22pt; font-weight: 600; {"}"}
              footer {"{"} margin-top: 8mm; color: #4a5868; font-size: 9pt; {"}"}
            </style>
            </head>
            <body>
            <header>
            <h1>{E(kind)} {E(report.Label)}</h1>
            <p class="meta">{E(kommune.Name)} · {E(StrategyLine(strategy.Title, t.Strategy))}<br>
            {E(t.Period)}: {D(strategy.PeriodStart)} – {D(strategy.PeriodEnd)} · {E(t.AsOf)} {D(report.AsOf)} ({D(report.PeriodFrom)} – {D(report.AsOf)}) · {E(t.Issued)} {D(report.IssuedOn)}
            """);
        if (strategy.Adoption is { } a)
            html.Append($"<br>{E(t.Adopted)}: {E(a.Body)}, {D(a.Date)}, {E(a.CaseNumber)}");
        html.Append($"""
            </p>
            </header>
            <h2>{E(t.Progress)}</h2>
            <p class="big">{P(report.Progress)}</p>
            <table>
            <tr><th>{E(t.FocusArea)}</th><th class="num">{E(t.Progress)}</th><th class="num">{E(t.NotStarted)}</th><th class="num">{E(t.InProgress)}</th><th class="num">{E(t.Done)}</th><th class="num">{E(t.Cancelled)}</th><th class="num">{E(t.Overdue)}</th></tr>
            """);
        foreach (var f in report.FocusAreas)
            html.Append($"<tr><td>{E(f.AreaCode)} {E(areaName(f.AreaCode, t.Lang))}</td><td class=\"num\">{P(f.Progress)}</td>{Counts(f.Actions)}</tr>\n");
        html.Append($"<tr><th>{E(t.Actions)}</th><th class=\"num\">{P(report.Progress)}</th>{Counts(report.Actions)}</tr>\n</table>\n");
        html.Append($"<p>{E(t.DoneInPeriod)}: {report.DoneInPeriod}</p>\n");

        html.Append($"<h2>{E(t.OverdueList)}</h2>\n");
        if (report.Overdue.Count == 0)
            html.Append($"<p>{E(t.NoneOverdue)}</p>\n");
        else
        {
            html.Append($"<table>\n<tr><th>{E(t.Action)}</th><th>{E(t.FocusArea)}</th><th>{E(t.Owner)}</th><th>{E(t.DueDate)}</th><th class=\"num\">{E(t.DaysLate)}</th><th class=\"num\">{E(t.Percent)}</th></tr>\n");
            foreach (var o in report.Overdue)
                html.Append($"<tr><td>{E(o.Title)}</td><td>{E(o.AreaCode)} {E(areaName(o.AreaCode, t.Lang))}</td><td>{E(o.Owner)}</td><td>{D(o.DueDate)}</td><td class=\"num\">{o.DaysOverdue}</td><td class=\"num\">{o.PercentComplete} %</td></tr>\n");
            html.Append("</table>\n");
        }

        if (report.Indicators.Count > 0)
        {
            html.Append($"<h2>{E(t.Indicators)}</h2>\n<table>\n<tr><th>{E(t.Indicator)}</th><th class=\"num\">{E(t.Baseline)}</th><th class=\"num\">{E(t.Target)}</th><th class=\"num\">{E(t.Value)}</th><th>{E(t.Met)}</th></tr>\n");
            foreach (var i in report.Indicators)
            {
                var unit = i.Unit is null ? "" : " " + E(i.Unit);
                html.Append($"<tr><td>{E(i.Name)}</td><td class=\"num\">{N(i.Baseline)}{unit}</td><td class=\"num\">{N(i.Target)}{unit}</td><td class=\"num\">{N(i.Value)}{unit}{(i.ValueDate is { } vd ? $" ({D(vd)})" : "")}</td><td>{E(YesNo(i.Met))}</td></tr>\n");
            }
            html.Append("</table>\n");
        }

        var c = report.Occurrences;
        html.Append($"""
            <h2>{E(t.Occurrences)}</h2>
            <table><tr><th class="num">{E(t.Scheduled)}</th><th class="num">{E(t.Held)}</th><th class="num">{E(t.Missed)}</th><th class="num">{E(t.Unrecorded)}</th></tr>
            <tr><td class="num">{c.Scheduled}</td><td class="num">{c.Held}</td><td class="num">{c.Missed}</td><td class="num">{c.Unrecorded}</td></tr></table>
            <footer>{E(t.Footer)} {E(report.Key)}</footer>
            </body>
            </html>

            """);
        return html.ToString();

        static string Counts(ActionCountsView a) =>
            $"<td class=\"num\">{a.NotStarted}</td><td class=\"num\">{a.InProgress}</td><td class=\"num\">{a.Done}</td><td class=\"num\">{a.Cancelled}</td><td class=\"num\">{a.Overdue}</td>";
    }
}
