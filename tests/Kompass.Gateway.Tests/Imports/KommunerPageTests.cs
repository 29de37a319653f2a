using System.Net;
using System.Text;
using Kompass.Domain.Kommuner;
using Microsoft.Extensions.DependencyInjection;

namespace Kompass.Gateway.Tests.Imports;

/// <summary>
/// A kommuner page answers from the country's directory: with 60 kommuner imported by CSV, a page of 50 with
/// names, counties, populations, latest results and the total count costs one grain call, counted in the silo.
/// </summary>
[Collection(ImportHostCollection.Name)]
public sealed class KommunerPageTests(ImportHostFixture fixture)
{
    private KompassTestHost Host => fixture.Host;

    private const string Page = """
        query($after: String) { kommuner(country: NO, first: 50, after: $after) {
          totalCount pageInfo { hasNextPage endCursor }
          nodes { id name country number countyName population populationYear latestResult { evaluationId frameworkVersion evaluatedOn total } } } }
        """;

    [Fact]
    public async Task A_page_of_50_with_latest_results_and_total_count_costs_one_grain_call()
    {
        var reference = Host.Services.GetRequiredService<KommuneReference>().All(Country.NO).OrderBy(e => e.Id.ToString(), StringComparer.Ordinal).Take(60).ToList();
        var csv = new StringBuilder(ImportCalls.Header).Append('\n');
        for (var i = 0; i < reference.Count; i++)
            csv.Append($"NO,{reference[i].Id.Number},2020,2021-06-0{1 + i % 9},,,,,,,,,{300 + i},KS 2021\n");
        // The first kommune has older results too, and one imported later in the file: the latest is by date.
        csv.Append($"NO,{reference[0].Id.Number},2010,2012-03-01,,,,,,,,,410,KS 2012\n");
        csv.Append($"NO,{reference[0].Id.Number},2020,2024-03-01,,,,,,,,,520,KS 2024\n");
        csv.Append($"NO,{reference[0].Id.Number},2020,2016-03-01,,,,,,,,,450,KS 2016\n");
        var (status, body) = await Host.PostCsvAsync(csv.ToString(), dryRun: false);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal(63, body["report"]!["imported"]!.GetValue<int>());

        // The directory hears of each kommune's latest result by durable delivery from its kommune.
        await ImportCalls.Eventually(async () =>
        {
            var all = (await Host.OkAsync("{ kommuner(country: NO, first: 500) { nodes { latestResult { total } } } }"))["kommuner"]!["nodes"]!.AsArray();
            return all.Count == 60 && all.All(n => n!["latestResult"] is not null)
                && all[0]!["latestResult"]!["total"]!.GetValue<int>() == 520;
        }, "the directory lists every imported kommune's latest result");

        fixture.Counter.Reset();
        var page = (await Host.OkAsync(Page))["kommuner"]!;
        var calls = fixture.Counter.Calls;

        Assert.Equal(60, page["totalCount"]!.GetValue<int>());
        Assert.True(page["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        var nodes = page["nodes"]!.AsArray();
        Assert.Equal(50, nodes.Count);
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i]!;
            var known = reference[i];
            Assert.Equal(known.Id.ToString(), node["id"]!.GetValue<string>());
            Assert.Equal(known.Name, node["name"]!.GetValue<string>());
            Assert.Equal(known.CountyName, node["countyName"]!.GetValue<string>());
            Assert.Equal(known.Population, node["population"]!.GetValue<int>());
            Assert.Equal(known.PopulationYear, node["populationYear"]!.GetValue<int>());
            Assert.Equal(i == 0 ? 520 : 300 + i, node["latestResult"]!["total"]!.GetValue<int>());
            Assert.Equal(i == 0 ? "2024-03-01" : $"2021-06-0{1 + i % 9}", node["latestResult"]!["evaluatedOn"]!.GetValue<string>());
            Assert.Equal("2020", node["latestResult"]!["frameworkVersion"]!.GetValue<string>());
        }
        Assert.Equal($"{reference[0].Id}/eval/2024-1", nodes[0]!["latestResult"]!["evaluationId"]!.GetValue<string>());
        // One call, to the directory: no kommune and no evaluation was asked, not even for totalCount.
        Assert.True(calls.Count == 1 && calls.GetValueOrDefault("IKommuneDirectoryGrain.List") == 1,
            "grain calls: " + string.Join(", ", calls.Select(c => $"{c.Key} x{c.Value}")));

        // The next page: the last 10, again one call.
        fixture.Counter.Reset();
        var next = (await Host.OkAsync(Page, new { after = page["pageInfo"]!["endCursor"]!.GetValue<string>() }))["kommuner"]!;
        Assert.Equal(10, next["nodes"]!.AsArray().Count);
        Assert.False(next["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Equal(1, fixture.Counter.Calls.Values.Sum());
    }

    [Fact]
    public async Task A_node_asked_for_its_evaluations_reads_its_kommune()
    {
        var (status, _) = await Host.PostCsvAsync(
            $"{ImportCalls.Header}\nSE,2580,2020,2019-05-01,,,,,,,,,480,x\nSE,2580,2020,2023-05-01,,,,,,,,,490,y\n", dryRun: false);
        Assert.Equal(HttpStatusCode.OK, status);
        await ImportCalls.Eventually(async () =>
            (await Host.OkAsync("{ kommuner(country: SE, first: 500) { nodes { id latestResult { total } } } }"))["kommuner"]!["nodes"]!.AsArray()
                .Any(n => n!["id"]!.GetValue<string>() == "SE-2580" && n["latestResult"]?["total"]?.GetValue<int>() == 490),
            "the directory lists SE-2580's latest result");

        var nodes = (await Host.OkAsync("{ kommuner(country: SE, first: 500) { nodes { id evaluations { id total } } } }"))["kommuner"]!["nodes"]!.AsArray();
        var lulea = nodes.Single(n => n!["id"]!.GetValue<string>() == "SE-2580")!;
        Assert.Equal([480, 490], lulea["evaluations"]!.AsArray().Select(e => e!["total"]!.GetValue<int>()));
    }
}
