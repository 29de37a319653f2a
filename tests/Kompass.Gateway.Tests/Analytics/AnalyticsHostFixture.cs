using System.Diagnostics;
using System.Text.Json.Nodes;
using Kompass.Domain.Frameworks;

namespace Kompass.Gateway.Tests.Analytics;

/// <summary>
/// A host of its own (the analytics count every result of the host), with a framework catalogue that adds
/// version 2030, a copy of 2020 that declares no mapping (for the cross-version error), and these results,
/// imported through GraphQL as a platform admin:
/// NO-5027 Midtre Gauldal: 2012 (v2010, every area 50, total 400), 2023 (v2020, 60, 480);
/// NO-5001 Trondheim: 2021 (v2020, 70, 560), 2024 (v2020, 75, 600);
/// NO-1101 Eigersund: 2022 (v2020, 55, 440);
/// SE-0114 Upplands Väsby (population unknown): 2022 (v2020, 65, 520).
/// </summary>
public sealed class AnalyticsHostFixture : IAsyncLifetime
{
    private readonly string _frameworks = Path.Combine(Path.GetTempPath(), "kompass-analytics-frameworks-" + Guid.NewGuid().ToString("N"));

    public KompassTestHost Host { get; private set; } = null!;

    /// <summary>Evaluation ids by "kommune/year".</summary>
    public Dictionary<string, string> Ids { get; } = [];

    public string Analyst => Host.Token("analyst", user: "analyst@ks.no");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_frameworks);
        foreach (var file in Directory.GetFiles(FrameworkCatalogue.DefaultDirectory, "*.json"))
            File.Copy(file, Path.Combine(_frameworks, Path.GetFileName(file)));
        var v2030 = JsonNode.Parse(File.ReadAllText(Path.Combine(FrameworkCatalogue.DefaultDirectory, "2020.json")))!.AsObject();
        v2030["version"] = "2030";
        v2030.Remove("areaMappings");
        File.WriteAllText(Path.Combine(_frameworks, "2030.json"), v2030.ToJsonString());

        Host = await KompassTestHost.StartAsync("Kompass:Demo:Seed=false", $"Kompass:Frameworks:Path={_frameworks}");
        foreach (var kommune in new[] { "NO-5027", "NO-5001", "NO-1101", "SE-0114" })
            await Host.RegisterAsync(kommune);
        await ImportAsync("NO-5027", "2010", "2012-03-01", 50);
        await ImportAsync("NO-5027", "2020", "2023-03-01", 60);
        await ImportAsync("NO-5001", "2020", "2021-05-01", 70);
        await ImportAsync("NO-5001", "2020", "2024-05-01", 75);
        await ImportAsync("NO-1101", "2020", "2022-01-01", 55);
        await ImportAsync("SE-0114", "2020", "2022-06-01", 65);

        // Deliveries follow each import's answer: wait until the analytics hold all six.
        var clock = Stopwatch.StartNew();
        while ((await Host.OkAsync("""{ a: benchmark(frameworkVersion: "2020") { results } b: benchmark(frameworkVersion: "2010") { results } }"""))
               is var data && data["a"]!["results"]!.GetValue<int>() + data["b"]!["results"]!.GetValue<int>() < 6)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "The analytics did not receive the imported results.");
            await Task.Delay(100);
        }
    }

    private async Task ImportAsync(string kommuneId, string version, string evaluatedOn, int areaScore)
    {
        var data = await Host.OkAsync("""
            mutation($input: ImportHistoricalResultInput!) { importHistoricalResult(input: $input) { id } }
            """, new
        {
            input = new
            {
                kommuneId, frameworkVersion = version, evaluatedOn, source = "analytics test",
                areaScores = Enumerable.Range(1, 8).Select(a => new { code = a.ToString(), score = areaScore }).ToArray(),
            },
        });
        Ids[$"{kommuneId}/{evaluatedOn[..4]}"] = data["importHistoricalResult"]!["id"].Str();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Delete(_frameworks, recursive: true);
    }
}
