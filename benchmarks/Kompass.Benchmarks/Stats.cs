using System.Diagnostics;
using System.Globalization;

namespace Kompass.Benchmarks;

/// <summary>What a closed-loop load run measured: completed calls in the window and their latencies.</summary>
/// <param name="TotalCalls">Every completed call, warm-up and the tail after the window included.</param>
/// <param name="ProcessCpu">CPU this process used during the window (silo, client, driver, SQLite).</param>
/// <param name="ServerCpu">CPU the PostgreSQL server used during the window, when measured.</param>
/// <param name="PoolThreadsMax">Most thread-pool threads seen during the window.</param>
/// <param name="MachineLoad">The machine's 1-minute load average at the window's end (the machine is shared).</param>
internal sealed record LoadResult(string Name, int Writers, TimeSpan Window, long Calls, long TotalCalls, double[] LatenciesMs,
    TimeSpan ProcessCpu, TimeSpan? ServerCpu, int PoolThreadsMax, double MachineLoad)
{
    public double PerSecond => Calls / Window.TotalSeconds;

    /// <summary>Microseconds of this process's CPU per call in the window.</summary>
    public double ProcessCpuPerCall => ProcessCpu.TotalMicroseconds / Calls;

    /// <summary>Microseconds of PostgreSQL server CPU per call in the window (NaN when not measured).</summary>
    public double ServerCpuPerCall => ServerCpu is { } cpu ? cpu.TotalMicroseconds / Calls : double.NaN;

    public double P50 => Stats.Percentile(LatenciesMs, 0.50);

    public double P99 => Stats.Percentile(LatenciesMs, 0.99);

    /// <summary>Several runs of one side as one: calls and windows added up, latencies pooled.</summary>
    public static LoadResult Combine(string name, IReadOnlyList<LoadResult> runs)
    {
        var latencies = runs.SelectMany(r => r.LatenciesMs).ToArray();
        Array.Sort(latencies);
        return new LoadResult(name + " (all rounds)", runs[0].Writers, TimeSpan.FromTicks(runs.Sum(r => r.Window.Ticks)),
            runs.Sum(r => r.Calls), runs.Sum(r => r.TotalCalls), latencies,
            TimeSpan.FromTicks(runs.Sum(r => r.ProcessCpu.Ticks)),
            runs.All(r => r.ServerCpu is not null) ? TimeSpan.FromTicks(runs.Sum(r => r.ServerCpu!.Value.Ticks)) : null,
            runs.Max(r => r.PoolThreadsMax), runs.Max(r => r.MachineLoad));
    }
}

internal static class Stats
{
    /// <summary>
    /// Runs <paramref name="writers"/> concurrently, each in a closed loop (next call when the previous
    /// returned), for <paramref name="warmup"/> then <paramref name="window"/>. Calls that complete inside
    /// the window are counted and their latencies kept. Each writer starts on a thread of its own, so
    /// blocking drivers (Microsoft.Data.Sqlite has no real async I/O) get one thread per writer. Any
    /// exception fails the run. CPU (this process, and <paramref name="serverCpu"/> when given) is read at the
    /// window's start and end; the thread pool's size is sampled during the window.
    /// </summary>
    public static async Task<LoadResult> RunAsync(string name, IReadOnlyList<Func<Task>> writers, TimeSpan warmup, TimeSpan window,
        Func<TimeSpan>? serverCpu = null)
    {
        var start = Stopwatch.GetTimestamp();
        var from = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var to = from + (long)(window.TotalSeconds * Stopwatch.Frequency);
        var latencies = new List<double>[writers.Count];
        long total = 0;

        async Task Loop(int i)
        {
            var mine = latencies[i] = new List<double>(4096);
            var call = writers[i];
            while (true)
            {
                var t0 = Stopwatch.GetTimestamp();
                if (t0 >= to)
                    return;
                await call();
                Interlocked.Increment(ref total);
                var t1 = Stopwatch.GetTimestamp();
                if (t1 >= from && t1 < to)
                    mine.Add((t1 - t0) * 1000.0 / Stopwatch.Frequency);
            }
        }

        TimeSpan processCpu = default;
        TimeSpan? server = null;
        var poolThreadsMax = 0;

        void Watch()
        {
            var untilWindow = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), from);
            if (untilWindow > TimeSpan.Zero)
                Thread.Sleep(untilWindow);
            var cpu0 = Cpu.ThisProcess();
            var server0 = serverCpu?.Invoke();
            while (Stopwatch.GetTimestamp() < to)
            {
                poolThreadsMax = Math.Max(poolThreadsMax, ThreadPool.ThreadCount);
                Thread.Sleep(20);
            }

            processCpu = Cpu.ThisProcess() - cpu0;
            server = serverCpu?.Invoke() - server0;
        }

        var watcher = new Thread(Watch) { IsBackground = true, Name = "benchmark window" };
        watcher.Start();
        await Task.WhenAll(Enumerable.Range(0, writers.Count)
            .Select(i => Task.Factory.StartNew(() => Loop(i), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap()));
        watcher.Join();

        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new LoadResult(name, writers.Count, window, all.Length, Interlocked.Read(ref total), all, processCpu, server, poolThreadsMax, Cpu.LoadAverage());
    }

    /// <summary>Nearest-rank percentile of sorted values (NaN when empty).</summary>
    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
            return double.NaN;
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
            return double.NaN;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static string F(double value, int decimals = 1) => value.ToString("N" + decimals, CultureInfo.InvariantCulture);
}
