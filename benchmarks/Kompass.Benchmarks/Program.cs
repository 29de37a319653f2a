using System.Globalization;
using System.Runtime.InteropServices;
using Kompass.Benchmarks;

// Kompass Cloud benchmarks (docs/benchmarks.md). Speed is measured here, never asserted in tests.
//   dotnet run -c Release --project benchmarks/Kompass.Benchmarks -- all
//   ... -- write | startup | read | strategy | readpath | analytics | diagnose   [--writers 16] [--readers 32] [--warmup 2] [--duration 10] [--rounds 2] [--runs 5] [--host-dir <published host>] [--before-dir <published host at 6625b26>] [--out <file.md>]
// The ceiling side of `readpath`, started by it as a child process.
if (args is [FixedAnswerServer.Command, var port, var answerFile])
{
    await FixedAnswerServer.ServeAsync(int.Parse(port, CultureInfo.InvariantCulture), answerFile);
    return 0;
}

BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

if (options.OutFile is not null)
    Report.WriteAlsoTo(options.OutFile);

Report.Line($"# Kompass Cloud benchmarks, {DateTime.Now:yyyy-MM-dd HH:mm}");
Report.Line($"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}; " +
            $".NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}; " +
#if DEBUG
            "Debug build (use -c Release for figures).");
#else
            "Release build.");
#endif

if (options.Command is "all" or "write")
    await new WritePathBenchmark(options).RunAsync();
if (options.Command is "all" or "startup")
    await new StartupBenchmark(options).RunAsync();
if (options.Command is "all" or "read")
    await new ReadBenchmark(options).RunAsync();
if (options.Command is "all" or "strategy")
    await new StrategyTickBenchmark(options).RunAsync();
if (options.Command is "readpath")
    await new ReadPathBenchmark(options).RunAsync();
if (options.Command is "analytics")
    await new AnalyticsBenchmark(options).RunAsync();
if (options.Command is "diagnose")
    await new WritePathDiagnosis(options).RunAsync();
return 0;

internal sealed record BenchmarkOptions(
    string Command, int Writers, int Readers, TimeSpan Warmup, TimeSpan Window, int Rounds, int Runs, string? HostDirectory,
    string? BeforeHostDirectory, string? OutFile)
{
    public const string Usage =
        "usage: Kompass.Benchmarks all|write|startup|read|strategy|readpath|analytics|diagnose [--writers 16] [--readers 32] [--warmup 2] [--duration 10] [--rounds 2] [--runs 5] " +
        "[--host-dir <folder>] [--before-dir <folder>] [--out <file.md>]";

    public static BenchmarkOptions Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("all" or "write" or "startup" or "read" or "strategy" or "readpath" or "analytics" or "diagnose"))
            throw new ArgumentException("Say what to run: all, write, startup, read, strategy, readpath, analytics or diagnose.");

        var options = new BenchmarkOptions(args[0], 16, 32, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), 2, 5, null, null, null);
        for (var i = 1; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--writers" => options with { Writers = Positive(args[i], value) },
                "--readers" => options with { Readers = Positive(args[i], value) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(Positive(args[i], value)) },
                "--duration" => options with { Window = TimeSpan.FromSeconds(Positive(args[i], value)) },
                "--rounds" => options with { Rounds = Positive(args[i], value) },
                "--runs" => options with { Runs = Positive(args[i], value) },
                "--host-dir" => options with { HostDirectory = Path.GetFullPath(value) },
                "--before-dir" => options with { BeforeHostDirectory = Path.GetFullPath(value) },
                "--out" => options with { OutFile = Path.GetFullPath(value) },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        return options;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} takes a positive whole number, not '{value}'.");
}
