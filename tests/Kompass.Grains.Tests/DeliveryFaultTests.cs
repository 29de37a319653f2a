using Kompass.Domain.Tenancy;
using Kompass.Contracts;
using Kompass.Contracts.Benchmarks;
using Kompass.Contracts.Evaluations;
using Kompass.Contracts.Kommuner;
using Kompass.Domain.Frameworks;
using Kompass.Domain.Kommuner;
using Kompass.Grains.Delivery;
using Kompass.Storage;
using Kompass.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Kompass.Grains.Tests;

/// <summary>
/// Delivery between grains under storage faults, on the real runtime and real storage: a follower's
/// storage fails on demand (a test-only switch in front of the real provider) while commands keep being
/// acknowledged; senders are deactivated or their silo killed before it recovers; in the end every
/// acknowledged change has reached every follower exactly once in effect.
/// </summary>
public sealed class DeliveryFaultTests : IAsyncLifetime
{
    private static readonly FrameworkCatalogue Catalogue = FrameworkCatalogue.LoadDirectory(FrameworkCatalogue.DefaultDirectory);
    private static readonly KommuneReference Reference = KommuneReference.Load(KommuneReference.DefaultDirectory);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly PostgresServer _postgres = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _postgres.DisposeAsync();

    private static InProcessTestCluster Cluster(string clusterId, KompassStorageProvider provider = KompassStorageProvider.Memory,
        string? postgres = null, short silos = 1) =>
        KompassTestCluster.Create(new KompassTestClusterOptions
        {
            Provider = provider,
            PostgresConnectionString = postgres,
            ClusterId = clusterId,
            InitialSilos = silos,
            ConfigureSilo = silo =>
            {
                silo.AddStorageFaults();
                silo.AddKompassGrains(Catalogue, Reference);
                // The kill test needs the senders on the silo it kills: placed beside their caller, not where
                // the runtime's default (resource-optimised) placement happens to put them.
                silo.Services.AddSingleton<Orleans.Runtime.PlacementStrategy, Orleans.Runtime.PreferLocalPlacement>();
                // Seconds, not minutes: the same mechanism, on a clock a test can wait for.
                silo.Services.Configure<DeliveryOptions>(o =>
                {
                    o.FirstRetry = TimeSpan.FromMilliseconds(50);
                    o.MaxRetry = TimeSpan.FromMilliseconds(500);
                    o.WaitForFollowers = TimeSpan.FromSeconds(5);
                    o.ReminderPeriod = TimeSpan.FromSeconds(2);
                });
                silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
                silo.Configure<ClusterMembershipOptions>(o =>
                {
                    o.ProbeTimeout = TimeSpan.FromSeconds(1);
                    o.NumMissedProbesLimit = 2;
                    o.NumVotesForDeathDeclaration = 1;
                });
                silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
            },
        });

    private static string NewClusterId() => $"delivery-{Guid.NewGuid():N}"[..24];

    private static async Task<EvaluationView> Import(IGrainFactory grains, string kommuneId, int areaScore)
    {
        var kommune = grains.GetGrain<IKommuneGrain>(kommuneId);
        if (await kommune.Get() is null)
            await kommune.Register(new RegisterKommune(kommuneId));
        var id = await kommune.ReserveEvaluationId(2025);
        return await grains.GetGrain<IEvaluationGrain>(id).Import(new ImportHistoricalResult(kommuneId, "2020", new DateOnly(2025, 3, 1),
            [.. Catalogue.Get("2020").Areas.Select(a => new AreaScoreInput(a.Code, areaScore))], null, "fault test"));
    }

    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Not within {Patience}: {what}");
            await Task.Delay(200);
        }
    }

    // The benchmark's storage: its snapshot and its journal (SnapshotJournal).
    private static void FailBenchmark(StorageFaults faults)
    {
        faults.Fail(StateNames.Benchmark);
        faults.Fail(StateNames.BenchmarkJournal);
    }

    private static void HealBenchmark(StorageFaults faults)
    {
        faults.Heal(StateNames.Benchmark);
        faults.Heal(StateNames.BenchmarkJournal);
    }

    private static DeliveryMetrics Metrics(InProcessTestCluster cluster, int silo = 0) =>
        cluster.Silos[silo].ServiceProvider.GetRequiredService<DeliveryMetrics>();

    [Fact]
    public async Task A_failing_follower_delays_nobody_else_and_gets_every_change_once_after_the_senders_were_deactivated()
    {
        var clusterId = NewClusterId();
        var faults = StorageFaults.For(clusterId);
        await using var cluster = Cluster(clusterId);
        await cluster.DeployAsync();
        var grains = cluster.Client;
        var benchmark = grains.GetGrain<IBenchmarkGrain>("NO/2020");

        FailBenchmark(faults);
        var a = await Import(grains, "NO-1101", 60);
        var b = await Import(grains, "NO-1103", 70);
        var c = await Import(grains, "NO-1106", 80);
        // An amendment while the benchmark is still down: the newer result is what it must end up with.
        CallerContext.Principal = new Principal("KS-Konsulent", Role.PlatformAdmin);
        await grains.GetGrain<IEvaluationGrain>(c.Id).Amend(new AmendEvaluation(c.Id, "corrected", [], [new AreaScoreInput("1", 90)]));
        RequestContext.Clear();

        // Every command was acknowledged, and the kommune (the other follower) heard at once.
        foreach (var (kommune, evaluation) in new[] { ("NO-1101", a), ("NO-1103", b), ("NO-1106", c) })
            Assert.NotNull(Assert.Single((await grains.GetGrain<IKommuneGrain>(kommune).Get())!.Evaluations, e => e.Id == evaluation.Id).Result);
        Assert.Equal(0, (await benchmark.Get()).Evaluations);
        Assert.Equal(3, Metrics(cluster).Pending);
        Assert.True(faults.Rejected >= 3, $"{faults.Rejected} benchmark writes refused");

        // Every activation goes away: nothing is left in memory to retry from but storage and reminders.
        await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        HealBenchmark(faults);

        await Eventually(async () => (await benchmark.Get()).Evaluations == 3, "the benchmark has all three results");
        await Task.Delay(TimeSpan.FromSeconds(3)); // reminders tick again: nothing may count twice
        var view = await benchmark.Get();
        Assert.Equal(3, view.Evaluations);
        Assert.Equal(new MeanView(70m, 3), view.Areas["2"]);
        Assert.Equal(new MeanView(73.33m, 3), view.Areas["1"]); // (60 + 70 + 90) / 3
        Assert.Equal(new MeanView(563.33m, 3), view.Total); // (480 + 560 + 7 x 80 + 90) / 3
        await Eventually(() => Task.FromResult(Metrics(cluster).Pending == 0), "nothing is pending");
    }

    [Fact]
    public async Task Deliveries_owed_by_a_killed_silo_are_made_by_the_survivor()
    {
        await _postgres.InitializeAsync();
        var clusterId = NewClusterId();
        var faults = StorageFaults.For(clusterId);
        await using var cluster = Cluster(clusterId, KompassStorageProvider.Postgres, _postgres.CreateDatabase("kill"), silos: 2);
        await cluster.DeployAsync();
        var grains = cluster.Client;
        var kommuner = Reference.All(Country.NO).Skip(40).Take(12).Select(k => k.Id.ToString()).ToArray();

        FailBenchmark(faults);
        // Sent from inside the silo that will die, so that its senders (placed near their caller) live there.
        // Calls from inside a silo carry no test-client default: they run as the system, as deliveries do.
        CallerContext.Principal = Principal.System;
        var victim = cluster.Silos[1];
        var onVictim = victim.ServiceProvider.GetRequiredService<IGrainFactory>();
        var evaluations = new List<EvaluationView>();
        foreach (var (kommune, i) in kommuner.Select((k, i) => (k, i)))
            evaluations.Add(await Import(onVictim, kommune, 50 + i));
        Assert.Equal(0, (await grains.GetGrain<IBenchmarkGrain>("NO/2020").Get()).Evaluations);
        var stats = await grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics(hostsIds: [victim.SiloAddress]);
        // The victim owes every delivery: all the senders live there.
        Assert.Equal(kommuner.Length, stats.Count(s => s.GrainId.Type.ToString() == "evaluation"));
        await cluster.KillSiloAsync(victim);
        HealBenchmark(faults);

        await Eventually(async () => (await grains.GetGrain<IBenchmarkGrain>("NO/2020").Get()).Evaluations == kommuner.Length,
            "the benchmark has every result, including those owed by the killed silo");

        var view = await grains.GetGrain<IBenchmarkGrain>("NO/2020").Get();
        Assert.Equal(new MeanView(Math.Round(evaluations.Average(e => (decimal)e.AreaScores[0].Score!.Value), 2), kommuner.Length), view.Areas["1"]);
    }

    [Fact]
    public async Task A_write_that_fails_while_the_reload_fails_too_is_never_served_nor_stored_later()
    {
        var clusterId = NewClusterId();
        var faults = StorageFaults.For(clusterId);
        await using var cluster = Cluster(clusterId);
        await cluster.DeployAsync();
        var grains = cluster.Client;
        await grains.GetGrain<IKommuneGrain>("NO-1108").Register(new RegisterKommune("NO-1108"));
        var id = await grains.GetGrain<IKommuneGrain>("NO-1108").ReserveEvaluationId(2026);
        var evaluation = grains.GetGrain<IEvaluationGrain>(id);
        await evaluation.Open(new OpenEvaluation("NO-1108", "2020", new DateOnly(2026, 2, 1), ["KS"]));

        faults.Fail(StateNames.Evaluation, reads: true);
        var failed = await Assert.ThrowsAsync<KompassError>(() => evaluation.RecordInterview(new RecordInterview(id, "rådmann", new DateOnly(2026, 2, 2), 1)));
        Assert.Equal(ErrorCodes.Unavailable, failed.Code);
        Assert.True(failed.Retryable);
        // While storage is down nothing is served from memory either.
        var meanwhile = await Assert.ThrowsAnyAsync<Exception>(() => evaluation.Get());
        Assert.True(ErrorCodes.Unavailable == ErrorCodes.FromInfrastructure(meanwhile)?.Code, meanwhile.ToString());

        faults.Heal(StateNames.Evaluation);
        Assert.Empty((await evaluation.Get())!.Interviews);
        await evaluation.RecordInterview(new RecordInterview(id, "ordfører", new DateOnly(2026, 2, 3), 1));

        await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var stored = await evaluation.Get();
        Assert.Equal(["ordfører"], stored!.Interviews.Select(i => i.Role));
        Assert.Equal(2, stored.Version);
    }

    [Fact]
    public async Task A_receiver_whose_write_failed_acknowledges_nothing_from_memory()
    {
        var clusterId = NewClusterId();
        var faults = StorageFaults.For(clusterId);
        await using var cluster = Cluster(clusterId);
        await cluster.DeployAsync();
        var benchmark = cluster.Client.GetGrain<IBenchmarkGrain>("SE/2020");
        var result = new ResultMessage("SE-0115/eval/2025-1", "SE-0115", "2020", new DateOnly(2025, 1, 1),
            new Dictionary<string, int> { ["1"] = 55 }, null, Version: 1);

        FailBenchmark(faults);
        // The same result twice at once, while writes fail: neither may be acknowledged. An activation that kept
        // the first in memory would answer the second "already have it", and the sender would count it delivered.
        var attempts = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            try
            {
                await benchmark.Apply(result);
                return null;
            }
            catch (KompassError e)
            {
                return e.Code;
            }
        }));
        Assert.Equal(new string?[] { ErrorCodes.Unavailable, ErrorCodes.Unavailable }, attempts);

        HealBenchmark(faults);
        Assert.Equal(0, (await benchmark.Get()).Evaluations);
        await benchmark.Apply(result);
        Assert.Equal(1, (await benchmark.Get()).Evaluations);
    }

    [Fact]
    public async Task A_storage_version_conflict_is_a_retryable_conflict_and_the_next_call_reads_the_stored_state()
    {
        await _postgres.InitializeAsync();
        var connectionString = _postgres.CreateDatabase("conflict");
        await using var cluster = Cluster(NewClusterId(), KompassStorageProvider.Postgres, connectionString);
        await cluster.DeployAsync();
        var grains = cluster.Client;
        await grains.GetGrain<IKommuneGrain>("NO-1111").Register(new RegisterKommune("NO-1111"));
        var id = await grains.GetGrain<IKommuneGrain>("NO-1111").ReserveEvaluationId(2026);
        var evaluation = grains.GetGrain<IEvaluationGrain>(id);
        await evaluation.Open(new OpenEvaluation("NO-1111", "2020", new DateOnly(2026, 2, 1), ["KS"]));

        // Another writer (say, a silo that wrongly believes it holds the grain) stored a newer version.
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var bump = new NpgsqlCommand("UPDATE OrleansStorage SET Version = Version + 1 WHERE GrainTypeString LIKE '%evaluation%'", connection);
            Assert.Equal(1, await bump.ExecuteNonQueryAsync());
        }

        var conflict = await Assert.ThrowsAsync<KompassError>(() => evaluation.RecordInterview(new RecordInterview(id, "rådmann", new DateOnly(2026, 2, 2), 1)));
        Assert.Equal(ErrorCodes.Conflict, conflict.Code);
        Assert.True(conflict.Retryable);

        var retried = await evaluation.RecordInterview(new RecordInterview(id, "rådmann", new DateOnly(2026, 2, 2), 1));
        Assert.Single(retried.Interviews);
    }

    [Fact]
    public async Task A_command_repeated_with_its_request_key_is_applied_once()
    {
        await using var cluster = Cluster(NewClusterId());
        await cluster.DeployAsync();
        var grains = cluster.Client;
        await grains.GetGrain<IKommuneGrain>("NO-1112").Register(new RegisterKommune("NO-1112"));

        // As the gateway does it: each command of a request carries the request's key and its own field.
        async Task<T> With<T>(string requestKey, Func<Task<T>> command)
        {
            CallerContext.RequestKey = requestKey;
            try
            {
                return await command();
            }
            finally
            {
                RequestContext.Clear();
            }
        }

        async Task<EvaluationView> OpenAndInterview(string requestKey)
        {
            var opened = await With($"{requestKey}/openEvaluation", async () =>
            {
                var id = await grains.GetGrain<IKommuneGrain>("NO-1112").ReserveEvaluationId(2026);
                return await grains.GetGrain<IEvaluationGrain>(id).Open(new OpenEvaluation("NO-1112", "2020", new DateOnly(2026, 2, 1), ["KS"]));
            });
            return await With($"{requestKey}/recordInterview", () => grains.GetGrain<IEvaluationGrain>(opened.Id)
                .RecordInterview(new RecordInterview(opened.Id, "rådmann", new DateOnly(2026, 2, 2), 3)));
        }

        var first = await OpenAndInterview("key-1");
        var again = await OpenAndInterview("key-1");
        var other = await OpenAndInterview("key-2");

        Assert.Equal(first.Id, again.Id);
        Assert.Single(again.Interviews);
        Assert.Equal(first.Version, again.Version);
        Assert.NotEqual(first.Id, other.Id);
        Assert.Equal(2, (await grains.GetGrain<IKommuneGrain>("NO-1112").Get())!.Evaluations.Count);
    }
}
