using System.Net;
using System.Text;

namespace Kompass.Gateway.Tests.Imports;

/// <summary>
/// A kommune's evaluations list costs a bounded number of grain calls, counted in the silo: its entries answer the
/// free fields; other fields read at most 50 evaluations, the newest <c>last</c>.
/// </summary>
[Collection(ImportHostCollection.Name)]
public sealed class KommuneEvaluationsCostTests(ImportHostFixture fixture)
{
    private const string Kommune = "SE-2281"; // Sundsvall: 51 imported results, 3 a year 2005-2021

    private KompassTestHost Host => fixture.Host;

    [Fact]
    public async Task The_free_fields_of_51_evaluations_cost_one_call_the_others_at_most_50_plus_one_and_a_comparison_four()
    {
        var csv = new StringBuilder(ImportCalls.Header).Append('\n');
        for (var i = 0; i < 51; i++)
            csv.Append($"SE,2281,2020,{2005 + i / 3}-0{3 + i % 3}-01,,,,,,,,,{400 + i},SKR {2005 + i / 3}\n");
        var (status, body) = await Host.PostCsvAsync(csv.ToString(), dryRun: false);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        await ImportCalls.Eventually(async () =>
            (await Host.OkAsync($$"""{ kommune(id: "{{Kommune}}") { evaluations { id } } }"""))["kommune"]!["evaluations"]!.AsArray().Count == 51,
            "the kommune tracks its 51 results");

        fixture.Counter.Reset();
        var free = (await Host.OkAsync($$"""{ kommune(id: "{{Kommune}}") { evaluations { id frameworkVersion evaluatedOn status total } } }"""))["kommune"]!["evaluations"]!.AsArray();
        Assert.Equal(51, free.Count);
        Assert.Equal(Enumerable.Range(400, 51), free.Select(e => e!["total"]!.GetValue<int>()));
        Assert.All(free, e => Assert.Equal("PUBLISHED", e!["status"]!.GetValue<string>()));
        Assert.Equal("2021-05-01", free[50]!["evaluatedOn"]!.GetValue<string>());
        Assert.Equal(1, fixture.Counter.CallsTo("IKommuneGrain"));
        Assert.Equal(0, fixture.Counter.CallsTo("IEvaluationGrain"));

        // Another field needs each evaluation: more than 50 is refused with its reason, the newest 50 are read.
        var refused = await Host.PostAsync($$"""{ kommune(id: "{{Kommune}}") { evaluations { id source } } }""");
        Assert.Equal("VALIDATION_ERROR", refused.Code);
        Assert.Equal("last", refused.Field);
        fixture.Counter.Reset();
        var newest = (await Host.OkAsync($$"""{ kommune(id: "{{Kommune}}") { evaluations(last: 50) { id source imported } } }"""))["kommune"]!["evaluations"]!.AsArray();
        Assert.Equal(50, newest.Count);
        Assert.Equal(free.Skip(1).Select(e => e!["id"]!.GetValue<string>()), newest.Select(e => e!["id"]!.GetValue<string>()));
        Assert.Equal("SKR 2021", newest[49]!["source"]!.GetValue<string>());
        Assert.Equal(1, fixture.Counter.CallsTo("IKommuneGrain"));
        Assert.Equal(50, fixture.Counter.CallsTo("IEvaluationGrain"));

        var two = (await Host.OkAsync($$"""{ kommune(id: "{{Kommune}}") { evaluations(last: 2) { id total } } }"""))["kommune"]!["evaluations"]!.AsArray();
        Assert.Equal([449, 450], two.Select(e => e!["total"]!.GetValue<int>()));

        // A comparison, with 50 earlier results of the same version: the evaluation, its kommune once, the mean.
        fixture.Counter.Reset();
        var comparison = (await Host.OkAsync($$"""{ evaluation(id: "{{Kommune}}/eval/2021-3") { comparison { total previousEvaluationId previousTotal deltaToPrevious } } }"""))["evaluation"]!["comparison"]!;
        Assert.Equal($"{Kommune}/eval/2021-2", comparison["previousEvaluationId"]!.GetValue<string>());
        Assert.Equal(1, comparison["deltaToPrevious"]!.GetValue<int>());
        Assert.Equal(1, fixture.Counter.CallsTo("IKommuneGrain"));
        Assert.Equal(2, fixture.Counter.CallsTo("IEvaluationGrain")); // Get, then Compare
        Assert.True(fixture.Counter.Calls.Values.Sum() <= 4, string.Join(", ", fixture.Counter.Calls.Select(c => $"{c.Key} x{c.Value}")));
    }
}
