using Kompass.Gateway.Tests;
using System.Text.Json.Nodes;

namespace Kompass.Host.Tests;

/// <summary>The strategies' demo clock: Development only, and it runs the strategies' days fast.</summary>
public sealed class DemoClockTests
{
    [Fact]
    public async Task The_demo_clock_is_refused_outside_development_naming_the_setting()
    {
        var e = await Assert.ThrowsAnyAsync<Exception>(() => KompassTestHost.StartAsync("environment=Production", $"Kompass:Auth:SigningKey={TestTokens.SigningKey}",
            "Kompass:Demo:Seed=false", "Kompass:Demo:Clock:Speed=86400"));
        Assert.StartsWith("Kompass:Demo:Clock:Speed is for trying the service out: it is refused outside Development", StartupErrors.Describe(e));
    }

    [Fact]
    public async Task In_development_a_strategys_days_pass_at_the_demo_speed()
    {
        await using var host = await KompassTestHost.StartAsync("environment=Development", "Kompass:Demo:Seed=false",
            "Kompass:Demo:Clock:Start=2027-01-01", "Kompass:Demo:Clock:Speed=86400");
        // Evaluations as a platform admin, the strategy as the kommune's leader (strategies are the kommune's own).
        async Task<JsonNode> Ok(string query, object? variables = null) =>
            (await host.PostAsync(query, variables, "demo@ks.no")).AssertNoErrors().Data!;
        var leader = host.Token("kommune-leader", "NO-1532", "demo@kommune.no");
        async Task<JsonNode> AsLeader(string query, object? variables = null) =>
            (await host.PostAsTokenAsync(query, variables, leader)).AssertNoErrors().Data!;
        await Ok("""mutation { registerKommune(input: {kommuneId: "NO-1532"}) { id } }""");
        var evaluationId = (await Ok("""mutation { openEvaluation(input: {kommuneId: "NO-1532", frameworkVersion: "2020", evaluatedOn: "2026-06-01", evaluators: ["KS"]}) { id } }"""))
            ["openEvaluation"]!["id"]!.GetValue<string>();
        var codes = (await Ok("""{ framework(version: "2020") { scoringPoints { code } } }"""))["framework"]!["scoringPoints"]!.AsArray()
            .Select(p => p!["code"]!.GetValue<string>());
        await Ok("mutation($input: RateScoringPointsInput!) { rateScoringPoints(input: $input) { id } }",
            new { input = new { evaluationId, ratings = codes.Select(code => new { code, system = 2, scope = 2, result = 2 }).ToArray() } });
        await Ok("mutation($id: ID!) { publishEvaluation(input: {evaluationId: $id}) { id } }", new { id = evaluationId });
        var id = (await AsLeader("mutation($input: CreateStrategyInput!) { createStrategy(input: $input) { id } }",
            new { input = new { kommuneId = "NO-1532", evaluationId, title = "Demo", periodStart = "2026-09-01", periodEnd = "2029-08-31" } }))
            ["createStrategy"]!["id"]!.GetValue<string>();

        async Task<DateOnly> Today() => DateOnly.Parse((await AsLeader("query($id: ID!) { strategy(id: $id) { today } }", new { id }))["strategy"]!["today"]!.GetValue<string>());
        var first = await Today();
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var later = await Today();
        Assert.True(first >= new DateOnly(2027, 1, 1), $"today {first}");
        Assert.True(later.DayNumber - first.DayNumber >= 2, $"{first} -> {later}");
    }
}
