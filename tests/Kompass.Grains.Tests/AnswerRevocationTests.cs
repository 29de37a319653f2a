using System.Collections.Concurrent;
using System.Diagnostics;
using Kompass.Contracts;
using Kompass.Contracts.Caching;
using Kompass.Contracts.Evaluations;
using Kompass.Contracts.Kommuner;
using Kompass.Domain.Frameworks;
using Kompass.Domain.Tenancy;
using Kompass.Domain.Kommuner;
using Kompass.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Kompass.Grains.Tests;

/// <summary>
/// An evaluation's side of the answer caches' lease, on a real two-silo cluster: before it acknowledges a change
/// to a published view it has revoked the view in every silo's cache; a silo that does not confirm makes the
/// change wait until any answer that silo kept has run out; a draft's changes revoke nothing.
/// </summary>
public sealed class AnswerRevocationTests
{
    private static readonly FrameworkCatalogue Catalogue = FrameworkCatalogue.LoadDirectory(FrameworkCatalogue.DefaultDirectory);
    private static readonly KommuneReference Reference = KommuneReference.Load(KommuneReference.DefaultDirectory);

    /// <summary>What a silo's gateway cache would be told; can be made to hang, as a silo that stopped answering.</summary>
    private sealed class RecordedRevocations : IAnswerRevocations
    {
        public ConcurrentQueue<string> Revoked { get; } = new();
        public volatile bool Hang;

        public void Revoke(string grainKey)
        {
            if (Hang)
                Thread.Sleep(AnswerLeases.RevokeTimeout * 2);
            Revoked.Enqueue(grainKey);
        }
    }

    private static async Task<InProcessTestCluster> StartAsync()
    {
        var cluster = KompassTestCluster.Create(new KompassTestClusterOptions
        {
            ClusterId = $"answers-{Guid.NewGuid():N}"[..24],
            InitialSilos = 2,
            ConfigureSilo = silo =>
            {
                silo.AddKompassGrains(Catalogue, Reference);
                silo.Services.AddSingleton<RecordedRevocations>();
                silo.Services.AddSingleton<IAnswerRevocations>(sp => sp.GetRequiredService<RecordedRevocations>());
            },
        });
        await cluster.DeployAsync();
        return cluster;
    }

    private static RecordedRevocations Cache(InProcessTestCluster cluster, int silo) =>
        cluster.Silos[silo].ServiceProvider.GetRequiredService<RecordedRevocations>();

    private static async Task<EvaluationView> ImportAsync(IGrainFactory grains, string kommuneId)
    {
        var kommune = grains.GetGrain<IKommuneGrain>(kommuneId);
        await kommune.Register(new RegisterKommune(kommuneId));
        var id = await kommune.ReserveEvaluationId(2024);
        return await grains.GetGrain<IEvaluationGrain>(id).Import(new ImportHistoricalResult(kommuneId, "2020", new DateOnly(2024, 3, 1),
            [.. Catalogue.Get("2020").Areas.Select(a => new AreaScoreInput(a.Code, 50))], null, "revocation test"));
    }

    private static async Task<EvaluationView> AmendAsync(IGrainFactory grains, string id, int score)
    {
        CallerContext.Principal = new Principal("KS-Konsulent", Role.PlatformAdmin);
        try
        {
            return await grains.GetGrain<IEvaluationGrain>(id).Amend(new AmendEvaluation(id, "corrected", [], [new AreaScoreInput("1", score)]));
        }
        finally
        {
            RequestContext.Clear();
        }
    }

    [Fact]
    public async Task A_published_view_is_revoked_in_every_silo_before_its_change_is_acknowledged_and_a_draft_revokes_nothing()
    {
        await using var cluster = await StartAsync();
        var grains = cluster.Client;
        var published = await ImportAsync(grains, "NO-1101");
        var draft = await grains.GetGrain<IEvaluationGrain>(await grains.GetGrain<IKommuneGrain>("NO-1101").ReserveEvaluationId(2026))
            .Open(new OpenEvaluation("NO-1101", "2020", new DateOnly(2026, 10, 1), ["Evaluator"]));
        Assert.Empty(Cache(cluster, 0).Revoked);
        Assert.Empty(Cache(cluster, 1).Revoked);

        var amended = await AmendAsync(grains, published.Id, 60);
        Assert.Equal(60, amended.AreaScores.Single(a => a.Code == "1").Score);
        Assert.Equal([published.Id], Cache(cluster, 0).Revoked);
        Assert.Equal([published.Id], Cache(cluster, 1).Revoked);

        CallerContext.Principal = new Principal("KS-Konsulent", Role.PlatformAdmin);
        await grains.GetGrain<IEvaluationGrain>(draft.Id).RecordInterview(new RecordInterview(draft.Id, "Rådmann", new DateOnly(2026, 10, 2), 1));
        RequestContext.Clear();
        Assert.Single(Cache(cluster, 0).Revoked);
        Assert.Single(Cache(cluster, 1).Revoked);
    }

    [Fact]
    public async Task A_silo_that_does_not_confirm_makes_the_change_wait_until_its_kept_answers_have_run_out()
    {
        await using var cluster = await StartAsync();
        var grains = cluster.Client;
        var published = await ImportAsync(grains, "NO-1103");
        Cache(cluster, 1).Hang = true;

        var clock = Stopwatch.StartNew();
        await AmendAsync(grains, published.Id, 70);
        clock.Stop();

        Assert.True(clock.Elapsed >= AnswerLeases.RevokeTimeout + AnswerLeases.Duration - TimeSpan.FromMilliseconds(200),
            $"acknowledged after {clock.Elapsed.TotalSeconds:0.0} s, before a kept answer could have run out");
        Assert.Equal([published.Id], Cache(cluster, 0).Revoked);
        Assert.Equal(70, (await grains.GetGrain<IEvaluationGrain>(published.Id).Get())!.AreaScores.Single(a => a.Code == "1").Score);
    }
}
