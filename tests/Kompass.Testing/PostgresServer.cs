using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;
using Xunit;

namespace Kompass.Testing;

/// <summary>
/// A throwaway PostgreSQL server for tests: <c>initdb</c> into a temp folder, <c>pg_ctl start</c> on a
/// free port on 127.0.0.1 (unix socket in the same folder), stopped and deleted on dispose.
/// <para>Binaries: <c>initdb</c>/<c>pg_ctl</c>/<c>postgres</c> from PATH, else the highest
/// <c>/usr/lib/postgresql/&lt;version&gt;/bin</c>. initdb refuses to run as root, so as root every
/// server command runs as the <c>postgres</c> user through <c>runuser</c>, on a folder it owns.</para>
/// <para>Use it as a collection fixture so a test assembly starts one server:
/// <code>[CollectionDefinition(PostgresServer.Collection)] public class PostgresCollection : ICollectionFixture&lt;PostgresServer&gt;;</code>
/// and give each test its own database with <see cref="CreateDatabase"/>.</para>
/// The server runs with fsync off: it is for tests, not for durability.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime, IDisposable
{
    /// <summary>Suggested xunit collection name for tests that share the server.</summary>
    public const string Collection = "PostgreSQL server";

    private const string SuperUser = "kompass";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private string? _root;
    private string? _dataDirectory;
    private string? _binDirectory;
    private bool _runAsPostgresUser;
    private int _databaseCounter;

    /// <summary>Connection string to the server's <c>postgres</c> database as superuser <c>kompass</c>.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The TCP port the server listens on (127.0.0.1).</summary>
    public int Port { get; private set; }

    /// <summary>The folder holding the PostgreSQL binaries that were used.</summary>
    public string BinDirectory => _binDirectory ?? "";

    public async Task InitializeAsync()
    {
        _binDirectory = FindBinDirectory();
        _runAsPostgresUser = Environment.IsPrivilegedProcess;

        _root = Path.Combine(Path.GetTempPath(), $"kompass-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(_root);
        _dataDirectory = Path.Combine(_root, "data");

        if (_runAsPostgresUser)
        {
            Run("chown", ["postgres:postgres", _root], asPostgres: false);
        }

        Run(Path.Combine(_binDirectory, "initdb"),
            ["-D", _dataDirectory, "-A", "trust", "-U", SuperUser, "-E", "UTF8", "--locale=C", "--no-sync"],
            asPostgres: _runAsPostgresUser);

        Exception? lastError = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Port = FreeTcpPort();
            try
            {
                StartServer();
                lastError = null;
                break;
            }
            catch (InvalidOperationException ex)
            {
                lastError = ex; // most likely the port was taken between probing and binding
            }
        }

        if (lastError is not null)
        {
            throw new InvalidOperationException($"PostgreSQL did not start. Server log:\n{ReadLog()}", lastError);
        }

        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = SuperUser,
            Database = "postgres",
            Timeout = 10,
            IncludeErrorDetail = true,
        }.ToString();

        await WaitUntilReadyAsync();
        AppDomain.CurrentDomain.ProcessExit += StopOnExit;
    }

    /// <summary>Creates a new, empty database and returns a connection string to it.</summary>
    /// <param name="name">A readable prefix; a counter is appended so every call gets a fresh database.</param>
    public string CreateDatabase(string name)
    {
        if (string.IsNullOrEmpty(ConnectionString))
        {
            throw new InvalidOperationException("The PostgreSQL server has not been started.");
        }

        var cleaned = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            cleaned.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '_');
        }

        var database = $"{cleaned.ToString().Trim('_')}_{Interlocked.Increment(ref _databaseCounter)}";
        if (database.Length > 60)
        {
            database = database[^60..];
        }

        using (var connection = new NpgsqlConnection(ConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ToString();
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
        NpgsqlConnection.ClearAllPools();
        if (_root is not null && Directory.Exists(_root))
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // a stray file handle; the temp folder is cleaned by the OS eventually
            }
        }

        _root = null;
    }

    private void StopOnExit(object? sender, EventArgs e) => Stop();

    private void StartServer()
    {
        var options = $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off " +
                      "-c full_page_writes=off -c max_connections=200 -c shared_buffers=32MB";
        Run(Path.Combine(_binDirectory!, "pg_ctl"),
            ["-D", _dataDirectory!, "-o", options, "-l", Path.Combine(_root!, "server.log"), "-w", "-t", "60", "start"],
            asPostgres: _runAsPostgresUser);
    }

    /// <summary>Starts the server again after <see cref="Stop"/>, on the same port and data (outage tests).</summary>
    public async Task RestartAsync()
    {
        StartServer();
        await WaitUntilReadyAsync();
    }

    /// <summary>Stops the server at once (<c>pg_ctl stop -m immediate</c>): connections drop, the port stops answering.</summary>
    public void Stop()
    {
        if (_binDirectory is null || _dataDirectory is null || !File.Exists(Path.Combine(_dataDirectory, "postmaster.pid")))
        {
            return;
        }

        try
        {
            Run(Path.Combine(_binDirectory, "pg_ctl"), ["-D", _dataDirectory, "-m", "immediate", "-w", "-t", "30", "stop"],
                asPostgres: _runAsPostgresUser);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString);
                await connection.OpenAsync();
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or SocketException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    private string ReadLog()
    {
        try
        {
            return _root is null ? "" : File.ReadAllText(Path.Combine(_root, "server.log"));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    /// <summary>The folder with initdb, pg_ctl and postgres; throws with the install hint when missing.</summary>
    public static string FindBinDirectory()
    {
        string[] tools = ["initdb", "pg_ctl", "postgres"];
        bool HasAll(string dir) => tools.All(t => File.Exists(Path.Combine(dir, t)));

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (HasAll(dir))
            {
                // Debian's PATH entries are symlinks into /usr/lib/postgresql/<version>/bin; pg_ctl finds
                // postgres next to its real location, so use that folder.
                var initdb = new FileInfo(Path.Combine(dir, "initdb"));
                var target = initdb.LinkTarget is null ? initdb : initdb.ResolveLinkTarget(returnFinalTarget: true) as FileInfo;
                var real = target?.DirectoryName;
                return real is not null && HasAll(real) ? real : dir;
            }
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var best = Directory.GetDirectories(debianRoot)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: Version.TryParse(VersionText(Path.GetFileName(d)), out var v) ? v : null))
                .Where(x => x.Version is not null && HasAll(x.Dir))
                .OrderByDescending(x => x.Version)
                .FirstOrDefault();
            if (best.Dir is not null)
            {
                return best.Dir;
            }
        }

        throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found on PATH or under " +
            "/usr/lib/postgresql/<version>/bin. Install them with: apt-get install -y postgresql");

        static string VersionText(string folder) => folder.Contains('.') ? folder : folder + ".0";
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string file, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo
        {
            FileName = asPostgres ? "runuser" : file,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };

        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} timed out.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
        }
    }
}
