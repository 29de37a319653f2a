using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Kompass.Gateway.Tests.Analytics;

/// <summary>The CSV exports over HTTP: a bearer token required, the same answers as GraphQL, read back with CsvHelper.</summary>
public sealed class AnalyticsCsvEndpointTests(AnalyticsHostFixture fixture) : IClassFixture<AnalyticsHostFixture>
{
    private KompassTestHost Host => fixture.Host;

    private async Task<HttpResponseMessage> GetAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Host.AnonymousHttp.SendAsync(request);
    }

    /// <summary>Each row as column → value, read with CsvHelper.</summary>
    private static List<Dictionary<string, string>> Rows(string csv, params string[] columns)
    {
        using var reader = CsvHelper.CsvReader.FromText(csv, CsvHelper.CsvReaderOptions.Default);
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
            rows.Add(columns.ToDictionary(c => c, c => reader.GetString(c)));
        return rows;
    }

    private async Task<string> CsvAsync(string path)
    {
        using var response = await GetAsync(path, fixture.Analyst);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode} {text}");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        return text;
    }

    [Fact]
    public async Task The_benchmark_as_csv_has_the_numbers_of_the_graphql_answer()
    {
        var csv = await CsvAsync("/analytics/benchmark.csv?frameworkVersion=2020&country=NO");
        var rows = Rows(csv, "framework_version", "country", "measure", "count", "mean", "median", "q1", "q3", "min", "max", "sd");
        Assert.Equal(9, rows.Count); // the total and 8 areas
        var total = rows[0];
        Assert.Equal(["2020", "NO", "total", "3", "506.67", "480", "460", "540", "440", "600", "67.99"],
            new[] { "framework_version", "country", "measure", "count", "mean", "median", "q1", "q3", "min", "max", "sd" }.Select(c => total[c]));
        var graphql = (await Host.OkAsync("""{ benchmark(country: NO, frameworkVersion: "2020") { areaStatistics { code statistics { mean } } } }""",
            token: fixture.Analyst))["benchmark"]!["areaStatistics"]!.AsArray();
        Assert.Equal(graphql.Select(a => $"area_{a!["code"]!.GetValue<string>()}={a["statistics"]!["mean"]!.GetValue<decimal>():0.##}"),
            rows.Skip(1).Select(r => $"{r["measure"]}={decimal.Parse(r["mean"], System.Globalization.CultureInfo.InvariantCulture):0.##}"));

        var both = Rows(await CsvAsync("/analytics/benchmark.csv?frameworkVersion=2020&to=2022-12-31"), "country", "to", "count");
        Assert.Equal(("NO+SE", "2022-12-31", "3"), (both[0]["country"], both[0]["to"], both[0]["count"])); // 560, 440 and 520
    }

    [Fact]
    public async Task The_histogram_ranking_and_trend_read_back()
    {
        var bars = Rows(await CsvAsync("/analytics/histogram.csv?frameworkVersion=2020"), "lower", "count");
        Assert.Equal(16, bars.Count);
        Assert.Equal(4, bars.Sum(b => int.Parse(b["count"])));

        var ranking = Rows(await CsvAsync("/analytics/ranking.csv?frameworkVersion=2020&area=3"), "rank", "kommune_id", "name", "value", "measure");
        Assert.Equal(["NO-5001", "SE-0114", "NO-5027", "NO-1101"], ranking.Select(r => r["kommune_id"]));
        Assert.Equal(("1", "Trondheim - Tråante", "75"), (ranking[0]["rank"], ranking[0]["name"], ranking[0]["value"]));

        var trend = Rows(await CsvAsync("/kommuner/NO-5027/trend.csv"), "evaluation_id", "framework_version", "shown_in_version", "total", "total_delta", "area_2", "caveat");
        Assert.Equal(2, trend.Count);
        Assert.Equal(("2010", "2020", "400", ""), (trend[0]["framework_version"], trend[0]["shown_in_version"], trend[0]["total"], trend[0]["total_delta"]));
        Assert.Equal(("480", "80", "60"), (trend[1]["total"], trend[1]["total_delta"], trend[1]["area_2"]));
        Assert.NotEqual("", trend[1]["caveat"]);
    }

    [Fact]
    public async Task Without_a_token_the_exports_answer_401_and_every_role_reads_them()
    {
        foreach (var path in new[] { "/analytics/benchmark.csv?frameworkVersion=2020", "/analytics/ranking.csv?frameworkVersion=2020", "/kommuner/NO-5027/trend.csv" })
        {
            using var anonymous = await GetAsync(path, null);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal("UNAUTHENTICATED", JsonNode.Parse(await anonymous.Content.ReadAsStringAsync())!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
            foreach (var token in new[] { Host.Token("kommune-member", "NO-1101"), Host.Token("evaluator"), Host.Token("kommune-leader", "SE-0114") })
            {
                using var response = await GetAsync(path, token);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }
    }

    public static TheoryData<string, string> BadRequests() => new()
    {
        { "/analytics/benchmark.csv", "frameworkVersion" },
        { "/analytics/benchmark.csv?frameworkVersion=1999", "frameworkVersion" },
        { "/analytics/benchmark.csv?frameworkVersion=2020&country=DK", "country" },
        { "/analytics/benchmark.csv?frameworkVersion=2020&from=2024-13-01", "from" },
        { "/analytics/histogram.csv?frameworkVersion=2020&from=2024-01-01&to=2023-01-01", "from" },
        { "/analytics/ranking.csv?frameworkVersion=2020&area=9", "area" },
        { "/kommuner/Trondheim/trend.csv", "kommuneId" },
        { "/kommuner/NO-5027/trend.csv?frameworkVersion=2030", "frameworkVersion" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_parameters_answer_400_with_the_field_and_the_reason(string path, string field)
    {
        using var response = await GetAsync(path, fixture.Analyst);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = body["errors"]![0]!;
        Assert.Equal("VALIDATION_ERROR", error["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(field, error["extensions"]!["field"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(error["message"]!.GetValue<string>()));
    }
}
