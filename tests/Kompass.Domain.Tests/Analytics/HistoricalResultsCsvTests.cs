using Kompass.Domain.Analytics;
using Kompass.Domain.Evaluations;
using Kompass.Domain.Kommuner;
using static Kompass.Domain.Tests.Analytics.AnalyticsFixtures;

namespace Kompass.Domain.Tests.Analytics;

/// <summary>Historical results from CSV: every bad row reported (row, column, reason), nothing to import until clean.</summary>
public sealed class HistoricalResultsCsvTests
{
    private const string Header = "country,number,framework_version,evaluated_on,area_1,area_2,area_3,area_4,area_5,area_6,area_7,area_8,total,source";

    private static HistoricalImportReport Read(params string[] lines) =>
        HistoricalResultsCsv.Read(new StringReader(string.Join("\n", lines) + "\n"), Catalogue, Reference);

    private static CsvProblem Only(HistoricalImportReport report)
    {
        Assert.False(report.IsClean);
        return Assert.Single(report.Problems);
    }

    [Fact]
    public void A_clean_file_with_area_scores_a_total_or_both()
    {
        var report = Read(Header,
            "NO,5027,2010,2010-01-01,28,,,,22,,,,,Midtre Gauldal 2010 (seed 000)",
            "NO,5027,2020,2023-03-02,62,55,87,68,66,52,69,63,522,\"KS-Konsulent, 2 March 2023\"",
            "SE,0115,2020,2022-11-30,,,,,,,,,451,SKR Kommunkompassen 2022");

        Assert.True(report.IsClean);
        var rows = report.ToImport();
        Assert.Equal([2, 3, 4], rows.Select(r => r.Row));
        Assert.Equal(KommuneId.Parse("NO-5027"), rows[0].Kommune);
        Assert.Equal(new Dictionary<string, int> { ["1"] = 28, ["5"] = 22 }, rows[0].AreaScores);
        Assert.Null(rows[0].Total);
        Assert.Equal(522, rows[1].Total);
        Assert.Equal(8, rows[1].AreaScores.Count);
        Assert.Equal("KS-Konsulent, 2 March 2023", rows[1].Source);
        Assert.Equal(new DateOnly(2022, 11, 30), rows[2].EvaluatedOn);
        Assert.Empty(rows[2].AreaScores);
        Assert.Equal(KommuneId.Parse("SE-0115"), rows[2].Kommune);
    }

    [Fact]
    public void Semicolons_as_Excel_writes_them_in_Norway_and_Sweden()
    {
        var report = Read(Header.Replace(',', ';'), "NO;5027;2020;2023-03-02;;;;;;;;;554;mgk.no 6 March 2023");
        Assert.True(report.IsClean);
        Assert.Equal(554, report.Rows[0].Total);
    }

    [Fact]
    public void A_byte_order_mark_windows_line_endings_a_header_in_capitals_and_spaces_around_values()
    {
        var text = "\uFEFF" + Header.ToUpperInvariant() + "\r\n NO , 5027 ,2020, 2023-03-02 ,,,,,,,,, 554 , mgk.no \r\n";
        var report = HistoricalResultsCsv.Read(new StringReader(text), Catalogue, Reference);

        Assert.True(report.IsClean, string.Join("; ", report.Problems));
        Assert.Equal((554, "mgk.no"), (report.Rows[0].Total, report.Rows[0].Source));
    }

    [Fact]
    public void A_wrong_header_is_reported_column_by_column_and_no_row_is_read()
    {
        var report = Read(Header.Replace("framework_version", "version").Replace(",source", ""), "NO,5027,2020,2023-03-02,,,,,,,,,554");

        Assert.Empty(report.Rows);
        Assert.Equal(
            [new CsvProblem(1, "framework_version", "column 3 must be 'framework_version', not 'version'; the header is " + Header),
             new CsvProblem(1, "source", "column 14 'source' is missing; the header is " + Header)],
            report.Problems);
    }

    [Fact]
    public void An_extra_header_column()
    {
        var problem = Only(Read(Header + ",comment", "NO,5027,2020,2023-03-02,,,,,,,,,554,x,y"));
        Assert.Equal((1, "comment"), (problem.Row, problem.Column));
    }

    [Fact]
    public void An_empty_file_and_a_header_without_rows()
    {
        Assert.Contains("the file is empty", Only(HistoricalResultsCsv.Read(new StringReader(""), Catalogue, Reference)).Reason);
        Assert.Equal("the file has a header but no rows", Only(Read(Header)).Reason);
    }

    [Theory]
    [InlineData("NO,5027,2020,2023-03-02,sixty,,,,,,,,,s", "area_1", "'sixty' is not a whole number")]
    [InlineData("NO,5027,2020,2023-03-02,,,,,,,,,55.5,s", "total", "'55.5' is not a whole number")]
    [InlineData("DK,5027,2020,2023-03-02,,,,,,,,,554,s", "country", "unknown country 'DK'; write NO or SE")]
    [InlineData("NO,9999,2020,2023-03-02,,,,,,,,,554,s", "number", "NO-9999 is not in the reference list of kommuner")]
    [InlineData("SE,115,2020,2023-03-02,,,,,,,,,554,s", "number", "'115' is not a 4-digit kommune number (keep leading zeros, e.g. 0115)")]
    [InlineData("NO,5027,2030,2023-03-02,,,,,,,,,554,s", "framework_version", "unknown framework version '2030'; known versions: 2010, 2020")]
    [InlineData("NO,5027,2020,02.03.2023,,,,,,,,,554,s", "evaluated_on", "'02.03.2023' is not a date written yyyy-MM-dd")]
    [InlineData("NO,5027,2020,2023-03-02,,,,,,,,,554, ", "source", "say where the result comes from (report, presentation, date)")]
    public void A_bad_value_names_its_row_and_column(string line, string column, string reason)
    {
        Assert.Equal(new CsvProblem(2, column, reason), Only(Read(Header, line)));
    }

    [Theory]
    [InlineData("NO,5027,2020,2023-03-02,,,101,,,,,,,s", "area_3", "Area score 101 for area 3 is outside 0-100.")]
    [InlineData("NO,5027,2020,2023-03-02,,,,,,,,-1,,s", "area_8", "Area score -1 for area 8 is outside 0-100.")]
    [InlineData("NO,5027,2020,2023-03-02,60,60,60,60,60,60,60,60,470,s", "total", "Total 470 is not the sum of the area scores (480).")]
    [InlineData("NO,5027,2020,2023-03-02,90,,,,,,,,80,s", "total", "Total 80 cannot hold the given area scores (their sum is 90, the unknown areas add at most 700).")]
    [InlineData("NO,5027,2020,2023-03-02,,,,,,,,,801,s", "total", "Total 801 is outside 0-800.")]
    [InlineData("NO,5027,2020,2023-03-02,,,,,,,,,,s", "area_1..area_8, total", "A historical result needs area scores, a total, or both.")]
    public void Scores_follow_the_rules_of_an_imported_evaluation(string line, string column, string reason)
    {
        Assert.Equal(new CsvProblem(2, column, reason), Only(Read(Header, line)));
    }

    [Fact]
    public void Every_problem_of_a_row_is_reported_at_once()
    {
        var report = Read(Header, "XX,12,1999,yesterday,a,,,,,,,,b,");
        Assert.Equal(["country", "number", "framework_version", "evaluated_on", "area_1", "total", "source"],
            report.Problems.Select(p => p.Column));
        Assert.All(report.Problems, p => Assert.Equal(2, p.Row));
    }

    [Fact]
    public void A_duplicate_row_is_reported_with_the_row_it_repeats()
    {
        var problem = Only(Read(Header,
            "NO,5027,2020,2023-03-02,,,,,,,,,554,a",
            "NO,5034,2020,2023-03-02,,,,,,,,,500,b",
            "no,5027,2020,2023-03-02,,,,,,,,,554,c"));
        Assert.Equal(new CsvProblem(4, "evaluated_on", "duplicate of row 2: NO-5027, framework 2020, 2023-03-02 again"), problem);
    }

    [Fact]
    public void Every_bad_row_is_reported_and_nothing_is_imported_until_the_file_is_clean()
    {
        var report = Read(Header,
            "NO,5027,2020,2023-03-02,,,,,,,,,554,good",
            "NO,5034,2020,2022-10-01,,,,,,,,,900,bad total",
            "NO,1804,2020,2021-05-01,,,,,,,,,500,good",
            "NO,1804,2020,2021-05-01,,,,,,,,,500,duplicate",
            "NO,0301,2020,2020-01-01,,,,,,,,,500");

        Assert.Equal([3, 5, 6], report.Problems.Select(p => p.Row));
        Assert.Equal(["NO-5027", "NO-1804"], report.Rows.Select(r => r.Kommune.ToString())); // what a dry run shows as good
        var ex = Assert.Throws<DomainException>(report.ToImport);
        Assert.Equal("file", ex.Field);
        Assert.Equal(ErrorKind.Validation, ex.Code);
        Assert.Equal(3, ex.Details.Count);
        Assert.StartsWith("row 3, total: Total 900 is outside", ex.Details[0]);
        Assert.Equal("row 6, row: expected 14 fields but found 13", ex.Details[2]);
    }

    [Fact]
    public void Rows_are_the_lines_of_the_file_even_after_a_quoted_line_break()
    {
        var report = Read(Header,
            "NO,5027,2020,2023-03-02,,,,,,,,,554,\"two\nlines\"",
            "NO,5034,2020,2022-10-01,,,,,,,,,900,x");
        Assert.Equal("two\nlines", report.Rows[0].Source);
        Assert.Equal(4, Only(report).Row);
    }

    [Fact]
    public void Malformed_quoting_is_a_problem_of_its_row()
    {
        var report = Read(Header, "NO,5027,2020,2023-03-02,,,,,,,,,554,KS \"rapport\" 2023", "NO,5034,2020,2022-10-01,,,,,,,,,500,ok");
        var problem = Only(report);
        Assert.Equal((2, ""), (problem.Row, problem.Column));
        Assert.StartsWith("malformed quoting", problem.Reason);
        Assert.Equal(["NO-5034"], report.Rows.Select(r => r.Kommune.ToString()));
    }

    [Fact]
    public void A_file_of_more_than_the_limit_stops_with_a_problem()
    {
        var lines = Enumerable.Range(0, HistoricalResultsCsv.MaxRows + 1)
            .Select(i => $"NO,5027,2020,{new DateOnly(1990, 1, 1).AddDays(i):yyyy-MM-dd},,,,,,,,,500,s");
        var report = Read([Header, .. lines]);
        var problem = Only(report);
        Assert.Equal(HistoricalResultsCsv.MaxRows + 2, problem.Row);
        Assert.Contains("more than 10000 rows", problem.Reason);
    }

    [Fact]
    public void A_clean_file_imports_as_evaluations_and_reaches_the_benchmark()
    {
        var rows = Read(Header,
            "NO,5027,2020,2023-03-02,62,55,87,68,66,52,69,63,522,KS",
            "NO,5034,2020,2022-10-01,,,,,,,,,500,KS",
            "NO,5027,2010,2015-01-01,34,,,,38,,,,,KS").ToImport();

        var aggregate = NewAggregate();
        foreach (var row in rows)
        {
            var id = EvaluationIds.Format(row.Kommune.ToString(), row.EvaluatedOn.Year, 1);
            var evaluation = Evaluation.Import(new EvaluationState(), id, Catalogue.Get(row.FrameworkVersion), row.EvaluatedOn,
                row.AreaScores, row.Total, row.Source, DateTimeOffset.UnixEpoch);
            aggregate.Apply(evaluation.Result(), evaluation.State.Version);
        }

        var benchmark = aggregate.Benchmark("2020", Country.NO, Period.AllTime);
        Assert.Equal(2, benchmark.Kommuner);
        Assert.Equal(511m, benchmark.Total.Mean);
        Assert.Equal(34, aggregate.Benchmark("2010", Country.NO, Period.AllTime).Areas[0].Summary.Max);
    }
}
