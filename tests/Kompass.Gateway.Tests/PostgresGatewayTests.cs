using Kompass.Testing;

namespace Kompass.Gateway.Tests;

/// <summary>
/// The host on PostgreSQL, as a cluster silo runs: the evaluator's whole flow over HTTP, then a second
/// host process-alike on the same database reads back exactly what the first acknowledged.
/// </summary>
public sealed class PostgresGatewayTests : IAsyncLifetime
{
    private readonly PostgresServer _server = new();

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Open_rate_publish_compare_on_postgres_survives_a_restart()
    {
        var settings = new[]
        {
            "Kompass:Storage:Provider=Postgres",
            $"Kompass:Storage:Postgres:ConnectionString={_server.CreateDatabase("gateway")}",
            "Kompass:Demo:Seed=false",
        };
        string before;
        await using (var host = await KompassTestHost.StartAsync(settings))
        {
            (await host.PostAsync("""mutation { registerKommune(input: {kommuneId: "NO-4601"}) { id } }""")).AssertNoErrors();
            (await host.PostAsync("""mutation { importHistoricalResult(input: {kommuneId: "NO-4601", frameworkVersion: "2010", evaluatedOn: "2016-09-01", areaScores: [{code: "1", score: 50}], total: 400, source: "Report 2016"}) { id } }""")).AssertNoErrors();
            var opened = (await host.PostAsync("""mutation { openEvaluation(input: {kommuneId: "NO-4601", frameworkVersion: "2010", evaluatedOn: "2020-09-01", evaluators: ["KS"]}) { id } }""")).AssertNoErrors();
            Assert.Equal("NO-4601/eval/2020-1", opened.Data!["openEvaluation"]!["id"]!.GetValue<string>());
            var ratings = string.Join(", ", Enumerable.Range(1, 8).Select(a => $"{{code: \"{a}\", system: 3, scope: 3, result: 3}}"));
            (await host.PostAsync($$"""mutation { rateScoringPoints(input: {evaluationId: "NO-4601/eval/2020-1", ratings: [{{ratings}}]}) { id } }""")).AssertNoErrors();
            var published = (await host.PostAsync("""
                mutation { publishEvaluation(input: {evaluationId: "NO-4601/eval/2020-1"}) {
                  total comparison { previousEvaluationId deltaToPrevious meanBasedOn areas { code deltaToPrevious } } } }
                """)).AssertNoErrors().Data!["publishEvaluation"]!;
            Assert.Equal(600, published["total"]!.GetValue<int>());
            Assert.Equal("NO-4601/eval/2016-1", published["comparison"]!["previousEvaluationId"]!.GetValue<string>());
            Assert.Equal(200, published["comparison"]!["deltaToPrevious"]!.GetValue<int>());
            Assert.Equal(25, published["comparison"]!["areas"]![0]!["deltaToPrevious"]!.GetValue<int>());
            before = (await host.PostAsync(ReadBack)).AssertNoErrors().Data!.ToJsonString();
        }

        await using (var host = await KompassTestHost.StartAsync(settings))
        {
            Assert.Equal(before, (await host.PostAsync(ReadBack)).AssertNoErrors().Data!.ToJsonString());
        }
    }

    private const string ReadBack = """
        { kommune(id: "NO-4601") { name evaluations { id status version total ratings { code system scope result }
            comparison { previousEvaluationId meanTotal meanBasedOn } } }
          benchmark(country: NO, frameworkVersion: "2010") { evaluations meanTotal { value count } } }
        """;
}
