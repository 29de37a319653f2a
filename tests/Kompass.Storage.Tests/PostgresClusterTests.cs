using System.Collections.Concurrent;
using System.Globalization;
using Kompass.Testing;
using Npgsql;
using Xunit.Abstractions;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using static Kompass.Storage.Tests.TestSupport;

namespace Kompass.Storage.Tests;

/// <summary>Two silos that find each other through the PostgreSQL membership table (<see cref="PostgresTestCluster"/>).</summary>
[Collection(PostgresServer.Collection)]
public sealed class PostgresClusterTests(PostgresServer server, ITestOutputHelper output) : ClusterFailoverTests(output)
{
    private readonly string _connectionString = server.CreateDatabase("cluster");

    protected override TestClusterBuilder Builder() => PostgresTestCluster.Builder(_connectionString);

    protected override async Task<Dictionary<int, string>> MembershipStatusesAsync(string clusterId)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT Port, Status FROM OrleansMembershipTable WHERE DeploymentId = @cluster;", connection);
        command.Parameters.AddWithValue("cluster", clusterId);
        await using var reader = await command.ExecuteReaderAsync();
        var statuses = new Dictionary<int, string>();
        while (await reader.ReadAsync())
        {
            // The ADO.NET table stores SiloStatus as its number: 3 Active, 6 Dead.
            statuses[reader.GetInt32(0)] = ((SiloStatus)reader.GetInt32(1)).ToString();
        }

        return statuses;
    }
}

/// <summary>
/// Two silos on a shared membership table: while every grain is written continuously, one silo is
/// killed ungracefully; every acknowledged write is read back from the survivor, and the table records
/// the killed silo as dead.
/// </summary>
public abstract class ClusterFailoverTests(ITestOutputHelper output)
{
    protected abstract TestClusterBuilder Builder();

    /// <summary>Status name (Active, Dead, ...) of each silo of <paramref name="clusterId"/> in the membership table, by silo port.</summary>
    protected abstract Task<Dictionary<int, string>> MembershipStatusesAsync(string clusterId);

    [Fact]
    public async Task Acknowledged_writes_survive_an_ungraceful_silo_kill_and_its_grains_reactivate_on_the_survivor()
    {
        var builder = Builder();

        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            var keys = Enumerable.Range(0, 48).Select(i => $"NO-{3000 + i}/eval/2025-1").ToArray();
            var acked = new ConcurrentDictionary<string, int>();
            var attempted = new ConcurrentDictionary<string, int>();
            var host = new ConcurrentDictionary<string, string>();

            // Phase 1: every grain gets written once; note where each one lives.
            await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (key, _) =>
            {
                attempted[key] = 1;
                host[key] = await cluster.Client.GetGrain<IProbeGrain>(key).Save(Snapshot(1));
                acked[key] = 1;
            });

            var silos = cluster.Silos.ToList();
            Assert.Equal(2, silos.Count);
            var victim = silos.OrderByDescending(s => host.Values.Count(h => h == s.SiloAddress.ToString())).First();
            var survivor = silos.Single(s => s != victim);
            var victimKeys = keys.Where(k => host[k] == victim.SiloAddress.ToString()).ToArray();
            Assert.True(victimKeys.Length > 0, $"no grain was placed on {victim.SiloAddress}; hosts: {string.Join(", ", host.Values.Distinct())}");

            // Phase 2: keep writing to all grains concurrently while one silo is killed.
            using var stop = new CancellationTokenSource();
            var failures = 0;
            var writers = keys.Select(key => Task.Run(async () =>
            {
                var grain = cluster.Client.GetGrain<IProbeGrain>(key);
                var value = acked[key];
                while (!stop.IsCancellationRequested)
                {
                    value++;
                    attempted[key] = value;
                    try
                    {
                        host[key] = await grain.Save(Snapshot(value));
                        acked[key] = value;
                    }
                    catch (Exception)
                    {
                        Interlocked.Increment(ref failures); // not acknowledged: may or may not be stored
                    }

                    await Task.Delay(100);
                }
            })).ToArray();

            await Task.Delay(TimeSpan.FromSeconds(1));
            var ackedAtKill = keys.ToDictionary(k => k, k => acked[k]);
            await cluster.KillSiloAsync(victim);

            // Every grain, including those that lived on the dead silo, accepts writes again.
            await WaitForAsync(
                () => Task.FromResult(keys.Count(k => acked[k] <= ackedAtKill[k] + 1)),
                remaining => remaining == 0,
                TimeSpan.FromSeconds(45),
                "every grain to acknowledge writes after the kill (count of grains still waiting)");
            await stop.CancelAsync();
            await Task.WhenAll(writers);

            // Phase 3: read everything back through the surviving silo.
            foreach (var key in keys)
            {
                var grain = cluster.Client.GetGrain<IProbeGrain>(key);
                var stored = await grain.Load();
                Assert.True(stored.Number >= acked[key], $"{key}: acknowledged {acked[key]} but read {stored.Number}");
                Assert.True(stored.Number <= attempted[key], $"{key}: read {stored.Number}, never wrote more than {attempted[key]}");
                Assert.Equal(Snapshot(stored.Number).Text, stored.Text);
                Assert.Equal(survivor.SiloAddress.ToString(), await grain.Where());
            }

            Assert.All(victimKeys, key => Assert.Equal(survivor.SiloAddress.ToString(), host[key]));

            // Membership went through the shared table: the killed silo is recorded there as dead, the survivor active.
            var statuses = await MembershipStatusesAsync(builder.Options.ClusterId);
            Assert.Equal("Dead", statuses[victim.SiloAddress.Endpoint.Port]);
            Assert.Equal("Active", statuses[survivor.SiloAddress.Endpoint.Port]);

            output.WriteLine($"{keys.Length} grains, {victimKeys.Length} on the killed silo; {failures} unacknowledged writes during the failover; " +
                             $"{acked.Values.Sum()} acknowledged writes in total.");
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    private static ProbeSnapshot Snapshot(int value) =>
        new($"write {value}", value, ProbeStatus.Submitted, [], null, null, null, true);
}
