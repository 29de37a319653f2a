using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Kompass.Testing;

namespace Kompass.Benchmarks;

/// <summary>
/// A published host (<c>dotnet Kompass.Host.dll</c>) as a child process on free loopback ports, with its
/// SQLite store at a given path; stopped with SIGTERM on dispose. Shared by <c>startup</c> and <c>read</c>.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    public const string CountQuery = "{ kommuner(country: NO, first: 10) { totalCount } }";

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

    /// <summary>The host's process id (the <c>dotnet</c> muxer runs the app in-process: no child to follow).</summary>
    public int Id => _process.Id;

    /// <summary>
    /// Starts the host in <paramref name="environment"/> with <paramref name="settings"/> (<c>--Key=value</c>)
    /// after the ports, the store and demo seed off.
    /// </summary>
    public static HostProcess Start(string hostDll, string sqlitePath, string environment, IEnumerable<string> settings)
    {
        var port = FreePorts.Next();
        var info = new ProcessStartInfo("dotnet",
        [
            hostDll,
            $"--urls=http://127.0.0.1:{port}",
            $"--Kompass:Storage:Sqlite:Path={sqlitePath}",
            "--Kompass:Demo:Seed=false",
            $"--Kompass:Cluster:SiloPort={FreePorts.Next()}",
            $"--Kompass:Cluster:GatewayPort={FreePorts.Next()}",
            .. settings,
        ])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(sqlitePath)!,
        };
        // Set both: whatever this shell exported must not pick the host's environment.
        info.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        info.Environment["DOTNET_ENVIRONMENT"] = environment;

        var clock = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the host.");
        var host = new HostProcess(process, clock, new Uri($"http://127.0.0.1:{port}/graphql"));
        process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>
    /// Polls <see cref="CountQuery"/> until it answers <paramref name="expectedTotalCount"/>; returns the time
    /// since Process.Start. <paramref name="token"/> is sent as the bearer token when given.
    /// </summary>
    public async Task<TimeSpan> WaitForAnswerAsync(HttpClient http, int expectedTotalCount, TimeSpan timeout, string? token = null)
    {
        var deadline = _sinceStart.Elapsed + timeout;
        string last = "no answer";
        while (_sinceStart.Elapsed < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The host exited with code {_process.ExitCode}:\n{Tail()}");
            try
            {
                using var response = await http.SendAsync(Post(CountQuery, null, token));
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

    /// <summary>A GraphQL request that must answer 200 without errors; returns its <c>data</c>.</summary>
    public async Task<JsonElement> OkAsync(HttpClient http, string query, object? variables, string? token, CancellationToken ct = default)
    {
        using var response = await http.SendAsync(Post(query, variables, token), ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        using var json = JsonDocument.Parse(body);
        if (!response.IsSuccessStatusCode || json.RootElement.TryGetProperty("errors", out _))
            throw new InvalidOperationException($"{query} answered {(int)response.StatusCode}: {body}");
        return json.RootElement.GetProperty("data").Clone();
    }

    public HttpRequestMessage Post(string query, object? variables, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, GraphQL) { Content = JsonContent.Create(new { query, variables }) };
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
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
                await kill!.WaitForExitAsync();
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

/// <summary>Publishing the host (<c>dotnet publish -c Release</c>), from this tree or from an older commit.</summary>
internal static class HostBuild
{
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Kompass.Cloud.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Kompass.Cloud.sln not found above " + AppContext.BaseDirectory + "; give --host-dir.");
    }

    /// <summary>This tree's host: <paramref name="given"/> (<c>--host-dir</c>), else published into this project's bin/.</summary>
    public static async Task<string> CurrentAsync(string? given)
    {
        if (given is not null)
        {
            Report.Line($"Host: {given} (given with --host-dir).");
            return Dll(given);
        }

        var repo = RepositoryRoot();
        var folder = Path.Combine(repo, "benchmarks", "Kompass.Benchmarks", "bin", "published-host");
        await PublishAsync(repo, folder);
        Report.Line($"Host: `dotnet publish src/Kompass.Host -c Release`, started as `dotnet Kompass.Host.dll` from {folder}.");
        return Dll(folder);
    }

    /// <summary>
    /// The host as of <paramref name="commit"/>: checked out with <c>git worktree add --detach</c> into a
    /// temporary folder, published into this project's bin/, and the worktree removed again.
    /// </summary>
    public static async Task<string> AtCommitAsync(string commit, string? given)
    {
        if (given is not null)
        {
            Report.Line($"Host at {commit}: {given} (given).");
            return Dll(given);
        }

        var repo = RepositoryRoot();
        var folder = Path.Combine(repo, "benchmarks", "Kompass.Benchmarks", "bin", "published-host-" + commit);
        var tree = Path.Combine(Path.GetTempPath(), $"kompass-bench-{commit}-{Guid.NewGuid():N}");
        await RunAsync("git", ["-C", repo, "worktree", "add", "--detach", tree, commit]);
        try
        {
            await PublishAsync(tree, folder);
        }
        finally
        {
            await RunAsync("git", ["-C", repo, "worktree", "remove", "--force", tree]);
        }

        Report.Line($"Host at {commit}: checked out into a temporary worktree, `dotnet publish src/Kompass.Host -c Release` into {folder}.");
        return Dll(folder);
    }

    private static Task PublishAsync(string tree, string folder)
    {
        Report.Progress($"dotnet publish {tree}/src/Kompass.Host -c Release -o {folder}");
        return RunAsync("dotnet",
            ["publish", Path.Combine(tree, "src", "Kompass.Host", "Kompass.Host.csproj"), "-c", "Release", "-o", folder, "--nologo", "-v", "q"]);
    }

    private static async Task RunAsync(string file, IEnumerable<string> arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { UseShellExecute = false })
                            ?? throw new InvalidOperationException($"Could not start {file}.");
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}.");
    }

    private static string Dll(string folder)
    {
        var dll = Path.Combine(folder, "Kompass.Host.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"No Kompass.Host.dll in {folder}.", dll);
    }
}
