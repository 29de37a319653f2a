using System.Data.Common;
using Kompass.Storage;
using Kompass.Testing;
using Npgsql;

namespace Kompass.Benchmarks;

/// <summary>
/// The durable write path: <c>IEvaluationGrain.Rate</c> of one scoring point (one state write through the
/// Orleans provider) against the same payload written straight through the same client, for SQLite,
/// PostgreSQL and Azure Storage (Azurite). The two sides take turns (grain, raw, raw, grain, ...) so that noise from other work
/// on the machine falls on both. See docs/benchmarks.md.
/// </summary>
internal sealed class WritePathBenchmark(BenchmarkOptions options)
{
    private static readonly TimeSpan PreWarm = TimeSpan.FromSeconds(5);

    private readonly WorkloadDefinition _work = new(options.Writers);

    public async Task RunAsync()
    {
        Report.Heading("Durable write path: one scoring point rated per call");
        Report.Line($"{options.Writers} writers, closed loop; each side first runs {PreWarm.TotalSeconds:0} s unmeasured, then is measured {options.Rounds} times " +
                    $"({options.Warmup.TotalSeconds:0} s warm-up + {options.Window.TotalSeconds:0} s window), sides alternating.");
        Report.Line($"Payload: EvaluationState of framework {WorkloadDefinition.FrameworkVersion}, all 37 points rated: " +
                    $"{_work.SamplePayload().Length} bytes of JSON (KompassJsonGrainStorageSerializer).");

        var sqlite = await WithSqliteAsync((grainPath, rawPath) => CompareAsync("SQLite",
            () => GrainSide.StartAsync(_work, new KompassTestClusterOptions { Provider = KompassStorageProvider.Sqlite, SqlitePath = grainPath }),
            () => new RawSide(_work, KompassStorageProvider.Sqlite, () => SqliteDatabase.Open(rawPath), RawMode.PlainUpsert),
            SqlStored(() => SqliteDatabase.Open(grainPath), () => SqliteDatabase.Open(rawPath)), serverCpu: null));

        var postgres = await WithPostgresAsync(pg => CompareAsync("PostgreSQL",
            () => GrainSide.StartAsync(_work, new KompassTestClusterOptions { Provider = KompassStorageProvider.Postgres, PostgresConnectionString = pg.GrainDb }),
            () => new RawSide(_work, KompassStorageProvider.Postgres, () => OpenPostgres(KompassStorageSettings.ForOrleansProviders(pg.RawDb)), RawMode.PlainUpsert),
            SqlStored(() => OpenPostgres(pg.GrainDb), () => OpenPostgres(pg.RawDb)), pg.ServerCpu));

        var azure = await WithAzuriteAsync(azurite => CompareAsync("Azure Storage (Azurite)",
            () => GrainSide.StartAsync(_work, new KompassTestClusterOptions
            {
                Provider = KompassStorageProvider.AzureStorage,
                AzureStorageConnectionString = azurite.ConnectionString,
                AzureContainerName = "bench-grain",
            }),
            () => new AzureRawSide(_work, new Azure.Storage.Blobs.BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("bench-raw")),
            stored: null, Cpu.ProcessAndChildren(azurite.ProcessId)));

        Report.Heading("Write path summary");
        Report.Table(["provider", "grain calls/s", "raw writes/s", "grain/raw", "grain p50 / p99 ms", "raw p50 / p99 ms"],
        [
            Summary("SQLite", sqlite),
            Summary("PostgreSQL", postgres),
            Summary("Azure Storage (Azurite)", azure),
        ]);
    }

    /// <summary>What the SQL stores hold after a side ran: the grain side's version sum and payload, the raw side's payload.</summary>
    private sealed record StoredCheck(Func<(long VersionSum, long PayloadBytes)> Grain, Func<long> RawPayloadBytes);

    private static StoredCheck SqlStored(Func<DbConnection> openGrainDb, Func<DbConnection> openRawDb) =>
        new(() => Sql.StoredVersions(openGrainDb), () => Sql.StoredVersions(openRawDb).PayloadBytes);

    private async Task<(LoadResult Grain, LoadResult Raw)> CompareAsync(string provider,
        Func<Task<GrainSide>> startGrain, Func<IWriterSide> startRaw, StoredCheck? stored, Func<TimeSpan>? serverCpu)
    {
        await using var grain = await startGrain();
        using var raw = startRaw();

        // Unmeasured first: JIT tiering (tier-0, then PGO-instrumented, then optimized code) takes seconds.
        Report.Progress($"{provider}: warming both sides up for {PreWarm.TotalSeconds:0} s each");
        await Stats.RunAsync("pre-warm", grain.Writers, PreWarm, TimeSpan.Zero);
        await Stats.RunAsync("pre-warm", raw.Writers, PreWarm, TimeSpan.Zero);

        var grainRuns = new List<LoadResult>();
        var rawRuns = new List<LoadResult>();
        var grainBefore = stored?.Grain() ?? default;
        for (var round = 0; round < options.Rounds; round++)
        {
            // grain, raw, raw, grain, ...: neither side always goes first.
            foreach (var side in round % 2 == 0 ? new[] { "grain", "raw" } : ["raw", "grain"])
            {
                var result = side == "grain"
                    ? await MeasureAsync($"{provider} grain", grain.Writers, serverCpu)
                    : await MeasureAsync($"{provider} raw", raw.Writers, serverCpu);
                (side == "grain" ? grainRuns : rawRuns).Add(result);
            }
        }

        if (stored is not null)
        {
            var grainAfter = stored.Grain();
            var grainCalls = grainRuns.Sum(r => r.TotalCalls);
            Report.Line($"{provider} grain side: {grainCalls} Rate calls in all, stored versions up by {grainAfter.VersionSum - grainBefore.VersionSum} " +
                        $"= {Stats.F((grainAfter.VersionSum - grainBefore.VersionSum) / (double)grainCalls, 2)} state writes per Rate call; " +
                        $"stored payload {grainAfter.PayloadBytes} bytes (raw side: {stored.RawPayloadBytes()} bytes).");
        }

        var g = LoadResult.Combine($"{provider} grain", grainRuns);
        var r = LoadResult.Combine($"{provider} raw", rawRuns);
        Report.Table(LoadHeader, [.. grainRuns.Concat(rawRuns).Select(LoadRow), LoadRow(g), LoadRow(r)]);
        Report.Line($"**{provider}: grain/raw = {Stats.F(g.PerSecond / r.PerSecond, 2)}** (per round: " +
                    string.Join(", ", grainRuns.Zip(rawRuns, (a, b) => Stats.F(a.PerSecond / b.PerSecond, 2))) + ")");
        return (g, r);
    }

    private async Task<LoadResult> MeasureAsync(string name, IReadOnlyList<Func<Task>> writers, Func<TimeSpan>? serverCpu)
    {
        Report.Progress($"{name}: {writers.Count} writers, {options.Warmup.TotalSeconds:0}+{options.Window.TotalSeconds:0} s (load {Load()})");
        var result = await Stats.RunAsync(name, writers, options.Warmup, options.Window, serverCpu);
        Report.Progress($"{name}: {Stats.F(result.PerSecond)} calls/s, p50 {Stats.F(result.P50, 2)} ms, p99 {Stats.F(result.P99, 2)} ms (load {Load()})");
        return result;
    }

    /// <summary>The 1-minute load average: the machine is shared, so a busy neighbour shows here.</summary>
    internal static string Load() => Stats.F(Cpu.LoadAverage(), 2);

    // ---- databases -----------------------------------------------------------------------------

    /// <summary>Two fresh SQLite files in the temp folder (grain side, raw side), both with the provider's schema and settings.</summary>
    internal static async Task<T> WithSqliteAsync<T>(Func<string, string, Task<T>> run)
    {
        using var grainFile = new TempSqliteFile("grain-side");
        using var rawFile = new TempSqliteFile("raw-side");
        await KompassSchemaMigrator.MigrateSqliteAsync(rawFile.Path);
        Report.Heading("SQLite");
        using (var probe = SqliteDatabase.Open(rawFile.Path))
        {
            Report.Line($"SQLite {probe.Scalar("SELECT sqlite_version()")} through Microsoft.Data.Sqlite (the driver Orleans 10.4.2 loads for its " +
                        $"\"System.Data.SQLite\" invariant); files in {Path.GetTempPath()}; journal_mode={probe.Scalar("PRAGMA journal_mode")}, " +
                        $"synchronous={probe.Scalar("PRAGMA synchronous")} (2 = FULL), busy_timeout={probe.Scalar("PRAGMA busy_timeout")} ms " +
                        "on every connection of both sides (Kompass.Storage.SqliteDatabase).");
        }

        return await run(grainFile.Path, rawFile.Path);
    }

    /// <summary>A running PostgresServer, a database for each side (the raw one migrated), and the server's CPU clock.</summary>
    internal sealed record PostgresTarget(PostgresServer Server, string GrainDb, string RawDb, Func<TimeSpan> ServerCpu);

    /// <summary>A PostgresServer (Kompass.Testing) with one database per side.</summary>
    internal static async Task<T> WithPostgresAsync<T>(Func<PostgresTarget, Task<T>> run)
    {
        Report.Heading("PostgreSQL");
        using var server = new PostgresServer();
        await server.InitializeAsync();
        try
        {
            var grainDb = server.CreateDatabase("bench_grain");
            var rawDb = server.CreateDatabase("bench_raw");
            await KompassSchemaMigrator.MigratePostgresAsync(rawDb, "benchmark");
            Func<TimeSpan> serverCpu;
            using (var probe = OpenPostgres(rawDb))
            {
                serverCpu = Cpu.PostgresServer(int.Parse(probe.Scalar("SELECT pg_backend_pid()"), System.Globalization.CultureInfo.InvariantCulture));
                Report.Line($"PostgreSQL {probe.Scalar("SHOW server_version")} (Kompass.Testing.PostgresServer on 127.0.0.1) through Npgsql; " +
                            $"fsync={probe.Scalar("SHOW fsync")}, synchronous_commit={probe.Scalar("SHOW synchronous_commit")}, " +
                            $"full_page_writes={probe.Scalar("SHOW full_page_writes")}, as that fixture starts it; one database per side, same server.");
            }

            return await run(new PostgresTarget(server, grainDb, rawDb, serverCpu));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
        }
    }

    /// <summary>An Azurite (Kompass.Testing) for both sides: a blob container each.</summary>
    internal static async Task<T> WithAzuriteAsync<T>(Func<AzuriteServer, Task<T>> run)
    {
        Report.Heading("Azure Storage (Azurite)");
        using var azurite = new AzuriteServer();
        await azurite.InitializeAsync();
        Report.Line($"Azurite (Kompass.Testing.AzuriteServer on 127.0.0.1, data in a temp folder) through Azure.Storage.Blobs; grain side: " +
                    "Orleans' blob grain storage (container bench-grain), raw side: one conditional blob upload per call (container bench-raw). " +
                    "The emulator's CPU is reported in the server column.");
        return await run(azurite);
    }

    internal static DbConnection OpenPostgres(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        return connection;
    }

    // ---- report --------------------------------------------------------------------------------

    private static string[] Summary(string provider, (LoadResult Grain, LoadResult Raw) r) =>
    [
        provider, Stats.F(r.Grain.PerSecond), Stats.F(r.Raw.PerSecond), $"**{Stats.F(r.Grain.PerSecond / r.Raw.PerSecond, 2)}**",
        $"{Stats.F(r.Grain.P50, 2)} / {Stats.F(r.Grain.P99, 2)}", $"{Stats.F(r.Raw.P50, 2)} / {Stats.F(r.Raw.P99, 2)}",
    ];

    internal static readonly string[] LoadHeader =
        ["side", "writers", "calls/s", "p50 ms", "p99 ms", "calls in window", "process CPU µs/call", "server CPU µs/call (PG, Azurite)", "pool threads (max)", "load avg"];

    internal static string[] LoadRow(LoadResult r) =>
    [
        r.Name, r.Writers.ToString(), Stats.F(r.PerSecond), Stats.F(r.P50, 2), Stats.F(r.P99, 2), r.Calls.ToString(),
        Stats.F(r.ProcessCpuPerCall, 0), r.ServerCpu is null ? "-" : Stats.F(r.ServerCpuPerCall, 0), r.PoolThreadsMax.ToString(),
        Stats.F(r.MachineLoad, 2),
    ];
}
