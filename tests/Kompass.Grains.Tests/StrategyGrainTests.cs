using Kompass.Domain.Tenancy;
using Kompass.Contracts;
using Kompass.Contracts.Evaluations;
using Kompass.Contracts.Kommuner;
using Kompass.Contracts.Strategies;
using Kompass.Domain.Frameworks;
using Kompass.Domain.Strategies;
using Kompass.Testing;
using Microsoft.Extensions.DependencyInjection;
using ActionStatus = Kompass.Contracts.Strategies.ActionStatus;
using IndicatorKind = Kompass.Contracts.Strategies.IndicatorKind;
using NotificationKind = Kompass.Contracts.Strategies.NotificationKind;
using RecurrenceKind = Kompass.Contracts.Strategies.RecurrenceKind;
using StrategyStatus = Kompass.Contracts.Strategies.StrategyStatus;
using ReportKind = Kompass.Contracts.Strategies.ReportKind;

namespace Kompass.Grains.Tests;

/// <summary>
/// A cluster of its own: these tests move the clock by weeks and a year, which the other grain tests must not
/// see. Only the strategies' clock moves (Orleans and the evaluations keep real time): moving Orleans' clock
/// by a year fires every Orleans timer due in between, which took a minute.
/// </summary>
public sealed class StrategyClusterFixture : KompassClusterFixture
{
    protected override void ConfigureTime(ISiloBuilder silo) => silo.Services.AddSingleton(new Strategies.StrategyClock(Time));

    protected override Task<KompassTestClusterOptions> StorageAsync() =>
        Task.FromResult(new KompassTestClusterOptions { Provider = Kompass.Storage.KompassStorageProvider.Memory });
}

[CollectionDefinition(Name)]
public sealed class StrategyCluster : ICollectionFixture<StrategyClusterFixture>
{
    public const string Name = "strategy grains on memory storage, own clock";
}

/// <summary>
/// The strategy grains end to end in a real cluster: adoption through the kommune (one ADOPTED at a time),
/// the follow-up's ticks under a moved clock (each notification once, also when a tick runs twice),
/// reports, and the next published evaluation filling an area-score indicator. Every test uses its own
/// kommune; the clock only moves forward, so dates are relative to the clock at the test's start.
/// </summary>
[Collection(StrategyCluster.Name)]
public sealed class StrategyGrainTests(StrategyClusterFixture fixture)
{
    private static readonly FrameworkDefinition V2020 = FrameworkCatalogue.LoadDirectory(FrameworkCatalogue.DefaultDirectory).Get("2020");

    private IGrainFactory Grains => fixture.Client;

    private DateOnly Today(string kommuneId) => KommuneCalendar.Today(kommuneId, fixture.Time.GetUtcNow());

    private static async Task<T> As<T>(Func<Task<T>> call)
    {
        // Behaviour, not tenancy (tested in TenancyFilterTests): the system identity under the name the logs show.
        CallerContext.Principal = new Principal("test-leader", Role.System);
        try
        {
            return await call();
        }
        finally
        {
            RequestContext.Clear();
        }
    }

    private async Task<EvaluationView> PublishedEvaluation(string kommuneId, DateOnly on, int system = 2)
    {
        if (await Grains.GetGrain<IKommuneGrain>(kommuneId).Get() is null)
            await Grains.GetGrain<IKommuneGrain>(kommuneId).Register(new RegisterKommune(kommuneId));
        var id = await Grains.GetGrain<IKommuneGrain>(kommuneId).ReserveEvaluationId(on.Year);
        var grain = Grains.GetGrain<IEvaluationGrain>(id);
        await grain.Open(new OpenEvaluation(kommuneId, "2020", on, ["KS-Konsulent"]));
        await grain.Rate(new RateScoringPoints(id, EvaluationGrainTests.RateAll(V2020, system, 2, 2)));
        return await grain.Publish(new PublishEvaluation(id));
    }

    private async Task<IStrategyGrain> NewStrategy(string kommuneId, EvaluationView basis, DateOnly start, string title = "Utviklingsstrategi")
    {
        var id = await Grains.GetGrain<IKommuneGrain>(kommuneId).ReserveStrategyId(start.Year);
        var grain = Grains.GetGrain<IStrategyGrain>(id);
        await As(() => grain.Create(new CreateStrategy(kommuneId, basis.Id, title, start, start.AddYears(3).AddDays(-1))));
        return grain;
    }

    private static Task<StrategyView> Adopt(IStrategyGrain grain, string id, DateOnly on) =>
        As(() => grain.Adopt(new AdoptStrategy(id, "Kommunestyret", on, "K-sak 33/26", "Vedtatt som fremlagt.")));

    [Fact]
    public async Task A_strategy_is_adopted_through_its_kommune_and_only_one_is_adopted_at_a_time()
    {
        const string k = "NO-1505";
        var today = Today(k);
        var basis = await PublishedEvaluation(k, today.AddDays(-60));
        var first = await NewStrategy(k, basis, today.AddDays(-30));
        var firstId = first.GetPrimaryKeyString();
        Assert.Equal($"{k}/strategy/{today.AddDays(-30).Year}-1", firstId);

        var draft = await first.Get();
        Assert.Equal(StrategyStatus.Draft, draft!.Status);
        Assert.Equal(basis.Id, draft.BasisEvaluationId);

        // Adopting without a focus area is refused, and claims nothing at the kommune.
        var empty = await Assert.ThrowsAsync<KompassError>(() => Adopt(first, firstId, today));
        Assert.Equal((ErrorCodes.Conflict, "focusAreas"), (empty.Code, empty.Field));

        await As(() => first.ChooseFocusArea(new ChooseFocusArea(firstId, "3")));
        var adopted = await Adopt(first, firstId, today);
        Assert.Equal(StrategyStatus.Adopted, adopted.Status);
        Assert.Equal("K-sak 33/26", adopted.Adoption!.CaseNumber);

        var second = await NewStrategy(k, basis, today.AddDays(-20), "Ny strategi");
        var secondId = second.GetPrimaryKeyString();
        await As(() => second.ChooseFocusArea(new ChooseFocusArea(secondId, "6")));
        var refused = await Assert.ThrowsAsync<KompassError>(() => Adopt(second, secondId, today));
        Assert.Equal((ErrorCodes.Conflict, "strategyId"), (refused.Code, refused.Field));
        Assert.Equal([firstId], refused.Details);
        Assert.Equal(StrategyStatus.Draft, (await second.Get())!.Status);

        // Once the first is completed, the second may be adopted.
        await As(() => first.Complete(new CompleteStrategy(firstId, "Ferdig.")));
        Assert.Equal(StrategyStatus.Adopted, (await Adopt(second, secondId, today)).Status);

        var tracked = await Grains.GetGrain<IKommuneGrain>(k).Strategies();
        Assert.Equal([(firstId, StrategyStatus.Completed), (secondId, StrategyStatus.Adopted)], tracked.Select(t => (t.Id, t.Status)));

        // A completed strategy refuses changes.
        var frozen = await Assert.ThrowsAsync<KompassError>(() => As(() => first.AddGoal(new AddGoal(firstId, "3", "Mål"))));
        Assert.Equal((ErrorCodes.Conflict, "strategyId"), (frozen.Code, frozen.Field));
    }

    [Fact]
    public async Task The_follow_up_raises_each_notification_once_as_the_clock_moves_by_weeks()
    {
        const string k = "NO-1506";
        var today = Today(k);
        var basis = await PublishedEvaluation(k, today.AddDays(-60));
        var strategy = await NewStrategy(k, basis, today.AddDays(-30));
        var id = strategy.GetPrimaryKeyString();
        await As(() => strategy.ChooseFocusArea(new ChooseFocusArea(id, "3")));
        var goal = (await As(() => strategy.AddGoal(new AddGoal(id, "3", "Bedre styring")))).FocusAreas[0].Goals[0];
        var subGoal = (await As(() => strategy.AddSubGoal(new AddSubGoal(id, goal.Id, "Revidert delegasjonsreglement")))).FocusAreas[0].Goals[0].SubGoals[0];
        var due = today.AddDays(20);
        var planned = await As(() => strategy.AddAction(new AddAction(id, subGoal.Id, "Revidere reglementet", "Kommunedirektør",
            today.AddDays(-30), due, OwnerSubject: "user-17")));
        var action = planned.FocusAreas[0].Goals[0].SubGoals[0].Actions[0];
        Assert.Equal("user-17", action.OwnerSubject);
        await As(() => strategy.AddRecurringActivity(new AddRecurringActivity(id, "Enhetsledermøte", "Kommunedirektør", RecurrenceKind.Monthly,
            StartsOn: today.AddDays(-30))));
        await Adopt(strategy, id, today);

        var followUp = Grains.GetGrain<IFollowUpGrain>(id);
        var inbox = Grains.GetGrain<IInboxGrain>(k);
        var started = await followUp.Tick();
        Assert.True(started.Started);
        Assert.Equal(14, started.LeadTimeDays);

        // Week by week past the due date; every tick is run twice, as a retried or duplicated tick would be.
        for (var week = 0; week < 6; week++)
        {
            fixture.Time.Advance(TimeSpan.FromDays(7));
            await followUp.Tick();
                await followUp.Tick();
            }
        var items = (await inbox.List(500, null, false)).Items.Select(i => i.Notification).ToList();
        Assert.Equal(items.Count, items.Select(n => n.Key).Distinct().Count());
        var dueSoon = Assert.Single(items, n => n.Kind == NotificationKind.ActionDueSoon);
        Assert.Equal((action.Id, due, due.AddDays(-14)), (dueSoon.SubjectId, dueSoon.SubjectDate, dueSoon.On));
        var overdue = Assert.Single(items, n => n.Kind == NotificationKind.ActionOverdue);
        Assert.Equal(due.AddDays(1), overdue.On);
        Assert.Contains(items, n => n.Kind == NotificationKind.OccurrenceUpcoming);
        Assert.Contains(items, n => n.Kind == NotificationKind.OccurrenceMissed);

        // OVERDUE in the strategy's views too.
        var view = await strategy.Get();
        Assert.Equal(ActionStatus.Overdue, view!.FocusAreas[0].Goals[0].SubGoals[0].Actions[0].Status);
        var agenda = await strategy.Agenda(Today(k), Today(k).AddDays(30));
        Assert.Equal(action.Id, Assert.Single(agenda.Overdue).ActionId);

        // Newest first, and acknowledged once.
        var page = await inbox.List(2, null, true);
        Assert.True(page.Items[0].Seq > page.Items[1].Seq);
        var acknowledged = await As(() => inbox.Acknowledge(new AcknowledgeNotification(k, overdue.Key)));
        Assert.Equal("test-leader", acknowledged.AcknowledgedBy);
        Assert.DoesNotContain((await inbox.List(500, null, true)).Items, i => i.Notification.Key == overdue.Key);
        var unknown = await Assert.ThrowsAsync<KompassError>(() => As(() => inbox.Acknowledge(new AcknowledgeNotification(k, "no-such-key"))));
        Assert.Equal((ErrorCodes.NotFound, "key"), (unknown.Code, unknown.Field));
    }

    [Fact]
    public async Task A_tertial_end_issues_one_frozen_report_and_its_notification()
    {
        const string k = "NO-1508";
        var today = Today(k);
        var basis = await PublishedEvaluation(k, today.AddDays(-60));
        var strategy = await NewStrategy(k, basis, today.AddDays(-30));
        var id = strategy.GetPrimaryKeyString();
        await As(() => strategy.ChooseFocusArea(new ChooseFocusArea(id, "8")));
        await Adopt(strategy, id, today);
        var followUp = Grains.GetGrain<IFollowUpGrain>(id);
        await followUp.Tick();

        // One jump over the tertial's end: a tick after downtime catches up the same as daily ticks.
        var tertialEnd = Tertials.EndOf(Today(k));
        fixture.Time.SetUtcNow(KommuneCalendar.StartOf(k, tertialEnd.AddDays(3)).AddHours(12));
        await followUp.Tick();
        await followUp.Tick();

        var reports = await Grains.GetGrain<IStrategyReportsGrain>(id).List();
        var report = Assert.Single(reports, r => r.AsOf == tertialEnd);
        Assert.Equal(ReportKind.Tertial, report.Kind);
        Assert.Equal($"{id}/tertial-report/{tertialEnd.Year}-T{Tertials.NumberOf(tertialEnd)}", report.Key);
        var issued = (await Grains.GetGrain<IInboxGrain>(k).List(500, null, false)).Items
            .Where(i => i.Notification.Kind == NotificationKind.TertialReportIssued).ToList();
        Assert.Equal(report.Key, Assert.Single(issued).Notification.Key);
    }

    [Fact]
    public async Task The_next_published_evaluation_fills_the_area_score_indicator()
    {
        const string k = "NO-1511";
        var today = Today(k);
        var basis = await PublishedEvaluation(k, today.AddDays(-400), system: 1);
        var strategy = await NewStrategy(k, basis, today.AddDays(-300));
        var id = strategy.GetPrimaryKeyString();
        await As(() => strategy.ChooseFocusArea(new ChooseFocusArea(id, "3")));
        var goalId = (await As(() => strategy.AddGoal(new AddGoal(id, "3", "Bedre styring")))).FocusAreas[0].Goals[0].Id;
        var subGoalId = (await As(() => strategy.AddSubGoal(new AddSubGoal(id, goalId, "Delmål")))).FocusAreas[0].Goals[0].SubGoals[0].Id;
        var withIndicator = await As(() => strategy.AddIndicator(new AddIndicator(id, subGoalId, IndicatorKind.AreaScore)));
        var indicator = withIndicator.FocusAreas[0].Goals[0].SubGoals[0].Indicators[0];
        Assert.Equal(basis.AreaScores.Single(a => a.Code == "3").Score, (int?)indicator.Baseline);
        Assert.Null(indicator.Value);

        var next = await PublishedEvaluation(k, today.AddDays(-1), system: 3);
        var expected = next.AreaScores.Single(a => a.Code == "3").Score;

        IndicatorView? filled = null;
        for (var i = 0; i < 100 && filled?.Value is null; i++)
        {
            filled = (await strategy.Get())!.FocusAreas[0].Goals[0].SubGoals[0].Indicators[0];
            if (filled.Value is null)
                await Task.Delay(100);
        }
        Assert.Equal(expected, (int?)filled!.Value);
        Assert.Equal(next.Id, filled.Measurements[0].EvaluationId);
        Assert.True(filled.Met);
    }

    [Fact]
    public async Task An_actions_older_log_lines_move_to_history_pages_and_the_hot_log_keeps_five()
    {
        const string k = "NO-1514";
        var today = Today(k);
        var basis = await PublishedEvaluation(k, today.AddDays(-60));
        var strategy = await NewStrategy(k, basis, today.AddDays(-30));
        var id = strategy.GetPrimaryKeyString();
        await As(() => strategy.ChooseFocusArea(new ChooseFocusArea(id, "3")));
        await As(() => strategy.AddGoal(new AddGoal(id, "3", "Mål")));
        await As(() => strategy.AddSubGoal(new AddSubGoal(id, "g1", "Delmål")));
        await As(() => strategy.AddAction(new AddAction(id, "s2", "Tiltak", "Rådmann", today.AddDays(-30), today.AddDays(100))));
        StrategyView view = null!;
        for (var i = 1; i <= 8; i++)
            view = await As(() => strategy.UpdateAction(new UpdateAction(id, "a3", Note: $"Notat {i}")));

        var action = view.FocusAreas[0].Goals[0].SubGoals[0].Actions[0];
        Assert.Equal(9, action.LogCount);
        Assert.Equal([5, 6, 7, 8, 9], action.Log.Select(l => l.Seq));
        var page = await Grains.GetGrain<IHistoryPageGrain>(Archive.PageKey(id, Strategy.LogStream("a3"), 0)).Get();
        Assert.Equal([1L, 2, 3, 4], page.Select(e => e.Seq));
        Assert.Contains("Notat 3", page[^1].Json);
    }

    [Fact]
    public async Task A_year_of_downtime_is_caught_up_in_one_tick_with_each_tertial_report_and_the_council_status_once()
    {
        const string k = "NO-1516";
        var adoptedOn = Today(k);
        var basis = await PublishedEvaluation(k, adoptedOn.AddDays(-60));
        var strategy = await NewStrategy(k, basis, adoptedOn.AddDays(-30));
        var id = strategy.GetPrimaryKeyString();
        await As(() => strategy.ChooseFocusArea(new ChooseFocusArea(id, "6")));
        await Adopt(strategy, id, adoptedOn);
        var followUp = Grains.GetGrain<IFollowUpGrain>(id);
        await followUp.Tick();

        // Nothing ticks for a year and a week; then two ticks (the second finds nothing new).
        fixture.Time.SetUtcNow(KommuneCalendar.StartOf(k, adoptedOn.AddYears(1).AddDays(7)).AddHours(12));
        var caughtUp = await followUp.Tick();
        await followUp.Tick();
        Assert.Equal(Today(k), caughtUp.ProcessedThrough);

        var reports = await Grains.GetGrain<IStrategyReportsGrain>(id).List();
        var tertialEnds = new List<DateOnly>();
        for (var end = Tertials.EndOf(adoptedOn); end < Today(k); end = Tertials.EndOf(end.AddDays(1)))
            tertialEnds.Add(end);
        Assert.Equal(tertialEnds, reports.Where(r => r.Kind == ReportKind.Tertial).Select(r => r.AsOf));
        var council = Assert.Single(reports, r => r.Kind == ReportKind.CouncilStatus);
        Assert.Equal(($"{id}/council-status/{adoptedOn.AddYears(1):yyyy-MM-dd}", adoptedOn.AddYears(1)), (council.Key, council.IssuedOn));

        var issued = (await Grains.GetGrain<IInboxGrain>(k).List(500, null, false)).Items.Select(i => i.Notification)
            .Where(n => n.Kind is NotificationKind.TertialReportIssued or NotificationKind.CouncilStatusIssued).Select(n => n.Key).ToList();
        Assert.Equal(reports.Select(r => r.Key).Order(StringComparer.Ordinal), issued.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_inbox_pages_on_past_its_hot_notifications_into_the_archived_ones()
    {
        const string k = "NO-1517";
        var inbox = Grains.GetGrain<IInboxGrain>(k);
        var day = Today(k);
        var total = NotificationInbox.MaxHot + 120;
        await inbox.Deliver([.. Enumerable.Range(1, total).Select(n => new NotificationMessage(
            $"{k}/strategy/2026-1/n{n}", NotificationKind.ActionDueSoon, k, $"{k}/strategy/2026-1", day, "a3", $"Tiltak {n}", day.AddDays(14)))]);

        // The oldest 120 move to history pages through durable delivery; then one listing reaches all of them.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        NotificationPage whole;
        while ((whole = await inbox.List(Kompass.Domain.Kommuner.Paging.MaxPageSize, null, false)).TotalCount < total && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        Assert.Equal(total, whole.TotalCount);

        var titles = new List<string>();
        string? after = null;
        NotificationPage page;
        do
        {
            page = await inbox.List(200, after, false);
            titles.AddRange(page.Items.Select(i => i.Notification.Title));
            after = page.Cursors[^1];
        } while (page.HasNextPage);
        Assert.Equal(Enumerable.Range(1, total).Reverse().Select(n => $"Tiltak {n}"), titles);
        Assert.Equal(NotificationInbox.MaxHot, (await inbox.List(500, null, true)).TotalCount); // archived ones are history, not unread
    }
}
