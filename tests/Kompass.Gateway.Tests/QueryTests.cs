namespace Kompass.Gateway.Tests;

/// <summary>
/// The read side against the demo data. Nothing in the demo collection registers kommuner or publishes
/// 2010 results, so the directory and the 2010 benchmark are exactly what the seed made.
/// </summary>
[Collection(DemoHostCollection.Name)]
public sealed class QueryTests(DemoHostFixture fixture)
{
    private KompassTestHost Host => fixture.Host;

    [Fact]
    public async Task Frameworks_lists_2010_and_2020()
    {
        var data = await Host.OkAsync("{ frameworks { version maxTotal ratingScale { min max } areas { code } scoringPoints { code } } }");

        var frameworks = data["frameworks"]!.AsArray();
        Assert.Equal(new[] { "2010", "2020" }, frameworks.Select(f => f!["version"].Str()));
        Assert.All(frameworks, f =>
        {
            Assert.Equal(800, f!["maxTotal"].Int());
            Assert.Equal(0, f["ratingScale"]!["min"].Int());
            Assert.Equal(4, f["ratingScale"]!["max"].Int());
            Assert.Equal(8, f["areas"]!.AsArray().Count);
        });
        // Version 2010 has no known sub-areas: its scoring points are its areas.
        Assert.Equal(8, frameworks.By("version", "2010")["scoringPoints"]!.AsArray().Count);
    }

    [Fact]
    public async Task Framework_2020_has_8_areas_35_sub_areas_and_37_scoring_points()
    {
        var data = await Host.OkAsync("""
            {
              framework(version: "2020") {
                version name { nb sv } perspectives { code name { nb } }
                areas { code perspective name { nb sv en } maxPoints subAreas { code maxPoints questions { code maxPoints text { nb } } } scoringPoints { code } }
                scoringPoints { code areaCode maxPoints name { nb } }
              }
            }
            """);
        var framework = data["framework"]!;

        var areas = framework["areas"]!.AsArray();
        Assert.Equal(8, areas.Count);
        Assert.Equal(35, areas.Sum(a => a!["subAreas"]!.AsArray().Count));
        Assert.Equal(4, framework["perspectives"]!.AsArray().Count);
        var points = framework["scoringPoints"]!.AsArray();
        Assert.Equal(37, points.Count);
        Assert.Equal(37, areas.Sum(a => a!["scoringPoints"]!.AsArray().Count));
        Assert.All(areas, a =>
        {
            Assert.Equal(100m, a!["maxPoints"].Dec());
            Assert.Equal(100m, points.Where(p => p!["areaCode"].Str() == a["code"].Str()).Sum(p => p!["maxPoints"].Dec()));
        });

        var area1 = areas.By("code", "1");
        Assert.Equal("Offentlighet og demokrati", area1["name"]!["nb"].Str());
        Assert.Equal("A", area1["perspective"].Str());
        Assert.Equal(5, area1["subAreas"]!.AsArray().Count);
        // 6.3 and 7.3 are scored by their questions (the four the seed names).
        var subArea63 = areas.By("code", "6")["subAreas"].By("code", "6.3");
        Assert.Equal(new[] { "6.3.1", "6.3.2" }, subArea63["questions"]!.AsArray().Select(q => q!["code"].Str()));
        Assert.Contains(points, p => p!["code"].Str() == "7.3.2");
        Assert.DoesNotContain(points, p => p!["code"].Str() == "7.3");
    }

    [Fact]
    public async Task Framework_of_an_unknown_version_is_null()
    {
        var data = await Host.OkAsync("""{ framework(version: "1999") { version } }""");

        Assert.Null(data["framework"]);
    }

    [Fact]
    public async Task Kommuner_pages_through_the_directory_with_cursors()
    {
        const string Page = """
            query($after: String) {
              kommuner(country: NO, first: 1, after: $after) {
                totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
                edges { cursor node { id name } } nodes { id countyName }
              }
            }
            """;

        var first = (await Host.OkAsync(Page, new { after = (string?)null }))["kommuner"]!;
        Assert.Equal(2, first["totalCount"].Int());
        Assert.True(first["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.False(first["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
        var edge = Assert.Single(first["edges"]!.AsArray())!;
        Assert.Equal("NO-5027", edge["node"]!["id"].Str());
        Assert.Equal("Midtre Gauldal", edge["node"]!["name"].Str());
        Assert.Equal("Trøndelag", first["nodes"]![0]!["countyName"].Str());
        var cursor = first["pageInfo"]!["endCursor"].Str();
        Assert.Equal(edge["cursor"].Str(), cursor);
        Assert.Equal(cursor, first["pageInfo"]!["startCursor"].Str());

        var second = (await Host.OkAsync(Page, new { after = cursor }))["kommuner"]!;
        Assert.Equal(2, second["totalCount"].Int());
        Assert.Equal("NO-5034", Assert.Single(second["nodes"]!.AsArray())!["id"].Str());
        Assert.Equal("Meråker", second["edges"]![0]!["node"]!["name"].Str());
        Assert.False(second["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.True(second["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());

        var past = (await Host.OkAsync(Page, new { after = second["pageInfo"]!["endCursor"].Str() }))["kommuner"]!;
        Assert.Empty(past["nodes"]!.AsArray());
        Assert.False(past["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Null(past["pageInfo"]!["endCursor"]);

        var sweden = await Host.OkAsync("{ kommuner(country: SE) { totalCount nodes { id } } }");
        Assert.Equal(0, sweden["kommuner"]!["totalCount"].Int());
    }

    [Fact]
    public async Task Kommuner_rejects_a_cursor_it_did_not_hand_out_and_a_page_size_out_of_range()
    {
        var response = await Host.PostAsync("""{ kommuner(country: NO, first: 1, after: "not-a-cursor") { totalCount } }""");
        Assert.Equal("VALIDATION_ERROR", response.Code);
        Assert.Equal("after", response.Field);

        response = await Host.PostAsync("{ kommuner(country: NO, first: -1) { totalCount } }");
        Assert.Equal("VALIDATION_ERROR", response.Code);
        Assert.Equal("first", response.Field);
    }

    [Fact]
    public async Task Kommune_by_id_has_its_evaluations_oldest_first()
    {
        var data = await Host.OkAsync("""
            {
              kommune(id: "NO-5027") {
                id name countyName population country number
                evaluations { id frameworkVersion evaluatedOn status imported source total areaScores { code score } kommune { id } }
              }
              meraker: kommune(id: "NO-5034") { name evaluations { id } }
              unknown: kommune(id: "NO-0301") { id }
              malformed: kommune(id: "garbage") { id }
            }
            """);
        var kommune = data["kommune"]!;

        Assert.Equal("Midtre Gauldal", kommune["name"].Str());
        Assert.Equal("Trøndelag", kommune["countyName"].Str());
        Assert.Equal(6140, kommune["population"].Int());
        var evaluations = kommune["evaluations"]!.AsArray();
        // The flow test may add NO-5027/eval/2026-1 after these; the seeded three come first.
        Assert.Equal(new[] { "NO-5027/eval/2010-1", "NO-5027/eval/2015-1", "NO-5027/eval/2023-1" },
            evaluations.Take(3).Select(e => e!["id"].Str()));
        var result2023 = evaluations.By("id", "NO-5027/eval/2023-1");
        Assert.Equal("2020", result2023["frameworkVersion"].Str());
        Assert.Equal("2023-03-02", result2023["evaluatedOn"].Str());
        Assert.Equal("PUBLISHED", result2023["status"].Str());
        Assert.True(result2023["imported"]!.GetValue<bool>());
        Assert.StartsWith("[DEMO DATA] ", result2023["source"].Str());
        Assert.Null(result2023["total"]);
        Assert.Equal(62, result2023["areaScores"].By("code", "1")["score"].Int());
        Assert.Null(result2023["areaScores"].By("code", "2")["score"]);
        Assert.Equal("NO-5027", result2023["kommune"]!["id"].Str());
        Assert.Equal("2010", evaluations.By("id", "NO-5027/eval/2015-1")["frameworkVersion"].Str());

        Assert.Equal("Meråker", data["meraker"]!["name"].Str());
        Assert.Equal("NO-5034/eval/2022-1", Assert.Single(data["meraker"]!["evaluations"]!.AsArray())!["id"].Str());
        Assert.Null(data["unknown"]);
        Assert.Null(data["malformed"]);
    }

    [Fact]
    public async Task Evaluation_by_id_is_null_for_an_unknown_id()
    {
        var data = await Host.OkAsync("""
            {
              known: evaluation(id: "NO-5027/eval/2015-1") { id evaluatedOn comparison { previousEvaluationId previousEvaluatedOn } }
              unknownNumber: evaluation(id: "NO-5027/eval/2023-9") { id }
              unknownKommune: evaluation(id: "NO-0301/eval/2023-1") { id }
              malformed: evaluation(id: "not-an-evaluation") { id }
            }
            """);

        Assert.Equal("NO-5027/eval/2015-1", data["known"]!["id"].Str());
        Assert.Equal("NO-5027/eval/2010-1", data["known"]!["comparison"]!["previousEvaluationId"].Str());
        Assert.Equal("2010-01-01", data["known"]!["comparison"]!["previousEvaluatedOn"].Str());
        Assert.Null(data["unknownNumber"]);
        Assert.Null(data["unknownKommune"]);
        Assert.Null(data["malformed"]);
    }

    [Fact]
    public async Task Benchmark_gives_the_country_mean_of_a_framework_version()
    {
        var data = await Host.OkAsync("""
            {
              no2010: benchmark(country: NO, frameworkVersion: "2010") { evaluations meanTotal { value count } areas { code value count } }
              no2020: benchmark(country: NO, frameworkVersion: "2020") { evaluations areas { code value count } }
              se2020: benchmark(country: SE, frameworkVersion: "2020") { evaluations meanTotal { value } areas { code } }
            }
            """);

        // 2010: the two imported results of NO-5027: area 1 (28 + 34) / 2, area 5 (22 + 38) / 2, no totals.
        var no2010 = data["no2010"]!;
        Assert.Equal(2, no2010["evaluations"].Int());
        Assert.Null(no2010["meanTotal"]);
        Assert.Equal(new[] { "1", "5" }, no2010["areas"]!.AsArray().Select(a => a!["code"].Str()));
        Assert.Equal(31m, no2010["areas"].By("code", "1")["value"].Dec());
        Assert.Equal(30m, no2010["areas"].By("code", "5")["value"].Dec());
        Assert.Equal(2, no2010["areas"].By("code", "5")["count"].Int());

        // 2020: at least the imported 2023 result (the flow test may have published another).
        Assert.True(data["no2020"]!["evaluations"].Int() >= 1);
        Assert.Contains(data["no2020"]!["areas"]!.AsArray(), a => a!["code"].Str() == "3");

        Assert.Equal(0, data["se2020"]!["evaluations"].Int());
        Assert.Null(data["se2020"]!["meanTotal"]);
        Assert.Empty(data["se2020"]!["areas"]!.AsArray());

        var unknown = await Host.PostAsync("""{ benchmark(country: NO, frameworkVersion: "1999") { evaluations } }""");
        Assert.Equal("VALIDATION_ERROR", unknown.Code);
        Assert.Equal("frameworkVersion", unknown.Field);
    }

    [Fact]
    public async Task Merakers_demo_strategy_stands_on_its_2022_evaluation_whose_scores_are_not_held()
    {
        var data = await Host.OkAsync("""
            {
              evaluation(id: "NO-5034/eval/2022-1") { status imported total source areaScores { score } }
              kommune(id: "NO-5034") {
                strategies {
                  title status basisEvaluationId adoption { body caseNumber }
                  focusAreas { areaCode goals { subGoals { actions { title } } } }
                  activities { title recurrence }
                }
              }
            }
            """, token: Host.Token("kommune-leader", "NO-5034"));

        var evaluation = data["evaluation"]!;
        Assert.Equal(("PUBLISHED", true), (evaluation["status"].Str(), evaluation["imported"]!.GetValue<bool>()));
        Assert.Null(evaluation["total"]);
        Assert.All(evaluation["areaScores"]!.AsArray(), a => Assert.Null(a!["score"]));
        Assert.Contains("gives no scores", evaluation["source"].Str());
        var strategy = Assert.Single(data["kommune"]!["strategies"]!.AsArray())!;
        Assert.StartsWith("[DEMO DATA] ", strategy["title"].Str());
        Assert.Equal(("ADOPTED", "NO-5034/eval/2022-1", "DEMO-sak 00/23"),
            (strategy["status"].Str(), strategy["basisEvaluationId"].Str(), strategy["adoption"]!["caseNumber"].Str()));
        Assert.Equal(["3", "6", "8"], strategy["focusAreas"]!.AsArray().Select(f => f!["areaCode"].Str()));
        Assert.Equal(3, strategy["activities"]!.AsArray().Count);
        Assert.Contains(strategy["focusAreas"]!.AsArray().SelectMany(f => f!["goals"]!.AsArray()).SelectMany(g => g!["subGoals"]!.AsArray())
            .SelectMany(s => s!["actions"]!.AsArray()), a => a!["title"].Str() == "Oppfølging av lederavtaler");
    }
}
