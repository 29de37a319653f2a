using Kompass.Domain.Strategies;
using static Kompass.Domain.Tests.Strategies.StrategyFixtures;

namespace Kompass.Domain.Tests.Strategies;

public sealed class ActionTests
{
    private static (Strategy Strategy, ActionState Action) WithAction()
    {
        var s = Planned();
        return (s, s.AddAction(SubGoalId, ActionIn(), By, Now, null));
    }

    [Fact]
    public void An_action_starts_not_started_at_0_percent_with_a_created_log_entry()
    {
        var (_, a) = WithAction();

        Assert.Equal("a3", a.Id);
        Assert.Equal(ActionStatus.NotStarted, a.Status);
        Assert.Equal(0, a.PercentComplete);
        Assert.Equal(("Kommunedirektør", "Stab"), (a.Owner, a.ResponsibleUnit));
        var entry = Assert.Single(a.Log);
        Assert.Equal((1, By, Now), (entry.Seq, entry.By, entry.At));
        Assert.Contains("created", entry.What);
    }

    [Theory]
    [InlineData("2022-12-31", "2023-06-30", "startDate")]
    [InlineData("2023-02-01", "2026-01-01", "dueDate")]
    [InlineData("2026-01-01", "2026-01-02", "startDate")]
    [InlineData("2023-02-01", "2022-12-31", "dueDate")]
    [InlineData("2023-06-01", "2023-05-31", "dueDate")]
    public void Dates_outside_the_period_or_backwards_are_rejected(string start, string due, string field)
    {
        var s = Planned();
        Rejected(s, () => s.AddAction(SubGoalId, ActionIn(DateOnly.Parse(start), DateOnly.Parse(due)), By, Now, null), ErrorKind.Validation, field);
    }

    [Fact]
    public void Title_owner_and_sub_goal_are_required()
    {
        var s = Planned();
        Rejected(s, () => s.AddAction(SubGoalId, ActionIn(title: " "), By, Now, null), ErrorKind.Validation, "title");
        Rejected(s, () => s.AddAction(SubGoalId, ActionIn() with { Owner = "" }, By, Now, null), ErrorKind.Validation, "owner");
        Rejected(s, () => s.AddAction(SubGoalId, ActionIn() with { ResponsibleUnit = new string('x', 201) }, By, Now, null), ErrorKind.Validation, "responsibleUnit");
        Rejected(s, () => s.AddAction("s99", ActionIn(), By, Now, null), ErrorKind.NotFound, "subGoalId");
        Rejected(s, () => s.AddAction(SubGoalId, ActionIn(), "", Now, null), ErrorKind.Unauthenticated, null);
    }

    [Fact]
    public void An_update_changes_only_what_is_given_and_logs_who_and_what()
    {
        var (s, a) = WithAction();
        var at = Oslo(2023, 3, 1);

        s.UpdateAction(a.Id, new ActionUpdate { Status = ActionStatus.InProgress, PercentComplete = 30, Note = "Utkast sendt" }, "ola", at, null);

        Assert.Equal((ActionStatus.InProgress, 30, "Revidere delegasjonsreglementet"), (a.Status, a.PercentComplete, a.Title));
        var entry = a.Log[^1];
        Assert.Equal((2, "ola", at), (entry.Seq, entry.By, entry.At));
        Assert.Equal("status NOT_STARTED -> IN_PROGRESS; percentComplete 0 -> 30; note: Utkast sendt", entry.What);
    }

    [Fact]
    public void The_owners_subject_is_kept_changed_and_logged()
    {
        var s = Planned();
        var a = s.AddAction(SubGoalId, ActionIn() with { OwnerSubject = " user-17 " }, By, Now, null);
        Assert.Equal("user-17", a.OwnerSubject);

        s.UpdateAction(a.Id, new ActionUpdate { OwnerSubject = "user-42" }, "ola", Now, null);
        Assert.Equal("user-42", a.OwnerSubject);
        Assert.Contains("ownerSubject user-17 -> user-42", a.Log[^1].What);

        s.UpdateAction(a.Id, new ActionUpdate { OwnerSubject = "" }, "ola", Now, null);
        Assert.Null(a.OwnerSubject);
        Rejected(s, () => s.UpdateAction(a.Id, new ActionUpdate { OwnerSubject = new string('x', 201) }, "ola", Now, null),
            ErrorKind.Validation, "ownerSubject");
    }

    [Fact]
    public void Done_means_100_percent_and_records_the_day()
    {
        var (s, a) = WithAction();

        s.UpdateAction(a.Id, new ActionUpdate { Status = ActionStatus.Done }, By, Oslo(2023, 5, 2), null);

        Assert.Equal(100, a.PercentComplete);
        Assert.Equal(new DateOnly(2023, 5, 2), a.CompletedOn);
    }

    [Fact]
    public void Done_with_another_percent_is_rejected()
    {
        var (s, a) = WithAction();
        Rejected(s, () => s.UpdateAction(a.Id, new ActionUpdate { Status = ActionStatus.Done, PercentComplete = 90 }, By, Now, null),
            ErrorKind.Validation, "percentComplete");
    }

    [Fact]
    public void Reopening_a_done_action_clears_its_completion_day()
    {
        var (s, a) = WithAction();
        s.UpdateAction(a.Id, new ActionUpdate { Status = ActionStatus.Done }, By, Now, null);

        s.UpdateAction(a.Id, new ActionUpdate { Status = ActionStatus.InProgress, PercentComplete = 80 }, By, Now, null);

        Assert.Null(a.CompletedOn);
        Assert.Equal(80, a.PercentComplete);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void Percent_outside_0_to_100_is_rejected(int percent)
    {
        var (s, a) = WithAction();
        Rejected(s, () => s.UpdateAction(a.Id, new ActionUpdate { PercentComplete = percent }, By, Now, null), ErrorKind.Validation, "percentComplete");
    }

    [Fact]
    public void Moving_the_due_date_needs_a_reason_and_logs_it()
    {
        var (s, a) = WithAction();
        Rejected(s, () => s.UpdateAction(a.Id, new ActionUpdate { DueDate = new DateOnly(2023, 9, 30) }, By, Now, null),
            ErrorKind.Validation, "dueDateReason");

        s.UpdateAction(a.Id, new ActionUpdate { DueDate = new DateOnly(2023, 9, 30), DueDateReason = "Venter på ny politisk struktur" }, By, Now, null);

        Assert.Equal(new DateOnly(2023, 9, 30), a.DueDate);
        Assert.Equal("dueDate 2023-06-30 -> 2023-09-30 (reason: Venter på ny politisk struktur)", a.Log[^1].What);
    }

    [Fact]
    public void A_reason_without_a_new_due_date_is_rejected()
    {
        var (s, a) = WithAction();
        Rejected(s, () => s.UpdateAction(a.Id, new ActionUpdate { DueDate = a.DueDate, DueDateReason = "Ingen endring" }, By, Now, null),
            ErrorKind.Validation, "dueDateReason");
    }

    [Fact]
    public void A_new_due_date_stays_inside_the_period_and_after_the_start()
    {
        var (s, a) = WithAction();
        Rejected(s, () => s.UpdateAction(a.Id, new ActionUpdate { DueDate = new DateOnly(2026, 1, 1), DueDateReason = "x" }, By, Now, null),
            ErrorKind.Validation, "dueDate");
        Rejected(s, () => s.UpdateAction(a.Id, new ActionUpdate { StartDate = new DateOnly(2023, 7, 1) }, By, Now, null),
            ErrorKind.Validation, "dueDate");
    }

    [Fact]
    public void An_update_that_changes_nothing_is_rejected_but_a_note_alone_is_logged()
    {
        var (s, a) = WithAction();
        Rejected(s, () => s.UpdateAction(a.Id, new ActionUpdate { Title = a.Title, PercentComplete = 0 }, By, Now, null), ErrorKind.Validation, "note");

        s.UpdateAction(a.Id, new ActionUpdate { Note = "Møte med ordfører" }, By, Now, null);

        Assert.Equal("note: Møte med ordfører", a.Log[^1].What);
    }

    [Fact]
    public void Unknown_actions_and_callers_are_rejected()
    {
        var (s, a) = WithAction();
        Rejected(s, () => s.UpdateAction("a99", new ActionUpdate { Note = "x" }, By, Now, null), ErrorKind.NotFound, "actionId");
        Rejected(s, () => s.UpdateAction(a.Id, new ActionUpdate { Note = "x" }, " ", Now, null), ErrorKind.Unauthenticated, null);
        Rejected(s, () => s.UpdateAction(a.Id, new ActionUpdate { Status = (ActionStatus)9 }, By, Now, null), ErrorKind.Validation, "status");
        Rejected(s, () => s.UpdateAction(a.Id, new ActionUpdate { Owner = " " }, By, Now, null), ErrorKind.Validation, "owner");
    }

    [Fact]
    public void The_log_keeps_the_newest_entries_and_hands_older_ones_to_the_archive()
    {
        var (s, a) = WithAction();
        for (var n = 1; n <= 30; n++)
            s.UpdateAction(a.Id, new ActionUpdate { Note = $"oppdatering {n}" }, By, Now, null);

        var kept = StrategyLimits.MaxLogEntriesInState;
        Assert.Equal(31, a.LogCount);
        Assert.Equal(kept, a.Log.Count);
        Assert.Equal(Enumerable.Range(32 - kept, kept), a.Log.Select(e => e.Seq));
        Assert.Equal("note: oppdatering 30", a.Log[^1].What);
        var batch = Assert.Single(s.State.PendingLogArchive);
        Assert.Equal(("log/a3", 1L, 31L - kept), (batch.Stream, batch.FirstSeq, batch.LastSeq));
        Assert.Equal(Enumerable.Range(1, 31 - kept), batch.Items.Select(e => e.Seq));
        Assert.Equal($"log/a3/1-{31 - kept}", ArchivedBatch<ActionLogEntry>.IdOf(batch));
    }

    [Fact]
    public void Archived_batches_never_straddle_a_page()
    {
        var (s, a) = WithAction();
        for (var n = 1; n <= Archive.PageSize + 10; n++)
            s.UpdateAction(a.Id, new ActionUpdate { Note = $"n{n}" }, By, Now, null);

        Assert.Equal([$"log/a3/1-{Archive.PageSize}", $"log/a3/{Archive.PageSize + 1}-{Archive.PageSize + 11 - StrategyLimits.MaxLogEntriesInState}"],
            s.State.PendingLogArchive.Select(ArchivedBatch<ActionLogEntry>.IdOf));
    }

    [Fact]
    public void Confirmed_batches_leave_the_outbox()
    {
        var (s, a) = WithAction();
        for (var n = 1; n <= 25; n++)
            s.UpdateAction(a.Id, new ActionUpdate { Note = $"n{n}" }, By, Now, null);
        var ids = s.State.PendingLogArchive.Select(ArchivedBatch<ActionLogEntry>.IdOf).ToList();

        Assert.Equal(1, s.ConfirmArchived([.. ids, "log/a3/999-1000"]));
        Assert.Empty(s.State.PendingLogArchive);
        Assert.Equal(0, s.ConfirmArchived(ids));
    }

    [Fact]
    public void Batches_of_several_actions_are_kept_apart()
    {
        var s = Planned();
        var a = s.AddAction(SubGoalId, ActionIn(), By, Now, null);
        var b = s.AddAction(SubGoalId, ActionIn(title: "Temamøter"), By, Now, null);
        for (var n = 0; n <= StrategyLimits.MaxLogEntriesInState; n++)
        {
            s.UpdateAction(a.Id, new ActionUpdate { Note = $"a{n}" }, By, Now, null);
            s.UpdateAction(b.Id, new ActionUpdate { Note = $"b{n}" }, By, Now, null);
        }

        Assert.Equal(["log/a3/1-1", "log/a4/1-1", "log/a3/2-2", "log/a4/2-2"], s.State.PendingLogArchive.Select(ArchivedBatch<ActionLogEntry>.IdOf));
    }

    [Fact]
    public void Updates_wait_when_the_history_store_has_not_taken_the_archive()
    {
        var (s, a) = WithAction();
        s.State.PendingLogArchive.Add(new ArchivedBatch<ActionLogEntry>("log/x", 1, StrategyLimits.MaxPendingArchivedEntries,
            [.. Enumerable.Range(1, StrategyLimits.MaxPendingArchivedEntries).Select(n => new ActionLogEntry(n, Now, By, "old"))]));

        Rejected(s, () => s.UpdateAction(a.Id, new ActionUpdate { Note = "x" }, By, Now, null), ErrorKind.Conflict, null);
    }

    [Fact]
    public void Overdue_is_past_due_in_the_kommunes_local_date_and_not_done_or_cancelled()
    {
        var (s, a) = WithAction(); // due 2023-06-30

        // 23:30 UTC on 30 June is 01:30 on 1 July in Oslo: overdue there, though still 30 June in UTC.
        Assert.True(s.IsOverdue(a, new DateTimeOffset(2023, 6, 30, 23, 30, 0, TimeSpan.Zero)));
        Assert.False(s.IsOverdue(a, new DateTimeOffset(2023, 6, 30, 21, 30, 0, TimeSpan.Zero)));
        s.UpdateAction(a.Id, new ActionUpdate { Status = ActionStatus.Cancelled }, By, Now, null);
        Assert.False(s.IsOverdue(a, Oslo(2023, 8, 1)));
        s.UpdateAction(a.Id, new ActionUpdate { Status = ActionStatus.Done }, By, Now, null);
        Assert.False(s.IsOverdue(a, Oslo(2023, 8, 1)));
    }

    [Fact]
    public void Swedish_kommuner_use_stockholm_time()
    {
        Assert.Equal("Europe/Stockholm", KommuneCalendar.TimeZoneOf("SE-0115/strategy/2023-1").Id);
        Assert.Equal("Europe/Oslo", KommuneCalendar.TimeZoneOf("NO-5034").Id);
        Assert.Equal(new DateOnly(2024, 1, 1), KommuneCalendar.Today("SE-0115", new DateTimeOffset(2023, 12, 31, 23, 30, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2024, 6, 30, 22, 0, 0, TimeSpan.Zero), KommuneCalendar.StartOf("NO-5034", new DateOnly(2024, 7, 1)));
    }

    [Fact]
    public void Five_hundred_actions_fit_and_the_limits_hold()
    {
        var s = Planned();
        var goal = s.Goals().First();
        var subs = Enumerable.Range(0, 6).Select(n => s.AddSubGoal(goal.Id, $"Delmål {n}", null, null)).ToList();
        for (var n = 0; n < 500; n++)
            s.AddAction(subs[n % subs.Count].Id, ActionIn(title: $"Tiltak {n}"), By, Now, null);
        Assert.Equal(500, s.Actions().Count());

        var full = subs[0];
        while (full.Actions.Count < StrategyLimits.MaxActionsPerSubGoal)
            s.AddAction(full.Id, ActionIn(), By, Now, null);
        Rejected(s, () => s.AddAction(full.Id, ActionIn(), By, Now, null), ErrorKind.Validation, "actions");

        var more = Enumerable.Range(0, 3).Select(n => s.AddSubGoal(goal.Id, $"Ekstra {n}", null, null)).ToList();
        var i = 0;
        while (s.Actions().Count() < StrategyLimits.MaxActions)
            s.AddAction(more[i++ % more.Count].Id, ActionIn(), By, Now, null);
        Rejected(s, () => s.AddAction(SubGoalId, ActionIn(), By, Now, null), ErrorKind.Validation, "actions");
    }
}
