using System.Text.Json.Nodes;
using static Kompass.Gateway.Tests.Gql;

namespace Kompass.Gateway.Tests;

/// <summary>Every mutation's happy path over HTTP, with the values it answers and what a read-back shows.</summary>
[Collection(SharedHostCollection.Name)]
public sealed class MutationTests(SharedHostFixture fixture)
{
    private KompassTestHost Host => fixture.Host;

    [Fact]
    public async Task RegisterKommune_fills_name_county_and_population_from_the_reference_list()
    {
        var kommune = await Host.RegisterAsync("NO-1101");

        Assert.Equal("NO-1101", kommune["id"].Str());
        Assert.Equal("Eigersund", kommune["name"].Str());
        Assert.Equal("Rogaland", kommune["countyName"].Str());
        Assert.Equal("NO", kommune["country"].Str());
        Assert.Equal("1101", kommune["number"].Str());
        Assert.Equal(15221, kommune["population"].Int());
        Assert.Equal(2024, kommune["populationYear"].Int());
        Assert.Empty(kommune["evaluations"]!.AsArray());
        Assert.Equal(kommune.ToJsonString(), await Host.KommuneSnapshotAsync("NO-1101"));
    }

    [Fact]
    public async Task RegisterKommune_takes_a_swedish_kommun_from_its_list()
    {
        var kommune = await Host.RegisterAsync("SE-0115");

        Assert.Equal("Vallentuna", kommune["name"].Str());
        Assert.Equal("Stockholms län", kommune["countyName"].Str());
        Assert.Equal("SE", kommune["country"].Str());
        Assert.Equal("0115", kommune["number"].Str());
        Assert.Null(kommune["population"]);
    }

    [Fact]
    public async Task RegisterKommune_with_a_number_not_in_the_list_takes_the_given_name()
    {
        var data = await Host.OkAsync($$"""
            mutation { registerKommune(input: {kommuneId: "NO-9999", name: "  Nyby  ", countyName: "Testfylke", population: 1234}) { {{KommuneFields}} } }
            """);
        var kommune = data["registerKommune"]!;

        Assert.Equal("NO-9999", kommune["id"].Str());
        Assert.Equal("Nyby", kommune["name"].Str());
        Assert.Equal("Testfylke", kommune["countyName"].Str());
        Assert.Equal(1234, kommune["population"].Int());
        Assert.Null(kommune["populationYear"]);
        Assert.Equal(kommune.ToJsonString(), await Host.KommuneSnapshotAsync("NO-9999"));
    }

    [Fact]
    public async Task OpenEvaluation_answers_a_draft_with_every_2020_scoring_point_missing()
    {
        await Host.RegisterAsync("NO-1103");

        var evaluation = await Host.OpenAsync("NO-1103", "2020", "2026-11-01");

        Assert.Equal("NO-1103/eval/2026-1", evaluation["id"].Str());
        Assert.Equal("NO-1103", evaluation["kommune"]!["id"].Str());
        Assert.Equal("2020", evaluation["frameworkVersion"].Str());
        Assert.Equal("2026-11-01", evaluation["evaluatedOn"].Str());
        Assert.Equal("DRAFT", evaluation["status"].Str());
        Assert.Equal("SCORED", evaluation["origin"].Str());
        Assert.False(evaluation["imported"]!.GetValue<bool>());
        Assert.Equal(new[] { "KS-Konsulent" }, evaluation["evaluators"].Strings());
        Assert.Equal(37, evaluation["missingScoringPoints"]!.AsArray().Count);
        Assert.Equal(await Host.ScoringPointCodesAsync("2020"), evaluation["missingScoringPoints"].Strings());
        Assert.Null(evaluation["total"]);
        Assert.Null(evaluation["publishedAt"]);
        Assert.Equal(1, evaluation["version"].Int());
        Assert.Equal(8, evaluation["areaScores"]!.AsArray().Count);
        Assert.All(evaluation["areaScores"]!.AsArray(), a => Assert.Null(a!["score"]));
        Assert.Equal(evaluation.ToJsonString(), await Host.EvaluationSnapshotAsync("NO-1103/eval/2026-1"));

        // The kommune tracks it, and a second evaluation in the same year gets the next number.
        var kommune = await Host.OkAsync("""{ kommune(id: "NO-1103") { evaluations { id status } } }""");
        Assert.Equal("NO-1103/eval/2026-1", kommune["kommune"]!["evaluations"]![0]!["id"].Str());
        Assert.Equal("NO-1103/eval/2026-2", (await Host.OpenAsync("NO-1103", "2020", "2026-12-01"))["id"].Str());
        Assert.Equal("NO-1103/eval/2019-1", (await Host.OpenAsync("NO-1103", "2010", "2019-05-01"))["id"].Str());
    }

    [Fact]
    public async Task RateScoringPoints_computes_area_scores_and_the_total()
    {
        await Host.RegisterAsync("NO-1106");
        var id = (await Host.OpenAsync("NO-1106"))["id"].Str();

        // A first batch: area 1 only, at the top of the scale. Area 1 is complete, the total is not.
        var partial = await Host.RateAsync(id, new[] { "1.1", "1.2", "1.3", "1.4", "1.5" }.Select(c => Rating(c, 4, 4, 4, "Godt dokumentert")));
        var area1 = partial["areaScores"].By("code", "1");
        Assert.Equal(100, area1["score"].Int());
        Assert.Equal(100m, area1["exactScore"].Dec());
        Assert.Equal(5, area1["ratedPoints"].Int());
        Assert.Equal(5, area1["scoringPoints"].Int());
        Assert.Equal(100, area1["maxScore"].Int());
        Assert.Equal("Offentlighet og demokrati", area1["name"].Str());
        Assert.Null(partial["areaScores"].By("code", "2")["score"]);
        Assert.Null(partial["total"]);
        Assert.Equal(32, partial["missingScoringPoints"]!.AsArray().Count);
        Assert.DoesNotContain("1.1", partial["missingScoringPoints"].Strings());
        Assert.Equal("Godt dokumentert", partial["ratings"].By("code", "1.1")["comment"].Str());
        Assert.Equal(2, partial["version"].Int());

        // Then all 37 at 3/3/3: each area 100 x 9/12 = 75, the total 8 x 75 = 600 (re-rating area 1).
        var all = await Host.RateAllAsync(id, 3, 3, 3);
        Assert.All(all["areaScores"]!.AsArray(), a =>
        {
            Assert.Equal(75, a!["score"].Int());
            Assert.Equal(75m, a["exactScore"].Dec());
            Assert.Equal(a["scoringPoints"].Int(), a["ratedPoints"].Int());
        });
        Assert.Equal(600, all["total"].Int());
        Assert.Empty(all["missingScoringPoints"]!.AsArray());
        Assert.Equal(37, all["ratings"]!.AsArray().Count);
        Assert.Equal(3, all["ratings"].By("code", "1.1")["system"].Int());
        Assert.Equal("DRAFT", all["status"].Str());
        Assert.Equal(3, all["version"].Int());
        Assert.Equal(all.ToJsonString(), await Host.EvaluationSnapshotAsync(id));
    }

    [Fact]
    public async Task RecordInterview_adds_the_interview()
    {
        await Host.RegisterAsync("NO-1122");
        var id = (await Host.OpenAsync("NO-1122"))["id"].Str();

        var data = await Host.OkAsync($$"""
            mutation { recordInterview(input: {evaluationId: "{{id}}", role: "Kommunedirektør", date: "2026-10-20", people: 2, expectedVersion: 1}) { {{EvaluationFields}} } }
            """);
        var evaluation = data["recordInterview"]!;

        var interview = Assert.Single(evaluation["interviews"]!.AsArray())!;
        Assert.Equal("Kommunedirektør", interview["role"].Str());
        Assert.Equal("2026-10-20", interview["date"].Str());
        Assert.Equal(2, interview["people"].Int());
        Assert.Equal(2, evaluation["version"].Int());
        Assert.Equal(evaluation.ToJsonString(), await Host.EvaluationSnapshotAsync(id));
    }

    [Fact]
    public async Task RecordFindings_sets_an_areas_findings_and_a_second_call_replaces_them()
    {
        await Host.RegisterAsync("NO-1160");
        var id = (await Host.OpenAsync("NO-1160"))["id"].Str();

        var first = (await Host.OkAsync($$"""
            mutation { recordFindings(input: {evaluationId: "{{id}}", areaCode: "1", strengths: ["Gode og oppdaterte nettsider"], challenges: ["Lite dialog med innbyggerne"], improvementAreas: ["Strategi for kommunikasjon"]}) { {{EvaluationFields}} } }
            """))["recordFindings"]!;
        var findings = Assert.Single(first["findings"]!.AsArray())!;
        Assert.Equal("1", findings["areaCode"].Str());
        Assert.Equal(new[] { "Gode og oppdaterte nettsider" }, findings["strengths"].Strings());
        Assert.Equal(new[] { "Lite dialog med innbyggerne" }, findings["challenges"].Strings());
        Assert.Equal(new[] { "Strategi for kommunikasjon" }, findings["improvementAreas"].Strings());

        // Lists left out are empty; the area's findings are replaced, not merged.
        var second = (await Host.OkAsync($$"""
            mutation { recordFindings(input: {evaluationId: "{{id}}", areaCode: "1", challenges: ["Svak rapportering"]}) { {{EvaluationFields}} } }
            """))["recordFindings"]!;
        findings = Assert.Single(second["findings"]!.AsArray())!;
        Assert.Empty(findings["strengths"]!.AsArray());
        Assert.Equal(new[] { "Svak rapportering" }, findings["challenges"].Strings());
        Assert.Empty(findings["improvementAreas"]!.AsArray());
        Assert.Equal(3, second["version"].Int());
        Assert.Equal(second.ToJsonString(), await Host.EvaluationSnapshotAsync(id));
    }

    [Fact]
    public async Task PublishEvaluation_freezes_a_fully_rated_draft_and_the_kommune_sees_its_result()
    {
        await Host.RegisterAsync("NO-1531");
        var id = (await Host.OpenAsync("NO-1531"))["id"].Str();
        await Host.RateAllAsync(id, 2, 2, 2);

        var published = await Host.PublishAsync(id);

        Assert.Equal("PUBLISHED", published["status"].Str());
        Assert.NotNull(published["publishedAt"]);
        Assert.Equal(400, published["total"].Int()); // 8 x 100 x 6/12
        Assert.Equal(3, published["version"].Int());
        Assert.Equal(published.ToJsonString(), await Host.EvaluationSnapshotAsync(id));
        var kommune = await Host.OkAsync("""{ kommune(id: "NO-1531") { evaluations { id status total } } }""");
        var entry = Assert.Single(kommune["kommune"]!["evaluations"]!.AsArray())!;
        Assert.Equal("PUBLISHED", entry["status"].Str());
        Assert.Equal(400, entry["total"].Int());
    }

    [Fact]
    public async Task AmendEvaluation_records_who_why_and_the_old_and_new_ratings()
    {
        await Host.RegisterAsync("NO-1577");
        var id = (await Host.OpenAsync("NO-1577"))["id"].Str();
        await Host.RateAllAsync(id, 3, 3, 3);
        await Host.PublishAsync(id);

        var data = await Host.OkAsync($$"""
            mutation { amendEvaluation(input: {evaluationId: "{{id}}", reason: "Wrong rating of 1.1 in the report draft", ratings: [{code: "1.1", system: 4, scope: 4, result: 4}]}) { {{EvaluationFields}} } }
            """, actor: "kari.nordmann@ks.no");
        var amended = data["amendEvaluation"]!;

        var amendment = Assert.Single(amended["amendments"]!.AsArray())!;
        Assert.Equal("kari.nordmann@ks.no", amendment["by"].Str());
        Assert.Equal("Wrong rating of 1.1 in the report draft", amendment["reason"].Str());
        Assert.NotNull(amendment["at"]);
        var change = Assert.Single(amendment["changes"]!.AsArray())!;
        Assert.Equal("ratings.1.1", change["field"].Str());
        Assert.Equal("3/3/3", change["oldValue"].Str());
        Assert.Equal("4/4/4", change["newValue"].Str());
        // Area 1: four points at 15 and one at 20 = 80; the total 600 - 75 + 80 = 605.
        Assert.Equal(80, amended["areaScores"].By("code", "1")["score"].Int());
        Assert.Equal(605, amended["total"].Int());
        Assert.Equal("PUBLISHED", amended["status"].Str());
        Assert.Equal(4, amended["version"].Int());
        Assert.Equal(amended.ToJsonString(), await Host.EvaluationSnapshotAsync(id));
    }

    [Fact]
    public async Task ImportHistoricalResult_stores_a_published_imported_result()
    {
        await Host.RegisterAsync("NO-1820");

        var data = await Host.OkAsync($$"""
            mutation { importHistoricalResult(input: {kommuneId: "NO-1820", frameworkVersion: "2020", evaluatedOn: "2022-05-01",
              areaScores: [{code: "1", score: 50}, {code: "2", score: 60}, {code: "3", score: 70}, {code: "4", score: 40},
                           {code: "5", score: 55}, {code: "6", score: 65}, {code: "7", score: 45}, {code: "8", score: 35}],
              total: 420, source: "KS-rapport 2022, s. 4"}) { {{EvaluationFields}} } }
            """);
        var evaluation = data["importHistoricalResult"]!;

        Assert.Equal("NO-1820/eval/2022-1", evaluation["id"].Str());
        Assert.True(evaluation["imported"]!.GetValue<bool>());
        Assert.Equal("IMPORTED", evaluation["origin"].Str());
        Assert.Equal("PUBLISHED", evaluation["status"].Str());
        Assert.NotNull(evaluation["publishedAt"]);
        Assert.Equal("KS-rapport 2022, s. 4", evaluation["source"].Str());
        Assert.Equal(420, evaluation["total"].Int());
        Assert.Equal(60, evaluation["areaScores"].By("code", "2")["score"].Int());
        Assert.Empty(evaluation["missingScoringPoints"]!.AsArray());
        Assert.Equal(evaluation.ToJsonString(), await Host.EvaluationSnapshotAsync("NO-1820/eval/2022-1"));

        // A result known by some areas only: the total stays unknown.
        var partial = (await Host.OkAsync("""
            mutation { importHistoricalResult(input: {kommuneId: "NO-1820", frameworkVersion: "2010", evaluatedOn: "2015-01-01",
              areaScores: [{code: "1", score: 34}, {code: "5", score: 38}], source: "Presentasjon 2015"}) { id total imported areaScores { code score } } }
            """))["importHistoricalResult"]!;
        Assert.Equal("NO-1820/eval/2015-1", partial["id"].Str());
        Assert.Null(partial["total"]);
        Assert.Equal(38, partial["areaScores"].By("code", "5")["score"].Int());
        Assert.Null(partial["areaScores"].By("code", "2")["score"]);
    }

    [Fact]
    public async Task AmendEvaluation_of_an_imported_result_records_old_and_new_area_scores()
    {
        await Host.RegisterAsync("NO-1837");
        await Host.OkAsync("""
            mutation { importHistoricalResult(input: {kommuneId: "NO-1837", frameworkVersion: "2020", evaluatedOn: "2021-03-01",
              areaScores: [{code: "1", score: 62}, {code: "3", score: 87}], source: "Rapport 2021"}) { id } }
            """);

        var amended = (await Host.OkAsync($$"""
            mutation { amendEvaluation(input: {evaluationId: "NO-1837/eval/2021-1", reason: "OCR read 62 for 64", areaScores: [{code: "1", score: 64}]}) { {{EvaluationFields}} } }
            """, actor: "analyst@ks.no"))["amendEvaluation"]!;

        Assert.Equal(64, amended["areaScores"].By("code", "1")["score"].Int());
        var amendment = Assert.Single(amended["amendments"]!.AsArray())!;
        Assert.Equal("analyst@ks.no", amendment["by"].Str());
        var change = Assert.Single(amendment["changes"]!.AsArray())!;
        Assert.Equal("areaScores.1", change["field"].Str());
        Assert.Equal("62", change["oldValue"].Str());
        Assert.Equal("64", change["newValue"].Str());
    }
}
