using static Kompass.Gateway.Tests.Gql;

namespace Kompass.Gateway.Tests;

/// <summary>
/// The README's walk-through against a host with the demo data: open an evaluation of Midtre Gauldal,
/// record an interview and findings, rate every scoring point, publish, and compare with the imported
/// 2023 result and the country mean.
/// </summary>
[Collection(DemoHostCollection.Name)]
public sealed class FullFlowTests(DemoHostFixture fixture)
{
    /// <summary>The README's ratings (System/prosess, Omfang, Resultat/analyse) of every 2020 scoring point.</summary>
    private static readonly Dictionary<string, (int System, int Scope, int Result)> ReadmeRatings = new()
    {
        ["1.1"] = (4, 3, 3), ["1.2"] = (3, 2, 2), ["1.3"] = (2, 2, 1), ["1.4"] = (4, 4, 3), ["1.5"] = (3, 3, 2),
        ["2.1"] = (3, 3, 2), ["2.2"] = (3, 3, 3), ["2.3"] = (3, 3, 2), ["2.4"] = (4, 3, 3),
        ["3.1"] = (3, 3, 3), ["3.2"] = (3, 3, 2), ["3.3"] = (3, 3, 3), ["3.4"] = (3, 2, 2),
        ["4.1"] = (3, 3, 2), ["4.2"] = (3, 3, 2), ["4.3"] = (2, 2, 1), ["4.4"] = (2, 2, 1), ["4.5"] = (3, 3, 2),
        ["5.1"] = (3, 2, 2), ["5.2"] = (3, 3, 2), ["5.3"] = (3, 3, 3), ["5.4"] = (2, 2, 1), ["5.5"] = (3, 3, 2),
        ["6.1"] = (3, 3, 3), ["6.2"] = (3, 3, 2), ["6.3.1"] = (3, 2, 2), ["6.3.2"] = (4, 4, 3), ["6.4"] = (4, 4, 3),
        ["7.1"] = (3, 3, 3), ["7.2"] = (3, 3, 2), ["7.3.1"] = (3, 3, 3), ["7.3.2"] = (3, 3, 3), ["7.4"] = (2, 2, 1),
        ["8.1"] = (3, 3, 2), ["8.2"] = (3, 2, 2), ["8.3"] = (3, 3, 2), ["8.4"] = (3, 3, 3),
    };

    // Per area: max points x rating sum / 12, summed, rounded half away from zero.
    // 1: 68.33 -> 68, 2: 72.92 -> 73, 3: 68.75 -> 69, 4: 56.67 -> 57, 5: 61.67 -> 62, 6: 77.08 -> 77,
    // 7: 64.58 -> 65, 8: 66.67 -> 67; total 538.
    private static readonly Dictionary<string, int> ExpectedAreas = new()
    {
        ["1"] = 68, ["2"] = 73, ["3"] = 69, ["4"] = 57, ["5"] = 62, ["6"] = 77, ["7"] = 65, ["8"] = 67,
    };

    /// <summary>The demo's imported 2023 result of NO-5027 (version 2020): areas 1, 3, 4 and 7 only, no total.</summary>
    private static readonly Dictionary<string, int> Previous2023 = new() { ["1"] = 62, ["3"] = 87, ["4"] = 68, ["7"] = 69 };

    private KompassTestHost Host => fixture.Host;

    [Fact]
    public async Task Open_rate_every_point_publish_and_compare_with_2023_and_the_country_mean()
    {
        // 1. The framework's scoring points.
        var codes = await Host.ScoringPointCodesAsync("2020");
        Assert.Equal(37, codes.Count);
        Assert.Equal(ReadmeRatings.Keys.Order(StringComparer.Ordinal), codes.Order(StringComparer.Ordinal));

        // 2. Open.
        var opened = await Host.OpenAsync("NO-5027", "2020", "2026-11-01");
        var id = opened["id"].Str();
        Assert.Equal("NO-5027/eval/2026-1", id);
        Assert.Equal("DRAFT", opened["status"].Str());
        Assert.Equal(codes, opened["missingScoringPoints"].Strings());

        // 3. An interview and an area's findings.
        await Host.OkAsync($$"""mutation { recordInterview(input: {evaluationId: "{{id}}", role: "Kommunedirektør", date: "2026-10-20", people: 1}) { id } }""");
        await Host.OkAsync($$"""
            mutation { recordFindings(input: {evaluationId: "{{id}}", areaCode: "1", strengths: ["Gode og oppdaterte nettsider"],
              challenges: ["Lite dialog med innbyggerne"], improvementAreas: ["Strategi for kommunikasjon"]}) { id } }
            """);

        // 4. Every scoring point in one batch.
        var rated = await Host.RateAsync(id, codes.Select(c => Rating(c, ReadmeRatings[c].System, ReadmeRatings[c].Scope, ReadmeRatings[c].Result)));
        Assert.Empty(rated["missingScoringPoints"]!.AsArray());
        Assert.Equal(538, rated["total"].Int());
        Assert.Equal(68.33m, decimal.Round(rated["areaScores"].By("code", "1")["exactScore"].Dec(), 2));

        // 5. Publish, then read total, area scores and the comparison.
        await Host.PublishAsync(id);
        var data = await Host.OkAsync($$"""
            {
              evaluation(id: "{{id}}") {
                status total interviews { role } findings { areaCode strengths }
                areaScores { code name score }
                comparison {
                  previousEvaluationId previousEvaluatedOn total previousTotal deltaToPrevious meanTotal deltaToMean meanBasedOn
                  areas { code score previousScore deltaToPrevious mean deltaToMean }
                }
              }
              benchmark(country: NO, frameworkVersion: "2020") { evaluations meanTotal { value count } areas { code value count } }
            }
            """);
        var evaluation = data["evaluation"]!;
        Assert.Equal("PUBLISHED", evaluation["status"].Str());
        Assert.Equal(538, evaluation["total"].Int());
        Assert.Equal("Kommunedirektør", evaluation["interviews"]![0]!["role"].Str());
        Assert.Equal("1", evaluation["findings"]![0]!["areaCode"].Str());
        foreach (var (code, score) in ExpectedAreas)
            Assert.Equal(score, evaluation["areaScores"].By("code", code)["score"].Int());
        Assert.Equal("Offentlighet og demokrati", evaluation["areaScores"].By("code", "1")["name"].Str());

        var comparison = evaluation["comparison"]!;
        Assert.Equal("NO-5027/eval/2023-1", comparison["previousEvaluationId"].Str());
        Assert.Equal("2023-03-02", comparison["previousEvaluatedOn"].Str());
        Assert.Equal(538, comparison["total"].Int());
        Assert.Null(comparison["previousTotal"]); // 2023 is known by four areas only
        Assert.Null(comparison["deltaToPrevious"]);

        // Published 2020 results in Norway: the imported 2023 one and this one; only this one has a total.
        var benchmark = data["benchmark"]!;
        Assert.Equal(2, comparison["meanBasedOn"].Int());
        Assert.Equal(benchmark["evaluations"].Int(), comparison["meanBasedOn"].Int());
        Assert.Equal(538m, comparison["meanTotal"].Dec());
        Assert.Equal(0m, comparison["deltaToMean"].Dec());
        Assert.Equal(1, benchmark["meanTotal"]!["count"].Int());

        foreach (var (code, score) in ExpectedAreas)
        {
            var area = comparison["areas"].By("code", code);
            Assert.Equal(score, area["score"].Int());
            if (Previous2023.TryGetValue(code, out var previous))
            {
                // e.g. area 1: 68 against 62 in 2023; the mean of the two is 65.
                Assert.Equal(previous, area["previousScore"].Int());
                Assert.Equal(score - previous, area["deltaToPrevious"].Int());
                Assert.Equal((score + previous) / 2m, area["mean"].Dec());
                Assert.Equal(score - (score + previous) / 2m, area["deltaToMean"].Dec());
                Assert.Equal(2, benchmark["areas"].By("code", code)["count"].Int());
            }
            else
            {
                Assert.Null(area["previousScore"]);
                Assert.Null(area["deltaToPrevious"]);
                Assert.Equal(score, area["mean"].Dec());
                Assert.Equal(0m, area["deltaToMean"].Dec());
            }
        }
        Assert.Equal(6, comparison["areas"].By("code", "1")["deltaToPrevious"].Int());
        Assert.Equal(-18, comparison["areas"].By("code", "3")["deltaToPrevious"].Int());

        // The kommune lists it after its imported results, oldest first.
        var kommune = await Host.OkAsync("""{ kommune(id: "NO-5027") { evaluations { id status total } } }""");
        Assert.Equal(
            new[] { "NO-5027/eval/2010-1", "NO-5027/eval/2015-1", "NO-5027/eval/2023-1", "NO-5027/eval/2026-1" },
            kommune["kommune"]!["evaluations"]!.AsArray().Select(e => e!["id"].Str()));
        Assert.Equal(538, kommune["kommune"]!["evaluations"]![3]!["total"].Int());

        // 6. Frozen: a correction is an audited amendment.
        var amended = await Host.OkAsync($$"""
            mutation { amendEvaluation(input: {evaluationId: "{{id}}", reason: "Wrong rating of 1.1 in the report draft",
              ratings: [{code: "1.1", system: 4, scope: 4, result: 4}]}) { total amendments { by changes { field oldValue newValue } } } }
            """, actor: "evaluator@ks.no");
        // 1.1 goes from 20 x 10/12 to 20: area 1 is 68.33 + 3.33 = 71.67 -> 72, the total 538 + 4.
        Assert.Equal(542, amended["amendEvaluation"]!["total"].Int());
        var amendment = amended["amendEvaluation"]!["amendments"]![0]!;
        Assert.Equal("evaluator@ks.no", amendment["by"].Str());
        Assert.Equal("4/3/3", amendment["changes"]![0]!["oldValue"].Str());
    }
}
