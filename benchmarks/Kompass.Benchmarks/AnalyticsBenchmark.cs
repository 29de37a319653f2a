using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Kompass.Domain.Kommuner;
using Kompass.Domain.Tenancy;
using Kompass.Testing;

namespace Kompass.Benchmarks;

/// <summary>
/// The analyst queries of issue 9 against a single-kommune read, side by side: <c>benchmark</c> with its
/// statistics, a <c>ranking</c> (first 50), a <c>kommuner</c> page of 50 with each node's latest total, and
/// <c>kommune(id:) { id name latestResult { total } }</c>, with an analyst's token, by the number of kommuner
/// (65, 650, 6,500; 3 results each). One published host per size on a fresh SQLite store; the results are
/// imported through <c>POST /imports/historical-results</c> in chunks. Beyond the 647 official kommuner the
/// host is given a reference list with synthetic Norwegian ones (NO-9001 up, then NO-8999 down, as
/// <c>startup</c> names them), since the import takes only kommuner of the reference list.
/// </summary>
internal sealed class AnalyticsBenchmark(BenchmarkOptions options)
{
    private static readonly int[] Sizes = [65, 650, 6500];
    private const int ResultsPerKommune = 3;

    /// <summary>Kommuner per import request: 1,500 rows, about 100 KiB, far under Kompass:Limits:MaxImportBytes (8 MiB).</summary>
    private const int KommunerPerChunk = 500;

    /// <summary>Import requests at once (each imports 4 kommuner at a time inside the host).</summary>
    private const int ChunksAtOnce = 2;

    private const string Header = "country,number,framework_version,evaluated_on,area_1,area_2,area_3,area_4,area_5,area_6,area_7,area_8,total,source";
    private const string Single = "NO-0301";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan PreWarm = TimeSpan.FromSeconds(3);

    internal const string BenchmarkQuery =
        "{ benchmark(frameworkVersion: \"2020\", country: NO) { kommuner results total { count mean median q1 q3 min max standardDeviation } " +
        "areaStatistics { code statistics { count mean median q1 q3 min max standardDeviation } } histogram { lower upper count } } }";

    internal const string RankingQuery =
        "{ ranking(frameworkVersion: \"2020\", country: NO, first: 50) { totalCount nodes { rank percentile kommuneId name value evaluationId } } }";

    internal const string KommunerQuery = "{ kommuner(country: NO, first: 50) { totalCount nodes { id name latestResult { total } } } }";

    internal const string SingleQuery = "query($id: ID!) { kommune(id: $id) { id name latestResult { total } } }";

    public async Task RunAsync()
    {
        Report.Heading("Analytics: analyst queries against a single read (issue 9)");
        var hostDll = await HostBuild.CurrentAsync(options.HostDirectory);
        var admin = BenchmarkAuth.Token(development: true, Role.PlatformAdmin, "benchmark-admin");
        var analyst = BenchmarkAuth.Token(development: true, Role.Analyst, "benchmark-analyst");
        var official = KommuneReference.Load(KommuneReference.DefaultDirectory);

        Report.Line($"Queries, each POSTed with an analyst's token (HS256, development key), rate limits at {BenchmarkAuth.UnreachableRateLimit:N0}/min: " +
                    $"benchmark `{BenchmarkQuery}`; ranking `{RankingQuery}`; page `{KommunerQuery}`; single read `{SingleQuery}` of {Single}. " +
                    $"{options.Readers} closed loops over one SocketsHttpHandler (HTTP/1.1 keep-alive); each query {PreWarm.TotalSeconds:0} s unmeasured first, " +
                    $"then {options.Rounds} rounds of the four in turn, each turn {options.Warmup.TotalSeconds:0} s warm-up and a {options.Window.TotalSeconds:0} s window. " +
                    $"An answer without the expected count (the seeded NO kommuner) or id, or with errors, is a failure.");

        var rows = new List<IReadOnlyList<string>>();
        var p99s = new Dictionary<(int, string), double>();
        foreach (var size in Sizes)
        {
            var measured = await RunSizeAsync(hostDll, official, size, admin, analyst);
            var single = measured[^1].Result;
            foreach (var (name, result, failures) in measured)
            {
                p99s[(size, name)] = result.P99;
                rows.Add([size.ToString("N0", CultureInfo.InvariantCulture), name, Stats.F(result.PerSecond, 0), Stats.F(result.P50, 2), Stats.F(result.P99, 2),
                    Stats.F(result.P99 / single.P99, 2), failures.ToString(CultureInfo.InvariantCulture), Stats.F(result.MachineLoad, 1)]);
            }

            // Each size's rows as soon as it is measured: a larger size that fails or is stopped loses only its own.
            Report.Table(Columns, rows.TakeLast(measured.Count));
        }

        Report.Line("All sizes:");
        Report.Table(Columns, rows);
        var names = p99s.Keys.Select(k => k.Item2).Distinct().ToList();
        Report.Table(["query", .. Sizes.Skip(1).Select(s => $"p99 at {s:N0} ÷ at {Sizes[0]:N0}")],
            names.Select(n => (IReadOnlyList<string>)[n, .. Sizes.Skip(1).Select(s => Stats.F(p99s[(s, n)] / p99s[(Sizes[0], n)], 2))]));
    }

    private static readonly string[] Columns =
        ["kommuner", "query", "req/s", "p50 ms", "p99 ms", "p99 ÷ single read's", "failures", "load average (end of last window)"];

    private async Task<List<(string Name, LoadResult Result, long Failures)>> RunSizeAsync(
        string hostDll, KommuneReference official, int size, string admin, string analyst)
    {
        using var store = new TempSqliteFile($"analytics-{size}");
        var (kommuner, referenceDir) = Kommuner(official, size, store.Folder);
        var noCount = kommuner.Count(k => k.Country == Country.NO);
        var with2010 = kommuner.Where((_, i) => Uses2010(i)).Count();
        await using var host = HostProcess.Start(hostDll, store.Path, "Development",
            ["--Kompass:Dashboard:Enabled=false", $"--Kompass:Reference:Path={referenceDir}", .. BenchmarkAuth.HostSettings(development: true)]);
        using var setup = new HttpClient { Timeout = TimeSpan.FromMinutes(15) };
        await host.WaitForAnswerAsync(setup, 0, StartTimeout, admin);

        // Seeding: the CSV import in chunks, then wait for durable delivery to bring every result to the analytics and the directory.
        var hostCpu = Cpu.OfProcess(host.Id);
        var (hostCpu0, machine0) = (hostCpu(), Cpu.MachineBusy());
        var clock = Stopwatch.StartNew();
        var chunks = kommuner.Select((k, i) => (k, i)).Chunk(KommunerPerChunk).ToList();
        var importUrl = new Uri(host.GraphQL, "/imports/historical-results?dryRun=false");
        var imported = 0;
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = ChunksAtOnce }, async (chunk, ct) =>
        {
            var csv = new StringBuilder(Header).Append('\n');
            foreach (var (k, i) in chunk)
                AppendResults(csv, k, i);
            var chunkClock = Stopwatch.StartNew();
            using var request = new HttpRequestMessage(HttpMethod.Post, importUrl) { Content = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
            using var response = await setup.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode != HttpStatusCode.OK)
                throw new InvalidOperationException($"The import answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 2000)]}");
            using var json = JsonDocument.Parse(body);
            var report = json.RootElement.GetProperty("report");
            var n = report.GetProperty("imported").GetInt32();
            if (n != chunk.Length * ResultsPerKommune)
                throw new InvalidOperationException($"The import imported {n} of {chunk.Length * ResultsPerKommune} rows: {body[..Math.Min(body.Length, 2000)]}");
            var total = Interlocked.Add(ref imported, n);
            Report.Progress($"{size} kommuner: imported {total:N0}/{kommuner.Count * ResultsPerKommune:N0} results " +
                            $"(this chunk {n} rows in {chunkClock.Elapsed.TotalSeconds:0.0} s, {n / chunkClock.Elapsed.TotalSeconds:0} rows/s)");
        });
        var importTime = clock.Elapsed;
        var (importHostCpu, importMachine) = (hostCpu() - hostCpu0, Cpu.MachineBusy() - machine0);

        // Every result in the analytics: the 2020 benchmark of Norway, and of both countries for 2010 and 2020.
        var expected = new (string Query, string Field, int Count)[]
        {
            ("{ benchmark(frameworkVersion: \"2020\", country: NO) { kommuner } }", "benchmark", noCount),
            ("{ benchmark(frameworkVersion: \"2020\") { kommuner } }", "benchmark", kommuner.Count),
            ("{ benchmark(frameworkVersion: \"2010\") { kommuner } }", "benchmark", with2010),
        };
        foreach (var (query, field, want) in expected)
            await UntilAsync(host, setup, analyst, query, d => d.GetProperty(field).GetProperty("kommuner").GetInt32() == want, $"{query} = {want}");
        await UntilAsync(host, setup, analyst, KommunerQuery,
            d => d.GetProperty("kommuner").GetProperty("totalCount").GetInt32() == noCount
                 && d.GetProperty("kommuner").GetProperty("nodes").EnumerateArray().All(n => n.GetProperty("latestResult").ValueKind == JsonValueKind.Object),
            "the page's latest results");
        var seedTime = clock.Elapsed;
        Report.Line($"**{size:N0} kommuner** ({noCount:N0} NO, {kommuner.Count - noCount:N0} SE, {kommuner.Count(k => !official.TryFind(k, out _)):N0} of them synthetic), " +
                    $"{kommuner.Count * ResultsPerKommune:N0} results ({with2010:N0} under 2010): imported in {importTime.TotalSeconds:0.0} s " +
                    $"({kommuner.Count * ResultsPerKommune / importTime.TotalSeconds:0} rows/s, {chunks.Count} request(s) of at most {KommunerPerChunk * ResultsPerKommune:N0} rows, {ChunksAtOnce} at once; " +
                    $"the host used {importHostCpu / importTime:0.00} cores of 2 meanwhile, the machine {importMachine / importTime:0.00}, load average {Cpu.LoadAverage():0.0}), " +
                    $"all in the analytics and the directory after {seedTime.TotalSeconds:0.0} s; SQLite file {new FileInfo(store.Path).Length / 1024:N0} KiB.");

        var count = Encoding.UTF8.GetBytes($"\"totalCount\":{noCount}");
        var auth = new AuthenticationHeaderValue("Bearer", analyst);
        byte[] Body(string query, object? variables = null) => JsonSerializer.SerializeToUtf8Bytes(new { query, variables });
        var sides = new[]
        {
            Side("`benchmark` (statistics, histogram)", Body(BenchmarkQuery), Encoding.UTF8.GetBytes($"\"kommuner\":{noCount}")),
            Side("`ranking`, first 50", Body(RankingQuery), count),
            Side("`kommuner` page of 50, latest totals", Body(KommunerQuery), count),
            Side("single read `kommune(id:)`", Body(SingleQuery, new { id = Single }), Encoding.UTF8.GetBytes($"\"id\":\"{Single}\"")),
        };

        ReadPathBenchmark.Side Side(string name, byte[] body, byte[] expect) =>
            new(name, host.Id, () => ReadPathBenchmark.Post(host.GraphQL, body, auth), HttpStatusCode.OK, expect);

        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan, MaxConnectionsPerServer = int.MaxValue };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        foreach (var side in sides)
            await Stats.RunAsync("pre-warm", Readers(side, http), PreWarm, TimeSpan.Zero);

        var results = sides.ToDictionary(s => s, _ => new List<LoadResult>());
        for (var round = 1; round <= options.Rounds; round++)
            foreach (var side in sides)
            {
                var result = await Stats.RunAsync(side.Name, Readers(side, http), options.Warmup, options.Window);
                results[side].Add(result);
                Report.Progress($"{size} kommuner, round {round}/{options.Rounds}, {side.Name}: {result.PerSecond:N0} req/s, p50 {result.P50:0.00} ms, " +
                                $"p99 {result.P99:0.00} ms, failures {Interlocked.Read(ref side.Failures)}, load average {result.MachineLoad:0.0}");
            }

        return [.. sides.Select(s => (s.Name, LoadResult.Combine(s.Name, results[s]), Interlocked.Read(ref s.Failures)))];
    }

    private List<Func<Task>> Readers(ReadPathBenchmark.Side side, HttpClient http) =>
        [.. Enumerable.Range(0, options.Readers).Select(_ => (Func<Task>)(() => side.ReadAsync(http)))];

    private static async Task UntilAsync(HostProcess host, HttpClient http, string token, string query, Func<JsonElement, bool> done, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!done(await host.OkAsync(http, query, null, token)))
        {
            if (clock.Elapsed > SettleTimeout)
                throw new TimeoutException($"Not settled within {SettleTimeout}: {what}.");
            await Task.Delay(250);
        }
    }

    /// <summary>Every fourth kommune's oldest result was scored under 2010; all the others under 2020.</summary>
    private static bool Uses2010(int index) => index % 4 == 0;

    /// <summary>
    /// <paramref name="size"/> kommuner: up to 647 an even spread over the official lists (four in five Norwegian, <see cref="Single"/>
    /// first), past them every official one and synthetic Norwegian ones; and a reference folder that lists them all.
    /// </summary>
    private static (List<KommuneId> Kommuner, string ReferenceDir) Kommuner(KommuneReference official, int size, string folder)
    {
        var all = official.All(Country.NO).Concat(official.All(Country.SE)).Select(e => e.Id).ToList();
        var dir = Path.Combine(folder, "reference");
        Directory.CreateDirectory(dir);
        foreach (var file in Directory.GetFiles(KommuneReference.DefaultDirectory, KommuneReference.FilePattern))
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        if (size <= all.Count)
        {
            // Four in five Norwegian, so that the measured NO page and ranking hold 50 rows from 65 kommuner up.
            var no = official.All(Country.NO).Select(e => e.Id).ToList();
            var se = official.All(Country.SE).Select(e => e.Id).ToList();
            var noTake = Math.Max(Math.Min(no.Count, (size * 4 + 4) / 5), size - se.Count);
            return ([.. Spread(no, noTake), .. Spread(se, size - noTake)], dir);
        }

        var synthetic = new List<KommuneId>();
        var lines = new StringBuilder();
        foreach (var number in Enumerable.Range(9001, 999).Concat(Enumerable.Range(1, 8999).Reverse()))
        {
            if (all.Count + synthetic.Count == size)
                break;
            var id = new KommuneId(Country.NO, number.ToString("D4", CultureInfo.InvariantCulture));
            if (official.TryFind(id, out _))
                continue;
            synthetic.Add(id);
            // The county is the number's first two digits, as the reference check wants. Populations spread over the bands (500 to about 100,000) so that peers have something to find.
            lines.Append(CultureInfo.InvariantCulture, $"NO,{id.Number},Benchmark kommune {synthetic.Count},{id.Number[..2]},Benchmark fylke {id.Number[..2]},{500 + (number * 7919) % 100_000},2024\n");
        }
        File.AppendAllText(Path.Combine(dir, "kommuner-no.csv"), lines.ToString());
        return ([.. all, .. synthetic], dir);
    }

    private static IEnumerable<KommuneId> Spread(List<KommuneId> list, int count) =>
        Enumerable.Range(0, count).Select(i => list[(int)((long)i * list.Count / count)]);

    /// <summary>
    /// Three results of kommune number <paramref name="index"/>: 2016 (2010 for every fourth kommune, else 2020), 2020 and
    /// 2023, each with 8 area scores 0-100 about the kommune's own level, rising a little each time; total = their sum.
    /// </summary>
    private static void AppendResults(StringBuilder csv, KommuneId kommune, int index)
    {
        var random = new Random(index);
        var level = random.Next(30, 75);
        string[] dates = ["2016-05-12", "2020-10-01", "2023-03-15"];
        for (var r = 0; r < ResultsPerKommune; r++)
        {
            var version = r == 0 && Uses2010(index) ? "2010" : "2020";
            var scores = Enumerable.Range(0, 8).Select(_ => Math.Clamp(level + 4 * r + random.Next(-15, 16), 0, 100)).ToArray();
            csv.Append(CultureInfo.InvariantCulture, $"{kommune.Country},{kommune.Number},{version},{dates[r]},{string.Join(',', scores)},{scores.Sum()},Benchmark import\n");
        }
    }
}
