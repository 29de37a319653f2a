using System.Globalization;
using CsvHelper;
using Kompass.Domain.Evaluations;
using Kompass.Domain.Frameworks;
using Kompass.Domain.Kommuner;

namespace Kompass.Domain.Analytics;

/// <summary>One historical result read from a CSV file, checked and ready to import.</summary>
/// <param name="Row">The line of the file the row starts on (the header is line 1).</param>
public sealed record HistoricalResultRow(
    int Row,
    KommuneId Kommune,
    string FrameworkVersion,
    DateOnly EvaluatedOn,
    IReadOnlyDictionary<string, int> AreaScores,
    int? Total,
    string Source);

/// <summary>What is wrong with a CSV file: the line, the column (header name, empty for the whole row) and why.</summary>
public sealed record CsvProblem(int Row, string Column, string Reason);

/// <summary>
/// The result of reading a whole file: every good row and every problem. A dry run shows it; an import takes
/// <see cref="ToImport"/>, which gives nothing until the file is clean.
/// </summary>
public sealed record HistoricalImportReport(IReadOnlyList<HistoricalResultRow> Rows, IReadOnlyList<CsvProblem> Problems)
{
    public bool IsClean => Problems.Count == 0;

    /// <summary>The rows to import; a file with any problem is a validation error on <c>file</c>, so nothing is half-imported.</summary>
    public IReadOnlyList<HistoricalResultRow> ToImport() => IsClean
        ? Rows
        : throw new DomainException(ErrorKind.Validation,
            $"The file has {Problems.Count} problem(s) in {Problems.Select(p => p.Row).Distinct().Count()} row(s); nothing is imported until it is clean.",
            "file", [.. Problems.Select(p => $"row {p.Row}, {(p.Column.Length > 0 ? p.Column : "row")}: {p.Reason}")]);
}

/// <summary>
/// Reads historical results from CSV (docs/analytics.md): one row per result, the 8 area scores or only a
/// total, each row checked completely and with the rules an imported evaluation follows
/// (<see cref="Evaluation.CheckPublishedScores"/>).
/// </summary>
public static class HistoricalResultsCsv
{
    public const int MaxRows = 10_000;

    /// <summary>As the import command allows (Kompass.Contracts' ImportEvaluation validator).</summary>
    public const int MaxSourceLength = 2000;

    public const int AreaColumns = 8;

    public static readonly IReadOnlyList<string> Header =
    [
        "country", "number", "framework_version", "evaluated_on",
        .. Enumerable.Range(1, AreaColumns).Select(i => $"area_{i}"),
        "total", "source",
    ];

    private const int FirstArea = 4;
    private const int TotalColumn = FirstArea + AreaColumns;
    private const int SourceColumn = TotalColumn + 1;
    private const string ScoreColumns = "area_1..area_8, total";

    /// <summary>
    /// Reads and checks the whole file. Comma or semicolon separated (Excel writes either, by locale), UTF-8,
    /// RFC 4180 quoting; a wrong header stops the reading there, every other problem is reported by its row.
    /// </summary>
    public static HistoricalImportReport Read(TextReader csv, FrameworkCatalogue catalogue, KommuneReference reference)
    {
        var problems = new List<CsvProblem>();
        var rows = new List<HistoricalResultRow>();
        var options = CsvReaderOptions.Default with
        {
            TrackLineNumbers = true,
            TrimWhitespace = true,
            OnMalformedRecord = m => problems.Add(new CsvProblem((int)m.LineNumber, "", $"malformed quoting ({m.Reason})")),
        };
        using var reader = CsvReader.Create(csv, options, true);
        reader.ReadHeader();
        if (!HeaderIsRight(reader.Headers, problems))
            return new HistoricalImportReport([], problems);

        var firstRowOf = new Dictionary<(KommuneId, string, DateOnly), int>();
        var fields = new string[Header.Count];
        var count = 0;
        while (reader.Read())
        {
            var row = (int)reader.LineNumber;
            if (++count > MaxRows)
            {
                problems.Add(new CsvProblem(row, "", $"the file has more than {MaxRows} rows; split it into files of at most {MaxRows}"));
                break;
            }
            if (reader.FieldCount != Header.Count)
            {
                problems.Add(new CsvProblem(row, "", $"expected {Header.Count} fields but found {reader.FieldCount}"));
                continue;
            }
            for (var i = 0; i < fields.Length; i++)
                fields[i] = reader.GetString(i);
            if (ReadRow(row, fields, catalogue, reference, problems) is not { } result)
                continue;
            if (firstRowOf.TryGetValue((result.Kommune, result.FrameworkVersion, result.EvaluatedOn), out var first))
            {
                problems.Add(new CsvProblem(row, "evaluated_on",
                    $"duplicate of row {first}: {result.Kommune}, framework {result.FrameworkVersion}, {result.EvaluatedOn:yyyy-MM-dd} again"));
                continue;
            }
            firstRowOf[(result.Kommune, result.FrameworkVersion, result.EvaluatedOn)] = row;
            rows.Add(result);
        }
        if (count == 0 && problems.Count == 0)
            problems.Add(new CsvProblem(2, "", "the file has a header but no rows"));
        problems.Sort((a, b) => a.Row.CompareTo(b.Row));
        var bad = problems.Select(p => p.Row).ToHashSet();
        return new HistoricalImportReport([.. rows.Where(r => !bad.Contains(r.Row))], problems);
    }

    private static bool HeaderIsRight(IReadOnlyList<string> found, List<CsvProblem> problems)
    {
        var expected = string.Join(',', Header);
        if (found.Count == 0)
        {
            problems.Add(new CsvProblem(1, "", $"the file is empty; the first line must be the header {expected}"));
            return false;
        }
        for (var i = 0; i < Math.Max(found.Count, Header.Count); i++)
        {
            var actual = i < found.Count ? found[i] : null;
            if (i >= Header.Count)
                problems.Add(new CsvProblem(1, actual!, $"unexpected column {i + 1} '{actual}'; the header is {expected}"));
            else if (actual is null)
                problems.Add(new CsvProblem(1, Header[i], $"column {i + 1} '{Header[i]}' is missing; the header is {expected}"));
            else if (!string.Equals(actual, Header[i], StringComparison.OrdinalIgnoreCase))
                problems.Add(new CsvProblem(1, Header[i], $"column {i + 1} must be '{Header[i]}', not '{actual}'; the header is {expected}"));
        }
        return problems.Count == 0;
    }

    /// <summary>Checks every column of one row, reporting each problem; null when any was found.</summary>
    private static HistoricalResultRow? ReadRow(int row, string[] f, FrameworkCatalogue catalogue, KommuneReference reference, List<CsvProblem> problems)
    {
        var before = problems.Count;
        void Problem(int column, string reason) => problems.Add(new CsvProblem(row, Header[column], reason));

        Country? country = f[0].ToUpperInvariant() switch { "NO" => Country.NO, "SE" => Country.SE, _ => null };
        if (country is null)
            Problem(0, $"unknown country '{f[0]}'; write NO or SE");
        if (!KommuneId.IsOfficialNumber(f[1]))
            Problem(1, $"'{f[1]}' is not a 4-digit kommune number (keep leading zeros, e.g. 0115)");
        else if (country is { } c && !reference.TryFind(new KommuneId(c, f[1]), out _))
            Problem(1, $"{c}-{f[1]} is not in the reference list of kommuner");

        if (!catalogue.TryGet(f[2], out var framework))
            Problem(2, $"unknown framework version '{f[2]}'; known versions: {string.Join(", ", catalogue.Versions)}");
        if (!DateOnly.TryParseExact(f[3], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var evaluatedOn))
            Problem(3, $"'{f[3]}' is not a date written yyyy-MM-dd");

        // In column order, so that the n-th area CheckPublishedScores names is the n-th one given here.
        var areaScores = new Dictionary<string, int>();
        var areaColumns = new List<int>();
        for (var i = FirstArea; i < TotalColumn; i++)
            if (Number(i) is { } score)
            {
                areaScores[(i - FirstArea + 1).ToString(CultureInfo.InvariantCulture)] = score;
                areaColumns.Add(i);
            }
        var total = Number(TotalColumn);

        var source = f[SourceColumn];
        if (string.IsNullOrWhiteSpace(source))
            Problem(SourceColumn, "say where the result comes from (report, presentation, date)");
        else if (source.Length > MaxSourceLength)
            Problem(SourceColumn, $"the source is at most {MaxSourceLength} characters");

        if (problems.Count > before || framework is null)
            return null;
        try
        {
            Evaluation.CheckPublishedScores(framework, areaScores, total);
        }
        catch (DomainException e)
        {
            problems.Add(new CsvProblem(row, ColumnOf(e.Field, areaColumns), e.Message));
            return null;
        }
        return new HistoricalResultRow(row, new KommuneId(country!.Value, f[1]), framework.Version, evaluatedOn, areaScores, total, source);

        int? Number(int column)
        {
            if (f[column].Length == 0)
                return null;
            if (int.TryParse(f[column], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                return value;
            Problem(column, $"'{f[column]}' is not a whole number");
            return null;
        }
    }

    // CheckPublishedScores names fields as the import command has them: areaScores[i].score, total, areaScores.
    private static string ColumnOf(string? field, List<int> areaColumns)
    {
        if (field == "total")
            return Header[TotalColumn];
        if (field is not null && field.StartsWith("areaScores[", StringComparison.Ordinal)
            && int.TryParse(field.AsSpan(11, field.IndexOf(']') - 11), CultureInfo.InvariantCulture, out var i) && i < areaColumns.Count)
            return Header[areaColumns[i]];
        return ScoreColumns;
    }
}
