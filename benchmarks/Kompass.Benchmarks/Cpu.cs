using System.Diagnostics;
using System.Globalization;

namespace Kompass.Benchmarks;

/// <summary>
/// CPU time, which other work on a shared machine disturbs far less than wall-clock throughput: this
/// process's, a PostgreSQL server's (the postmaster and all its children) and a child host's, read from /proc.
/// </summary>
internal static class Cpu
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>The 1-minute load average (NaN where there is no /proc/loadavg).</summary>
    public static double LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    public static TimeSpan ThisProcess()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>CPU used so far by the server whose backend has process id <paramref name="backendPid"/>.</summary>
    public static Func<TimeSpan> PostgresServer(int backendPid) => ProcessAndChildren(ParentOf(backendPid));

    /// <summary>
    /// CPU the whole machine has been busy so far, all cores added up (/proc/stat: user, nice, system, irq,
    /// softirq, steal): what others used is this minus what the measured processes used.
    /// </summary>
    public static TimeSpan MachineBusy()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        double ticks = 0;
        foreach (var i in new[] { 1, 2, 3, 6, 7, 8 })
            ticks += double.Parse(fields[i], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>CPU used so far by one process (a host started as a child): its /proc/pid/stat only.</summary>
    public static Func<TimeSpan> OfProcess(int pid)
    {
        return () =>
        {
            var stat = Stat(pid) ?? throw new InvalidOperationException($"No process {pid}.");
            return TimeSpan.FromSeconds((double.Parse(stat[11], CultureInfo.InvariantCulture) + double.Parse(stat[12], CultureInfo.InvariantCulture)) / TicksPerSecond);
        };
    }

    /// <summary>CPU time of a process and its direct children (PostgreSQL's postmaster and backends, Azurite's node).</summary>
    public static Func<TimeSpan> ProcessAndChildren(int root)
    {
        return () =>
        {
            double ticks = 0;
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var pid))
                    continue;
                var stat = Stat(pid);
                if (stat is not null && (pid == root || stat[1] == root.ToString(CultureInfo.InvariantCulture)))
                    ticks += double.Parse(stat[11], CultureInfo.InvariantCulture) + double.Parse(stat[12], CultureInfo.InvariantCulture);
            }

            return TimeSpan.FromSeconds(ticks / TicksPerSecond);
        };
    }

    private static int ParentOf(int pid) =>
        int.Parse(Stat(pid)?[1] ?? throw new InvalidOperationException($"No process {pid}."), CultureInfo.InvariantCulture);

    /// <summary>The fields of /proc/pid/stat after the command name: [0] state, [1] ppid, ..., [11] utime, [12] stime.</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null; // gone meanwhile
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
