using Kompass.Contracts;
using Kompass.Domain.Tenancy;
using System.Collections.Concurrent;
using Kompass.Contracts.Evaluations;
using Kompass.Contracts.Kommuner;
using Kompass.Domain.Frameworks;
using Kompass.Domain.Kommuner;
using Kompass.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Kompass.Grains.Tests;

/// <summary>
/// Two silos on PostgreSQL membership and storage. While a client rates scoring points of many
/// evaluations, one silo is killed ungracefully: every acknowledged rating is read back from the
/// survivor, and the evaluations that lived on the dead silo reactivate there with their state.
/// </summary>
public sealed class EvaluationFailoverTests : IAsyncLifetime
{
    private static readonly FrameworkCatalogue Catalogue = FrameworkCatalogue.LoadDirectory(FrameworkCatalogue.DefaultDirectory);
    private readonly PostgresServer _server = new();

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    public sealed class GrainsConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.AddKompassGrains(Catalogue, KommuneReference.Load(KommuneReference.DefaultDirectory));
    }

    [Fact]
    public async Task Acknowledged_ratings_survive_a_silo_kill_and_evaluations_reactivate_on_the_survivor()
    {
        var builder = PostgresTestCluster.Builder(_server.CreateDatabase("failover"));
        builder.AddSiloBuilderConfigurator<GrainsConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            var points = Catalogue.Get("2020").ScoringPoints.Select(p => p.Code).ToArray();
            var kommuner = KommuneReference.Load(KommuneReference.DefaultDirectory).All(Country.NO).Take(24).Select(k => k.Id.ToString()).ToArray();
            // Half the evaluations are opened from inside the silo that will die: placement favours the
            // caller's silo, and through the client alone they could all land on the other one.
            // Calls from inside a silo carry no test-client default: they run as the system, as deliveries do.
            CallerContext.Principal = Principal.System;
            var victim = cluster.SecondarySilos[0];
            var fromVictim = ((InProcessSiloHandle)victim).SiloHost.Services.GetRequiredService<IGrainFactory>();
            async Task<string> OpenAsync(IGrainFactory grains, string k)
            {
                await grains.GetGrain<IKommuneGrain>(k).Register(new RegisterKommune(k));
                var id = await grains.GetGrain<IKommuneGrain>(k).ReserveEvaluationId(2026);
                await grains.GetGrain<IEvaluationGrain>(id).Open(new OpenEvaluation(k, "2020", new DateOnly(2026, 5, 1), ["KS"]));
                return id;
            }
            var ids = (await Task.WhenAll(kommuner.Select((k, i) => OpenAsync(i % 2 == 0 ? fromVictim : cluster.Client, k)))).ToList();

            // Placement (resource-optimised) only prefers the caller's silo: open more from the victim until
            // one lives there, so that the kill below always takes some evaluations with it.
            var spare = KommuneReference.Load(KommuneReference.DefaultDirectory).All(Country.NO).Skip(kommuner.Length).Select(k => k.Id.ToString()).Take(20);
            var onVictim = await EvaluationsOn(cluster, victim);
            foreach (var k in spare.TakeWhile(_ => onVictim.Count == 0))
            {
                ids.Add(await OpenAsync(fromVictim, k));
                onVictim = await EvaluationsOn(cluster, victim);
            }
            Assert.NotEmpty(onVictim);

            // Each writer rates its evaluation's points one call at a time; a point's rating is acknowledged
            // when the call returns.
            var acknowledged = new ConcurrentDictionary<string, int>(ids.ToDictionary(id => id, _ => 0));
            var writers = ids.Select(id => Task.Run(async () =>
            {
                var grain = cluster.Client.GetGrain<IEvaluationGrain>(id);
                for (var step = 0; step < points.Length; step++)
                {
                    try
                    {
                        await grain.Rate(new RateScoringPoints(id, [new ScoringPointRating(points[step], 4, 3, 2, $"step {step}")]));
                        acknowledged[id] = step + 1;
                    }
                    catch (Exception)
                    {
                        step--; // not acknowledged during the failover: rate the same point again
                        await Task.Delay(200);
                    }
                    await Task.Delay(100);
                }
            })).ToArray();

            await Task.Delay(TimeSpan.FromSeconds(1));
            await cluster.KillSiloAsync(victim);
            await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(90));

            foreach (var id in ids)
            {
                var view = await cluster.Client.GetGrain<IEvaluationGrain>(id).Get();
                Assert.NotNull(view);
                Assert.Equal(points.Length, acknowledged[id]);
                Assert.Equal(points.Order(StringComparer.Ordinal), view.Ratings.Select(r => r.Code));
                Assert.All(view.Ratings, r => Assert.Equal((4, 3, 2), (r.System, r.Scope, r.Result)));
                Assert.Empty(view.MissingScoringPoints);
            }
            // The killed silo's evaluations were among those read back whole: they reactivated on the
            // only silo left, from storage.
            Assert.Single(cluster.GetActiveSilos());
            Assert.Subset(ids.ToHashSet(), onVictim);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    private static async Task<HashSet<string>> EvaluationsOn(TestCluster cluster, SiloHandle silo)
    {
        var stats = await cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics(hostsIds: [silo.SiloAddress]);
        return [.. stats.Where(s => s.GrainId.Type.ToString() == "evaluation").Select(s => s.GrainId.Key.ToString()!)];
    }
}
