using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kompass.Gateway.Tests;
using Kompass.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Kompass.Host.Tests;

/// <summary>
/// SIGTERM under load (what Kubernetes sends on a rolling update): readiness fails at once, the gateway
/// keeps answering for the drain period (a load balancer, played here by a readiness poller, stops
/// sending), then stops taking connections, answers every request it had taken, the silo leaves the cluster (recorded as dead in the
/// membership table, not left for the others to suspect), the process exits 0 within the configured
/// time, and every acknowledged write is there for the next host.
/// </summary>
public sealed class ShutdownTests(PostgresServer server, ITestOutputHelper output) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("kompass-shutdown-").FullName;

    [Fact]
    public async Task Sigterm_under_load_answers_every_request_taken_keeps_every_acknowledged_write_and_leaves_the_cluster()
    {
        var database = server.CreateDatabase("shutdown");
        string[] settings =
        [
            "Kompass:Storage:Provider=Postgres",
            $"Kompass:Storage:Postgres:ConnectionString={database}",
            "Kompass:Demo:Seed=false",
            "Kompass:Shutdown:TimeoutSeconds=20",
            "Kompass:Shutdown:DrainSeconds=3",
            // The load is one token writing as fast as the host answers: on a quick machine that passes the default
            // 600 a minute, and RATE_LIMITED answers are not what this test is about (LimitsTests covers the limiter).
            "Kompass:Limits:RequestsPerMinutePerToken=1000000",
            "Kompass:Limits:RequestsPerMinutePerKommune=1000000",
        ];
        var lifetime = System.Diagnostics.Stopwatch.StartNew();
        await using var host = HostProcess.Start(_work, settings);
        await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        using var http = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(30) };

        var kommuner = new[] { "NO-0301", "NO-1103", "NO-4601", "NO-5001", "NO-5027", "NO-5034", "NO-3301", "NO-1804" };
        var ids = new List<string>();
        foreach (var k in kommuner)
        {
            Ok(await PostAsync(http, $$"""mutation { registerKommune(input: {kommuneId: "{{k}}"}) { id } }"""));
            var opened = Ok(await PostAsync(http, $$"""mutation { openEvaluation(input: {kommuneId: "{{k}}", frameworkVersion: "2010", evaluatedOn: "2026-09-01", evaluators: ["KS"]}) { id } }"""));
            ids.Add(opened["openEvaluation"]!["id"]!.GetValue<string>());
        }

        var acknowledged = new ConcurrentDictionary<string, int>();
        var attempted = new ConcurrentDictionary<string, int>();
        var cutShort = new ConcurrentBag<string>();
        var answeredAfterSigterm = 0;
        var sigtermSent = 0;
        var routable = 1; // the load balancer's view: 0 once /health/ready fails
        using var stopPolling = new CancellationTokenSource();
        var balancer = Task.Run(async () =>
        {
            using var probe = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(2) };
            while (!stopPolling.IsCancellationRequested && Volatile.Read(ref routable) == 1)
            {
                try
                {
                    using var response = await probe.GetAsync("/health/ready");
                    if (!response.IsSuccessStatusCode)
                        Volatile.Write(ref routable, 0);
                }
                catch (HttpRequestException)
                {
                    Volatile.Write(ref routable, 0);
                }

                await Task.Delay(50);
            }
        });
        var writers = ids.Select(id => Task.Run(async () =>
        {
            for (var i = 0; i < 100_000 && Volatile.Read(ref routable) == 1; i++)
            {
                var (system, scope, result) = i % 2 == 0 ? (4, 4, 4) : (3, 3, 2);
                var query = $$"""mutation { rateScoringPoints(input: {evaluationId: "{{id}}", ratings: [{code: "1", system: {{system}}, scope: {{scope}}, result: {{result}}}]}) { version } }""";
                attempted.AddOrUpdate(id, 1, (_, n) => n + 1);
                try
                {
                    var body = await PostAsync(http, query, connectionClose: true);
                    if (body["errors"] is not null)
                    {
                        cutShort.Add($"{id}: {body["errors"]!.ToJsonString()}");
                        return;
                    }

                    acknowledged[id] = body["data"]!["rateScoringPoints"]!["version"]!.GetValue<int>();
                    if (Volatile.Read(ref sigtermSent) == 1)
                        Interlocked.Increment(ref answeredAfterSigterm);
                }
                catch (Exception e)
                {
                    cutShort.Add($"{id}: {e.GetType().Name}: {e.Message} ({e.InnerException?.GetType().Name}: {e.InnerException?.Message} / {e.InnerException?.InnerException?.Message})");
                    return;
                }
            }
        })).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.All(ids, id => Assert.True(acknowledged.ContainsKey(id), $"{id} had no write acknowledged before SIGTERM"));
        Volatile.Write(ref sigtermSent, 1);
        host.SendSigterm();

        var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(40));
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(30));
        await stopPolling.CancelAsync();
        await balancer;
        output.WriteLine($"{acknowledged.Values.Sum()} versions acknowledged, {answeredAfterSigterm} answers after SIGTERM; host output:\n{host.Output}");

        Assert.True(cutShort.IsEmpty, string.Join("\n", cutShort));
        // Orleans' watchdog's false first report (a "stall" as long as the machine's uptime) is quieted.
        Assert.DoesNotContain(StallReports(host.Output), stalled => stalled > lifetime.Elapsed);
        Assert.Equal(0, exitCode);
        Assert.Equal(["Dead"], await MembershipStatusesAsync(database));

        // The next host reads back every acknowledged write (and at most the one attempt that was refused).
        await using var next = await KompassTestHost.StartAsync([.. settings, "Kompass:Demo:Seed=false"]);
        foreach (var id in ids)
        {
            var stored = (await next.PostAsync($$"""{ evaluation(id: "{{id}}") { version } }""")).AssertNoErrors().Data!["evaluation"]!["version"]!.GetValue<int>();
            Assert.Equal(acknowledged[id], stored);
        }
    }

    private static IEnumerable<TimeSpan> StallReports(string output) =>
        System.Text.RegularExpressions.Regex.Matches(output, @"has not completed for (\S+),")
            .Select(m => TimeSpan.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<JsonObject> PostAsync(HttpClient http, string query, bool connectionClose = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query }) };
        request.Headers.ConnectionClose = connectionClose;
        request.Headers.Authorization = TestTokens.AdminHeader();
        using var response = await http.SendAsync(request);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static JsonNode Ok(JsonObject body) =>
        body["errors"] is null ? body["data"]! : throw new InvalidOperationException(body.ToJsonString());

    private static async Task<List<string>> MembershipStatusesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT Status FROM OrleansMembershipTable;", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var statuses = new List<string>();
        while (await reader.ReadAsync())
            statuses.Add(((Orleans.Runtime.SiloStatus)reader.GetInt32(0)).ToString());
        return statuses;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
