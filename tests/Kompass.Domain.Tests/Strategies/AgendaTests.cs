using System.Text.Json;
using Kompass.Domain.Strategies;
using static Kompass.Domain.Tests.Strategies.StrategyFixtures;

namespace Kompass.Domain.Tests.Strategies;

public sealed class AgendaTests
{
    private static Strategy WithWork()
    {
        var s = Adopted(); // a3 due 2023-06-30
        s.AddAction(SubGoalId, ActionIn(new DateOnly(2023, 2, 1), new DateOnly(2023, 3, 15), "Tidlig"), By, Now, null); // a4
        var done = s.AddAction(SubGoalId, ActionIn(new DateOnly(2023, 2, 1), new DateOnly(2023, 7, 10), "Ferdig"), By, Now, null); // a5
        s.UpdateAction(done.Id, new ActionUpdate { Status = ActionStatus.Done }, By, Now, null);
        s.AddRecurringActivity(new ActivityInput("Enhetsledermøte", "Kommunedirektør", new Recurrence(RecurrenceKind.Quarterly)), null); // r6
        s.RecordOccurrence("r6/2023-04-01", true, null, "Holdt", By, Oslo(2023, 4, 2), null);
        return s;
    }

    [Fact]
    public void The_agenda_shows_open_actions_due_in_the_window_the_overdue_ones_and_the_occurrences()
    {
        var s = WithWork();

        var agenda = StrategyAgenda.Of(s, new DateOnly(2023, 4, 1), new DateOnly(2023, 7, 31), new DateOnly(2023, 4, 2));

        Assert.Equal(["a3"], agenda.Due.Select(a => a.Placed.Action.Id)); // a5 is done
        Assert.Equal(["a4"], agenda.Overdue.Select(a => a.Placed.Action.Id));
        Assert.Equal(["r6/2023-04-01", "r6/2023-07-01"], agenda.Occurrences.Select(o => o.Occurrence.Id));
        Assert.True(agenda.Occurrences[0].Record!.Held);
        Assert.Null(agenda.Occurrences[1].Record);
        Assert.Equal(("3", "g1", "s2"), (agenda.Due[0].Placed.AreaCode, agenda.Due[0].Placed.GoalId, agenda.Due[0].Placed.SubGoalId));
        Assert.All(agenda.Due, a => Assert.Equal(Id, a.StrategyId));
    }

    [Fact]
    public void An_action_due_in_the_window_and_already_late_is_marked_overdue()
    {
        var s = WithWork();

        var agenda = StrategyAgenda.Of(s, new DateOnly(2023, 3, 1), new DateOnly(2023, 3, 31), new DateOnly(2023, 4, 2));

        Assert.True(Assert.Single(agenda.Due).Overdue);
    }

    [Theory]
    [InlineData("2023-04-01", "2023-03-31")]
    [InlineData("2023-01-01", "2024-01-02")]
    public void A_backwards_or_too_wide_window_is_rejected(string from, string to)
    {
        var e = Assert.Throws<DomainException>(() => StrategyAgenda.Of(WithWork(), DateOnly.Parse(from), DateOnly.Parse(to), new DateOnly(2023, 4, 2)));
        Assert.Equal((ErrorKind.Validation, "to"), (e.Code, e.Field));
    }

    [Fact]
    public void Views_show_overdue_in_place_of_the_open_statuses()
    {
        var s = WithWork();
        var today = new DateOnly(2023, 7, 11);

        var statuses = s.Actions().Select(p => Strategy.ViewStatus(p.Action, today)).ToList();

        Assert.Equal([ActionStatusView.Overdue, ActionStatusView.Overdue, ActionStatusView.Done], statuses);
        Assert.Equal(ActionStatusView.NotStarted, Strategy.ViewStatus(s.FindAction("a3").Action, new DateOnly(2023, 6, 30)));
        s.UpdateAction("a3", new ActionUpdate { Status = ActionStatus.Cancelled }, By, Now, null);
        s.UpdateAction("a4", new ActionUpdate { Status = ActionStatus.InProgress }, By, Now, null);
        Assert.Equal(ActionStatusView.Cancelled, Strategy.ViewStatus(s.FindAction("a3").Action, today));
        Assert.Equal(ActionStatusView.InProgress, Strategy.ViewStatus(s.FindAction("a4").Action, new DateOnly(2023, 3, 15)));
    }

    [Fact]
    public void Outboxes_survive_a_json_round_trip()
    {
        var s = WithWork();
        for (var n = 0; n < 8; n++)
            s.UpdateAction("a3", new ActionUpdate { Note = $"n{n}" }, By, Now, null);
        var inbox = new NotificationInbox(new InboxState());
        inbox.Deliver(KommuneId, [.. Enumerable.Range(0, NotificationInbox.MaxHot + 3).Select(n =>
            new Notification($"k{n}", NotificationKind.OccurrenceUpcoming, KommuneId, Id, new DateOnly(2023, 1, 1), "r6/2023-04-01", "Møte", new DateOnly(2023, 4, 1)))], Now);
        inbox.Acknowledge("k502", By, Now);

        var strategyJson = Snapshot(s.State);
        var inboxJson = JsonSerializer.Serialize(inbox.State, Json);

        Assert.NotEmpty(s.State.PendingLogArchive);
        Assert.Equal(strategyJson, Snapshot(JsonSerializer.Deserialize<StrategyState>(strategyJson, Json)!));
        Assert.Equal(inboxJson, JsonSerializer.Serialize(JsonSerializer.Deserialize<InboxState>(inboxJson, Json), Json));
        Assert.Contains("\"pendingArchive\"", inboxJson);
    }

    [Fact]
    public void A_framework_with_more_than_eight_areas_still_allows_only_eight_focus_areas()
    {
        var framework = TestFrameworks.Tiny([.. Enumerable.Range(1, 9).Select(n => TestFrameworks.FlatArea(n.ToString()))]);
        var s = Strategy.Create(new StrategyState(), Id, Basis() with { Framework = framework }, "Strategi", null, PeriodStart, PeriodEnd, By, Now);
        for (var n = 1; n <= 8; n++)
            s.ChooseFocusArea(n.ToString(), null);

        Rejected(s, () => s.ChooseFocusArea("9", null), ErrorKind.Validation, "focusAreas");
    }
}
