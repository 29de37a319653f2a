using Kompass.Contracts;
using Kompass.Contracts.Benchmarks;
using Kompass.Contracts.Evaluations;
using Kompass.Contracts.Kommuner;
using Kompass.Contracts.Strategies;
using Kompass.Domain.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Kompass.Grains.Tests;

/// <summary>
/// The second depth of tenancy, with the gateway bypassed: calls straight to the grains with the wrong caller
/// (or none) are refused by the grains themselves, whatever the gateway would have done.
/// </summary>
[Collection(MemoryCluster.Name)]
public sealed class TenancyFilterTests(MemoryClusterFixture fixture)
{
    private const string Own = "NO-1130";
    private const string Other = "NO-1133";

    private static readonly Principal OwnLeader = new("leader@own", Role.KommuneLeader, Own);
    private static readonly Principal OtherLeader = new("leader@other", Role.KommuneLeader, Other);
    private static readonly Principal Analyst = new("analyst@ks.no", Role.Analyst);
    private static readonly Principal Evaluator = new("eva@ks.no", Role.Evaluator);

    private IGrainFactory Grains => fixture.Client;

    private async Task<string> DraftAsync()
    {
        CallerContext.Principal = Principal.System;
        if (await Grains.GetGrain<IKommuneGrain>(Own).Get() is null)
            await Grains.GetGrain<IKommuneGrain>(Own).Register(new RegisterKommune(Own));
        var id = await Grains.GetGrain<IKommuneGrain>(Own).ReserveEvaluationId(2026);
        await Grains.GetGrain<IEvaluationGrain>(id).Open(new OpenEvaluation(Own, "2020", new DateOnly(2026, 5, 1), ["KS"]));
        return id;
    }

    private static async Task<KompassError> Refused(Principal? caller, Func<Task> call)
    {
        CallerContext.Principal = caller;
        return await Assert.ThrowsAsync<KompassError>(call);
    }

    [Fact]
    public async Task A_draft_is_read_by_its_own_kommune_and_refused_to_another_kommune_and_to_analysts()
    {
        var id = await DraftAsync();
        var draft = Grains.GetGrain<IEvaluationGrain>(id);
        CallerContext.Principal = OwnLeader;
        Assert.NotNull(await draft.Get());
        Assert.Equal(ErrorCodes.Forbidden, (await Refused(OtherLeader, draft.Get)).Code);
        Assert.Equal(ErrorCodes.Forbidden, (await Refused(Analyst, draft.Get)).Code);
        Assert.Equal(ErrorCodes.Forbidden, (await Refused(Analyst, draft.Compare)).Code);
    }

    [Fact]
    public async Task Only_an_assigned_evaluator_changes_a_draft_and_a_kommune_leader_never_does()
    {
        var id = await DraftAsync();
        var draft = Grains.GetGrain<IEvaluationGrain>(id);
        var rate = new RateScoringPoints(id, [new ScoringPointRating("1.1", 2, 2, 2)]);
        Assert.Equal(ErrorCodes.Forbidden, (await Refused(Evaluator, () => draft.Rate(rate))).Code);
        Assert.Equal(ErrorCodes.Forbidden, (await Refused(OwnLeader, () => draft.Rate(rate))).Code);

        CallerContext.Principal = new Principal("admin@ks.no", Role.PlatformAdmin);
        await draft.Assign(new AssignEvaluator(id, Evaluator.Subject));
        CallerContext.Principal = Evaluator;
        Assert.Single((await draft.Rate(rate)).Ratings);
        // A token naming the evaluation is an assignment too.
        CallerContext.Principal = new Principal("guest@ks.no", Role.Evaluator, Evaluations: [id]);
        await draft.RecordInterview(new RecordInterview(id, "Rådmann", new DateOnly(2026, 5, 2), 1));
    }

    [Fact]
    public async Task Followers_take_messages_from_the_system_only_so_a_caller_cannot_forge_a_result()
    {
        var forged = new ResultMessage($"{Other}/eval/2020-9", Other, "2020", new DateOnly(2020, 1, 1), new Dictionary<string, int> { ["1"] = 100 }, 800, 99);
        Assert.Equal(ErrorCodes.Forbidden, (await Refused(OtherLeader, () => Grains.GetGrain<IBenchmarkGrain>("NO/2020").Apply(forged))).Code);
        Assert.Equal(ErrorCodes.Forbidden, (await Refused(new Principal("admin@ks.no", Role.PlatformAdmin),
            () => Grains.GetGrain<IKommuneGrain>(Other).Track(new EvaluationEntryView(forged.EvaluationId, "2020", forged.EvaluatedOn, forged, 99)))).Code);
        Assert.Equal(ErrorCodes.Forbidden, (await Refused(Analyst, () => Grains.GetGrain<IKommuneDirectoryGrain>("NO").Add(new DirectoryEntryView(Other, "Forged", 99)))).Code);
        Assert.Equal(ErrorCodes.Forbidden, (await Refused(OwnLeader, () => Grains.GetGrain<IKommuneGrain>(Other).Register(new RegisterKommune(Other)))).Code);
        Assert.Equal(ErrorCodes.Forbidden, (await Refused(OwnLeader, () => Grains.GetGrain<IKommuneGrain>(Own).Offboard())).Code);
    }

    [Fact]
    public async Task A_strategy_is_its_kommunes_own_and_a_member_updates_only_the_actions_it_owns()
    {
        const string k = "NO-1135";
        CallerContext.Principal = Principal.System;
        await Grains.GetGrain<IKommuneGrain>(k).Register(new RegisterKommune(k));
        var evaluationId = await Grains.GetGrain<IKommuneGrain>(k).ReserveEvaluationId(2025);
        await Grains.GetGrain<IEvaluationGrain>(evaluationId).Import(new ImportHistoricalResult(k, "2020", new DateOnly(2025, 3, 1), [], 500, "Test"));
        var leader = new Principal("leder@k", Role.KommuneLeader, k);
        var member = new Principal("medlem@k", Role.KommuneMember, k);
        CallerContext.Principal = leader;
        var id = await Grains.GetGrain<IKommuneGrain>(k).ReserveStrategyId(2025);
        var strategy = Grains.GetGrain<IStrategyGrain>(id);
        await strategy.Create(new CreateStrategy(k, evaluationId, "Strategi", new DateOnly(2025, 4, 1), new DateOnly(2028, 3, 31)));
        await strategy.ChooseFocusArea(new ChooseFocusArea(id, "1"));
        await strategy.AddGoal(new AddGoal(id, "1", "Mål"));
        await strategy.AddSubGoal(new AddSubGoal(id, "g1", "Delmål"));
        await strategy.AddAction(new AddAction(id, "s2", "Medlemmets", "Medlem", new DateOnly(2025, 5, 1), new DateOnly(2026, 5, 1), OwnerSubject: member.Subject));
        await strategy.AddAction(new AddAction(id, "s2", "Lederens", "Leder", new DateOnly(2025, 5, 1), new DateOnly(2026, 5, 1), OwnerSubject: leader.Subject));

        CallerContext.Principal = member;
        await strategy.UpdateAction(new UpdateAction(id, "a3", Note: "Godt i gang"));
        Assert.Equal(ErrorCodes.Forbidden, (await Refused(member, () => strategy.UpdateAction(new UpdateAction(id, "a4", Note: "Ikke mitt")))).Code);
        Assert.Equal(ErrorCodes.Forbidden, (await Refused(member, () => strategy.AddGoal(new AddGoal(id, "1", "x")))).Code);
        Assert.Equal(ErrorCodes.Forbidden, (await Refused(Analyst, strategy.Get)).Code);
        Assert.Equal(ErrorCodes.Forbidden, (await Refused(OtherLeader, () => Grains.GetGrain<IInboxGrain>(k).List(10, null, false))).Code);

        CallerContext.Principal = leader;
        await strategy.Share(new ShareStrategy(id, true));
        CallerContext.Principal = Analyst;
        Assert.True((await strategy.Get())!.Shared);
        Assert.Equal(ErrorCodes.Forbidden, (await Refused(Analyst, () => strategy.AddGoal(new AddGoal(id, "1", "x")))).Code);
    }

    [Fact]
    public async Task A_call_without_a_caller_is_unauthenticated()
    {
        // From inside a silo, where the test client's default caller does not apply.
        var silo = (InProcessSiloHandle)fixture.Cluster.Silos[0];
        var grains = silo.SiloHost.Services.GetRequiredService<IGrainFactory>();
        CallerContext.Principal = null;
        var error = await Assert.ThrowsAsync<KompassError>(() => grains.GetGrain<IKommuneGrain>(Own).Get());
        Assert.Equal(ErrorCodes.Unauthenticated, error.Code);
    }

    [Fact]
    public async Task Reading_an_id_nobody_handed_out_leaves_no_activation()
    {
        await DraftAsync(); // a kommune that exists stays active: the statistics below do see activations
        CallerContext.Principal = Analyst;
        const string Unknown = "NO-1133/eval/2099-7";
        Assert.Null(await Grains.GetGrain<IEvaluationGrain>(Unknown).Get());
        Assert.Null(await Grains.GetGrain<IKommuneGrain>("NO-1134").Get());
        var management = Grains.GetGrain<IManagementGrain>(0);
        for (var i = 0; ; i++)
        {
            var active = (await management.GetDetailedGrainStatistics()).Select(s => s.GrainId.Key.ToString()).ToHashSet();
            Assert.Contains(Own, active);
            if (!active.Contains(Unknown) && !active.Contains("NO-1134"))
                break;
            Assert.True(i < 50, "The activations of unknown ids were not collected.");
            await Task.Delay(100);
        }
    }
}
