using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Kompass.Contracts;
using Kompass.Contracts.Analytics;
using Kompass.Contracts.Benchmarks;
using Kompass.Contracts.Kommuner;
using Kompass.Domain.Analytics;
using Kompass.Domain.Benchmarks;
using Kompass.Domain.Evaluations;
using Kompass.Domain.Frameworks;
using Kompass.Domain.Journal;
using Kompass.Domain.Kommuner;
using Kompass.Domain.Tenancy;
using Kompass.Grains.Journal;
using Kompass.Storage;
using Kompass.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace Kompass.Grains.Tests;

/// <summary>
/// The analytics, the benchmark and the directory stored as snapshot + journal (<see cref="SnapshotJournal{TState, TRecord}"/>),
/// on a real cluster and real storage (SQLite; memory for the byte counts): what a reactivated grain or a restarted
/// cluster holds, a crash between the snapshot write and the journal reset, a store written before journals, and
/// the bytes one delivery writes.
/// </summary>
public sealed class SnapshotJournalTests(ITestOutputHelper output) : IDisposable
{
    private const int K = SnapshotJournal<AnalyticsState, HeldResult>.SnapshotEvery;
    private static readonly FrameworkCatalogue Catalogue = FrameworkCatalogue.LoadDirectory(FrameworkCatalogue.DefaultDirectory);
    private static readonly KommuneReference Reference = KommuneReference.Load(KommuneReference.DefaultDirectory);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly AnalyticsScope Scope = new("2020", "NO");
    private readonly TempSqliteFile _file = new();

    public void Dispose() => _file.Dispose();

    private InProcessTestCluster Cluster(KompassStorageProvider provider = KompassStorageProvider.Sqlite) =>
        KompassTestCluster.Create(new KompassTestClusterOptions
        {
            Provider = provider,
            SqlitePath = _file.Path,
            ConfigureSilo = silo =>
            {
                silo.Services.AddSingleton<StorageObserver>();
                silo.DecorateKompassGrainStorage((sp, real) => new ObservedStorage(real, sp.GetRequiredService<StorageObserver>()));
                silo.AddKompassGrains(Catalogue, Reference);
            },
        });

    private static StorageObserver Observer(InProcessTestCluster cluster) => cluster.Silos[0].ServiceProvider.GetRequiredService<StorageObserver>();

    private static string KommuneOf(int n) => $"NO-{n:D4}";

    /// <summary>A 2020 result of kommune number <paramref name="n"/> with every area scored, as an evaluation delivers it.</summary>
    private static ResultMessage Result(int n, int version)
    {
        var areas = Catalogue.Get("2020").Areas.ToDictionary(a => a.Code, a => (int)Math.Min(a.MaxPoints, 20 + (n * 7 + version * 13) % 60));
        return new ResultMessage($"{KommuneOf(n)}/eval/2023-1", KommuneOf(n), "2020", new DateOnly(2023, 3, 1 + n % 28), areas, areas.Values.Sum(), version);
    }

    /// <summary>One result (new, or an amendment at a higher version) delivered to the three followers, as the evaluation and its kommune deliver it.</summary>
    private static Task Deliver(IGrainFactory grains, int n, int version)
    {
        var result = Result(n, version);
        return Task.WhenAll(
            grains.GetGrain<IAnalyticsGrain>(IAnalyticsGrain.Key).Apply(result),
            grains.GetGrain<IBenchmarkGrain>("NO/2020").Apply(result),
            grains.GetGrain<IKommuneDirectoryGrain>("NO").Add(new DirectoryEntryView(KommuneOf(n), $"Kommune {n}", version, "Fylke", 1000 + n, 2024,
                new LatestResultView(result.EvaluationId, "2020", result.EvaluatedOn, result.Total))));
    }

    /// <summary>The kommune offboarded from the three followers.</summary>
    private static Task Remove(IGrainFactory grains, int n) => Task.WhenAll(
        grains.GetGrain<IAnalyticsGrain>(IAnalyticsGrain.Key).Remove($"{KommuneOf(n)}/eval/2023-1"),
        grains.GetGrain<IBenchmarkGrain>("NO/2020").Remove($"{KommuneOf(n)}/eval/2023-1"),
        grains.GetGrain<IKommuneDirectoryGrain>("NO").Remove(KommuneOf(n)));

    /// <summary>Everything the three followers answer about Norway, 2020: the statistics, the ranking, the running mean, the directory.</summary>
    private static async Task<string> ViewsAsync(IGrainFactory grains)
    {
        var analytics = grains.GetGrain<IAnalyticsGrain>(IAnalyticsGrain.Key);
        var ranking = await analytics.Ranking(new RankingQuery(Scope, First: 500));
        var directory = new List<DirectoryEntryView>();
        DirectoryPage page;
        string? after = null;
        do
        {
            page = await grains.GetGrain<IKommuneDirectoryGrain>("NO").List(500, after);
            directory.AddRange(page.Items);
            after = page.Cursors.Count > 0 ? page.Cursors[^1] : null;
        } while (page.HasNextPage);
        return JsonSerializer.Serialize(new
        {
            Statistics = await analytics.Benchmark(Scope),
            Ranking = ranking.Rows.Select(r => new { r.Rank, r.KommuneId, r.EvaluationId, r.Value }),
            Benchmark = await grains.GetGrain<IBenchmarkGrain>("NO/2020").Get(),
            Directory = directory,
        }, Json);
    }

    /// <summary>A grain's stored snapshot and journal, read from the storage itself.</summary>
    private static async Task<(TState Snapshot, JournalState<TRecord> Journal)> StoredAsync<TState, TRecord>(InProcessTestCluster cluster,
        string stateName, string journalName, GrainId grain)
        where TState : class, new()
        where TRecord : class
    {
        var storage = cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StateNames.Storage);
        var snapshot = new GrainState<TState> { State = new TState() };
        await storage.ReadStateAsync(stateName, grain, snapshot);
        var journal = new GrainState<JournalState<TRecord>> { State = new JournalState<TRecord>() };
        await storage.ReadStateAsync(journalName, grain, journal);
        return (snapshot.State, journal.State);
    }

    private static readonly GrainId AnalyticsId = GrainId.Create("analytics", IAnalyticsGrain.Key);
    private static readonly GrainId BenchmarkId = GrainId.Create("benchmark", "NO/2020");
    private static readonly GrainId DirectoryId = GrainId.Create("kommunedirectory", "NO");

    /// <summary>How many entries each follower's stored journal holds: analytics, benchmark, directory.</summary>
    private static async Task<(int Analytics, int Benchmark, int Directory)> JournaledAsync(InProcessTestCluster cluster) => (
        (await StoredAsync<AnalyticsState, HeldResult>(cluster, StateNames.Analytics, StateNames.AnalyticsJournal, AnalyticsId)).Journal.Entries.Count,
        (await StoredAsync<BenchmarkState, Contribution>(cluster, StateNames.Benchmark, StateNames.BenchmarkJournal, BenchmarkId)).Journal.Entries.Count,
        (await StoredAsync<KommuneDirectoryState, DirectoryEntry>(cluster, StateNames.KommuneDirectory, StateNames.KommuneDirectoryJournal, DirectoryId)).Journal.Entries.Count);

    [Fact]
    public async Task After_more_than_K_deliveries_a_reactivated_grain_and_a_restarted_cluster_hold_what_the_deliveries_made()
    {
        string before;
        {
            await using var cluster = Cluster();
            await cluster.DeployAsync();
            var grains = cluster.Client;
            // 300 kommuner, ten at a time (the analytics coalesce them); one offboarded early (a removal writes a snapshot);
            // then 40 amendments: two snapshots after the removal's, and a journal part full.
            for (var n = 1; n <= 300; n += 10)
            {
                await Task.WhenAll(Enumerable.Range(n, 10).Select(i => Deliver(grains, i, 1)));
                if (n == 51)
                    await Remove(grains, 7);
            }
            for (var n = 11; n <= 50; n += 10)
                await Task.WhenAll(Enumerable.Range(n, 10).Select(i => Deliver(grains, i, 2)));
            before = await ViewsAsync(grains);

            var journaled = await JournaledAsync(cluster);
            output.WriteLine($"journaled after 340 changes: {journaled}");
            Assert.InRange(journaled.Benchmark, 1, K - 1);
            Assert.InRange(journaled.Directory, 1, K - 1);
            Assert.InRange(journaled.Analytics, 0, K - 1); // coalesced writes: where its snapshots fall depends on timing
            Assert.Contains("\"evaluations\":299", before);
            Assert.DoesNotContain(KommuneOf(7), before);

            await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
            Assert.Equal(before, await ViewsAsync(grains));
        }

        // A new cluster on the same database.
        await using var restarted = Cluster();
        await restarted.DeployAsync();
        Assert.Equal(before, await ViewsAsync(restarted.Client));
        // Still following: one more delivery counts.
        await Deliver(restarted.Client, 301, 1);
        Assert.Equal(300, (await restarted.Client.GetGrain<IBenchmarkGrain>("NO/2020").Get()).Evaluations);
    }

    [Fact]
    public async Task A_crash_between_the_snapshot_write_and_the_journal_reset_replays_to_the_snapshot()
    {
        await using var cluster = Cluster();
        await cluster.DeployAsync();
        var grains = cluster.Client;
        for (var n = 1; n < K; n++)
            await Deliver(grains, n, 1);
        Assert.Equal((K - 1, K - 1, K - 1), await JournaledAsync(cluster));

        // The K-th delivery: each follower writes its journal (K entries), its snapshot, and then fails to empty the journal.
        Observer(cluster).CrashAfterSnapshot = true;
        var error = await Assert.ThrowsAsync<KompassError>(() => grains.GetGrain<IBenchmarkGrain>("NO/2020").Apply(Result(K, 1)));
        Assert.Equal(ErrorCodes.Unavailable, error.Code);
        Observer(cluster).CrashAfterSnapshot = true;
        await Assert.ThrowsAsync<KompassError>(() => grains.GetGrain<IAnalyticsGrain>(IAnalyticsGrain.Key).Apply(Result(K, 1)));
        Observer(cluster).CrashAfterSnapshot = true;
        await Assert.ThrowsAsync<KompassError>(() => grains.GetGrain<IKommuneDirectoryGrain>("NO").Add(
            new DirectoryEntryView(KommuneOf(K), $"Kommune {K}", 1, "Fylke", 1000 + K, 2024,
                new LatestResultView(Result(K, 1).EvaluationId, "2020", Result(K, 1).EvaluatedOn, Result(K, 1).Total))));
        Assert.False(Observer(cluster).CrashAfterSnapshot);

        // Storage holds each snapshot with every result, and the journal it already holds.
        var benchmark = await StoredAsync<BenchmarkState, Contribution>(cluster, StateNames.Benchmark, StateNames.BenchmarkJournal, BenchmarkId);
        Assert.Equal((K, K), (benchmark.Snapshot.Contributions.Count, benchmark.Journal.Entries.Count));
        var analytics = await StoredAsync<AnalyticsState, HeldResult>(cluster, StateNames.Analytics, StateNames.AnalyticsJournal, AnalyticsId);
        Assert.Equal((K, K), (analytics.Snapshot.Results.Count, analytics.Journal.Entries.Count));
        var directory = await StoredAsync<KommuneDirectoryState, DirectoryEntry>(cluster, StateNames.KommuneDirectory, StateNames.KommuneDirectoryJournal, DirectoryId);
        Assert.Equal((K, K), (directory.Snapshot.Entries.Count, directory.Journal.Entries.Count));

        // What the K results make, from the domain.
        var expectedBenchmark = new BenchmarkState();
        var expectedAnalytics = new ResultAggregate(new AnalyticsState(), Catalogue);
        for (var n = 1; n <= K; n++)
        {
            var result = Result(n, 1);
            var published = new PublishedResult(result.EvaluationId, result.KommuneId, "2020", result.EvaluatedOn, result.AreaScores, result.Total, 1);
            Benchmark.Apply(expectedBenchmark, published);
            expectedAnalytics.Apply(published, 1);
        }
        var expected = Benchmark.Snapshot(expectedBenchmark);

        // Read back before the next call (the failed write marked them), then after a deactivation: the same each time.
        for (var round = 0; round < 2; round++)
        {
            var view = await grains.GetGrain<IBenchmarkGrain>("NO/2020").Get();
            Assert.Equal((expected.Evaluations, expected.Total!.Value), (view.Evaluations, view.Total!.Value));
            Assert.Equal(expected.Areas.ToDictionary(a => a.Key, a => a.Value.Value), view.Areas.ToDictionary(a => a.Key, a => a.Value.Value));
            var statistics = await grains.GetGrain<IAnalyticsGrain>(IAnalyticsGrain.Key).Benchmark(Scope);
            var expectedStatistics = expectedAnalytics.Benchmark("2020", Country.NO, Period.AllTime);
            Assert.Equal((expectedStatistics.Kommuner, expectedStatistics.Results, expectedStatistics.Total.Mean, expectedStatistics.Total.Median),
                (statistics.Kommuner, statistics.Results, statistics.Total.Mean, statistics.Total.Median));
            var listed = await grains.GetGrain<IKommuneDirectoryGrain>("NO").List(500, null);
            Assert.Equal(Enumerable.Range(1, K).Select(KommuneOf), listed.Items.Select(e => e.Id));
            Assert.Equal(Result(K, 1).Total, listed.Items[^1].LatestResult!.Total);
            await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        }

        // The next delivery snapshots again (the journal is still full) and empties it.
        await Deliver(grains, K + 1, 1);
        Assert.Equal((0, 0, 0), await JournaledAsync(cluster));
        Assert.Equal(K + 1, (await grains.GetGrain<IBenchmarkGrain>("NO/2020").Get()).Evaluations);
    }

    [Fact]
    public async Task A_store_written_before_journals_loads_unchanged_and_keeps_its_snapshot_until_one_is_due()
    {
        await using var cluster = Cluster();
        await cluster.DeployAsync();
        var storage = cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StateNames.Storage);

        // The three states as today's code wrote them: whole, no journal.
        var aggregate = new ResultAggregate(new AnalyticsState(), Catalogue);
        var benchmark = new BenchmarkState();
        var directory = new KommuneDirectoryState();
        for (var n = 1; n <= 50; n++)
        {
            var result = Result(n, 1);
            var published = new PublishedResult(result.EvaluationId, result.KommuneId, "2020", result.EvaluatedOn, result.AreaScores, result.Total, 1);
            aggregate.Apply(published, 1);
            Benchmark.Apply(benchmark, published);
            KommuneDirectory.Add(directory, new DirectoryEntry(KommuneOf(n), $"Kommune {n}", 1, "Fylke", 1000 + n, 2024,
                new LatestResult(result.EvaluationId, "2020", result.EvaluatedOn, result.Total)));
        }
        aggregate.State.Backfilled = true;
        await storage.WriteStateAsync(StateNames.Analytics, AnalyticsId, new GrainState<AnalyticsState> { State = aggregate.State });
        await storage.WriteStateAsync(StateNames.Benchmark, BenchmarkId, new GrainState<BenchmarkState> { State = benchmark });
        await storage.WriteStateAsync(StateNames.KommuneDirectory, DirectoryId, new GrainState<KommuneDirectoryState> { State = directory });
        var stored = await StoredAsync<BenchmarkState, Contribution>(cluster, StateNames.Benchmark, StateNames.BenchmarkJournal, BenchmarkId);
        Assert.Empty(stored.Journal.Entries);

        var grains = cluster.Client;
        var view = await grains.GetGrain<IBenchmarkGrain>("NO/2020").Get();
        Assert.Equal((50, Benchmark.Snapshot(benchmark).Total!.Value), (view.Evaluations, view.Total!.Value));
        Assert.Equal(50, (await grains.GetGrain<IAnalyticsGrain>(IAnalyticsGrain.Key).Benchmark(Scope)).Results);
        Assert.True(await grains.GetGrain<IAnalyticsGrain>(IAnalyticsGrain.Key).IsBackfilled());
        Assert.Equal(50, (await grains.GetGrain<IKommuneDirectoryGrain>("NO").List(500, null)).TotalCount);

        // A delivery journals one entry and leaves the snapshot as it was.
        var snapshotBefore = JsonSerializer.Serialize(stored.Snapshot, Json);
        await Deliver(grains, 51, 1);
        Assert.Equal((1, 1, 1), await JournaledAsync(cluster));
        stored = await StoredAsync<BenchmarkState, Contribution>(cluster, StateNames.Benchmark, StateNames.BenchmarkJournal, BenchmarkId);
        Assert.Equal(snapshotBefore, JsonSerializer.Serialize(stored.Snapshot, Json));
        Assert.Equal(51, (await grains.GetGrain<IBenchmarkGrain>("NO/2020").Get()).Evaluations);
    }

    [Fact]
    public async Task Published_means_and_the_backfill_mark_which_the_journal_does_not_carry_are_written_with_a_snapshot()
    {
        await using var cluster = Cluster();
        await cluster.DeployAsync();
        var grains = cluster.Client;
        var analytics = grains.GetGrain<IAnalyticsGrain>(IAnalyticsGrain.Key);
        await Deliver(grains, 1, 1);
        Assert.Equal(1, (await JournaledAsync(cluster)).Analytics);

        CallerContext.Principal = new Principal("KS-Konsulent", Role.PlatformAdmin);
        try
        {
            await analytics.ImportPublishedMean(new ImportPublishedMean(2023, "2020", "NO", [], 470m, "KS"));
        }
        finally
        {
            RequestContext.Clear();
        }
        await analytics.Backfill([Result(2, 1)], done: true);
        var stored = await StoredAsync<AnalyticsState, HeldResult>(cluster, StateNames.Analytics, StateNames.AnalyticsJournal, AnalyticsId);
        Assert.Empty(stored.Journal.Entries);
        Assert.Equal((2, 1, true), (stored.Snapshot.Results.Count, stored.Snapshot.PublishedMeans.Count, stored.Snapshot.Backfilled));

        await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.True(await analytics.IsBackfilled());
        Assert.Equal(470m, (await analytics.MeansBeside("2020", "NO", 2023)).PublishedTotal?.Value);
        Assert.Equal(2, (await analytics.Benchmark(Scope)).Results);
    }

    [Fact]
    public async Task The_bytes_one_delivery_writes_do_not_grow_with_the_number_of_kommuner()
    {
        await using var cluster = Cluster(KompassStorageProvider.Memory);
        await cluster.DeployAsync();
        var grains = cluster.Client;
        var observer = Observer(cluster);
        var measured = new Dictionary<int, Dictionary<string, WriteStatistics>>();
        var filled = 0;
        foreach (var kommuner in new[] { 100, 2000 })
        {
            var clock = Stopwatch.StartNew();
            for (var n = filled + 1; n <= kommuner; n += 20)
                await Task.WhenAll(Enumerable.Range(n, Math.Min(20, kommuner - n + 1)).Select(i => Deliver(grains, i, 1)));
            output.WriteLine($"delivering results {filled + 1}-{kommuner} (20 at a time) to the three followers: {clock.Elapsed.TotalSeconds:0.0} s");
            filled = kommuner;

            // K amendments (the second round at a higher version again), one at a time: every write of each is its own.
            observer.Clear();
            for (var n = 1; n <= K; n++)
                await Deliver(grains, n, kommuner == 100 ? 2 : 3);
            measured[kommuner] = observer.Statistics();
            foreach (var (state, s) in measured[kommuner].OrderBy(s => s.Key))
                output.WriteLine($"N = {kommuner,5}: {state,-26} {s.Writes,4} writes, mean {s.Mean,9:N0} B, max {s.Max,9:N0} B");
        }

        foreach (var (snapshot, journal) in new[] { (StateNames.Analytics, StateNames.AnalyticsJournal), (StateNames.Benchmark, StateNames.BenchmarkJournal),
                     (StateNames.KommuneDirectory, StateNames.KommuneDirectoryJournal) })
        {
            var (small, large) = (measured[100], measured[2000]);
            // One journal write per delivery, plus one when the snapshot is written; one snapshot per K deliveries.
            Assert.Equal(1, small[snapshot].Writes);
            Assert.Equal(1, large[snapshot].Writes);
            Assert.InRange(large[journal].Writes, K, K + 2);
            // The journal write is bounded (K records) and the same at 2,000 kommuner as at 100; the snapshot (what every delivery wrote before) grows.
            Assert.InRange(large[journal].Max, 1, small[journal].Max * 11 / 10);
            Assert.InRange(large[journal].Mean, 1, small[journal].Mean * 12 / 10);
            Assert.True(large[snapshot].Max > 10 * small[snapshot].Max, $"{snapshot}: {large[snapshot].Max} B at 2,000, {small[snapshot].Max} B at 100");
            Assert.True(large[journal].Mean * 5 < large[snapshot].Max, $"{journal}: mean {large[journal].Mean} B, snapshot {large[snapshot].Max} B");
        }
    }
}

/// <summary>Writes per state name in a window, and the switch that fails a journal write coming right after its grain's snapshot.</summary>
internal sealed class StorageObserver
{
    private readonly ConcurrentQueue<(string State, int Bytes)> _writes = new();
    private readonly ConcurrentDictionary<GrainId, string> _lastWritten = new();
    private readonly KompassJsonGrainStorageSerializer _serializer = new();
    private int _crash;

    /// <summary>Fails the next journal write that follows its grain's snapshot write (a crash between the two), once.</summary>
    public bool CrashAfterSnapshot
    {
        get => Volatile.Read(ref _crash) == 1;
        set => Volatile.Write(ref _crash, value ? 1 : 0);
    }

    public void Clear() => _writes.Clear();

    public Dictionary<string, WriteStatistics> Statistics() => _writes.GroupBy(w => w.State)
        .ToDictionary(g => g.Key, g => new WriteStatistics(g.Count(), (int)g.Average(w => w.Bytes), g.Max(w => w.Bytes)));

    internal void Writing<T>(string stateName, GrainId grain, T state)
    {
        var previous = _lastWritten.GetValueOrDefault(grain);
        _lastWritten[grain] = stateName;
        if (stateName.EndsWith("-journal", StringComparison.Ordinal) && previous == stateName[..^"-journal".Length]
            && Interlocked.CompareExchange(ref _crash, 0, 1) == 1)
            throw new SimulatedOutageException($"Simulated crash after the snapshot of {grain}, before its journal was emptied.");
        _writes.Enqueue((stateName, _serializer.Serialize(state).ToMemory().Length));
    }
}

internal sealed record WriteStatistics(int Writes, int Mean, int Max);

internal sealed class ObservedStorage(IGrainStorage inner, StorageObserver observer) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        observer.Writing(stateName, grainId, grainState.State);
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}
