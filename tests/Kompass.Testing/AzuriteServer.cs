using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace Kompass.Testing;

/// <summary>
/// A throwaway Azurite (the Azure Storage emulator, npm package <c>azurite</c>, pinned 3.37.0 by .ci/run)
/// for tests: blob, queue and table services on free ports on 127.0.0.1, data in a temp folder, stopped
/// and deleted on dispose. <see cref="Stop"/> and <see cref="Start"/> take the emulator down and bring
/// it back on the same ports and data (outage tests).
/// <para>Use it as a collection fixture so a test assembly starts one emulator per collection, and give
/// each test its own blob container (<see cref="NewContainerName"/>) and cluster/service ids.</para>
/// </summary>
public sealed class AzuriteServer : IAsyncLifetime, IDisposable
{
    /// <summary>Suggested xunit collection name for tests that share the emulator.</summary>
    public const string Collection = "Azurite";

    /// <summary>Azurite's fixed development account (public, documented by Microsoft; not a secret).</summary>
    public const string AccountName = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly StringBuilder _log = new();
    private Process? _process;
    private string? _root;
    private int _containerCounter;

    /// <summary>The emulator's process id (benchmarks read its CPU time).</summary>
    public int ProcessId => _process?.Id ?? 0;

    public int BlobPort { get; private set; }
    public int QueuePort { get; private set; }
    public int TablePort { get; private set; }

    /// <summary>A connection string to the emulator's account (what <c>Kompass:Storage:AzureStorage:ConnectionString</c> takes).</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    public Task InitializeAsync()
    {
        _root = Path.Combine(Path.GetTempPath(), $"kompass-azurite-{Environment.ProcessId}-{Guid.NewGuid():N}"[..44]);
        Directory.CreateDirectory(_root);
        BlobPort = FreePorts.Next();
        QueuePort = FreePorts.Next();
        TablePort = FreePorts.Next();
        AppDomain.CurrentDomain.ProcessExit += StopOnExit;
        return StartAsync();
    }

    /// <summary>A fresh, valid blob container name for one test.</summary>
    public string NewContainerName(string prefix)
    {
        var clean = new string(prefix.ToLowerInvariant().Where(c => c is >= 'a' and <= 'z' or >= '0' and <= '9').Take(40).ToArray());
        return $"{(clean.Length == 0 ? "test" : clean)}-{Interlocked.Increment(ref _containerCounter)}";
    }

    /// <summary>Starts the emulator (again) on the same ports and data folder.</summary>
    public async Task StartAsync()
    {
        if (_process is { HasExited: false })
        {
            return;
        }

        var start = new ProcessStartInfo
        {
            FileName = FindExecutable(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _root!,
        };
        foreach (var argument in new[]
                 {
                     "--silent", "--location", _root!,
                     "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start azurite.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + StartTimeout;
        while (!(await ListensAsync(BlobPort) && await ListensAsync(TablePort)))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Azurite did not start (exit: {(_process.HasExited ? _process.ExitCode : "still running")}). Output:\n{_log}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Stops the emulator: its ports stop answering until <see cref="StartAsync"/>. SIGTERM first, so that
    /// Azurite writes its data folder out (a killed Azurite forgets what it had not saved yet).
    /// </summary>
    public void Stop()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            if (!_process.HasExited && !(Signals.Send(_process.Id, Signals.SigTerm) && _process.WaitForExit(10_000)))
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
        _process = null;
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= StopOnExit;
        Stop();
        if (_root is not null && Directory.Exists(_root))
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // best effort
            }
        }

        _root = null;
    }

    private void StopOnExit(object? sender, EventArgs e) => Stop();

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            if (_log.Length < 20_000)
            {
                _log.AppendLine(line);
            }
        }
    }

    private static async Task<bool> ListensAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The azurite executable on PATH; throws with the install hint when missing.</summary>
    public static string FindExecutable()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "azurite");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "Azurite (the Azure Storage emulator) was not found on PATH. Install it with: npm install -g azurite@3.37.0 (.ci/run does)");
    }
}
