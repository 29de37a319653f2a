using Kompass.Domain.Analytics;
using Kompass.Domain.Evaluations;
using Kompass.Domain.Kommuner;
using static Kompass.Domain.Tests.Analytics.AnalyticsFixtures;

namespace Kompass.Domain.Tests.Analytics;

/// <summary>Benchmarks, rankings and trends written as CSV.</summary>
public sealed class AnalyticsCsvTests
{
    private static string Write(Action<TextWriter> write)
    {
        var output = new StringWriter();
        write(output);
        return output.ToString();
    }

    private static ResultAggregate Three() => With(
        R("NO-5027", 2023, 480, ("1", 62)),
        R("NO-5034", 2022, 500, ("1", 50)),
        R("NO-1804", 2021, 470));

    [Fact]
    public void A_benchmark_has_a_row_for_the_total_and_one_per_area()
    {
        var benchmark = Three().Benchmark("2020", Country.NO, Period.Of(new DateOnly(2020, 1, 1), null));
        var lines = Write(w => AnalyticsCsv.WriteBenchmark(w, benchmark)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(10, lines.Length);
        Assert.Equal("framework_version,country,from,to,measure,count,mean,median,q1,q3,min,max,sd", lines[0]);
        Assert.Equal("2020,NO,2020-01-01,,total,3,483.33,480,475,490,470,500,12.47", lines[1]);
        Assert.Equal("2020,NO,2020-01-01,,area_1,2,56,56,53,59,50,62,6", lines[2]);
        Assert.Equal("2020,NO,2020-01-01,,area_2,0,,,,,,,", lines[3]);
    }

    [Fact]
    public void Both_countries_are_written_as_such_and_the_histogram_has_16_bars()
    {
        var benchmark = Three().Benchmark("2020", null, Period.AllTime);
        var lines = Write(w => AnalyticsCsv.WriteHistogram(w, benchmark)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(17, lines.Length);
        Assert.Equal("framework_version,country,from,to,lower,upper,upper_included,count", lines[0]);
        Assert.Equal("2020,NO+SE,,,450,500,False,2", lines[10]);
        Assert.Equal("2020,NO+SE,,,500,550,False,1", lines[11]);
        Assert.Equal("2020,NO+SE,,,750,800,True,0", lines[16]);
    }

    [Fact]
    public void A_ranking_lists_each_kommune_with_its_name()
    {
        var ranking = Three().Ranking("2020", Country.NO, Period.AllTime, Measure.Total);
        var lines = Write(w => AnalyticsCsv.WriteRanking(w, ranking, Reference)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("framework_version,country,from,to,measure,rank,percentile,kommune_id,name,evaluation_id,evaluated_on,value", lines[0]);
        Assert.Equal("2020,NO,,,total,1,100,NO-5034,Meråker,NO-5034/eval/2022-1,2022-01-01,500", lines[1]);
        Assert.Equal("2020,NO,,,total,3,0,NO-1804,Bodø,NO-1804/eval/2021-1,2021-01-01,470", lines[3]);
    }

    [Fact]
    public void A_trend_has_a_row_per_result_with_area_columns_and_the_caveat()
    {
        var results = new PublishedResult[]
        {
            new("NO-5027/eval/2010-1", "NO-5027", "2010", new DateOnly(2010, 1, 1), new Dictionary<string, int> { ["1"] = 28, ["5"] = 22 }, null),
            new("NO-5027/eval/2023-1", "NO-5027", "2020", new DateOnly(2023, 3, 2), new Dictionary<string, int> { ["1"] = 62, ["4"] = 68 }, null),
        };
        var csv = Write(w => AnalyticsCsv.WriteTrend(w, Trends.Of(KommuneId.Parse("NO-5027"), results, Catalogue)));
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("kommune_id,evaluation_id,evaluated_on,framework_version,shown_in_version,total,total_delta," +
                     "area_1,area_1_delta,area_2,area_2_delta,area_3,area_3_delta,area_4,area_4_delta," +
                     "area_5,area_5_delta,area_6,area_6_delta,area_7,area_7_delta,area_8,area_8_delta,caveat", lines[0]);
        Assert.StartsWith("NO-5027,NO-5027/eval/2010-1,2010-01-01,2010,2020,,,28,,,,,,22,,,,,,,,,,", lines[1]);
        Assert.StartsWith("NO-5027,NO-5027/eval/2023-1,2023-03-02,2020,2020,,,62,34,,,,,68,46,", lines[2]);
        Assert.Contains("not directly comparable", lines[2]);
    }

    [Fact]
    public void Text_a_spreadsheet_would_run_as_a_formula_is_escaped_and_negative_numbers_are_not()
    {
        var results = new PublishedResult[]
        {
            new("NO-5027/eval/2015-1", "NO-5027", "2020", new DateOnly(2015, 1, 1), new Dictionary<string, int>(), 500),
            new("NO-5027/eval/2023-1", "NO-5027", "2020", new DateOnly(2023, 1, 1), new Dictionary<string, int>(), 480),
        };
        var trend = Trends.Of(KommuneId.Parse("NO-5027"), results, Catalogue);
        var csv = Write(w => AnalyticsCsv.WriteTrend(w, trend with { KommuneId = "=HYPERLINK(\"x\")" }));

        Assert.Contains(",480,-20,", csv);
        Assert.Contains("\"'=HYPERLINK(\"\"x\"\")\"", csv);
    }

    [Fact]
    public void An_exported_ranking_reads_back_with_CsvHelper()
    {
        var ranking = Three().Ranking("2020", Country.NO, Period.AllTime, Measure.Area("1"));
        var csv = Write(w => AnalyticsCsv.WriteRanking(w, ranking, Reference));

        using var reader = CsvHelper.CsvReader.FromText(csv, CsvHelper.CsvReaderOptions.Default);
        var values = new List<string>();
        while (reader.Read())
            values.Add(reader.GetString("kommune_id") + "=" + reader.GetString("value"));
        Assert.Equal(["NO-5027=62", "NO-5034=50"], values);
    }
}
