using System.Globalization;
using CsvHelper;
using Kompass.Domain.Kommuner;

namespace Kompass.Domain.Analytics;

/// <summary>
/// Benchmarks, rankings and trends as CSV for spreadsheets: UTF-8, comma separated, invariant numbers
/// (a point as decimal separator), an empty field for "not known". Text that a spreadsheet would run as a
/// formula is escaped.
/// </summary>
public static class AnalyticsCsv
{
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        NewLine = "\n",
        FormatProvider = CultureInfo.InvariantCulture,
        Injection = CsvInjection.Escape,
    };

    /// <summary>One row for the total and one per area: count, mean, median, quartiles, min, max and standard deviation.</summary>
    public static void WriteBenchmark(TextWriter output, BenchmarkStatistics benchmark)
    {
        using var csv = CsvWriter.Create(output, Options, true);
        csv.WriteHeader(["framework_version", "country", "from", "to", "measure", "count", "mean", "median", "q1", "q3", "min", "max", "sd"]);
        Row("total", benchmark.Total);
        foreach (var area in benchmark.Areas)
            Row($"area_{area.Code}", area.Summary);

        void Row(string measure, Summary s)
        {
            Scope(csv, benchmark.FrameworkVersion, benchmark.Country, benchmark.Period);
            csv.WriteField(measure);
            csv.WriteField(s.Count);
            csv.WriteField(s.Mean, default);
            csv.WriteField(s.Median, default);
            csv.WriteField(s.Q1, default);
            csv.WriteField(s.Q3, default);
            csv.WriteField(s.Min, default);
            csv.WriteField(s.Max, default);
            csv.WriteField(s.StandardDeviation, default);
            csv.EndRecord();
        }
    }

    /// <summary>The histogram of totals: one row per bar.</summary>
    public static void WriteHistogram(TextWriter output, BenchmarkStatistics benchmark)
    {
        using var csv = CsvWriter.Create(output, Options, true);
        csv.WriteHeader(["framework_version", "country", "from", "to", "lower", "upper", "upper_included", "count"]);
        foreach (var bin in benchmark.Histogram)
        {
            Scope(csv, benchmark.FrameworkVersion, benchmark.Country, benchmark.Period);
            csv.WriteField(bin.Lower);
            csv.WriteField(bin.Upper);
            csv.WriteField(bin.UpperIncluded);
            csv.WriteField(bin.Count);
            csv.EndRecord();
        }
    }

    /// <summary>One row per ranked kommune, best first, with its name from the reference list.</summary>
    public static void WriteRanking(TextWriter output, Ranking ranking, KommuneReference reference)
    {
        using var csv = CsvWriter.Create(output, Options, true);
        csv.WriteHeader(["framework_version", "country", "from", "to", "measure", "rank", "percentile", "kommune_id", "name", "evaluation_id", "evaluated_on", "value"]);
        foreach (var row in ranking.Rows)
        {
            Scope(csv, ranking.FrameworkVersion, ranking.Country, ranking.Period);
            csv.WriteField(ranking.Measure.IsTotal ? "total" : $"area_{ranking.Measure.AreaCode}");
            csv.WriteField(row.Rank);
            csv.WriteField(row.Percentile, default);
            csv.WriteField(row.KommuneId);
            csv.WriteField(reference.TryFind(KommuneId.Parse(row.KommuneId), out var entry) ? entry.Name : "");
            csv.WriteField(row.EvaluationId);
            csv.WriteField(row.EvaluatedOn);
            csv.WriteField(row.Value);
            csv.EndRecord();
        }
    }

    /// <summary>One row per result, oldest first: the total, each area of the trend's version and its change, and the caveat.</summary>
    public static void WriteTrend(TextWriter output, KommuneTrend trend)
    {
        using var csv = CsvWriter.Create(output, Options, true);
        var areas = trend.Points.Count > 0 ? trend.Points[0].Areas.Select(a => a.Code).ToList() : [];
        csv.WriteHeader([
            "kommune_id", "evaluation_id", "evaluated_on", "framework_version", "shown_in_version", "total", "total_delta",
            .. areas.SelectMany(a => new[] { $"area_{a}", $"area_{a}_delta" }),
            "caveat",
        ]);
        foreach (var point in trend.Points)
        {
            csv.WriteField(trend.KommuneId);
            csv.WriteField(point.EvaluationId);
            csv.WriteField(point.EvaluatedOn);
            csv.WriteField(point.FrameworkVersion);
            csv.WriteField(trend.FrameworkVersion);
            csv.WriteField(point.Total, default);
            csv.WriteField(point.TotalDelta, default);
            foreach (var area in point.Areas)
            {
                csv.WriteField(area.Score, default);
                csv.WriteField(area.Delta, default);
            }
            csv.WriteField(point.Caveat);
            csv.EndRecord();
        }
    }

    private static void Scope(CsvWriter csv, string version, Country? country, Period period)
    {
        csv.WriteField(version);
        csv.WriteField(country?.ToString() ?? "NO+SE");
        csv.WriteField(period.From, default);
        csv.WriteField(period.To, default);
    }
}
