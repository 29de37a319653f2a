using System.Diagnostics;
using System.Text;
using Kompass.Testing;

namespace Kompass.Host.Tests;

/// <summary>
/// The host as a real process (<c>dotnet Kompass.Host.dll</c>, the build beside the tests), for what
/// an in-process host cannot show: signals, exit codes, what it prints.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int Id => _process.Id;

    /// <summary>Standard output and error so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>Starts the host with <paramref name="settings"/> (key=value) on free ports, in a temp working folder.</summary>
    public static HostProcess Start(string workingDirectory, params string[] settings)
    {
        var port = FreePorts.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Kompass.Host.dll"));
        foreach (var argument in new[]
                 {
                     $"--urls=http://127.0.0.1:{port}",
                     $"--Kompass:Cluster:SiloPort={FreePorts.Next()}",
                     $"--Kompass:Cluster:GatewayPort={FreePorts.Next()}",
                 }.Concat(ClusterCertificates.DefaultFor(settings)).Concat(settings.Select(s => "--" + s)))
            start.ArgumentList.Add(argument);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Kompass__Auth__SigningKey"] = TestTokens.SigningKey;

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Waits until /health/ready answers 200.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The host exited with {_process.ExitCode}:\n{Output}");
            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The host was not ready within {timeout.TotalSeconds:0} s:\n{Output}");
            await Task.Delay(200);
        }
    }

    public void SendSigterm() => Signals.Send(_process.Id, Signals.SigTerm);

    /// <summary>Waits for the exit and returns the exit code; kills the process and fails after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            _process.WaitForExit(); // flush the output events
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The host did not exit within {timeout.TotalSeconds:0} s:\n{Output}");
        }
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    private bool _disposed;

    /// <summary>Kills the host if it still runs; a second call does nothing (a test may kill a silo half-way).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
