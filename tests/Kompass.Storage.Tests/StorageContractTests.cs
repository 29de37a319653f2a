using Kompass.Storage.Audit;
using Kompass.Storage.Idempotency;
using Kompass.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using static Kompass.Storage.Tests.TestSupport;

namespace Kompass.Storage.Tests;

/// <summary>
/// What every durable Kompass storage provider must do, run against a real store by each subclass
/// (SQLite file, PostgreSQL server, Azurite). Every test gets its own fresh database (or blob container).
/// </summary>
public abstract class StorageContractTests
{
    protected abstract KompassStorageProvider Provider { get; }

    /// <summary>A fresh, empty database and the cluster options that point at it.</summary>
    protected abstract KompassTestClusterOptions NewDatabase(string name);

    /// <summary>The stored JSON of one grain state, straight from the store (a row of view KompassGrainState, a blob).</summary>
    protected abstract Task<string?> ReadStoredJsonAsync(KompassTestClusterOptions database, string stateName, string grainKey);

    protected static ProbeSnapshot Sample(int i) => new(
        Text: $"Evaluering {i} (evaluation)",
        Number: i,
        Status: (ProbeStatus)(i % 3),
        Tags: ["styring", $"fokus-{i}"],
        UpdatedAt: new DateTimeOffset(2024, 3, 1, 12, 30, 0, TimeSpan.FromHours(1)).AddMinutes(i),
        DetailName: i % 2 == 0 ? "Økonomi" : null,
        DetailScore: i % 2 == 0 ? 2.5m + i : null,
        RecordExists: true);

    [Fact]
    public async Task Written_state_survives_a_full_cluster_stop_and_start()
    {
        var database = NewDatabase("restart");
        var keys = Enumerable.Range(0, 12).Select(i => $"NO-{5000 + i}/eval/2024-1").ToArray();

        var cluster = await StartAsync(database);
        try
        {
            await Task.WhenAll(keys.Select((key, i) => cluster.Client.GetGrain<IProbeGrain>(key).Save(Sample(i))));
        }
        finally
        {
            await StopAsync(cluster);
        }

        cluster = await StartAsync(database);
        try
        {
            for (var i = 0; i < keys.Length; i++)
            {
                var expected = Sample(i);
                var loaded = await cluster.Client.GetGrain<IProbeGrain>(keys[i]).Load();
                Assert.True(loaded.RecordExists);
                Assert.Equal(expected.Text, loaded.Text);
                Assert.Equal(expected.Number, loaded.Number);
                Assert.Equal(expected.Status, loaded.Status);
                Assert.Equal(expected.Tags, loaded.Tags);
                Assert.Equal(expected.UpdatedAt, loaded.UpdatedAt);
                Assert.Equal(expected.UpdatedAt!.Value.Offset, loaded.UpdatedAt!.Value.Offset);
                Assert.Equal(expected.DetailName, loaded.DetailName);
                Assert.Equal(expected.DetailScore, loaded.DetailScore);
            }

            var never = await cluster.Client.GetGrain<IProbeGrain>("NO-9999/never-written").Load();
            Assert.False(never.RecordExists);
        }
        finally
        {
            await StopAsync(cluster);
        }

        // Stored state is plain JSON: camelCase names, enums by name.
        var json = await ReadStoredJsonAsync(database, "probe", keys[2]);
        Assert.NotNull(json);
        Assert.Contains("\"status\":\"Approved\"", json, StringComparison.Ordinal);
        Assert.Contains("\"text\":\"Evaluering 2 (evaluation)\"", json, StringComparison.Ordinal);
        Assert.Contains("\"detail\":{\"name\":", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grain_classes_with_the_same_key_keep_separate_state_under_different_state_names()
    {
        var database = NewDatabase("statenames");
        const string key = "NO-5027";
        var cluster = await StartAsync(database);
        try
        {
            var alpha = cluster.Client.GetGrain<IAlphaGrain>(key);
            var beta = cluster.Client.GetGrain<IBetaGrain>(key);
            await alpha.Set("written by alpha");
            await beta.Set("written by beta");

            Assert.Equal("written by alpha", await alpha.Get());
            Assert.Equal("written by beta", await beta.Get());
            Assert.Contains("written by alpha", await ReadStoredJsonAsync(database, "alpha", key) ?? "", StringComparison.Ordinal);
            Assert.Contains("written by beta", await ReadStoredJsonAsync(database, "beta", key) ?? "", StringComparison.Ordinal);
        }
        finally
        {
            await StopAsync(cluster);
        }
    }

    [Fact]
    public async Task Writers_holding_the_same_stale_version_one_wins_the_other_gets_InconsistentStateException()
    {
        var database = NewDatabase("etag");
        var cluster = await StartAsync(database);
        try
        {
            var storage = cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(KompassStorage.StorageName);
            const string stateName = "direct";

            for (var round = 0; round < 10; round++)
            {
                var grainId = GrainId.Create("kompass-direct", $"NO-0301/round-{round}");
                var first = new GrainState<TextState>(new TextState { Text = "v1" });
                await storage.WriteStateAsync(stateName, grainId, first);
                Assert.False(string.IsNullOrEmpty(first.ETag));

                var a = new GrainState<TextState>(new TextState { Text = "A" }, first.ETag) { RecordExists = true };
                var b = new GrainState<TextState>(new TextState { Text = "B" }, first.ETag) { RecordExists = true };
                var outcomes = await Task.WhenAll(TryWrite(a), TryWrite(b));

                Assert.Single(outcomes, o => o is null);
                Assert.Single(outcomes, o => o is InconsistentStateException);
                var winner = outcomes[0] is null ? "A" : "B";

                var read = new GrainState<TextState>();
                await storage.ReadStateAsync(stateName, grainId, read);
                Assert.Equal(winner, read.State!.Text);
                Assert.Equal(winner == "A" ? a.ETag : b.ETag, read.ETag);

                // A writer that never read the row, and a stale clear, are rejected too.
                var blind = new GrainState<TextState>(new TextState { Text = "blind" });
                await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(stateName, grainId, blind));
                var staleClear = new GrainState<TextState>(new TextState(), first.ETag) { RecordExists = true };
                await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(stateName, grainId, staleClear));

                // A clear with the current version works and deletes the state: it reads back as never written.
                await storage.ClearStateAsync(stateName, grainId, read);
                var cleared = new GrainState<TextState>();
                await storage.ReadStateAsync(stateName, grainId, cleared);
                Assert.Null(cleared.State!.Text);
                Assert.False(cleared.RecordExists);
                Assert.Null(cleared.ETag);
                Assert.Null(read.ETag);

                Task<Exception?> TryWrite(GrainState<TextState> state) => CaptureAsync(() => storage.WriteStateAsync(stateName, grainId, state));
            }

            // No lost update: concurrent read-modify-write loops that retry on conflict.
            var counterId = GrainId.Create("kompass-direct", "NO-0301/counter");
            const int workers = 4;
            const int increments = 15;
            var conflicts = 0;
            await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
            {
                for (var i = 0; i < increments; i++)
                {
                    while (true)
                    {
                        var state = new GrainState<CounterState>();
                        await storage.ReadStateAsync("counter", counterId, state);
                        state.State!.Count++;
                        try
                        {
                            await storage.WriteStateAsync("counter", counterId, state);
                            break;
                        }
                        catch (InconsistentStateException)
                        {
                            Interlocked.Increment(ref conflicts);
                        }
                    }
                }
            })));

            var total = new GrainState<CounterState>();
            await storage.ReadStateAsync("counter", counterId, total);
            Assert.Equal(workers * increments, total.State!.Count);
        }
        finally
        {
            await StopAsync(cluster);
        }
    }

    [Fact]
    public async Task Offboarding_clears_state_drops_reminders_and_purges_answers_and_audit_so_a_scan_of_the_store_finds_nothing()
    {
        // Issue 10 item 7 at the storage layer: once a kommune's grains clear their state and drop their
        // reminders, and its stored answers and audit log are purged, no row, blob or entity holds its id.
        // A unique id stands for the kommune, as Azurite is shared by the tests.
        var database = NewDatabase("offboard");
        var kommune = $"NO-offboarded-{Guid.NewGuid():N}";
        var cluster = await StartAsync(database);
        try
        {
            // The other stores as the host registers them, over the same database or account.
            await using var services = new ServiceCollection()
                .AddKompassIdempotency(KompassTestCluster.Configuration(database, KompassStorageSettings.DefaultSiloPort, KompassStorageSettings.DefaultGatewayPort))
                .AddKompassAuditLog(KompassTestCluster.Configuration(database, KompassStorageSettings.DefaultSiloPort, KompassStorageSettings.DefaultGatewayPort))
                .BuildServiceProvider();
            var answers = services.GetRequiredService<IdempotencyStore>();
            var audit = services.GetRequiredService<IAuditLog>();

            var storage = cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(KompassStorage.StorageName);
            var grainId = GrainId.Create("kompass-direct", $"{kommune}/eval/2026-1");
            var state = new GrainState<TextState>(new TextState { Text = $"data of {kommune}" });
            await storage.WriteStateAsync("offboard", grainId, state);
            var reminders = cluster.Client.GetGrain<IReminderProbeGrain>($"{kommune}/followup");
            await reminders.Start(TimeSpan.FromHours(1), TimeSpan.FromHours(1));
            await answers.ClaimAsync("kari", "k1", "f1", DateTimeOffset.UtcNow, new IdempotencyOptions());
            await answers.CompleteAsync("kari", "k1", new IdempotentAnswer(200, "application/json",
                System.Text.Encoding.UTF8.GetBytes($"{{\"data\":{{\"kommune\":{{\"id\":\"{kommune}\"}}}}}}")));
            await audit.AppendAsync(new AuditEntry(kommune, DateTimeOffset.UtcNow, "kari", "KommuneLeader", "updateEvaluation", $"{kommune}/eval/2026-1", "ok", null));

            var before = await ScanAsync(database, kommune);
            // The scan sees the state (a payload column, PostgreSQL folds names to lower case, or a blob), the
            // reminder, the answer and the audit entry.
            Assert.Contains(before, hit => hit.Field.ToLowerInvariant() is "payloadbinary" or "content");
            Assert.Contains(before, hit => hit.Store.Contains("reminders", StringComparison.OrdinalIgnoreCase));
            Assert.Contains(before, hit => hit.Store.Contains("idempotency", StringComparison.OrdinalIgnoreCase));
            Assert.Contains(before, hit => hit.Store.Contains("audit", StringComparison.OrdinalIgnoreCase));

            await storage.ClearStateAsync("offboard", grainId, state);
            await reminders.Stop();
            Assert.Equal(1, await answers.PurgeKommuneAsync(kommune));
            Assert.Equal(1, await audit.PurgeAsync(kommune));

            Assert.Empty(await ScanAsync(database, kommune));

            // A cleared grain's next write starts afresh.
            state.State = new TextState { Text = "again" };
            await storage.WriteStateAsync("offboard", grainId, state);
            var read = new GrainState<TextState>();
            await storage.ReadStateAsync("offboard", grainId, read);
            Assert.Equal("again", read.State!.Text);
        }
        finally
        {
            await StopAsync(cluster);
        }
    }

    /// <summary>Every place in the test's store (database, or Azurite account) that holds <paramref name="text"/>.</summary>
    protected abstract Task<IReadOnlyList<StorageHit>> ScanAsync(KompassTestClusterOptions database, string text);

    [Fact]
    public async Task A_reminder_registered_before_a_restart_fires_after_it()
    {
        var database = NewDatabase("reminders");
        const string key = "NO-4601/followup";

        string? firstSilo;
        var cluster = await StartAsync(database);
        try
        {
            var grain = cluster.Client.GetGrain<IReminderProbeGrain>(key);
            await grain.Start(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
            var before = await WaitForAsync(() => grain.Snapshot(), s => s.Ticks >= 1, TimeSpan.FromSeconds(30), "the first tick");
            firstSilo = before.LastTickSilo;
        }
        finally
        {
            await StopAsync(cluster);
        }

        cluster = await StartAsync(database);
        try
        {
            var grain = cluster.Client.GetGrain<IReminderProbeGrain>(key);
            var after = await WaitForAsync(
                () => grain.Snapshot(),
                s => s.LastTickSilo is not null && s.LastTickSilo != firstSilo,
                TimeSpan.FromSeconds(30),
                "a tick delivered by the restarted silo");
            Assert.True(after.Ticks >= 2);
            await grain.Stop();
        }
        finally
        {
            await StopAsync(cluster);
        }
    }

    protected static async Task<Exception?> CaptureAsync(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}

public sealed class CounterState
{
    public int Count { get; set; }
}
