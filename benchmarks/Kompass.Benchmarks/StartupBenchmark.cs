using System.Globalization;
using Kompass.Domain.Kommuner;
using Kompass.Domain.Tenancy;
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
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Registering kommuner and the count query both need a caller since tenancy: a platform admin.</summary>
    private static readonly string AdminToken = BenchmarkAuth.Token(development: false, Role.PlatformAdmin, "benchmark-admin");

    public async Task RunAsync()
    {
        Report.Heading("Start-up: process start to the first answered GraphQL query");
        var hostDll = await HostBuild.CurrentAsync(options.HostDirectory);

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
        await using var host = Start(hostDll, path);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        await host.WaitForAnswerAsync(http, expectedTotalCount: 0, StartTimeout, AdminToken);

        const string mutation = "mutation($input: RegisterKommuneInput!) { registerKommune(input: $input) { id } }";
        await Parallel.ForEachAsync(inputs, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (input, ct) =>
        {
            await host.OkAsync(http, mutation, new { input }, AdminToken, ct);
        });

        var expectedNo = inputs.Count(i => i.kommuneId.StartsWith("NO-", StringComparison.Ordinal));
        await host.WaitForAnswerAsync(http, expectedNo, TimeSpan.FromSeconds(10), AdminToken);
        Report.Progress("store built; stopping the host");
        return [.. inputs.Select(i => i.kommuneId)];
    }

    private static async Task<double> TimeStartAsync(string hostDll, string path, int expected)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        await using var host = Start(hostDll, path);
        return (await host.WaitForAnswerAsync(http, expected, StartTimeout, AdminToken)).TotalMilliseconds;
    }

    /// <summary>
    /// Production, as measured: the cluster's TLS (a throwaway CA's certificate) and a signing key for the
    /// admin tokens this benchmark signs; the rate limits out of reach of 8 parallel registrations.
    /// </summary>
    private static HostProcess Start(string hostDll, string path) =>
        HostProcess.Start(hostDll, path, "Production", [.. ClusterCertificates.DefaultFor([]), .. BenchmarkAuth.HostSettings(development: false)]);
}
