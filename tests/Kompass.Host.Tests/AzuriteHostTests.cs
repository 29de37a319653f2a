using Kompass.Gateway.Tests;
using Kompass.Testing;

namespace Kompass.Host.Tests;

/// <summary>The host on Azure Storage (Azurite), as the README runs it: what one host acknowledged, the next reads back.</summary>
public sealed class AzuriteHostTests(AzuriteServer azurite) : IClassFixture<AzuriteServer>
{
    [Fact]
    public async Task Everything_written_survives_a_host_restart()
    {
        string[] settings =
        [
            "Kompass:Storage:Provider=AzureStorage",
            $"Kompass:Storage:AzureStorage:ConnectionString={azurite.ConnectionString}",
            $"Kompass:Storage:AzureStorage:ContainerName={azurite.NewContainerName("restart")}",
            "Kompass:Demo:Seed=true",
        ];
        const string readBack = """
            { kommune(id: "NO-5027") { name evaluations { id status total ratings { code system scope result } } }
              kommuner(country: NO, first: 10) { totalCount } benchmark(country: NO, frameworkVersion: "2010") { evaluations meanTotal { value count } } }
            """;

        string before;
        await using (var host = await KompassTestHost.StartAsync(settings))
        {
            await WaitForDemoAsync(host);
            var opened = (await host.PostAsync("""mutation { openEvaluation(input: {kommuneId: "NO-5027", frameworkVersion: "2010", evaluatedOn: "2026-09-01", evaluators: ["KS"]}) { id } }""")).AssertNoErrors();
            var id = opened.Data!["openEvaluation"]!["id"]!.GetValue<string>();
            var ratings = string.Join(", ", Enumerable.Range(1, 8).Select(a => $"{{code: \"{a}\", system: 3, scope: 3, result: 2}}"));
            (await host.PostAsync($$"""mutation { rateScoringPoints(input: {evaluationId: "{{id}}", ratings: [{{ratings}}]}) { id } }""")).AssertNoErrors();
            (await host.PostAsync($$"""mutation { publishEvaluation(input: {evaluationId: "{{id}}"}) { total } }""")).AssertNoErrors();
            before = (await host.PostAsync(readBack)).AssertNoErrors().Data!.ToJsonString();
            Assert.Contains("\"PUBLISHED\"", before, StringComparison.Ordinal);
        }

        await using (var host = await KompassTestHost.StartAsync(settings))
        {
            // Not seeded twice, nothing lost.
            Assert.Equal(before, (await host.PostAsync(readBack)).AssertNoErrors().Data!.ToJsonString());
        }
    }

    private static async Task WaitForDemoAsync(KompassTestHost host)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((await host.PostAsync("""{ kommune(id: "NO-5027") { evaluations { id } } }""")).Data?["kommune"]?["evaluations"]?.AsArray().Count != 3)
        {
            Assert.True(DateTime.UtcNow < deadline, "the demo data was not seeded within 30 s");
            await Task.Delay(200);
        }
    }
}
