using HistoryEntry = Kompass.Contracts.Strategies.HistoryEntry;
using Kompass.Domain.Frameworks;
using Kompass.Domain.Strategies;
using Kompass.Grains.Strategies;
using Kompass.Storage;

namespace Kompass.Grains.Tests;

/// <summary>
/// The strategy grains' states survive the JSON storage serializer unchanged (the memory provider of the
/// other tests never reads them back from JSON): a strategy with logs archived, a follow-up holding a
/// year's undelivered batch, an inbox past its hot limit, reports, a history page.
/// </summary>
public sealed class StrategyStateStorageTests
{
    private static readonly FrameworkDefinition V2020 = FrameworkCatalogue.LoadDirectory(FrameworkCatalogue.DefaultDirectory).Get("2020");
    private static readonly DateTimeOffset Now = new(2024, 1, 10, 9, 0, 0, TimeSpan.Zero);

    private static T RoundTrip<T>(T state)
    {
        var serializer = new KompassJsonGrainStorageSerializer();
        var first = serializer.Serialize(state);
        var back = serializer.Deserialize<T>(first);
        Assert.Equal(first.ToString(), serializer.Serialize(back).ToString());
        return back;
    }

    private static Strategy Planned()
    {
        var basis = new StrategyBasis("NO-1531/eval/2023-1", "NO-1531", V2020, true, new DateOnly(2023, 5, 1),
            new Dictionary<string, int> { ["3"] = 60 }, new Dictionary<string, IReadOnlyList<string>> { ["3"] = ["Delegasjon"] });
        var s = Strategy.Create(new StrategyState(), "NO-1531/strategy/2023-1", basis, "Strategi", null, new DateOnly(2023, 9, 1), new DateOnly(2026, 8, 31), "ola", Now);
        s.ChooseFocusArea("3", null);
        var goal = s.AddGoal("3", "Mål", null, null);
        var sub = s.AddSubGoal(goal.Id, "Delmål", null, null);
        s.AddIndicator(sub.Id, new IndicatorInput(IndicatorKind.AreaScore, Target: 70), null);
        s.AddIndicator(sub.Id, new IndicatorInput(IndicatorKind.Measure, "Sykefravær", "%", 7.5m, 6.0m, new DateOnly(2024, 12, 31)), null);
        var action = s.AddAction(sub.Id, new ActionInput("Tiltak", null, "Rådmann", null, new DateOnly(2023, 9, 1), new DateOnly(2023, 12, 1), "user-1"), "ola", Now, null);
        for (var i = 0; i < 8; i++)
            s.UpdateAction(action.Id, new ActionUpdate { Note = $"notat {i}" }, "ola", Now, null);
        s.AddRecurringActivity(new ActivityInput("Møte", "Rådmann", new Recurrence(RecurrenceKind.Cron, "0 9 * * MON#1")), null);
        s.Adopt(new Adoption("Kommunestyret", new DateOnly(2023, 9, 1), "K-sak 1/23", "Vedtatt"), Now, null);
        return s;
    }

    [Fact]
    public void Strategy_follow_up_inbox_reports_and_history_states_round_trip_through_the_storage_serializer()
    {
        var strategy = Planned();
        Assert.NotEmpty(strategy.State.PendingLogArchive);
        var stored = RoundTrip(new StrategyGrainState { Strategy = strategy.State, RequestKeys = ["k1"], ArchiveVersion = 2 });
        Assert.Equal(strategy.State.Version, stored.Strategy.Version);

        var followUp = new FollowUpState();
        FollowUp.Start(followUp, strategy.State, new DateTimeOffset(2023, 9, 1, 8, 0, 0, TimeSpan.Zero));
        var batch = new FollowUp(followUp).CatchUp(strategy.State, new DateTimeOffset(2024, 9, 5, 8, 0, 0, TimeSpan.Zero));
        Assert.NotEmpty(batch.Reports);
        var pending = RoundTrip(new FollowUpGrainState
        {
            FollowUp = followUp, PendingNotifications = [.. batch.Notifications], PendingReports = [.. batch.Reports], BatchVersion = 1,
        });
        Assert.Equal(batch.Reports.Count, pending.PendingReports.Count);

        var inbox = new InboxGrainState();
        var many = Enumerable.Range(1, 520).Select(i => batch.Notifications[0] with { Key = $"{batch.Notifications[0].Key}/{i}" }).ToList();
        new NotificationInbox(inbox.Inbox).Deliver("NO-1531", many, Now);
        new NotificationInbox(inbox.Inbox).Acknowledge(many[^1].Key, "ola", Now);
        Assert.NotEmpty(inbox.Inbox.PendingArchive);
        Assert.Equal(NotificationInbox.MaxHot, RoundTrip(inbox).Inbox.Items.Count);

        var reports = new StrategyReportsState();
        foreach (var report in batch.Reports)
            new StrategyReports(reports).Add(report.ToView().ToDomain());
        Assert.Equal(batch.Reports.Select(r => r.Key), RoundTrip(reports).Reports.Select(r => r.Key));

        var page = new ArchivePageState<HistoryEntry>();
        Archive.Append(page, "log/a5", 0, [new HistoryEntry(1, "{}"), new HistoryEntry(2, "{}")], e => e.Seq);
        Assert.Equal(2, RoundTrip(page).Items.Count);
    }
}
