using System.Net;
using System.Text.Json.Nodes;

namespace Kompass.Gateway.Tests.Analytics;

/// <summary>Each analytics query over HTTP with an analyst's token, against hand-computed answers (see the fixture's data).</summary>
public sealed class AnalyticsQueryTests(AnalyticsHostFixture fixture) : IClassFixture<AnalyticsHostFixture>
{
    private KompassTestHost Host => fixture.Host;

    private Task<JsonNode> Ask(string query, object? variables = null) => Host.OkAsync(query, variables, token: fixture.Analyst);

    [Fact]
    public async Task The_benchmark_gives_the_statistics_of_each_kommunes_latest_result_and_keeps_the_running_mean()
    {
        var data = await Ask("""
            {
              no: benchmark(country: NO, frameworkVersion: "2020") {
                country evaluations meanTotal { value count } kommuner results
                total { count mean median q1 q3 min max standardDeviation }
                areaStatistics { code name { nb sv } statistics { count mean } }
                histogram { lower upper upperIncluded count }
              }
              both: benchmark(frameworkVersion: "2020") { country kommuner total { count mean median } }
              early: benchmark(country: NO, frameworkVersion: "2020", to: "2022-12-31") { from to kommuner total { mean } }
            }
            """);
        var no = data["no"]!;
        // The running mean counts every evaluation (Trondheim twice): (480 + 560 + 600 + 440) / 4.
        Assert.Equal(4, no["evaluations"]!.GetValue<int>());
        Assert.Equal(520m, no["meanTotal"]!["value"]!.GetValue<decimal>());
        // The statistics count each kommune once, with its latest: 440, 480, 600.
        Assert.Equal(3, no["kommuner"]!.GetValue<int>());
        Assert.Equal(4, no["results"]!.GetValue<int>());
        var total = no["total"]!;
        Assert.Equal((3, 506.67m, 480m, 460m, 540m, 440, 600), (total["count"]!.GetValue<int>(), total["mean"]!.GetValue<decimal>(),
            total["median"]!.GetValue<decimal>(), total["q1"]!.GetValue<decimal>(), total["q3"]!.GetValue<decimal>(),
            total["min"]!.GetValue<int>(), total["max"]!.GetValue<int>()));
        Assert.Equal(67.99m, total["standardDeviation"]!.GetValue<decimal>()); // √(3·784000 − 1520²)/3
        var area1 = no["areaStatistics"]!.AsArray().Single(a => a!["code"].Str() == "1")!;
        Assert.Equal("Offentlighet og demokrati", area1["name"]!["nb"].Str());
        Assert.Equal(63.33m, area1["statistics"]!["mean"]!.GetValue<decimal>()); // (55 + 60 + 75) / 3
        var bars = no["histogram"]!.AsArray();
        Assert.Equal(16, bars.Count);
        Assert.Equal([1, 1, 0, 0, 1], bars.Skip(8).Take(5).Select(b => b!["count"]!.GetValue<int>())); // 400-450, 450-500, ..., 600-650
        Assert.True(bars[15]!["upperIncluded"]!.GetValue<bool>());

        Assert.Null(data["both"]!["country"]);
        Assert.Equal(4, data["both"]!["kommuner"]!.GetValue<int>());
        Assert.Equal(510m, data["both"]!["total"]!["mean"]!.GetValue<decimal>()); // (440 + 480 + 520 + 600) / 4
        Assert.Equal(500m, data["both"]!["total"]!["median"]!.GetValue<decimal>());

        // Until 2022: Trondheim counts with 560, Midtre Gauldal's 2023 result is out.
        Assert.Equal("2022-12-31", data["early"]!["to"].Str());
        Assert.Equal(2, data["early"]!["kommuner"]!.GetValue<int>());
        Assert.Equal(500m, data["early"]!["total"]!["mean"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task The_running_mean_of_both_countries_together_is_refused_on_country_while_the_statistics_answer()
    {
        var response = await Host.PostAsTokenAsync("""{ benchmark(frameworkVersion: "2020") { kommuner evaluations } }""", null, fixture.Analyst);
        Assert.Equal("VALIDATION_ERROR", response.Code);
        Assert.Equal("country", response.Field);
    }

    [Fact]
    public async Task The_ranking_shares_ranks_and_pages_with_cursors()
    {
        var data = await Ask("""
            { ranking(frameworkVersion: "2020", country: NO, first: 2) {
                totalCount withoutValue pageInfo { hasNextPage endCursor }
                nodes { rank percentile kommuneId name evaluationId value } } }
            """);
        var ranking = data["ranking"]!;
        Assert.Equal(3, ranking["totalCount"]!.GetValue<int>());
        var nodes = ranking["nodes"]!.AsArray();
        Assert.Equal(["NO-5001", "NO-5027"], nodes.Select(n => n!["kommuneId"].Str()));
        Assert.Equal([100m, 50m], nodes.Select(n => n!["percentile"]!.GetValue<decimal>()));
        Assert.Equal("Trondheim - Tråante", nodes[0]!["name"].Str());
        Assert.Equal(fixture.Ids["NO-5001/2024"], nodes[0]!["evaluationId"].Str());
        Assert.True(ranking["pageInfo"]!["hasNextPage"]!.GetValue<bool>());

        var next = (await Ask("""
            query($after: String) { ranking(frameworkVersion: "2020", country: NO, first: 2, after: $after) { pageInfo { hasNextPage } nodes { rank kommuneId percentile } } }
            """, new { after = ranking["pageInfo"]!["endCursor"].Str() }))["ranking"]!;
        var last = Assert.Single(next["nodes"]!.AsArray())!;
        Assert.Equal((3, "NO-1101", 0m), (last["rank"]!.GetValue<int>(), last["kommuneId"].Str(), last["percentile"]!.GetValue<decimal>()));
        Assert.False(next["pageInfo"]!["hasNextPage"]!.GetValue<bool>());

        // By one area, both countries: Upplands Väsby's 65 is second.
        var byArea = (await Ask("""{ ranking(frameworkVersion: "2020", area: "3") { nodes { rank kommuneId value } } }"""))["ranking"]!["nodes"]!.AsArray();
        Assert.Equal(["NO-5001", "SE-0114", "NO-5027", "NO-1101"], byArea.Select(n => n!["kommuneId"].Str()));
    }

    [Fact]
    public async Task An_evaluation_has_its_rank_and_percentile_among_the_latest_results_and_a_draft_has_none()
    {
        var data = await Ask("""
            query($latest: ID!, $earlier: ID!) {
              latest: evaluation(id: $latest) { rank percentile }
              earlier: evaluation(id: $earlier) { rank percentile }
            }
            """, new { latest = fixture.Ids["NO-5001/2024"], earlier = fixture.Ids["NO-5001/2021"] });
        Assert.Equal(1, data["latest"]!["rank"]!.GetValue<int>());
        Assert.Equal(100m, data["latest"]!["percentile"]!.GetValue<decimal>());
        // The earlier result stands in for its kommune: 560 is still above 480 and 440.
        Assert.Equal(1, data["earlier"]!["rank"]!.GetValue<int>());

        var draft = (await Host.OkAsync("""
            mutation { openEvaluation(input: {kommuneId: "NO-1101", frameworkVersion: "2020", evaluatedOn: "2026-11-01", evaluators: ["KS"]}) { id rank percentile } }
            """))["openEvaluation"]!;
        Assert.Null(draft["rank"]);
        Assert.Null(draft["percentile"]);
    }

    [Fact]
    public async Task A_trend_across_versions_maps_the_areas_and_carries_the_caveat()
    {
        var trend = (await Ask("""
            { kommune(id: "NO-5027") { trend { frameworkVersion caveat points { evaluationId frameworkVersion total totalDelta caveat areas { code scoredAs score delta } } } } }
            """))["kommune"]!["trend"]!;
        Assert.Equal("2020", trend["frameworkVersion"].Str());
        Assert.Contains("2010 and 2020", trend["caveat"].Str());
        var points = trend["points"]!.AsArray();
        Assert.Equal(["2010", "2020"], points.Select(p => p!["frameworkVersion"].Str()));
        var area2 = points[0]!["areas"]!.AsArray().Single(a => a!["code"].Str() == "2")!;
        Assert.Equal("8", area2["scoredAs"].Str()); // 2020's Samfunnsutvikling was 2010's area 8
        Assert.Equal(10, points[1]!["areas"]!.AsArray().Single(a => a!["code"].Str() == "2")!["delta"]!.GetValue<int>());
        Assert.Equal(80, points[1]!["totalDelta"]!.GetValue<int>());
        Assert.NotNull(points[1]!["caveat"]);

        var within = (await Ask("""{ kommune(id: "NO-5001") { trend { caveat points { totalDelta caveat } } } }"""))["kommune"]!["trend"]!;
        Assert.Null(within["caveat"]);
        Assert.Equal(40, within["points"]!.AsArray()[1]!["totalDelta"]!.GetValue<int>());
    }

    [Fact]
    public async Task Improvers_list_each_kommunes_latest_step_largest_first()
    {
        var rows = (await Ask("""{ improvers(frameworkVersion: "2020", first: 10) { kommuneId name fromValue toValue gain } }"""))["improvers"]!.AsArray();
        var step = Assert.Single(rows)!;
        Assert.Equal(("NO-5001", 560, 600, 40), (step["kommuneId"].Str(), step["fromValue"]!.GetValue<int>(), step["toValue"]!.GetValue<int>(), step["gain"]!.GetValue<int>()));
        var byArea = (await Ask("""{ improvers(frameworkVersion: "2020", country: NO, area: "1", first: 1) { gain } }"""))["improvers"]!.AsArray();
        Assert.Equal(5, Assert.Single(byArea)!["gain"]!.GetValue<int>());
    }

    [Fact]
    public async Task Peers_are_the_population_band_and_a_kommune_of_unknown_population_has_no_band_and_says_why()
    {
        var peers = (await Ask("""{ peers(kommuneId: "NO-5027") { frameworkVersion band { code label } noBandReason kommunerInBand peers { kommuneId isAsked total } total { count } } }"""))["peers"]!;
        Assert.Equal("2020", peers["frameworkVersion"].Str());
        Assert.Equal("5000-9999", peers["band"]!["code"].Str());
        Assert.Null(peers["noBandReason"]);
        Assert.Equal(70, peers["kommunerInBand"]!.GetValue<int>());
        var own = Assert.Single(peers["peers"]!.AsArray())!;
        Assert.True(own["isAsked"]!.GetValue<bool>());
        Assert.Equal(480, own["total"]!.GetValue<int>());

        var unknown = (await Ask("""{ peers(kommuneId: "SE-0114") { band { code } noBandReason peers { kommuneId } } }"""))["peers"]!;
        Assert.Null(unknown["band"]);
        Assert.Contains("unknown", unknown["noBandReason"].Str());
        Assert.Empty(unknown["peers"]!.AsArray());
    }

    [Fact]
    public async Task A_published_mean_is_imported_by_a_platform_admin_and_shown_beside_the_held_mean_each_labelled()
    {
        const string Import = """
            mutation($input: ImportPublishedMeanInput!) { importPublishedMean(input: $input) { year country totalMean areaMeans { code mean } source } }
            """;
        var input = new { year = 2023, frameworkVersion = "2020", country = "NO", totalMean = 470.5m, areaMeans = new[] { new { code = "1", mean = 60.2m } }, source = "KS Kommunekompasset 2023, s. 4" };
        Assert.Equal("FORBIDDEN", (await Host.PostAsTokenAsync(Import, new { input }, fixture.Analyst)).Code);
        var imported = (await Host.OkAsync(Import, new { input }))["importPublishedMean"]!;
        Assert.Equal("NO", imported["country"].Str());
        Assert.Equal(470.5m, imported["totalMean"]!.GetValue<decimal>());

        var comparison = (await Ask("""
            { meansBeside(frameworkVersion: "2020", country: NO) {
                heldTotal { kind label value count } publishedTotal { kind label value year source }
                areas { code held { value } published { value } } } }
            """))["meansBeside"]!;
        Assert.Equal("HELD", comparison["heldTotal"]!["kind"].Str());
        Assert.Equal("Snitt av siste resultat per kommune i Kompass (3 kommuner)", comparison["heldTotal"]!["label"].Str());
        Assert.Equal(506.67m, comparison["heldTotal"]!["value"]!.GetValue<decimal>());
        Assert.Equal("PUBLISHED", comparison["publishedTotal"]!["kind"].Str());
        Assert.Equal("Landssnitt publisert av KS (2023)", comparison["publishedTotal"]!["label"].Str());
        Assert.Equal("KS Kommunekompasset 2023, s. 4", comparison["publishedTotal"]!["source"].Str());
        var area1 = comparison["areas"]!.AsArray().Single(a => a!["code"].Str() == "1")!;
        Assert.Equal(60.2m, area1["published"]!["value"]!.GetValue<decimal>());
        Assert.Null(comparison["areas"]!.AsArray().Single(a => a!["code"].Str() == "2")!["published"]!["value"]);
    }

    [Fact]
    public async Task A_published_mean_given_as_literals_is_recorded_as_given()
    {
        var mean = (await Host.OkAsync("""
            mutation { importPublishedMean(input: { year: 2022, frameworkVersion: "2020", country: SE, totalMean: 500, areaMeans: [{ code: "2", mean: 61 }], source: " SKR 2022 " }) { year country totalMean areaMeans { code mean } source } }
            """))["importPublishedMean"]!;
        Assert.Equal((2022, "SE", 500m, "SKR 2022"), (mean["year"]!.GetValue<int>(), mean["country"].Str(), mean["totalMean"]!.GetValue<decimal>(), mean["source"].Str()));
        Assert.Equal(61m, Assert.Single(mean["areaMeans"]!.AsArray())!["mean"]!.GetValue<decimal>());
        var label = (await Ask("""{ meansBeside(frameworkVersion: "2020", country: SE, year: 2022) { publishedTotal { label } } }"""))["meansBeside"]!["publishedTotal"]!["label"].Str();
        Assert.Equal("Riksgenomsnitt publicerat av SKR (2022)", label);
    }

    public static TheoryData<string, string, string> BadInputs() => new()
    {
        { "unknown version", """{ benchmark(country: NO, frameworkVersion: "1999") { kommuner } }""", "frameworkVersion" },
        { "from after to", """{ benchmark(frameworkVersion: "2020", from: "2024-01-01", to: "2023-01-01") { kommuner } }""", "from" },
        { "area not in the version", """{ ranking(frameworkVersion: "2020", area: "9") { totalCount } }""", "area" },
        { "first over 500", """{ improvers(frameworkVersion: "2020", first: 501) { gain } }""", "first" },
        { "a cursor from elsewhere", """{ ranking(frameworkVersion: "2020", after: "not base64!") { totalCount } }""", "after" },
        { "a bad kommune id", """{ peers(kommuneId: "Trondheim") { band { code } } }""", "kommuneId" },
        { "unknown version of peers", """{ peers(kommuneId: "NO-5027", frameworkVersion: "1999") { band { code } } }""", "frameworkVersion" },
        { "cross-version without a mapping", """{ kommune(id: "NO-5027") { trend(frameworkVersion: "2030") { caveat } } }""", "frameworkVersion" },
        { "an unknown version of a trend", """{ kommune(id: "NO-5027") { trend(frameworkVersion: "1999") { caveat } } }""", "frameworkVersion" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_is_a_validation_error_naming_its_field(string what, string query, string field)
    {
        var response = await Host.PostAsTokenAsync(query, null, fixture.Analyst);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.True(response.Code == "VALIDATION_ERROR", $"{what}: {response.Body.ToJsonString()}");
        Assert.Equal(field, response.Field);
        Assert.False(string.IsNullOrWhiteSpace(response.Errors![0]!["message"].Str()));
    }

    [Fact]
    public async Task A_published_mean_that_breaks_the_rules_is_refused_with_its_field_and_nothing_is_recorded()
    {
        const string Import = "mutation($input: ImportPublishedMeanInput!) { importPublishedMean(input: $input) { year } }";
        await Host.RejectedAsync(Import, new { input = new { year = 2019, frameworkVersion = "2020", country = "SE", totalMean = 750m, areaMeans = new[] { new { code = "1", mean = 10m } }, source = "SKR" } },
            "VALIDATION_ERROR", "totalMean"); // the other 7 areas add at most 700
        await Host.RejectedAsync(Import, new { input = new { year = 2019, frameworkVersion = "2020", country = "SE", areaMeans = new[] { new { code = "9", mean = 10m } }, source = "SKR" } },
            "VALIDATION_ERROR", "areaMeans.9");
        await Host.RejectedAsync(Import, new { input = new { year = 2019, frameworkVersion = "2020", country = "SE", totalMean = 400m, source = " " } },
            "VALIDATION_ERROR", "source");
        var comparison = (await Ask("""{ meansBeside(frameworkVersion: "2020", country: SE, year: 2019) { publishedTotal { value } } }"""))["meansBeside"]!;
        Assert.Null(comparison["publishedTotal"]);
    }
}
