using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Kompass.Domain.Tenancy;
using Kompass.Testing;

namespace Kompass.Benchmarks;

/// <summary>
/// The cost of tenancy on a read: the same GraphQL read of one published evaluation, against the host as of
/// <see cref="BeforeCommit"/> (before tenancy: no token, no access rules, no rate limiter) and against this
/// tree's host with an analyst's token (validated on every request, the access rules checked field by field,
/// the per-caller rate limiter counting). Both hosts run at once, in Development (neither needs cluster TLS),
/// each on its own SQLite file; the windows alternate, and only one host is loaded in a window.
/// </summary>
internal sealed class ReadBenchmark(BenchmarkOptions options)
{
    /// <summary>The last commit on main before the tenancy work.</summary>
    public const string BeforeCommit = "6625b26";

    private const string Kommune = "NO-5027";

    internal const string ReadQuery =
        "query($id: ID!) { evaluation(id: $id) { id status total frameworkVersion evaluatedOn areaScores { code name score maxScore } } }";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan PreWarm = TimeSpan.FromSeconds(10);

    public async Task RunAsync()
    {
        Report.Heading($"Tenancy: a read with a token against the same read before ({BeforeCommit})");
        var afterDll = await HostBuild.CurrentAsync(options.HostDirectory);
        var beforeDll = await HostBuild.AtCommitAsync(BeforeCommit, options.BeforeHostDirectory);

        using var beforeStore = new TempSqliteFile("read-before");
        using var afterStore = new TempSqliteFile("read-after");
        var admin = BenchmarkAuth.Token(development: true, Role.PlatformAdmin, "benchmark-admin");
        var analyst = BenchmarkAuth.Token(development: true, Role.Analyst, "benchmark-analyst");

        // Development: neither host needs cluster TLS, and the "after" host accepts tokens signed with the
        // development key. The dashboard (on by default in Development) would add its own work.
        string[] common = ["--Kompass:Dashboard:Enabled=false"];
        await using var before = HostProcess.Start(beforeDll, beforeStore.Path, "Development", common);
        await using var after = HostProcess.Start(afterDll, afterStore.Path, "Development", [.. common, .. BenchmarkAuth.HostSettings(development: true)]);

        using var setup = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        await before.WaitForAnswerAsync(setup, 0, StartTimeout);
        await after.WaitForAnswerAsync(setup, 0, StartTimeout, admin);
        var beforeId = await SeedAsync(before, setup, token: null);
        var afterId = await SeedAsync(after, setup, admin);

        // The "after" host must really check tokens: without one the read is refused.
        using (var anonymous = await setup.SendAsync(after.Post(ReadQuery, new { id = afterId }, token: null)))
            if (anonymous.StatusCode != HttpStatusCode.Unauthorized)
                throw new InvalidOperationException($"The read without a token answered {(int)anonymous.StatusCode}, not 401.");
        var beforeAnswer = (await before.OkAsync(setup, ReadQuery, new { id = beforeId }, null)).GetRawText();
        var afterAnswer = (await after.OkAsync(setup, ReadQuery, new { id = afterId }, analyst)).GetRawText();
        if (beforeAnswer != afterAnswer)
            throw new InvalidOperationException($"The two hosts answer the read differently:\n{beforeAnswer}\n{afterAnswer}");

        Report.Line($"Read: `{ReadQuery}` of {beforeId} ({Encoding.UTF8.GetByteCount(beforeAnswer)} bytes of data, the same on both sides), " +
                    $"POST over HTTP/1.1 keep-alive, {options.Readers} concurrent loops over one SocketsHttpHandler; each side first runs " +
                    $"{PreWarm.TotalSeconds:0} s unmeasured, then the sides take turns, before, after, ... ({options.Rounds} rounds), " +
                    $"each turn {options.Warmup.TotalSeconds:0} s of warm-up and a {options.Window.TotalSeconds:0} s window.");
        Report.Line($"Before ({BeforeCommit}): no token. After: an analyst's token (HS256, development key), " +
                    $"rate limits set to {BenchmarkAuth.UnreachableRateLimit:N0}/min so the limiter runs but never rejects.");

        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan, MaxConnectionsPerServer = int.MaxValue };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var sides = new[]
        {
            new Side($"before ({BeforeCommit}, no token)", before, Body(beforeId), token: null, beforeId),
            new Side("after (analyst token)", after, Body(afterId), analyst, afterId),
        };

        // Unmeasured first: JIT tiering (tier-0, then PGO-instrumented, then optimized code) takes seconds, in
        // both hosts and in this load generator.
        foreach (var side in sides)
        {
            Report.Progress($"warming up {side.Name} for {PreWarm.TotalSeconds:0} s");
            await Stats.RunAsync("pre-warm", Readers(side, http), PreWarm, TimeSpan.Zero);
        }

        var results = sides.ToDictionary(s => s, _ => new List<LoadResult>());
        var othersCores = sides.ToDictionary(s => s, _ => new List<double>());
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var side in sides)
            {
                var failuresBefore = Interlocked.Read(ref side.Failures);
                // Stats reads the host's CPU at the window's start and end: read the machine's there too.
                var hostCpu = Cpu.OfProcess(side.Host.Id);
                var machine = new List<TimeSpan>(2);
                var result = await Stats.RunAsync(side.Name, Readers(side, http), options.Warmup, options.Window,
                    () => { machine.Add(Cpu.MachineBusy()); return hostCpu(); });
                results[side].Add(result);
                // What neither the loaded host nor this process used: the idle host, the kernel's share not
                // charged to a process, and whatever else runs on the shared machine.
                var others = machine[1] - machine[0] - result.ServerCpu!.Value - result.ProcessCpu;
                othersCores[side].Add(others / options.Window);
                Report.Progress($"round {round}/{options.Rounds}, {side.Name}: {result.PerSecond:N0} req/s, p50 {result.P50:0.00} ms, " +
                                $"p99 {result.P99:0.00} ms, host CPU {result.ServerCpuPerCall:0} µs/req, " +
                                $"failures {Interlocked.Read(ref side.Failures) - failuresBefore}, other CPU {others / options.Window:0.00} cores, load {result.MachineLoad:0.0}");
            }
        }

        var b = LoadResult.Combine(sides[0].Name, results[sides[0]]);
        var a = LoadResult.Combine(sides[1].Name, results[sides[1]]);
        Report.Table(["side", "req/s", "p50 ms", "p99 ms", "host CPU µs/req", "load generator CPU µs/req", "failures (all requests)", "other CPU per window (cores of 2)", "machine load per window"],
            sides.Select(s => (s, all: s == sides[0] ? b : a)).Select(x => (IReadOnlyList<string>)
            [
                x.s.Name, Stats.F(x.all.PerSecond, 0), Stats.F(x.all.P50, 2), Stats.F(x.all.P99, 2), Stats.F(x.all.ServerCpuPerCall, 0),
                Stats.F(x.all.ProcessCpuPerCall, 0), Interlocked.Read(ref x.s.Failures).ToString(CultureInfo.InvariantCulture),
                string.Join(", ", othersCores[x.s].Select(c => Stats.F(c, 2))),
                string.Join(", ", results[x.s].Select(r => Stats.F(r.MachineLoad, 1))),
            ]));
        Report.Line($"Per round, req/s: before {string.Join(", ", results[sides[0]].Select(r => Stats.F(r.PerSecond, 0)))}; " +
                    $"after {string.Join(", ", results[sides[1]].Select(r => Stats.F(r.PerSecond, 0)))}.");
        Report.Line($"Ratio after/before: req/s {Stats.F(a.PerSecond / b.PerSecond, 2)}, p50 {Stats.F(a.P50 / b.P50, 2)}, p99 {Stats.F(a.P99 / b.P99, 2)}, " +
                    $"host CPU per request {Stats.F(a.ServerCpuPerCall / b.ServerCpuPerCall, 2)} " +
                    $"({Stats.F(a.ServerCpuPerCall - b.ServerCpuPerCall, 0)} µs more per request).");
    }

    private List<Func<Task>> Readers(Side side, HttpClient http) =>
        [.. Enumerable.Range(0, options.Readers).Select(_ => (Func<Task>)(() => side.ReadAsync(http)))];

    /// <summary>One kommune and one imported (hence published) evaluation of it; returns the evaluation's id.</summary>
    internal static async Task<string> SeedAsync(HostProcess host, HttpClient http, string? token)
    {
        await host.OkAsync(http, "mutation($input: RegisterKommuneInput!) { registerKommune(input: $input) { id } }",
            new { input = new { kommuneId = Kommune } }, token);
        var data = await host.OkAsync(http, """
            mutation($input: ImportHistoricalResultInput!) { importHistoricalResult(input: $input) { id status } }
            """,
            new
            {
                input = new
                {
                    kommuneId = Kommune, frameworkVersion = "2020", evaluatedOn = "2022-05-01", total = 420, source = "Benchmark",
                    areaScores = new[] { 50, 60, 70, 40, 55, 65, 45, 35 }.Select((score, i) => new { code = (i + 1).ToString(CultureInfo.InvariantCulture), score }),
                },
            }, token);
        var evaluation = data.GetProperty("importHistoricalResult");
        if (evaluation.GetProperty("status").GetString() != "PUBLISHED")
            throw new InvalidOperationException($"The imported evaluation is not published: {evaluation}");
        return evaluation.GetProperty("id").GetString()!;
    }

    private static byte[] Body(string id) => JsonSerializer.SerializeToUtf8Bytes(new { query = ReadQuery, variables = new { id } });

    /// <summary>One side's request, sent over and over; every answer is read, and a non-200 or error answer is a failure.</summary>
    private sealed class Side(string name, HostProcess host, byte[] body, string? token, string id)
    {
        private static readonly MediaTypeHeaderValue Json = new("application/json");
        private readonly AuthenticationHeaderValue? _authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        private readonly byte[] _expectedId = Encoding.UTF8.GetBytes($"\"id\":\"{id}\"");

        public long Failures;

        public string Name { get; } = name;

        public HostProcess Host { get; } = host;

        public async Task ReadAsync(HttpClient http)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Host.GraphQL)
            {
                Version = HttpVersion.Version11,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Content = new ByteArrayContent(body) { Headers = { ContentType = Json } },
            };
            request.Headers.Authorization = _authorization;
            using var response = await http.SendAsync(request);
            var answer = await response.Content.ReadAsByteArrayAsync();
            // A byte search, not a parse: the check must not cost the load generator more than the read.
            if (response.StatusCode != HttpStatusCode.OK || answer.AsSpan().IndexOf("\"errors\""u8) >= 0 || answer.AsSpan().IndexOf(_expectedId) < 0)
                Interlocked.Increment(ref Failures);
        }
    }
}
