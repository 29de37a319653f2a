using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kompass.Testing;

namespace Kompass.Gateway.Tests.Tenancy;

/// <summary>A host on a real SQLite file, so that what offboarding leaves behind can be read off the disk.</summary>
public sealed class SqliteTenantHostFixture : IAsyncLifetime
{
    public TempSqliteFile File { get; } = new();
    public KompassTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await KompassTestHost.StartAsync("Kompass:Storage:Provider=Sqlite", "Kompass:Demo:Seed=false",
        $"Kompass:Storage:Sqlite:Path={File.Path}");

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        File.Dispose();
    }
}

/// <summary>The audit log, a kommune's export of its data and its offboarding, over HTTP with real tokens.</summary>
public sealed class TenantDataTests(SqliteTenantHostFixture fixture) : IClassFixture<SqliteTenantHostFixture>
{
    private const string Leaving = "NO-1520";   // Ørsta
    private const string Staying = "NO-1525";   // Stranda
    private const string Finding = "Ørsta-funn-som-bare-finnes-her";
    private const string AuditQuery = "query($k: ID!, $after: String) { auditLog(kommuneId: $k, first: 50, after: $after) { nodes { cursor actor role operation target outcome changes } hasNextPage endCursor } }";

    private KompassTestHost Host => fixture.Host;

    [Fact]
    public async Task A_kommune_is_audited_exported_and_offboarded_until_storage_holds_nothing_of_it()
    {
        var leader = Host.Token("kommune-leader", Leaving, "leder@orsta.kommune.no");
        foreach (var k in new[] { Leaving, Staying })
        {
            await Host.RegisterAsync(k);
            await Host.OkAsync($$"""mutation { importHistoricalResult(input: { kommuneId: "{{k}}", frameworkVersion: "2020", evaluatedOn: "2021-03-01", areaScores: [], total: {{(k == Leaving ? 600 : 400)}}, source: "Test" }) { id } }""");
        }
        var draft = (await Host.OpenAsync(Leaving))["id"].Str();
        await Host.OkAsync("mutation($id: ID!) { recordFindings(input: { evaluationId: $id, areaCode: \"1\", strengths: [\"" + Finding + "\"] }) { id } }", new { id = draft });
        // An answer kept for an Idempotency-Key mentions the kommune too.
        using (var keyed = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query = "mutation($id: ID!) { recordInterview(input: { evaluationId: $id, role: \"Ordfører\", date: \"2026-11-02\", people: 1 }) { id } }", variables = new { id = draft } }), Encoding.UTF8, "application/json"),
        })
        {
            keyed.Headers.Add("Idempotency-Key", "offboarding-test-key");
            Assert.Equal(HttpStatusCode.OK, (await Host.Http.SendAsync(keyed)).StatusCode);
        }
        // A refused attempt is audited too.
        Assert.Equal("FORBIDDEN", (await Host.PostAsTokenAsync("mutation($id: ID!) { publishEvaluation(input: { evaluationId: $id }) { id } }", new { id = draft }, leader)).Code);
        await Eventually(async () => (await Benchmark()) == 2, "both results are in the benchmark");

        // The audit log: the kommune's leader reads it, newest first, with who, outcome and what changed.
        var log = (await Host.PostAsTokenAsync(AuditQuery, new { k = Leaving }, leader)).AssertNoErrors().Data!["auditLog"]!["nodes"]!.AsArray();
        Assert.Equal(["publishEvaluation", "recordInterview", "recordFindings", "openEvaluation", "importHistoricalResult", "registerKommune"],
            log.Select(e => e!["operation"]!.GetValue<string>()));
        Assert.Equal("FORBIDDEN", log[0]!["outcome"]!.GetValue<string>());
        Assert.Equal("leder@orsta.kommune.no", log[0]!["actor"]!.GetValue<string>());
        Assert.Equal("OK", log[2]!["outcome"]!.GetValue<string>());
        Assert.Contains(Finding, log[2]!["changes"]!.GetValue<string>(), StringComparison.Ordinal);
        var sequences = log.Select(e => long.Parse(e!["cursor"]!.GetValue<string>())).ToList();
        Assert.Equal(sequences.OrderDescending(), sequences);
        // ... a member of the kommune and another kommune's leader do not.
        Assert.Equal("FORBIDDEN", (await Host.PostAsTokenAsync(AuditQuery, new { k = Leaving }, Host.Token("kommune-member", Leaving))).Code);
        Assert.Equal("FORBIDDEN", (await Host.PostAsTokenAsync(AuditQuery, new { k = Leaving }, Host.Token("kommune-leader", Staying))).Code);

        // The export: one JSON document with the kommune, its evaluations (drafts too) and its audit log.
        var export = await Export(Leaving, leader);
        Assert.Equal(HttpStatusCode.OK, export.Status);
        var document = JsonNode.Parse(export.Body)!;
        Assert.Equal("kompass-kommune-export/1", document["format"]!.GetValue<string>());
        Assert.Equal(Leaving, document["kommune"]!["id"]!.GetValue<string>());
        Assert.Equal(2, document["evaluations"]!.AsArray().Count);
        Assert.Contains(Finding, export.Body, StringComparison.Ordinal);
        Assert.Equal(6, document["auditLog"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.Forbidden, (await Export(Leaving, Host.Token("kommune-leader", Staying))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Export(Leaving, null)).Status);

        // A development strategy, adopted, with an action whose log reaches its history pages, a follow-up
        // holding a reminder, and notifications in the kommune's inbox: offboarding must take all of it too.
        const string Strategic = "Ørsta-tiltak-som-bare-finnes-her";
        var strategy = (await Host.OkAsync("""
            mutation($e: ID!) { createStrategy(input: { kommuneId: "NO-1520", evaluationId: $e, title: "Strategi", periodStart: "2025-12-01", periodEnd: "2028-11-30" }) { id } }
            """, new { e = document["evaluations"]![0]!["id"]!.GetValue<string>() }, token: leader))["createStrategy"]!["id"].Str();
        foreach (var step in new[]
        {
            """mutation($s: ID!) { chooseFocusArea(input: { strategyId: $s, areaCode: "1" }) { id } }""",
            """mutation($s: ID!) { addGoal(input: { strategyId: $s, areaCode: "1", title: "Mål" }) { id } }""",
            """mutation($s: ID!) { addSubGoal(input: { strategyId: $s, goalId: "g1", title: "Delmål" }) { id } }""",
            $$"""mutation($s: ID!) { addAction(input: { strategyId: $s, subGoalId: "s2", title: "{{Strategic}}", owner: "Rådmann", startDate: "2025-12-01", dueDate: "2025-12-20" }) { id } }""",
        }.Concat(Enumerable.Range(1, 8).Select(i => $$"""mutation($s: ID!) { updateAction(input: { strategyId: $s, actionId: "a3", note: "{{Strategic}} {{i}}" }) { id } }"""))
         .Append("""mutation($s: ID!) { adoptStrategy(input: { strategyId: $s, body: "Kommunestyret", date: "2025-12-01", caseNumber: "K-sak 1/25", decision: "Vedtatt." }) { id } }"""))
            await Host.OkAsync(step, new { s = strategy }, token: leader);
        await Eventually(async () => (await Host.OkAsync("query($k: ID!) { notifications(kommuneId: $k) { totalCount } }", new { k = Leaving }, token: leader))
            ["notifications"]!["totalCount"].Int() > 0, "the follow-up has filled the inbox");
        await Eventually(async () => (await Host.OkAsync("""query($s: ID!) { strategy(id: $s) { focusAreas { goals { subGoals { actions { olderLog { seq } } } } } } }""",
            new { s = strategy }, token: leader))["strategy"]!["focusAreas"]![0]!["goals"]![0]!["subGoals"]![0]!["actions"]![0]!["olderLog"]!.AsArray().Count > 0,
            "the action's older log lines are in its history pages");
        Assert.NotEmpty(await StorageScan.SqliteAsync(fixture.File.Path, Strategic));

        // Offboarding: refused to a leader, needs the id repeated, then removes everything of the kommune.
        const string Offboard = "mutation($k: ID!, $c: String!) { offboardKommune(input: { kommuneId: $k, confirm: $c }) { kommuneId evaluationsRemoved auditEntriesRemoved storedAnswersRemoved } }";
        Assert.Equal("FORBIDDEN", (await Host.PostAsTokenAsync(Offboard, new { k = Leaving, c = Leaving }, leader)).Code);
        await Host.RejectedAsync(Offboard, new { k = Leaving, c = "NO-1521" }, "VALIDATION_ERROR", "confirm");
        var removed = (await Host.OkAsync(Offboard, new { k = Leaving, c = Leaving }))["offboardKommune"]!;
        Assert.Equal(2, removed["evaluationsRemoved"].Int());
        Assert.True(removed["auditEntriesRemoved"].Int() > 6); // the strategy's too; the refused offboardings are in the platform's log
        Assert.Equal(1, removed["storedAnswersRemoved"].Int());

        Assert.Null((await Host.OkAsync($$"""{ kommune(id: "{{Leaving}}") { id } }"""))["kommune"]);
        Assert.Null((await Host.OkAsync("query($id: ID!) { evaluation(id: $id) { id } }", new { id = draft }))["evaluation"]);
        Assert.DoesNotContain(Leaving, (await Host.OkAsync("{ kommuner(country: NO, first: 100) { nodes { id } } }"))["kommuner"]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()));
        Assert.Equal(1, await Benchmark());
        Assert.Empty((await Host.OkAsync(AuditQuery, new { k = Leaving }))["auditLog"]!["nodes"]!.AsArray());
        var platform = (await Host.OkAsync(AuditQuery, new { k = "platform" }))["auditLog"]!["nodes"]!.AsArray();
        Assert.Contains(platform, e => e!["operation"]!.GetValue<string>() == "offboardKommune" && e["target"]!.GetValue<string>() == Leaving);

        // On disk: nothing of it in any table but the platform's record of its offboarding.
        Assert.Empty(await StorageScan.SqliteAsync(fixture.File.Path, Finding));
        Assert.Empty(await StorageScan.SqliteAsync(fixture.File.Path, Strategic));
        var hits = await StorageScan.SqliteAsync(fixture.File.Path, Leaving);
        Assert.All(hits, h => Assert.Equal("KompassAudit", h.Store));
        Assert.Equal(platform.Count(e => e!["target"]!.GetValue<string>() == Leaving || e["changes"]?.GetValue<string>().Contains(Leaving) == true),
            hits.Select(h => h.Key).Distinct().Count());
        // The kommune that stays is untouched.
        Assert.NotNull((await Host.OkAsync($$"""{ kommune(id: "{{Staying}}") { id } }"""))["kommune"]);
    }

    private async Task<int> Benchmark() =>
        (await Host.OkAsync("{ benchmark(country: NO, frameworkVersion: \"2020\") { evaluations } }"))["benchmark"]!["evaluations"].Int();

    private async Task<(HttpStatusCode Status, string Body)> Export(string kommune, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/kommuner/{kommune}/export");
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Host.AnonymousHttp.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(15))
                throw new TimeoutException($"Not within 15 s: {what}.");
            await Task.Delay(100);
        }
    }
}
