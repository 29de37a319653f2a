using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Kompass.Domain.Kommuner;
using Kompass.Storage;
using Kompass.Testing;

namespace Kompass.Benchmarks;

/// <summary>
/// Start-up of the published host as a child process: from <c>Process.Start</c> to the first answer to
/// <c>{ kommuner(country: NO, first: 10) { totalCount } }</c> with the expected count, on a SQLite store
/// holding 1,000 kommuner and on an empty one.
/// </summary>
internal sealed class StartupBenchmark(BenchmarkOptions options)
{
    private const int StoredKommuner = 1000;
    private const string CountQuery = "{ kommuner(country: NO, first: 10) { totalCount } }";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    public async Task RunAsync()
    {
        Report.Heading("Start-up: process start to the first answered GraphQL query");
        var hostDll = await HostDllAsync();

        using var empty = new TempSqliteFile("empty");
        using var full = new TempSqliteFile("full");
        await KompassSchemaMigrator.MigrateSqliteAsync(empty.Path);
        await KompassSchemaMigrator.MigrateSqliteAsync(full.Path);
        var registered = await BuildStoreAsync(hostDll, full.Path);
        var expectedNo = registered.Count(id => id.StartsWith("NO-", StringComparison.Ordinal));

        Report.Line($"Store: {registered.Count} kommuner registered through the host's GraphQL API " +
                    $"({registered.Count(IsOfficial)} official, {registered.Count - registered.Count(IsOfficial)} synthetic NO-9xxx), " +
                    $"{new FileInfo(full.Path).Length / 1024} KiB SQLite file; the query's NO totalCount is {expectedNo}.");

        var times = new Dictionary<string, List<double>> { ["empty"] = [], ["1,000 kommuner"] = [] };
        for (var run = 1; run <= options.Runs; run++)
        {
            // Alternate the stores so that drift on the machine hits both alike.
            foreach (var (label, path, expected) in new[] { ("empty", empty.Path, 0), ("1,000 kommuner", full.Path, expectedNo) })
            {
                var ms = await TimeStartAsync(hostDll, path, expected);
                times[label].Add(ms);
                Report.Progress($"start-up run {run}/{options.Runs}, {label}: {ms:0} ms");
            }
        }

        var emptyMedian = Stats.Median(times["empty"]);
        var fullMedian = Stats.Median(times["1,000 kommuner"]);
        Report.Table(["store", "NO totalCount", "runs (ms)", "median ms"],
        [
            ["empty", "0", string.Join(", ", times["empty"].Select(t => Stats.F(t, 0))), Stats.F(emptyMedian, 0)],
            ["1,000 kommuner", expectedNo.ToString(CultureInfo.InvariantCulture), string.Join(", ", times["1,000 kommuner"].Select(t => Stats.F(t, 0))), Stats.F(fullMedian, 0)],
        ]);
        Report.Line($"Ratio 1,000 kommuner / empty (medians): {Stats.F(fullMedian / emptyMedian, 2)}; difference {Stats.F(fullMedian - emptyMedian, 0)} ms.");

        bool IsOfficial(string id) => !id.StartsWith("NO-9", StringComparison.Ordinal);
    }

    /// <summary>The published host: <c>--host-dir</c>, else <c>dotnet publish -c Release</c> into this project's bin/.</summary>
    private async Task<string> HostDllAsync()
    {
        var folder = options.HostDirectory;
        if (folder is null)
        {
            var repo = RepositoryRoot();
            folder = Path.Combine(repo, "benchmarks", "Kompass.Benchmarks", "bin", "published-host");
            Report.Progress($"dotnet publish src/Kompass.Host -c Release -o {folder}");
            var publish = Process.Start(new ProcessStartInfo("dotnet",
                ["publish", Path.Combine(repo, "src", "Kompass.Host", "Kompass.Host.csproj"), "-c", "Release", "-o", folder, "--nologo", "-v", "q"])
            {
                UseShellExecute = false,
            }) ?? throw new InvalidOperationException("Could not start dotnet publish.");
            await publish.WaitForExitAsync();
            if (publish.ExitCode != 0)
                throw new InvalidOperationException($"dotnet publish of the host failed with exit code {publish.ExitCode}.");
            Report.Line($"Host: `dotnet publish src/Kompass.Host -c Release`, started as `dotnet Kompass.Host.dll` from {folder}.");
        }
        else
        {
            Report.Line($"Host: {folder} (given with --host-dir).");
        }

        var dll = Path.Combine(folder, "Kompass.Host.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"No Kompass.Host.dll in {folder}.", dll);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Kompass.Cloud.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Kompass.Cloud.sln not found above " + AppContext.BaseDirectory + "; give --host-dir.");
    }

    /// <summary>
    /// Registers 1,000 kommuner through the host's GraphQL API: every official one (Norway and Sweden), then
    /// synthetic Norwegian ones NO-9001... named "Benchmark kommune N". Returns their ids.
    /// </summary>
    private static async Task<List<string>> BuildStoreAsync(string hostDll, string path)
    {
        var reference = KommuneReference.Load(KommuneReference.DefaultDirectory);
        var inputs = reference.All(Country.NO).Concat(reference.All(Country.SE))
            .Select(k => new { kommuneId = k.Id.ToString(), name = (string?)null })
            .ToList();
        for (var n = 1; inputs.Count < StoredKommuner; n++)
        {
            var id = KommuneId.Parse($"NO-{9000 + n}");
            if (!reference.TryFind(id, out _))
                inputs.Add(new { kommuneId = id.ToString(), name = (string?)$"Benchmark kommune {n}" });
        }

        Report.Progress($"building the store: registering {inputs.Count} kommuner through GraphQL");
        await using var host = HostProcess.Start(hostDll, path);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        await host.WaitForAnswerAsync(http, expectedTotalCount: 0, StartTimeout);

        const string mutation = "mutation($input: RegisterKommuneInput!) { registerKommune(input: $input) { id } }";
        await Parallel.ForEachAsync(inputs, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (input, ct) =>
        {
            using var response = await http.PostAsJsonAsync(host.GraphQL, new { query = mutation, variables = new { input } }, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            using var json = JsonDocument.Parse(body);
            if (!response.IsSuccessStatusCode || json.RootElement.TryGetProperty("errors", out _))
                throw new InvalidOperationException($"registerKommune {input.kommuneId} failed: {body}");
        });

        var expectedNo = inputs.Count(i => i.kommuneId.StartsWith("NO-", StringComparison.Ordinal));
        await host.WaitForAnswerAsync(http, expectedNo, TimeSpan.FromSeconds(10));
        Report.Progress("store built; stopping the host");
        return [.. inputs.Select(i => i.kommuneId)];
    }

    private static async Task<double> TimeStartAsync(string hostDll, string path, int expected)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        await using var host = HostProcess.Start(hostDll, path);
        return (await host.WaitForAnswerAsync(http, expected, StartTimeout)).TotalMilliseconds;
    }

    /// <summary>The host binary as a child process on free loopback ports; stopped with SIGTERM on dispose.</summary>
    private sealed class HostProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly Stopwatch _sinceStart;
        private readonly Queue<string> _lastLines = new();

        private HostProcess(Process process, Stopwatch sinceStart, Uri graphQL)
        {
            _process = process;
            _sinceStart = sinceStart;
            GraphQL = graphQL;
        }

        public Uri GraphQL { get; }

        public static HostProcess Start(string hostDll, string path)
        {
            var port = FreePorts.Next();
            var info = new ProcessStartInfo("dotnet",
            [
                hostDll,
                $"--urls=http://127.0.0.1:{port}",
                $"--Kompass:Storage:Sqlite:Path={path}",
                "--Kompass:Demo:Seed=false",
                $"--Kompass:Cluster:SiloPort={FreePorts.Next()}",
                $"--Kompass:Cluster:GatewayPort={FreePorts.Next()}",
                // Production, as measured, needs the cluster's TLS: a throwaway CA's certificate.
                .. ClusterCertificates.DefaultFor([]),
            ])
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Path.GetDirectoryName(path)!,
            };

            var clock = Stopwatch.StartNew();
            var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the host.");
            var host = new HostProcess(process, clock, new Uri($"http://127.0.0.1:{port}/graphql"));
            process.OutputDataReceived += (_, e) => host.Keep(e.Data);
            process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return host;
        }

        /// <summary>Polls the count query until it answers <paramref name="expectedTotalCount"/>; returns the time since Process.Start.</summary>
        public async Task<TimeSpan> WaitForAnswerAsync(HttpClient http, int expectedTotalCount, TimeSpan timeout)
        {
            var deadline = _sinceStart.Elapsed + timeout;
            string last = "no answer";
            while (_sinceStart.Elapsed < deadline)
            {
                if (_process.HasExited)
                    throw new InvalidOperationException($"The host exited with code {_process.ExitCode}:\n{Tail()}");
                try
                {
                    using var response = await http.PostAsJsonAsync(GraphQL, new { query = CountQuery });
                    var body = await response.Content.ReadAsStringAsync();
                    var elapsed = _sinceStart.Elapsed;
                    last = body;
                    if (response.IsSuccessStatusCode && TotalCount(body) == expectedTotalCount)
                        return elapsed;
                }
                catch (HttpRequestException e)
                {
                    last = e.Message; // not listening yet
                }

                await Task.Delay(10);
            }

            throw new TimeoutException($"The host did not answer totalCount {expectedTotalCount} within {timeout}; last: {last}\n{Tail()}");
        }

        private static int? TotalCount(string body)
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                   && data.TryGetProperty("kommuner", out var kommuner) && kommuner.ValueKind == JsonValueKind.Object
                ? kommuner.GetProperty("totalCount").GetInt32()
                : null;
        }

        private void Keep(string? line)
        {
            if (line is null)
                return;
            lock (_lastLines)
            {
                _lastLines.Enqueue(line);
                if (_lastLines.Count > 40)
                    _lastLines.Dequeue();
            }
        }

        private string Tail()
        {
            lock (_lastLines)
                return string.Join('\n', _lastLines);
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                // SIGTERM: the host stops gracefully (the silo leaves, SQLite connections close).
                using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
                    await kill.WaitForExitAsync();
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                try
                {
                    await _process.WaitForExitAsync(wait.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync();
                }
            }

            _process.Dispose();
        }
    }
}
