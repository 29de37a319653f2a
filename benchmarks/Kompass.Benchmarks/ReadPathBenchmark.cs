using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Kompass.Domain.Tenancy;
using Kompass.Gateway.Caching;
using Kompass.Testing;

namespace Kompass.Benchmarks;

/// <summary>
/// The fast read path (issue 8): one published evaluation read through the service against Kestrel answering
/// the same bytes, with an analyst's token, each step on a side of its own: the host before the read path
/// (<see cref="BeforeCommit"/>), this tree with the document and answer caches off (the view kept ready only), with
/// the answer cache off (documents cached; a persisted query by hash over POST and GET, a conditional GET answered
/// 304), and this tree as it runs (answers of published evaluations kept). All the processes run the whole time;
/// the windows alternate, one side loaded at a time.
/// </summary>
internal sealed class ReadPathBenchmark(BenchmarkOptions options)
{
    /// <summary>The last commit before the read path (main when the work began).</summary>
    public const string BeforeCommit = "575081c";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan PreWarm = TimeSpan.FromSeconds(5);

    public async Task RunAsync()
    {
        Report.Heading("Read path: one evaluation through GraphQL against Kestrel serving its bytes (issue 8)");
        var currentDll = await HostBuild.CurrentAsync(options.HostDirectory);
        var beforeDll = await HostBuild.AtCommitAsync(BeforeCommit, options.BeforeHostDirectory);

        using var beforeStore = new TempSqliteFile("readpath-before");
        using var viewStore = new TempSqliteFile("readpath-view");
        using var documentsStore = new TempSqliteFile("readpath-documents");
        using var currentStore = new TempSqliteFile("readpath-current");
        var admin = BenchmarkAuth.Token(development: true, Role.PlatformAdmin, "benchmark-admin");
        var analyst = BenchmarkAuth.Token(development: true, Role.Analyst, "benchmark-analyst");
        string[] common = ["--Kompass:Dashboard:Enabled=false", .. BenchmarkAuth.HostSettings(development: true)];
        await using var before = HostProcess.Start(beforeDll, beforeStore.Path, "Development", common);
        await using var viewOnly = HostProcess.Start(currentDll, viewStore.Path, "Development",
            [.. common, "--Kompass:Caching:DocumentCacheChars=0", "--Kompass:Caching:AnswerCacheBytes=0"]);
        await using var documents = HostProcess.Start(currentDll, documentsStore.Path, "Development", [.. common, "--Kompass:Caching:AnswerCacheBytes=0"]);
        await using var current = HostProcess.Start(currentDll, currentStore.Path, "Development", common);

        using var setup = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var ids = new Dictionary<HostProcess, string>();
        foreach (var host in new[] { before, viewOnly, documents, current })
        {
            await host.WaitForAnswerAsync(setup, 0, StartTimeout, admin);
            ids[host] = await ReadBenchmark.SeedAsync(host, setup, admin);
        }
        var id = ids[current];
        if (ids.Values.Any(i => i != id))
            throw new InvalidOperationException($"The hosts gave the evaluation different ids: {string.Join(", ", ids.Values)}.");

        // The answer every side must give, byte for byte where it gives a body.
        var body = JsonSerializer.SerializeToUtf8Bytes(new { query = ReadBenchmark.ReadQuery, variables = new { id } });
        var answer = await AnswerAsync(setup, Post(current.GraphQL, body, analyst));
        foreach (var host in new[] { before, viewOnly, documents })
        {
            var other = await AnswerAsync(setup, Post(host.GraphQL, body, analyst));
            if (!Same(answer, other))
                throw new InvalidOperationException($"{host.GraphQL} answers the read differently.");
        }

        var hash = PersistedQueries.HashOf(ReadBenchmark.ReadQuery);
        var extensions = new { persistedQuery = new { version = 1, sha256Hash = hash } };
        var byHash = JsonSerializer.SerializeToUtf8Bytes(new { variables = new { id }, extensions });
        var getQuery = "?extensions=" + Uri.EscapeDataString(JsonSerializer.Serialize(extensions))
            + "&variables=" + Uri.EscapeDataString(JsonSerializer.Serialize(new { id }));
        var etags = new Dictionary<HostProcess, string>();
        foreach (var host in new[] { documents, current })
        {
            await AnswerAsync(setup, Post(host.GraphQL, JsonSerializer.SerializeToUtf8Bytes(new { query = ReadBenchmark.ReadQuery, variables = new { id }, extensions }), analyst));
            using var first = await setup.SendAsync(Get(new Uri(host.GraphQL, getQuery), analyst, null));
            etags[host] = first.Headers.ETag?.Tag ?? throw new InvalidOperationException("The GET answer carries no ETag.");
            if (!Same(answer, await first.Content.ReadAsByteArrayAsync()))
                throw new InvalidOperationException($"The persisted GET of {host.GraphQL} answers differently.");
        }

        var answerFile = Path.Combine(Path.GetTempPath(), $"kompass-readpath-answer-{Guid.NewGuid():N}.json");
        await File.WriteAllBytesAsync(answerFile, answer);
        await using var fixedAnswer = await FixedAnswerServer.StartAsync(answerFile, setup);
        File.Delete(answerFile);

        var analystAuth = new AuthenticationHeaderValue("Bearer", analyst);
        var typename = JsonSerializer.SerializeToUtf8Bytes(new { query = "{ __typename }" });
        var kommune = JsonSerializer.SerializeToUtf8Bytes(new { query = "query($id: ID!) { kommune(id: $id) { id name } }", variables = new { id = "NO-5027" } });
        var idOnly = JsonSerializer.SerializeToUtf8Bytes(new { query = "query($id: ID!) { evaluation(id: $id) { id } }", variables = new { id } });
        var expectId = Encoding.UTF8.GetBytes($"\"id\":\"{id}\"");
        var sides = new[]
        {
            new Side("Kestrel, the same bytes (ceiling)", fixedAnswer.Id, () => Post(fixedAnswer.GraphQL, body, (AuthenticationHeaderValue?)null), HttpStatusCode.OK, expectId),
            new Side("`{ __typename }` (GraphQL pipeline alone)", documents.Id, () => Post(documents.GraphQL, typename, analystAuth), HttpStatusCode.OK, "Query"u8.ToArray()),
            new Side("`kommune(id:) { id name }`", documents.Id, () => Post(documents.GraphQL, kommune, analystAuth), HttpStatusCode.OK, "\"id\":\"NO-5027\""u8.ToArray()),
            new Side($"`evaluation(id:) {{ id }}`, before the read path ({BeforeCommit})", before.Id, () => Post(before.GraphQL, idOnly, analystAuth), HttpStatusCode.OK, expectId),
            new Side("`evaluation(id:) { id }`, view kept ready (document cache off)", viewOnly.Id, () => Post(viewOnly.GraphQL, idOnly, analystAuth), HttpStatusCode.OK, expectId),
            new Side("`evaluation(id:) { id }`, + document cache", documents.Id, () => Post(documents.GraphQL, idOnly, analystAuth), HttpStatusCode.OK, expectId),
            new Side("`evaluation(id:) { id }`, + answer cache", current.Id, () => Post(current.GraphQL, idOnly, analystAuth), HttpStatusCode.OK, expectId),
            new Side($"full read, before the read path ({BeforeCommit})", before.Id, () => Post(before.GraphQL, body, analystAuth), HttpStatusCode.OK, expectId),
            new Side("full read, view kept ready (document cache off)", viewOnly.Id, () => Post(viewOnly.GraphQL, body, analystAuth), HttpStatusCode.OK, expectId),
            new Side("full read, + document cache", documents.Id, () => Post(documents.GraphQL, body, analystAuth), HttpStatusCode.OK, expectId),
            new Side("full read, + persisted query (POST, hash only)", documents.Id, () => Post(documents.GraphQL, byHash, analystAuth), HttpStatusCode.OK, expectId),
            new Side("full read, persisted query over GET (200, ETag)", documents.Id, () => Get(new Uri(documents.GraphQL, getQuery), analystAuth, null), HttpStatusCode.OK, expectId),
            new Side("full read, conditional GET (304)", documents.Id, () => Get(new Uri(documents.GraphQL, getQuery), analystAuth, etags[documents]), HttpStatusCode.NotModified, null),
            new Side("full read, + answer cache (POST, text)", current.Id, () => Post(current.GraphQL, body, analystAuth), HttpStatusCode.OK, expectId),
            new Side("full read, + answer cache (POST, hash only)", current.Id, () => Post(current.GraphQL, byHash, analystAuth), HttpStatusCode.OK, expectId),
            new Side("full read, + answer cache, conditional GET (304)", current.Id, () => Get(new Uri(current.GraphQL, getQuery), analystAuth, etags[current]), HttpStatusCode.NotModified, null),
        };
        Report.Line($"Read: `{ReadBenchmark.ReadQuery}` of {id} ({answer.Length} bytes of answer), variables {{\"id\": \"{id}\"}}, an analyst's token " +
                    $"(HS256, development key) on every service request, rate limits at {BenchmarkAuth.UnreachableRateLimit:N0}/min. " +
                    $"{options.Readers} closed loops over one SocketsHttpHandler (HTTP/1.1 keep-alive), this harness's load generator " +
                    $"(wrk is not installed here); each side {PreWarm.TotalSeconds:0} s unmeasured first, then {options.Rounds} rounds of all sides in turn, " +
                    $"each turn {options.Warmup.TotalSeconds:0} s warm-up and a {options.Window.TotalSeconds:0} s window.");

        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan, MaxConnectionsPerServer = int.MaxValue };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        foreach (var side in sides)
        {
            Report.Progress($"warming up {side.Name} for {PreWarm.TotalSeconds:0} s");
            await Stats.RunAsync("pre-warm", Readers(side, http), PreWarm, TimeSpan.Zero);
        }

        var results = sides.ToDictionary(s => s, _ => new List<LoadResult>());
        var others = sides.ToDictionary(s => s, _ => new List<double>());
        for (var round = 1; round <= options.Rounds; round++)
            foreach (var side in sides)
            {
                var failures = Interlocked.Read(ref side.Failures);
                var hostCpu = Cpu.OfProcess(side.ProcessId);
                var machine = new List<TimeSpan>(2);
                var result = await Stats.RunAsync(side.Name, Readers(side, http), options.Warmup, options.Window,
                    () => { machine.Add(Cpu.MachineBusy()); return hostCpu(); });
                results[side].Add(result);
                var other = (machine[1] - machine[0] - result.ServerCpu!.Value - result.ProcessCpu) / options.Window;
                others[side].Add(other);
                Report.Progress($"round {round}/{options.Rounds}, {side.Name}: {result.PerSecond:N0} req/s, p50 {result.P50:0.00} ms, p99 {result.P99:0.00} ms, " +
                                $"server CPU {result.ServerCpuPerCall:0} µs/req, failures {Interlocked.Read(ref side.Failures) - failures}, other CPU {other:0.00} cores");
            }

        var ceiling = LoadResult.Combine(sides[0].Name, results[sides[0]]);
        Report.Table(["side", "req/s", "× ceiling", "p50 ms", "p99 ms", "p99 ÷ ceiling's", "server CPU µs/req", "failures", "other CPU per window (cores of 2)"],
            sides.Select(s => (s, all: LoadResult.Combine(s.Name, results[s]))).Select(x => (IReadOnlyList<string>)
            [
                x.s.Name, Stats.F(x.all.PerSecond, 0), Stats.F(x.all.PerSecond / ceiling.PerSecond, 2), Stats.F(x.all.P50, 2), Stats.F(x.all.P99, 2),
                Stats.F(x.all.P99 / ceiling.P99, 2), Stats.F(x.all.ServerCpuPerCall, 0), Interlocked.Read(ref x.s.Failures).ToString(CultureInfo.InvariantCulture),
                string.Join(", ", others[x.s].Select(c => Stats.F(c, 2))),
            ]));
        Report.Line($"Machine load average per window: {string.Join("; ", sides.Select(s => s.Name + " " + string.Join(", ", results[s].Select(r => Stats.F(r.MachineLoad, 1)))))}.");
    }

    private List<Func<Task>> Readers(Side side, HttpClient http) =>
        [.. Enumerable.Range(0, options.Readers).Select(_ => (Func<Task>)(() => side.ReadAsync(http)))];

    private static bool Same(byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b);

    private static async Task<byte[]> AnswerAsync(HttpClient http, HttpRequestMessage request)
    {
        using (request)
        using (var response = await http.SendAsync(request))
        {
            var bytes = await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != HttpStatusCode.OK || bytes.AsSpan().IndexOf("\"errors\""u8) >= 0)
                throw new InvalidOperationException($"{request.RequestUri} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes)}");
            return bytes;
        }
    }

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <summary>A POST over HTTP/1.1 of a ready JSON body (shared with <c>analytics</c>).</summary>
    internal static HttpRequestMessage Post(Uri url, byte[] body, AuthenticationHeaderValue? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body) { Headers = { ContentType = Json } },
        };
        request.Headers.Authorization = authorization;
        return request;
    }

    private static HttpRequestMessage Post(Uri url, byte[] body, string token) => Post(url, body, new AuthenticationHeaderValue("Bearer", token));

    private static HttpRequestMessage Get(Uri url, string token, string? etag) => Get(url, new AuthenticationHeaderValue("Bearer", token), etag);

    private static HttpRequestMessage Get(Uri url, AuthenticationHeaderValue authorization, string? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url) { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        request.Headers.Authorization = authorization;
        if (etag is not null)
            request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag));
        return request;
    }

    /// <summary>One side's request, sent over and over; an answer with another status, with errors or without <c>expect</c> is a failure (shared with <c>analytics</c>).</summary>
    internal sealed class Side(string name, int processId, Func<HttpRequestMessage> request, HttpStatusCode status, byte[]? expect)
    {
        public long Failures;

        public string Name { get; } = name;

        /// <summary>The process that answers (its CPU is the "server CPU").</summary>
        public int ProcessId { get; } = processId;

        public async Task ReadAsync(HttpClient http)
        {
            using var message = request();
            using var response = await http.SendAsync(message);
            var answer = await response.Content.ReadAsByteArrayAsync();
            // A byte search, not a parse: the check must not cost the load generator more than the read.
            if (response.StatusCode != status || answer.AsSpan().IndexOf("\"errors\""u8) >= 0
                || (expect is null ? answer.Length != 0 : answer.AsSpan().IndexOf(expect) < 0))
                Interlocked.Increment(ref Failures);
        }
    }
}
