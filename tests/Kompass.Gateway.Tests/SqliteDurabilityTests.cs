namespace Kompass.Gateway.Tests;

/// <summary>The embedded default keeps what it acknowledged: write through GraphQL, stop the host, start it again, read.</summary>
public sealed class SqliteDurabilityTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kompass-sqlite-").FullName;

    [Fact]
    public async Task What_was_written_is_read_back_exactly_after_a_restart()
    {
        var settings = new[] { "Kompass:Storage:Provider=Sqlite", "Kompass:Demo:Seed=false", $"Kompass:Storage:Sqlite:Path={Path.Combine(_folder, "kompass.db")}" };
        string before;
        await using (var host = await KompassTestHost.StartAsync(settings))
        {
            (await host.PostAsync("""mutation { registerKommune(input: {kommuneId: "NO-3301"}) { id } }""")).AssertNoErrors();
            (await host.PostAsync("""mutation { openEvaluation(input: {kommuneId: "NO-3301", frameworkVersion: "2010", evaluatedOn: "2019-04-01", evaluators: ["A", "B"]}) { id } }""")).AssertNoErrors();
            (await host.PostAsync("""mutation { rateScoringPoints(input: {evaluationId: "NO-3301/eval/2019-1", ratings: [{code: "1", system: 3, scope: 2, result: 1, comment: "Gode nettsider"}, {code: "2", system: 4, scope: 4, result: 4}]}) { id } }""")).AssertNoErrors();
            (await host.PostAsync("""mutation { recordFindings(input: {evaluationId: "NO-3301/eval/2019-1", areaCode: "1", strengths: ["Åpenhet"], challenges: ["Dialog"], improvementAreas: []}) { id } }""")).AssertNoErrors();
            before = (await host.PostAsync(ReadBack)).AssertNoErrors().Data!.ToJsonString();
        }

        await using (var host = await KompassTestHost.StartAsync(settings))
        {
            var after = (await host.PostAsync(ReadBack)).AssertNoErrors().Data!.ToJsonString();
            Assert.Equal(before, after);
            Assert.Contains("\"Gode nettsider\"", after);
            Assert.Contains("\"NO-3301/eval/2019-1\"", after);
        }
    }

    private const string ReadBack = """
        { kommune(id: "NO-3301") { id name countyName evaluations { id version status evaluators
            ratings { code system scope result comment } findings { areaCode strengths challenges improvementAreas }
            areaScores { code score exactScore } total } }
          kommuner(country: NO, first: 5) { totalCount nodes { id } } }
        """;

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
