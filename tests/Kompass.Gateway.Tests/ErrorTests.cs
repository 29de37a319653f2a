using System.Net;
using static Kompass.Gateway.Tests.Gql;

namespace Kompass.Gateway.Tests;

/// <summary>
/// Every error code with the input field it names, and after each rejection a read-back showing that
/// nothing changed: no half-applied batch, no evaluation created, no id used up.
/// </summary>
[Collection(SharedHostCollection.Name)]
public sealed class ErrorTests(SharedHostFixture fixture)
{
    private const string Validation = "VALIDATION_ERROR";
    private const string NotFound = "NOT_FOUND";
    private const string Conflict = "CONFLICT";

    private const string Register = "mutation($input: RegisterKommuneInput!) { registerKommune(input: $input) { id } }";
    private const string Open = "mutation($input: OpenEvaluationInput!) { openEvaluation(input: $input) { id } }";
    private const string Rate = "mutation($input: RateScoringPointsInput!) { rateScoringPoints(input: $input) { id version } }";
    private const string Import = "mutation($input: ImportHistoricalResultInput!) { importHistoricalResult(input: $input) { id } }";
    private const string Publish = "mutation($input: PublishEvaluationInput!) { publishEvaluation(input: $input) { id } }";
    private const string Interview = "mutation($input: RecordInterviewInput!) { recordInterview(input: $input) { id } }";
    private const string Findings = "mutation($input: RecordFindingsInput!) { recordFindings(input: $input) { id } }";
    private const string Amend = "mutation($input: AmendEvaluationInput!) { amendEvaluation(input: $input) { id } }";

    private KompassTestHost Host => fixture.Host;

    [Theory]
    [InlineData("NO-12")]
    [InlineData("XX-1234")]
    [InlineData("no-1101")]
    [InlineData("NO-12345")]
    [InlineData("")]
    public async Task A_bad_kommune_id_is_a_validation_error_on_kommuneId(string kommuneId)
    {
        await Host.RejectedAsync(Register, new { input = new { kommuneId } }, Validation, "kommuneId");
        await Host.RejectedAsync(Open, new { input = OpenInput(kommuneId) }, Validation, "kommuneId");
    }

    [Fact]
    public async Task An_unknown_framework_version_is_a_validation_error_and_opens_nothing()
    {
        await Host.RegisterAsync("NO-1860");
        var before = await Host.KommuneSnapshotAsync("NO-1860");

        await Host.RejectedAsync(Open, new { input = OpenInput("NO-1860", "1999") }, Validation, "frameworkVersion");

        Assert.Equal(before, await Host.KommuneSnapshotAsync("NO-1860"));
        Assert.Equal("null", await Host.EvaluationSnapshotAsync("NO-1860/eval/2026-1"));
        // No evaluation id was used up by the rejected open.
        Assert.Equal("NO-1860/eval/2026-1", (await Host.OpenAsync("NO-1860"))["id"].Str());
    }

    [Fact]
    public async Task A_rating_off_the_scale_names_the_rating_and_dimension_and_applies_none_of_the_batch()
    {
        await Host.RegisterAsync("NO-3107");
        var id = (await Host.OpenAsync("NO-3107"))["id"].Str();
        await Host.RateAsync(id, [Rating("1.1", 2, 2, 2)]);
        var before = await Host.EvaluationSnapshotAsync(id);

        await Host.RejectedAsync(Rate, RateInput(id, Rating("1.2", 5, 3, 3), Rating("1.3", 3, 3, 3)), Validation, "ratings[0].system");
        await Host.RejectedAsync(Rate, RateInput(id, Rating("1.1", 4, 4, 4), Rating("1.2", 3, 5, 3)), Validation, "ratings[1].scope");
        await Host.RejectedAsync(Rate, RateInput(id, Rating("1.1", 4, 4, 4), Rating("1.2", 3, 3, -1)), Validation, "ratings[1].result");

        // Neither 1.1's new rating nor 1.2/1.3 were applied; the version did not move.
        Assert.Equal(before, await Host.EvaluationSnapshotAsync(id));
    }

    [Fact]
    public async Task An_unknown_or_repeated_scoring_point_names_its_code_and_applies_none_of_the_batch()
    {
        await Host.RegisterAsync("NO-3207");
        var id = (await Host.OpenAsync("NO-3207"))["id"].Str();
        var before = await Host.EvaluationSnapshotAsync(id);

        await Host.RejectedAsync(Rate, RateInput(id, Rating("9.9", 3, 3, 3), Rating("1.1", 3, 3, 3)), Validation, "ratings[0].code");
        await Host.RejectedAsync(Rate, RateInput(id, Rating("1.1", 3, 3, 3), Rating("6.3", 3, 3, 3)), Validation, "ratings[1].code");
        await Host.RejectedAsync(Rate, RateInput(id, Rating("1.1", 3, 3, 3), Rating("1.1", 4, 4, 4)), Validation, "ratings[1].code");
        await Host.RejectedAsync(Rate, new { input = new { evaluationId = id, ratings = Array.Empty<object>() } }, Validation, "ratings");

        Assert.Equal(before, await Host.EvaluationSnapshotAsync(id));
    }

    [Fact]
    public async Task An_import_with_an_area_score_over_100_or_an_inconsistent_total_creates_nothing()
    {
        await Host.RegisterAsync("NO-3232");
        var before = await Host.KommuneSnapshotAsync("NO-3232");

        await Host.RejectedAsync(Import, ImportInput("NO-3232", [new { code = "1", score = 101 }], null),
            Validation, "areaScores[0].score");
        await Host.RejectedAsync(Import, ImportInput("NO-3232", [new { code = "1", score = 50 }, new { code = "2", score = -1 }], null),
            Validation, "areaScores[1].score");
        var eight = Enumerable.Range(1, 8).Select(a => new { code = a.ToString(), score = 50 }).ToArray();
        await Host.RejectedAsync(Import, ImportInput("NO-3232", eight, 401), Validation, "total");
        await Host.RejectedAsync(Import, ImportInput("NO-3232", [new { code = "1", score = 80 }], 50), Validation, "total");
        await Host.RejectedAsync(Import, ImportInput("NO-3232", [], 801), Validation, "total");
        await Host.RejectedAsync(Import, ImportInput("NO-3232", [], null), Validation, "areaScores");
        // An evaluation whose scores the source does not give is recorded as such, never with scores.
        await Host.RejectedAsync(Import, new { input = new { kommuneId = "NO-3232", frameworkVersion = "2020", evaluatedOn = "2022-05-01",
            areaScores = new[] { new { code = "1", score = 50 } }, total = (int?)null, source = "x", scoresNotHeld = true } }, Validation, "scoresNotHeld");

        Assert.Equal(before, await Host.KommuneSnapshotAsync("NO-3232"));
        Assert.Equal("null", await Host.EvaluationSnapshotAsync("NO-3232/eval/2022-1"));
        // The rejected imports used no id: the first one that passes is -1.
        var ok = await Host.OkAsync(Import, ImportInput("NO-3232", eight, 400));
        Assert.Equal("NO-3232/eval/2022-1", ok["importHistoricalResult"]!["id"].Str());
    }

    [Fact]
    public async Task Rating_an_evaluation_that_does_not_exist_is_not_found_and_creates_nothing()
    {
        await Host.RegisterAsync("NO-3316");
        var before = await Host.KommuneSnapshotAsync("NO-3316");

        // The field is not asserted: the domain names it "id" where the input says "evaluationId".
        await AssertRejectedAsync(Rate, RateInput("NO-3316/eval/2026-9", Rating("1.1", 3, 3, 3)), NotFound);
        await AssertRejectedAsync(Publish, new { input = new { evaluationId = "NO-3401/eval/2026-1" } }, NotFound);
        await AssertRejectedAsync(Interview, new { input = new { evaluationId = "NO-3316/eval/2026-9", role = "Ordfører", date = "2026-11-02", people = 1 } }, NotFound);

        Assert.Equal("null", await Host.EvaluationSnapshotAsync("NO-3316/eval/2026-9"));
        Assert.Equal("null", await Host.EvaluationSnapshotAsync("NO-3401/eval/2026-1"));
        Assert.Equal(before, await Host.KommuneSnapshotAsync("NO-3316"));
    }

    [Fact]
    public async Task Opening_or_importing_for_an_unregistered_kommune_is_not_found_on_kommuneId()
    {
        await Host.RejectedAsync(Open, new { input = OpenInput("NO-3419") }, NotFound, "kommuneId");
        await Host.RejectedAsync(Import, ImportInput("NO-3419", [new { code = "1", score = 50 }], null), NotFound, "kommuneId");

        Assert.Equal("null", await Host.KommuneSnapshotAsync("NO-3419"));
        Assert.Equal("null", await Host.EvaluationSnapshotAsync("NO-3419/eval/2026-1"));
        Assert.Equal("null", await Host.EvaluationSnapshotAsync("NO-3419/eval/2022-1"));
    }

    [Fact]
    public async Task Registering_a_kommune_twice_is_a_conflict_and_keeps_the_first_registration()
    {
        await Host.RegisterAsync("NO-3431");
        var before = await Host.KommuneSnapshotAsync("NO-3431");

        // The field is not asserted: the domain names it "id" where the input says "kommuneId".
        await AssertRejectedAsync(Register, new { input = new { kommuneId = "NO-3431", name = "Et annet navn" } }, Conflict);

        Assert.Equal(before, await Host.KommuneSnapshotAsync("NO-3431"));
        var listed = await Host.OkAsync("""{ kommuner(country: NO, first: 500) { nodes { id name } } }""");
        Assert.Equal("Dovre", listed["kommuner"]!["nodes"].By("id", "NO-3431")["name"].Str());
    }

    [Fact]
    public async Task Publishing_with_unrated_points_is_a_conflict_listing_the_missing_codes()
    {
        await Host.RegisterAsync("NO-3443");
        var id = (await Host.OpenAsync("NO-3443"))["id"].Str();
        var codes = await Host.ScoringPointCodesAsync();
        var rated = codes.Where(c => !c.StartsWith("7.", StringComparison.Ordinal) && c != "2.3").ToList();
        await Host.RateAsync(id, rated.Select(c => Rating(c, 3, 3, 3)));
        var before = await Host.EvaluationSnapshotAsync(id);

        var response = await Host.RejectedAsync(Publish, new { input = new { evaluationId = id } }, Conflict, "ratings");

        var details = response.Errors![0]!["extensions"]!["details"].Strings();
        Assert.Equal(new[] { "2.3", "7.1", "7.2", "7.3.1", "7.3.2", "7.4" }, details);
        Assert.Equal(before, await Host.EvaluationSnapshotAsync(id));
        Assert.Equal("DRAFT", (await Host.EvaluationAsync(id))!["status"].Str());
        Assert.Contains("DRAFT", await Host.KommuneSnapshotAsync("NO-3443"));
    }

    [Fact]
    public async Task Writing_to_a_published_evaluation_is_a_conflict_and_changes_nothing()
    {
        await Host.RegisterAsync("NO-3905");
        var id = (await Host.OpenAsync("NO-3905"))["id"].Str();
        await Host.RateAllAsync(id, 3, 3, 3);
        await Host.PublishAsync(id);
        var before = await Host.EvaluationSnapshotAsync(id);

        await Host.RejectedAsync(Rate, RateInput(id, Rating("1.1", 1, 1, 1)), Conflict, null);
        await Host.RejectedAsync(Interview, new { input = new { evaluationId = id, role = "Ordfører", date = "2026-11-02", people = 1 } }, Conflict, null);
        await Host.RejectedAsync(Findings, new { input = new { evaluationId = id, areaCode = "1", strengths = new[] { "Sent" } } }, Conflict, null);
        var frozen = await Host.RejectedAsync(Publish, new { input = new { evaluationId = id } }, Conflict, null);
        Assert.False(frozen.Errors![0]!["extensions"]!["retryable"]!.GetValue<bool>());
        // An amendment names who made it (the token's subject): an anonymous one is refused before it runs.
        var anonymous = await Host.PostAsTokenAsync(Amend, new { input = new { evaluationId = id, reason = "x", ratings = new[] { Rating("1.1", 4, 4, 4) } } }, null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        Assert.Equal("UNAUTHENTICATED", anonymous.Code);
        Assert.Null(anonymous.Data?["amendEvaluation"]);

        Assert.Equal(before, await Host.EvaluationSnapshotAsync(id));
    }

    [Fact]
    public async Task A_stale_expectedVersion_is_a_conflict_on_expectedVersion_and_changes_nothing()
    {
        await Host.RegisterAsync("NO-4020");
        var id = (await Host.OpenAsync("NO-4020"))["id"].Str();
        await Host.RateAsync(id, [Rating("1.1", 3, 3, 3)]); // now at version 2
        var before = await Host.EvaluationSnapshotAsync(id);

        var stale = await Host.RejectedAsync(Rate, new { input = new { evaluationId = id, ratings = new[] { Rating("1.2", 3, 3, 3) }, expectedVersion = 1 } },
            Conflict, "expectedVersion");
        // Re-read and retry: the client can tell it from a conflict that no retry fixes.
        Assert.True(stale.Errors![0]!["extensions"]!["retryable"]!.GetValue<bool>());
        await Host.RejectedAsync(Interview, new { input = new { evaluationId = id, role = "Ordfører", date = "2026-11-02", people = 1, expectedVersion = 1 } },
            Conflict, "expectedVersion");
        await Host.RejectedAsync(Findings, new { input = new { evaluationId = id, areaCode = "1", strengths = new[] { "X" }, expectedVersion = 3 } },
            Conflict, "expectedVersion");
        await Host.RejectedAsync(Publish, new { input = new { evaluationId = id, expectedVersion = 1 } }, Conflict, "expectedVersion");

        Assert.Equal(before, await Host.EvaluationSnapshotAsync(id));
        // The current version is accepted.
        var rated = await Host.OkAsync(Rate, new { input = new { evaluationId = id, ratings = new[] { Rating("1.2", 3, 3, 3) }, expectedVersion = 2 } });
        Assert.Equal(3, rated["rateScoringPoints"]!["version"].Int());
    }

    [Fact]
    public async Task Other_bad_input_is_a_validation_error_on_its_field_and_changes_nothing()
    {
        await Host.RegisterAsync("NO-4611");
        var id = (await Host.OpenAsync("NO-4611"))["id"].Str();
        var before = await Host.EvaluationSnapshotAsync(id);

        await Host.RejectedAsync(Findings, new { input = new { evaluationId = id, areaCode = "9", strengths = new[] { "X" } } }, Validation, "areaCode");
        await Host.RejectedAsync(Findings, new { input = new { evaluationId = id, areaCode = "1" } }, Validation, "strengths");
        await Host.RejectedAsync(Interview, new { input = new { evaluationId = id, role = "Ordfører", date = "2026-11-02", people = 0 } }, Validation, "people");
        await Host.RejectedAsync(Rate, RateInput("not-an-evaluation", Rating("1.1", 3, 3, 3)), Validation, "evaluationId");
        await Host.RejectedAsync(Open, new { input = OpenInput("NO-4611", evaluatedOn: "1899-12-31") }, Validation, "evaluatedOn");
        await Host.RejectedAsync(Amend, new { input = new { evaluationId = id, reason = "x", ratings = new[] { Rating("1.1", 3, 3, 3) } } },
            Conflict, null, actor: "someone@ks.no"); // a draft is changed directly, not amended

        Assert.Equal(before, await Host.EvaluationSnapshotAsync(id));
    }

    [Fact]
    public async Task One_step_over_a_list_limit_is_a_validation_error_on_the_list_and_changes_nothing()
    {
        await Host.RegisterAsync("NO-4612");
        var id = (await Host.OpenAsync("NO-4612"))["id"].Str();
        var before = await Host.EvaluationSnapshotAsync(id);
        string[] Lines(int n) => [.. Enumerable.Range(1, n).Select(i => $"Line {i}")];

        await Host.RejectedAsync(Findings, new { input = new { evaluationId = id, areaCode = "1", strengths = Lines(51) } }, Validation, "strengths");
        await Host.RejectedAsync(Findings, new { input = new { evaluationId = id, areaCode = "1", challenges = Lines(51) } }, Validation, "challenges");
        await Host.RejectedAsync(Findings, new { input = new { evaluationId = id, areaCode = "1", improvementAreas = Lines(51) } }, Validation, "improvementAreas");
        await Host.RejectedAsync(Open, new { input = new { kommuneId = "NO-4612", frameworkVersion = "2020", evaluatedOn = "2026-11-01", evaluators = Lines(21) } },
            Validation, "evaluators");
        Assert.Equal(before, await Host.EvaluationSnapshotAsync(id));

        // At the limit it is accepted.
        await Host.OkAsync($"mutation($input: RecordFindingsInput!) {{ recordFindings(input: $input) {{ id }} }}",
            new { input = new { evaluationId = id, areaCode = "1", strengths = Lines(50), challenges = Lines(50), improvementAreas = Lines(50) } });
    }

    [Fact]
    public async Task An_explicit_null_for_a_list_with_a_default_is_refused_by_validation_not_an_internal_error()
    {
        // Regression: these used to reach the validators as null and answer INTERNAL_ERROR.
        var queries = new[]
        {
            """mutation { recordFindings(input: {evaluationId: "NO-4204/eval/2026-1", areaCode: "1", strengths: null}) { id } }""",
            """mutation { amendEvaluation(input: {evaluationId: "NO-4204/eval/2026-1", reason: "x", ratings: null, total: 5}) { id } }""",
            """mutation { amendEvaluation(input: {evaluationId: "NO-4204/eval/2026-1", reason: "x", areaScores: null, total: 5}) { id } }""",
            """mutation { importHistoricalResult(input: {kommuneId: "NO-4204", frameworkVersion: "2020", evaluatedOn: "2022-01-01", areaScores: null, total: 400, source: "x"}) { id } }""",
        };
        foreach (var query in queries)
        {
            var response = await Host.PostAsync(query);
            Assert.Equal(HttpStatusCode.BadRequest, response.Status);
            Assert.Equal("ARGUMENTS_OF_CORRECT_TYPE", response.Code);
        }
        Assert.Equal("null", await Host.KommuneSnapshotAsync("NO-4204"));
    }

    private async Task AssertRejectedAsync(string query, object variables, string code)
    {
        var response = await Host.PostAsync(query, variables);
        Assert.True(response.Errors is { Count: 1 }, response.Body.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(code, response.Code);
        Assert.Null(response.Data);
    }

    private static object OpenInput(string kommuneId, string frameworkVersion = "2020", string evaluatedOn = "2026-11-01") =>
        new { kommuneId, frameworkVersion, evaluatedOn, evaluators = new[] { "KS-Konsulent" } };

    private static object RateInput(string evaluationId, params object[] ratings) => new { input = new { evaluationId, ratings } };

    private static object ImportInput(string kommuneId, object[] areaScores, int? total) => new
    {
        input = new { kommuneId, frameworkVersion = "2020", evaluatedOn = "2022-06-01", areaScores, total, source = "Rapport" },
    };
}
