using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Kompass.Domain.Kommuner;

/// <summary>One municipality in the official list of its country (SSB in Norway, SCB in Sweden).</summary>
/// <param name="Id">Country and official 4-digit number.</param>
/// <param name="Name">The official name, for example <c>Midtre Gauldal</c>.</param>
/// <param name="CountyNumber">The 2-digit fylke (Norway) or län (Sweden) number, with leading zero.</param>
/// <param name="CountyName">The county name, for example <c>Trøndelag</c>.</param>
/// <param name="Population">Population when known.</param>
/// <param name="PopulationYear">The year the population was counted. Set when <paramref name="Population"/> is set.</param>
public sealed record KommuneReferenceEntry(
    KommuneId Id,
    string Name,
    string CountyNumber,
    string CountyName,
    int? Population,
    int? PopulationYear);

/// <summary>
/// A reference file (<c>kommuner-*.csv</c>) is malformed. The message names the file, the line and the column.
/// </summary>
public sealed class KommuneReferenceFormatException(string filePath, int line, int column, string columnName, string problem)
    : FormatException(
        $"{filePath}: line {line}, column {column}{(columnName.Length > 0 ? $" ({columnName})" : "")}: {problem}")
{
    /// <summary>The file that holds the malformed row.</summary>
    public string FilePath { get; } = filePath;

    /// <summary>The 1-based line the malformed record starts on.</summary>
    public int Line { get; } = line;

    /// <summary>The 1-based column (field) index.</summary>
    public int Column { get; } = column;

    /// <summary>The header name of the column, when known.</summary>
    public string ColumnName { get; } = columnName;
}

/// <summary>
/// The official lists of municipalities, loaded from <c>kommuner-*.csv</c> (see <c>reference/README.md</c>).
/// They fill in name, county and population when a kommune is registered without them. Immutable and thread-safe.
/// </summary>
public sealed class KommuneReference
{
    /// <summary>The file name pattern <see cref="Load"/> reads.</summary>
    public const string FilePattern = "kommuner-*.csv";

    private static readonly string[] Header =
        ["country", "number", "name", "county_number", "county_name", "population", "population_year"];

    private readonly FrozenDictionary<KommuneId, KommuneReferenceEntry> _byId;
    private readonly FrozenDictionary<Country, IReadOnlyList<KommuneReferenceEntry>> _byCountry;

    private KommuneReference(IEnumerable<KommuneReferenceEntry> entries)
    {
        _byId = entries.ToFrozenDictionary(e => e.Id);
        _byCountry = _byId.Values
            .GroupBy(e => e.Id.Country)
            .ToFrozenDictionary(
                g => g.Key,
                g => (IReadOnlyList<KommuneReferenceEntry>)g.OrderBy(e => e.Id.Number, StringComparer.Ordinal).ToArray());
    }

    /// <summary>A reference that knows no municipality.</summary>
    public static KommuneReference Empty { get; } = new([]);

    /// <summary>The folder the host and the tests copy the reference files to.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "reference");

    /// <summary>How many municipalities are known, all countries together.</summary>
    public int Count => _byId.Count;

    public bool TryFind(KommuneId id, [MaybeNullWhen(false)] out KommuneReferenceEntry entry) =>
        _byId.TryGetValue(id, out entry);

    /// <summary>The municipalities of one country, ordered by number; empty when none are known.</summary>
    public IReadOnlyList<KommuneReferenceEntry> All(Country country) =>
        _byCountry.TryGetValue(country, out var list) ? list : [];

    /// <summary>
    /// Reads every <c>kommuner-*.csv</c> in <paramref name="directory"/>.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The folder holds no <c>kommuner-*.csv</c>.</exception>
    /// <exception cref="KommuneReferenceFormatException">A row is malformed, or a municipality is listed twice.</exception>
    public static KommuneReference Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"The kommune reference folder '{directory}' does not exist.");

        var files = Directory.GetFiles(directory, FilePattern)
            .Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (files.Length == 0)
            throw new FileNotFoundException(
                $"The kommune reference folder '{directory}' holds no {FilePattern} file.", Path.Combine(directory, FilePattern));

        var entries = new Dictionary<KommuneId, (KommuneReferenceEntry Entry, string File, int Line)>();
        foreach (var file in files)
        {
            foreach (var (entry, line) in ReadFile(file))
            {
                if (entries.TryGetValue(entry.Id, out var first))
                    throw new KommuneReferenceFormatException(file, line, 2, "number",
                        $"{entry.Id} is listed twice (first at {Path.GetFileName(first.File)} line {first.Line}).");
                entries.Add(entry.Id, (entry, file, line));
            }
        }
        return new KommuneReference(entries.Values.Select(v => v.Entry));
    }

    private static IEnumerable<(KommuneReferenceEntry Entry, int Line)> ReadFile(string file)
    {
        var text = File.ReadAllText(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
        var records = CsvRecords.Parse(text, file);
        if (records.Count == 0)
            throw new KommuneReferenceFormatException(file, 1, 1, "", "the file is empty; expected the header " + string.Join(',', Header) + ".");

        var (headerFields, headerLine) = records[0];
        for (var i = 0; i < Header.Length; i++)
        {
            var actual = i < headerFields.Count ? headerFields[i].Trim() : "";
            if (!string.Equals(actual, Header[i], StringComparison.Ordinal))
                throw new KommuneReferenceFormatException(file, headerLine, i + 1, Header[i],
                    $"expected the header column '{Header[i]}' but found '{actual}'.");
        }
        if (headerFields.Count > Header.Length)
            throw new KommuneReferenceFormatException(file, headerLine, Header.Length + 1, "",
                $"unexpected header column '{headerFields[Header.Length]}'.");

        var fileCountry = CountryOfFileName(file);
        var result = new List<(KommuneReferenceEntry, int)>(records.Count - 1);
        for (var r = 1; r < records.Count; r++)
        {
            var (fields, line) = records[r];
            result.Add((ParseRow(file, line, fields, fileCountry), line));
        }
        return result;
    }

    private static Country? CountryOfFileName(string file)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        var suffix = name.Length > "kommuner-".Length ? name["kommuner-".Length..] : "";
        return Enum.TryParse(suffix, ignoreCase: true, out Country country) && Enum.IsDefined(country) && suffix.All(char.IsAsciiLetter)
            ? country
            : null;
    }

    private static KommuneReferenceEntry ParseRow(string file, int line, IReadOnlyList<string> fields, Country? fileCountry)
    {
        if (fields.Count != Header.Length)
        {
            var column = Math.Min(fields.Count, Header.Length) + 1;
            var columnName = fields.Count < Header.Length ? Header[fields.Count] : "";
            throw new KommuneReferenceFormatException(file, line, column, columnName,
                $"expected {Header.Length} fields but found {fields.Count}.");
        }

        KommuneReferenceFormatException Error(int index, string problem) =>
            new(file, line, index + 1, Header[index], problem);

        var countryText = fields[0];
        if (!Enum.TryParse(countryText, ignoreCase: false, out Country country) || !Enum.IsDefined(country)
            || !countryText.All(char.IsAsciiLetterUpper))
            throw Error(0, $"'{countryText}' is not a country code (NO or SE).");
        if (fileCountry is { } expected && country != expected)
            throw Error(0, $"'{countryText}' in a file for {expected}.");

        var number = fields[1];
        if (!KommuneId.IsOfficialNumber(number))
            throw Error(1, $"'{number}' is not a 4-digit municipality number.");

        var name = fields[2].Trim();
        if (name.Length == 0)
            throw Error(2, "the name is empty.");

        var countyNumber = fields[3];
        if (countyNumber.Length != 2 || !countyNumber.All(char.IsAsciiDigit))
            throw Error(3, $"'{countyNumber}' is not a 2-digit county number.");
        if (!number.StartsWith(countyNumber, StringComparison.Ordinal))
            throw Error(3, $"county {countyNumber} does not match municipality number {number}.");

        var countyName = fields[4].Trim();
        if (countyName.Length == 0)
            throw Error(4, "the county name is empty.");

        var population = ParseOptionalInt(fields[5], 0, int.MaxValue, out var populationOk);
        if (!populationOk)
            throw Error(5, $"'{fields[5]}' is not a whole number of inhabitants.");

        var year = ParseOptionalInt(fields[6], 1800, 2200, out var yearOk);
        if (!yearOk)
            throw Error(6, $"'{fields[6]}' is not a year.");
        if (population is not null && year is null)
            throw Error(6, "a population needs the year it was counted.");
        if (population is null && year is not null)
            throw Error(5, $"population_year {year} is given without a population.");

        return new KommuneReferenceEntry(new KommuneId(country, number), name, countyNumber, countyName, population, year);
    }

    private static int? ParseOptionalInt(string text, int min, int max, out bool ok)
    {
        ok = true;
        if (text.Length == 0)
            return null;
        if (text.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            && value >= min && value <= max)
            return value;
        ok = false;
        return null;
    }

    /// <summary>
    /// A small RFC 4180 reader: comma-separated fields, optionally in double quotes, where a quoted field may hold
    /// commas, line breaks and doubled quotes (<c>""</c>). LF and CRLF both end a record; blank lines are skipped.
    /// </summary>
    private static class CsvRecords
    {
        public static List<(List<string> Fields, int Line)> Parse(string text, string file)
        {
            var records = new List<(List<string>, int)>();
            var fields = new List<string>();
            var field = new StringBuilder();
            var line = 1;
            var recordLine = 1;
            var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
            var fieldHasContent = false;

            void EndRecord()
            {
                fields.Add(field.ToString());
                field.Clear();
                var blank = fields.Count == 1 && fields[0].Length == 0 && !fieldHasContent;
                if (!blank)
                    records.Add((fields, recordLine));
                fields = [];
                fieldHasContent = false;
            }

            while (i < text.Length)
            {
                var c = text[i];
                if (c == '"' && field.Length == 0 && !fieldHasContent)
                {
                    // Quoted field.
                    fieldHasContent = true;
                    var quoteLine = line;
                    i++;
                    while (true)
                    {
                        if (i >= text.Length)
                            throw new KommuneReferenceFormatException(file, quoteLine, fields.Count + 1, HeaderName(fields.Count),
                                "a quoted field is not closed.");
                        var q = text[i];
                        if (q == '"')
                        {
                            if (i + 1 < text.Length && text[i + 1] == '"')
                            {
                                field.Append('"');
                                i += 2;
                                continue;
                            }
                            i++;
                            break;
                        }
                        if (q == '\n')
                            line++;
                        field.Append(q);
                        i++;
                    }
                    if (i < text.Length && text[i] is not (',' or '\n' or '\r'))
                        throw new KommuneReferenceFormatException(file, line, fields.Count + 1, HeaderName(fields.Count),
                            $"unexpected '{text[i]}' after a closing quote.");
                    continue;
                }

                switch (c)
                {
                    case ',':
                        fields.Add(field.ToString());
                        field.Clear();
                        fieldHasContent = false;
                        i++;
                        break;
                    case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                        i++;
                        break;
                    case '\n':
                        EndRecord();
                        i++;
                        line++;
                        recordLine = line;
                        break;
                    case '"':
                        throw new KommuneReferenceFormatException(file, line, fields.Count + 1, HeaderName(fields.Count),
                            "a double quote inside an unquoted field.");
                    case '\r':
                        throw new KommuneReferenceFormatException(file, line, fields.Count + 1, HeaderName(fields.Count),
                            "a carriage return that is not followed by a line feed.");
                    default:
                        field.Append(c);
                        i++;
                        break;
                }
            }
            if (fields.Count > 0 || field.Length > 0 || fieldHasContent)
                EndRecord();
            return records;
        }

        private static string HeaderName(int index) => index < Header.Length ? Header[index] : "";
    }
}
