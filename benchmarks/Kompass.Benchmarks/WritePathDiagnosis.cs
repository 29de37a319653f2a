using System.Data;
using System.Data.Common;
using Kompass.Storage;
using Kompass.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Configuration;

namespace Kompass.Benchmarks;

/// <summary>
/// Where the grain side's time goes (<c>diagnose</c>): the raw side step by step towards what the grain side
/// does (the provider's own query, a connection per call, the provider itself without a grain call), the
/// grain side itself, and what changes it: SQLite writes queued in-process, group commit (raw), Npgsql
/// statement preparation and no pool reset, no database at all (memory storage). Each line is one
/// measurement of <c>--warmup</c> + <c>--duration</c> seconds.
/// </summary>
internal sealed class WritePathDiagnosis(BenchmarkOptions options)
{
    private readonly WorkloadDefinition _work = new(options.Writers);
    private readonly List<string[]> _rows = [];

    public async Task RunAsync()
    {
        Report.Heading("Write path diagnosis");
        Report.Line($"{options.Writers} writers unless said; {options.Warmup.TotalSeconds:0} s warm-up + {options.Window.TotalSeconds:0} s window per line.");

        await WritePathBenchmark.WithSqliteAsync(async (grainPath, rawPath) =>
        {
            Func<DbConnection> own = () => SqliteDatabase.Open(rawPath);
            var providerSource = SqliteDatabase.CreateDataSource(rawPath);
            using (var plain = new RawSide(_work, KompassStorageProvider.Sqlite, own, RawMode.PlainUpsert, firstHash: 0))
            {
                await MeasureAsync("SQLite raw: plain upsert, own connection", plain.Writers);
                await MeasureAsync("SQLite raw: plain upsert, own connection, 1 writer", plain.Writers.Take(1).ToList());
            }

            using (var query = new RawSide(_work, KompassStorageProvider.Sqlite, own, RawMode.ProviderQuery, firstHash: 1000))
                await MeasureAsync("SQLite raw: provider's WriteToStorageKey query, own connection", query.Writers);
            using (var perCall = new RawSide(_work, KompassStorageProvider.Sqlite, () => providerSource.OpenConnection(), RawMode.ProviderQueryConnectionPerCall, firstHash: 2000))
                await MeasureAsync("SQLite raw: provider's query, connection opened per call as the provider does", perCall.Writers);
            await using (var grouped = new GroupCommitSide(_work, RawSide.PlainUpsertSqlite, own, firstHash: 3000))
                await MeasureAsync("SQLite raw: plain upsert, group commit (one transaction for all waiting writes)", grouped.Writers);

            await using (var grain = await GrainSide.StartAsync(_work, new KompassTestClusterOptions { Provider = KompassStorageProvider.Sqlite, SqlitePath = grainPath }))
            {
                await MeasureAsync("SQLite provider WriteStateAsync called directly (no grain call)", await grain.DirectStorageWritersAsync());
                await MeasureAsync("SQLite grain", grain.Writers);
                await MeasureAsync("SQLite grain, 1 writer", grain.Writers.Take(1).ToList());
            }

            using var gatedFile = new TempSqliteFile("gated");
            await using (var gated = await GrainSide.StartAsync(_work,
                new KompassTestClusterOptions { Provider = KompassStorageProvider.Sqlite, SqlitePath = gatedFile.Path },
                silo => silo.Services.Configure<AdoNetGrainStorageOptions>(KompassStorage.StorageName,
                    o => o.DataSource = new OneConnectionAtATime(SqliteDatabase.CreateDataSource(gatedFile.Path)))))
            {
                await MeasureAsync("SQLite grain, storage connections queued in-process (one at a time)", gated.Writers);
            }

            return 0;
        });

        await WritePathBenchmark.WithPostgresAsync(async pg =>
        {
            Func<DbConnection> own = () => WritePathBenchmark.OpenPostgres(pg.RawDb);
            using (var plain = new RawSide(_work, KompassStorageProvider.Postgres, own, RawMode.PlainUpsert, firstHash: 0))
                await MeasureAsync("PostgreSQL raw: plain upsert, own connection", plain.Writers, pg.ServerCpu);
            using (var query = new RawSide(_work, KompassStorageProvider.Postgres, own, RawMode.ProviderQuery, firstHash: 1000))
                await MeasureAsync("PostgreSQL raw: provider's WriteToStorageKey query, own connection", query.Writers, pg.ServerCpu);
            using (var perCall = new RawSide(_work, KompassStorageProvider.Postgres, own, RawMode.ProviderQueryConnectionPerCall, firstHash: 2000))
                await MeasureAsync("PostgreSQL raw: provider's query, connection opened per call (pool)", perCall.Writers, pg.ServerCpu);

            await using (var grain = await GrainSide.StartAsync(_work, new KompassTestClusterOptions { Provider = KompassStorageProvider.Postgres, PostgresConnectionString = pg.GrainDb }))
            {
                await MeasureAsync("PostgreSQL provider WriteStateAsync called directly (no grain call)", await grain.DirectStorageWritersAsync(), pg.ServerCpu);
                await MeasureAsync("PostgreSQL grain", grain.Writers, pg.ServerCpu);
            }

            // Npgsql's automatic preparation: statements are parsed and planned once per physical connection.
            var prepared = new NpgsqlConnectionStringBuilder(pg.RawDb) { MaxAutoPrepare = 10, AutoPrepareMinUsages = 2 }.ToString();
            using (var plain = new RawSide(_work, KompassStorageProvider.Postgres, () => WritePathBenchmark.OpenPostgres(prepared), RawMode.PlainUpsert, firstHash: 3000))
                await MeasureAsync("PostgreSQL raw: plain upsert, own connection, Max Auto Prepare=10", plain.Writers, pg.ServerCpu);
            using (var query = new RawSide(_work, KompassStorageProvider.Postgres, () => WritePathBenchmark.OpenPostgres(prepared), RawMode.ProviderQuery, firstHash: 4000))
                await MeasureAsync("PostgreSQL raw: provider's query, own connection, Max Auto Prepare=10", query.Writers, pg.ServerCpu);
            foreach (var noReset in new[] { false, true })
            {
                // No Reset On Close: the pool does not reset the session each time the provider hands a connection back.
                var connectionString = new NpgsqlConnectionStringBuilder(pg.Server.CreateDatabase("bench_grain_prepared"))
                {
                    MaxAutoPrepare = 10, AutoPrepareMinUsages = 2, NoResetOnClose = noReset,
                }.ToString();
                await using var grain = await GrainSide.StartAsync(_work, new KompassTestClusterOptions { Provider = KompassStorageProvider.Postgres, PostgresConnectionString = connectionString });
                await MeasureAsync($"PostgreSQL grain, Max Auto Prepare=10{(noReset ? " + No Reset On Close" : "")}", grain.Writers, pg.ServerCpu);
            }

            return 0;
        });

        await using (var memory = await GrainSide.StartAsync(_work, new KompassTestClusterOptions { Provider = KompassStorageProvider.Memory }))
            await MeasureAsync("Memory grain (no database: Orleans call + validation + domain + view)", memory.Writers);

        Report.Heading("Write path diagnosis summary");
        Report.Table(WritePathBenchmark.LoadHeader, _rows);
    }

    private async Task MeasureAsync(string name, IReadOnlyList<Func<Task>> writers, Func<TimeSpan>? serverCpu = null)
    {
        Report.Progress($"{name} (load {WritePathBenchmark.Load()})");
        var result = await Stats.RunAsync(name, writers, options.Warmup, options.Window, serverCpu);
        Report.Progress($"  {Stats.F(result.PerSecond)} calls/s, p50 {Stats.F(result.P50, 2)} ms, p99 {Stats.F(result.P99, 2)} ms (load {WritePathBenchmark.Load()})");
        _rows.Add(WritePathBenchmark.LoadRow(result));
    }

    /// <summary>
    /// A data source that lets one connection be open at a time; the next opener waits asynchronously.
    /// SQLite takes one writer at a time anyway: queued here, a waiting write costs no thread and no
    /// busy-handler sleep (1, 2, 5, ... 100 ms back-off while the lock may already be free).
    /// </summary>
    private sealed class OneConnectionAtATime(DbDataSource inner) : DbDataSource
    {
        private readonly SemaphoreSlim _gate = new(1, 1);

        public override string ConnectionString => inner.ConnectionString;

        protected override DbConnection CreateDbConnection() => inner.CreateConnection();

        protected override async ValueTask<DbConnection> OpenDbConnectionAsync(CancellationToken cancellationToken = default)
        {
            await _gate.WaitAsync(cancellationToken);
            var connection = inner.CreateConnection();
            var released = 0;
            connection.StateChange += (_, e) =>
            {
                if (e.CurrentState == ConnectionState.Closed && Interlocked.Exchange(ref released, 1) == 0)
                    _gate.Release();
            };
            try
            {
                await connection.OpenAsync(cancellationToken);
                return connection;
            }
            catch
            {
                if (Interlocked.Exchange(ref released, 1) == 0)
                    _gate.Release();
                await connection.DisposeAsync();
                throw;
            }
        }

        protected override DbConnection OpenDbConnection() => OpenDbConnectionAsync().AsTask().GetAwaiter().GetResult();
    }
}
