using System.Text.Json;
using Kompass.Domain.Strategies;
using static Kompass.Domain.Tests.Strategies.StrategyFixtures;

namespace Kompass.Domain.Tests.Strategies;

/// <summary>The catch-up's rules one at a time; <see cref="StrategyLifeTests"/> lives through a whole strategy.</summary>
public sealed class FollowUpTests
{
    // Adopted(): action a3 due 2023-06-30, adopted 2023-01-05, period 2023-2025; followed from 2023-01-10.
    private static (Strategy S, FollowUp F) Followed()
    {
        var s = Adopted();
        return (s, FollowUp.Start(new FollowUpState(), s.State, Now));
    }

    /// <summary>Catches up to <paramref name="now"/> however many calls it takes, as the grain's tick does.</summary>
    internal static FollowUpBatch CatchUpAll(FollowUp f, StrategyState s, DateTimeOffset now)
    {
        var notifications = new List<Notification>();
        var reports = new List<StrategyReport>();
        FollowUpBatch batch;
        DateOnly? from = null;
        do
        {
            batch = f.CatchUp(s, now);
            from ??= batch.From;
            notifications.AddRange(batch.Notifications);
            reports.AddRange(batch.Reports);
        } while (batch.MoreToCatchUp);
        return batch with { From = from, Notifications = notifications, Reports = reports };
    }

    private static List<(NotificationKind Kind, string Subject, DateOnly On)> Seen(FollowUpBatch batch, params NotificationKind[] kinds) =>
        [.. batch.Notifications.Where(n => kinds.Length == 0 || kinds.Contains(n.Kind)).Select(n => (n.Kind, n.SubjectId, n.On))];

    [Fact]
    public void Start_follows_an_adopted_strategy_from_the_kommunes_today()
    {
        var (_, f) = Followed();

        Assert.Equal((Id, KommuneId, new DateOnly(2023, 1, 10), new DateOnly(2023, 1, 9)),
            (f.State.StrategyId, f.State.KommuneId, f.State.StartedOn, f.State.ProcessedThrough));
        Assert.Equal(14, f.State.Settings.LeadTimeDays);
    }

    [Fact]
    public void Start_refuses_a_draft_and_is_idempotent()
    {
        var draft = Planned();
        Assert.Equal(ErrorKind.Conflict, Assert.Throws<DomainException>(() => FollowUp.Start(new FollowUpState(), draft.State, Now)).Code);

        var (s, f) = Followed();
        FollowUp.Start(f.State, s.State, Oslo(2023, 3, 1));
        Assert.Equal(new DateOnly(2023, 1, 10), f.State.StartedOn);
        var other = Adopted();
        other.State.Id = "NO-5034/strategy/2023-2";
        Assert.Equal(ErrorKind.Conflict, Assert.Throws<DomainException>(() => FollowUp.Start(f.State, other.State, Now)).Code);
    }

    [Fact]
    public void Due_soon_comes_once_on_the_first_day_inside_the_lead_time()
    {
        var (s, f) = Followed();

        Assert.Empty(Seen(f.CatchUp(s.State, Oslo(2023, 6, 15)), NotificationKind.ActionDueSoon));
        var batch = f.CatchUp(s.State, Oslo(2023, 6, 16));
        Assert.Empty(Seen(f.CatchUp(s.State, Oslo(2023, 6, 29)), NotificationKind.ActionDueSoon));

        var n = Assert.Single(batch.Notifications);
        Assert.Equal((NotificationKind.ActionDueSoon, "a3", new DateOnly(2023, 6, 16), new DateOnly(2023, 6, 30)), (n.Kind, n.SubjectId, n.On, n.SubjectDate));
        Assert.Equal($"{Id}/action-due-soon/a3/2023-06-30", n.Key);
        Assert.Equal((KommuneId, Id, "Revidere delegasjonsreglementet"), (n.KommuneId, n.StrategyId, n.Title));
    }

    [Fact]
    public void Overdue_comes_once_the_day_after_the_due_date()
    {
        var (s, f) = Followed();
        f.CatchUp(s.State, Oslo(2023, 6, 30));

        var batch = f.CatchUp(s.State, Oslo(2023, 7, 1));
        var later = f.CatchUp(s.State, Oslo(2023, 12, 1));

        Assert.Equal([(NotificationKind.ActionOverdue, "a3", new DateOnly(2023, 7, 1))], Seen(batch));
        Assert.Equal($"{Id}/action-overdue/a3/2023-06-30", batch.Notifications[0].Key);
        Assert.Empty(Seen(later, NotificationKind.ActionOverdue, NotificationKind.ActionDueSoon));
    }

    [Fact]
    public void Overdue_follows_the_kommunes_midnight_not_utc()
    {
        var (s, f) = Followed();
        f.CatchUp(s.State, Oslo(2023, 6, 30));

        // 23:30 UTC on 30 June is 01:30 on 1 July in Oslo.
        var batch = f.CatchUp(s.State, new DateTimeOffset(2023, 6, 30, 23, 30, 0, TimeSpan.Zero));

        Assert.Equal([(NotificationKind.ActionOverdue, "a3", new DateOnly(2023, 7, 1))], Seen(batch));
    }

    [Fact]
    public void A_week_of_downtime_raises_each_notification_on_its_own_day()
    {
        var (s, f) = Followed();
        f.CatchUp(s.State, Oslo(2023, 6, 10));

        var batch = f.CatchUp(s.State, Oslo(2023, 7, 5));

        Assert.Equal([(NotificationKind.ActionDueSoon, "a3", new DateOnly(2023, 6, 16)), (NotificationKind.ActionOverdue, "a3", new DateOnly(2023, 7, 1))],
            Seen(batch, NotificationKind.ActionDueSoon, NotificationKind.ActionOverdue));
        Assert.Equal((new DateOnly(2023, 6, 11), new DateOnly(2023, 7, 5)), (batch.From!.Value, batch.Through!.Value));
    }

    [Fact]
    public void Downtime_past_the_due_date_skips_due_soon_and_raises_overdue()
    {
        var (s, f) = Followed();
        f.CatchUp(s.State, Oslo(2023, 6, 1));
        f.State.ProcessedThrough = new DateOnly(2023, 6, 30); // as if the days up to the due date had passed with the action out of the window

        Assert.Equal([(NotificationKind.ActionOverdue, "a3", new DateOnly(2023, 7, 1))], Seen(f.CatchUp(s.State, Oslo(2023, 7, 3))));
    }

    [Fact]
    public void Done_and_cancelled_actions_raise_nothing()
    {
        var (s, f) = Followed();
        s.UpdateAction("a3", new ActionUpdate { Status = ActionStatus.Done }, By, Oslo(2023, 6, 1), null);

        Assert.Empty(Seen(f.CatchUp(s.State, Oslo(2023, 8, 1)), NotificationKind.ActionDueSoon, NotificationKind.ActionOverdue));
    }

    [Fact]
    public void A_moved_due_date_is_announced_again_and_a_reopened_action_is_not()
    {
        var (s, f) = Followed();
        f.CatchUp(s.State, Oslo(2023, 6, 20)); // due soon for 30 June raised
        s.UpdateAction("a3", new ActionUpdate { DueDate = new DateOnly(2023, 9, 30), DueDateReason = "Høring" }, By, Oslo(2023, 6, 20), null);

        var batch = f.CatchUp(s.State, Oslo(2023, 10, 2));
        s.UpdateAction("a3", new ActionUpdate { Status = ActionStatus.Done }, By, Oslo(2023, 10, 2), null);
        f.CatchUp(s.State, Oslo(2023, 10, 3));
        s.UpdateAction("a3", new ActionUpdate { Status = ActionStatus.InProgress }, By, Oslo(2023, 10, 4), null);

        Assert.Equal([(NotificationKind.ActionDueSoon, "a3", new DateOnly(2023, 9, 16)), (NotificationKind.ActionOverdue, "a3", new DateOnly(2023, 10, 1))],
            Seen(batch, NotificationKind.ActionDueSoon, NotificationKind.ActionOverdue));
        Assert.Empty(Seen(f.CatchUp(s.State, Oslo(2023, 10, 10)), NotificationKind.ActionOverdue));
    }

    [Fact]
    public void An_action_added_already_late_is_announced_on_the_next_catch_up()
    {
        var (s, f) = Followed();
        f.CatchUp(s.State, Oslo(2023, 3, 1));
        var late = s.AddAction(SubGoalId, ActionIn(new DateOnly(2023, 1, 15), new DateOnly(2023, 2, 15), "Glemt tiltak"), By, Oslo(2023, 3, 1), null);

        Assert.Equal([(NotificationKind.ActionOverdue, late.Id, new DateOnly(2023, 3, 2))], Seen(f.CatchUp(s.State, Oslo(2023, 3, 2))));
    }

    [Fact]
    public void Occurrences_are_announced_a_lead_ahead_and_missed_after_the_grace()
    {
        var (s, f) = Followed();
        var r = s.AddRecurringActivity(new ActivityInput("Koordineringsmøte", "Kommunedirektør", new Recurrence(RecurrenceKind.HalfYearly),
            new DateOnly(2023, 3, 15)), null);

        var batch = f.CatchUp(s.State, Oslo(2023, 3, 24));

        var upcoming = Assert.Single(batch.Notifications, n => n.Kind == NotificationKind.OccurrenceUpcoming);
        var missed = Assert.Single(batch.Notifications, n => n.Kind == NotificationKind.OccurrenceMissed);
        Assert.Equal(($"{Id}/occurrence-upcoming/{r.Id}/2023-03-15", new DateOnly(2023, 3, 8)), (upcoming.Key, upcoming.On));
        Assert.Equal(($"{Id}/occurrence-missed/{r.Id}/2023-03-15", new DateOnly(2023, 3, 23)), (missed.Key, missed.On));
        Assert.Equal(("Koordineringsmøte", new DateOnly(2023, 3, 15)), (missed.Title, missed.SubjectDate));
    }

    [Fact]
    public void A_held_occurrence_is_not_missed_and_a_recorded_one_not_announced()
    {
        var (s, f) = Followed();
        var r = s.AddRecurringActivity(new ActivityInput("Møte", "Leder", new Recurrence(RecurrenceKind.HalfYearly), new DateOnly(2023, 3, 15)), null);
        f.CatchUp(s.State, Oslo(2023, 3, 15));
        s.RecordOccurrence($"{r.Id}/2023-03-15", true, null, null, By, Oslo(2023, 3, 15), null);
        s.RecordOccurrence($"{r.Id}/2023-09-15", true, new DateOnly(2023, 9, 1), "Tidlig", By, Oslo(2023, 9, 1), null);

        Assert.Empty(Seen(f.CatchUp(s.State, Oslo(2023, 12, 1)), NotificationKind.OccurrenceMissed, NotificationKind.OccurrenceUpcoming));
    }

    [Fact]
    public void An_occurrence_recorded_missed_is_reported_missed()
    {
        var (s, f) = Followed();
        var r = s.AddRecurringActivity(new ActivityInput("Møte", "Leder", new Recurrence(RecurrenceKind.HalfYearly), new DateOnly(2023, 3, 15)), null);
        s.RecordOccurrence($"{r.Id}/2023-03-15", false, null, "Avlyst", By, Oslo(2023, 3, 16), null);

        Assert.Single(Seen(f.CatchUp(s.State, Oslo(2023, 4, 1)), NotificationKind.OccurrenceMissed));
    }

    [Fact]
    public void An_occurrence_already_close_when_the_follow_up_starts_is_announced_on_its_first_day()
    {
        var s = Adopted();
        s.AddRecurringActivity(new ActivityInput("Møte", "Leder", new Recurrence(RecurrenceKind.Yearly), new DateOnly(2023, 1, 12)), null);
        var f = FollowUp.Start(new FollowUpState(), s.State, Now);

        Assert.Equal([(NotificationKind.OccurrenceUpcoming, "r4/2023-01-12", new DateOnly(2023, 1, 10))],
            Seen(f.CatchUp(s.State, Now), NotificationKind.OccurrenceUpcoming));
    }

    [Fact]
    public void An_unmet_target_is_raised_the_day_after_its_date_and_a_met_one_is_not()
    {
        var (s, f) = Followed();
        var unmet = s.AddIndicator(SubGoalId, new IndicatorInput(IndicatorKind.Measure, "Sykefravær", "%", 7.5m, 6.0m, new DateOnly(2023, 12, 31)), null);
        var met = s.AddIndicator(SubGoalId, new IndicatorInput(IndicatorKind.Measure, "Lederavtaler", "%", 0m, 100m, new DateOnly(2023, 12, 31)), null);
        s.RecordMeasurement(unmet.Id, new DateOnly(2023, 12, 31), 6.4m, null, By, Oslo(2023, 12, 31), null);
        s.RecordMeasurement(met.Id, new DateOnly(2023, 12, 31), 100m, null, By, Oslo(2023, 12, 31), null);
        s.RecordMeasurement(unmet.Id, new DateOnly(2024, 1, 1), 5.9m, "for sent", By, Oslo(2024, 1, 1), null);
        f.CatchUp(s.State, Oslo(2023, 12, 31));

        var batch = f.CatchUp(s.State, Oslo(2024, 1, 1));

        var n = Assert.Single(batch.Notifications, n => n.Kind == NotificationKind.IndicatorTargetMissed);
        Assert.Equal((unmet.Id, new DateOnly(2024, 1, 1), $"{Id}/indicator-target-missed/{unmet.Id}/2023-12-31"), (n.SubjectId, n.On, n.Key));
    }

    [Fact]
    public void Tertial_reports_are_issued_the_day_after_each_tertial_end()
    {
        var (s, f) = Followed();

        var batch = f.CatchUp(s.State, Oslo(2024, 1, 1));

        Assert.Equal([new DateOnly(2023, 5, 1), new DateOnly(2023, 9, 1), new DateOnly(2024, 1, 1)], batch.Reports.Select(r => r.IssuedOn));
        Assert.Equal(["T1 2023", "T2 2023", "T3 2023"], batch.Reports.Select(r => r.Label));
        Assert.Equal($"{Id}/tertial-report/2023-T1", batch.Reports[0].Key);
        Assert.Equal((new DateOnly(2023, 1, 1), new DateOnly(2023, 4, 30)), (batch.Reports[0].Snapshot.PeriodFrom, batch.Reports[0].Snapshot.AsOf));
        Assert.Equal(batch.Reports.Select(r => r.Key),
            batch.Notifications.Where(n => n.Kind == NotificationKind.TertialReportIssued).Select(n => n.Key));
    }

    [Fact]
    public void A_tertial_report_is_a_frozen_snapshot_as_of_the_tertial_end()
    {
        var (s, f) = Followed();
        var b = s.AddAction(SubGoalId, ActionIn(new DateOnly(2023, 3, 1), new DateOnly(2023, 9, 30), "Temamøter"), By, Now, null);
        s.UpdateAction(b.Id, new ActionUpdate { Status = ActionStatus.InProgress, PercentComplete = 50 }, By, Oslo(2023, 5, 10), null);
        var i = s.AddIndicator(SubGoalId, new IndicatorInput(IndicatorKind.Measure, "Sykefravær", "%", 7.5m, 6.0m, new DateOnly(2025, 12, 31)), null);
        s.RecordMeasurement(i.Id, new DateOnly(2023, 6, 30), 7.1m, null, By, Oslo(2023, 7, 1), null);
        s.RecordMeasurement(i.Id, new DateOnly(2023, 9, 30), 6.8m, null, By, Oslo(2023, 9, 30), null);
        f.CatchUp(s.State, Oslo(2023, 8, 31));

        var report = Assert.Single(f.CatchUp(s.State, Oslo(2023, 9, 1)).Reports);
        var snap = report.Snapshot;

        Assert.Equal((new DateOnly(2023, 5, 1), new DateOnly(2023, 8, 31)), (snap.PeriodFrom, snap.AsOf));
        Assert.Equal(new ActionCounts(1, 1, 0, 0, 1), snap.Actions);
        var overdue = Assert.Single(snap.Overdue);
        Assert.Equal(("a3", 62), (overdue.ActionId, overdue.DaysOverdue)); // due 30 June, as of 31 August
        Assert.Equal(25m, snap.Progress);
        Assert.Equal((7.1m, new DateOnly(2023, 6, 30), (bool?)false), (snap.Indicators[0].Value, snap.Indicators[0].ValueDate!.Value, snap.Indicators[0].Met));
        var area = Assert.Single(snap.FocusAreas);
        Assert.Equal(("3", (decimal?)25m), (area.AreaCode, area.Progress));
    }

    [Fact]
    public void Reports_count_what_was_done_and_held_in_their_period()
    {
        var (s, f) = Followed();
        var r = s.AddRecurringActivity(new ActivityInput("Møte", "Leder", new Recurrence(RecurrenceKind.Monthly), new DateOnly(2023, 1, 20)), null);
        s.RecordOccurrence($"{r.Id}/2023-01-20", true, null, null, By, Oslo(2023, 1, 20), null);
        s.RecordOccurrence($"{r.Id}/2023-02-20", false, null, null, By, Oslo(2023, 2, 21), null);
        s.UpdateAction("a3", new ActionUpdate { Status = ActionStatus.Done }, By, Oslo(2023, 3, 3), null);

        var t1 = f.CatchUp(s.State, Oslo(2023, 5, 1)).Reports.Single().Snapshot;

        Assert.Equal(new OccurrenceCounts(4, 1, 1, 2), t1.Occurrences);
        Assert.Equal(1, t1.DoneInPeriod);
        Assert.Equal(100m, t1.Progress);
    }

    [Fact]
    public void A_council_status_is_issued_on_each_adoption_anniversary()
    {
        var (s, f) = Followed();

        var batch = CatchUpAll(f, s.State, Oslo(2025, 1, 5));

        var statuses = batch.Reports.Where(r => r.Kind == ReportKind.CouncilStatus).ToList();
        Assert.Equal([new DateOnly(2024, 1, 5), new DateOnly(2025, 1, 5)], statuses.Select(r => r.IssuedOn));
        Assert.Equal((new DateOnly(2023, 1, 5), new DateOnly(2024, 1, 4)), (statuses[0].Snapshot.PeriodFrom, statuses[0].Snapshot.AsOf));
        Assert.Equal($"{Id}/council-status/2024-01-05", statuses[0].Key);
        Assert.Equal(2, batch.Notifications.Count(n => n.Kind == NotificationKind.CouncilStatusIssued));
    }

    [Fact]
    public void A_leap_day_adoption_has_its_anniversary_on_28_february()
    {
        var s = Planned();
        s.Adopt(Adoption(new DateOnly(2024, 2, 29)), Oslo(2024, 3, 1), null);
        var f = FollowUp.Start(new FollowUpState(), s.State, Oslo(2024, 3, 1));

        var statuses = CatchUpAll(f, s.State, Oslo(2025, 3, 1)).Reports.Where(r => r.Kind == ReportKind.CouncilStatus);

        Assert.Equal([new DateOnly(2025, 2, 28)], statuses.Select(r => r.IssuedOn));
    }

    [Fact]
    public void Anniversaries_before_the_period_starts_give_no_council_status()
    {
        var s = Strategy.Create(new StrategyState(), Id, Basis(), "Sen start", null, new DateOnly(2024, 6, 1), new DateOnly(2025, 5, 31), By, Now);
        s.ChooseFocusArea("3", null);
        s.Adopt(Adoption(new DateOnly(2023, 1, 5)), Now, null);
        var f = FollowUp.Start(new FollowUpState(), s.State, Now);

        var statuses = CatchUpAll(f, s.State, Oslo(2026, 1, 1)).Reports.Where(r => r.Kind == ReportKind.CouncilStatus);

        Assert.Equal([new DateOnly(2025, 1, 5)], statuses.Select(r => r.IssuedOn));
    }

    [Fact]
    public void Catching_up_twice_gives_nothing_new()
    {
        var (s, f) = Followed();
        var first = f.CatchUp(s.State, Oslo(2024, 1, 1));

        var second = f.CatchUp(s.State, Oslo(2024, 1, 1));

        Assert.NotEmpty(first.Notifications);
        Assert.Empty(second.Notifications);
        Assert.Empty(second.Reports);
        Assert.Null(second.From);
    }

    [Fact]
    public void A_catch_up_in_pieces_finds_exactly_what_one_catch_up_finds()
    {
        var whole = Rich();
        var pieces = Rich();
        var json = JsonSerializer.Serialize(pieces.F.State, Json);

        var all = CatchUpAll(whole.F, whole.S.State, Oslo(2026, 2, 1));
        var found = new List<Notification>();
        var reports = new List<StrategyReport>();
        foreach (var day in new[] { Oslo(2023, 2, 1), Oslo(2023, 6, 16), Oslo(2023, 6, 16), Oslo(2023, 7, 9), Oslo(2024, 5, 1), Oslo(2026, 2, 1) })
        {
            var f = new FollowUp(JsonSerializer.Deserialize<FollowUpState>(json, Json)!); // every piece on a "restarted" follow-up
            var batch = f.CatchUp(pieces.S.State, day, maxDays: 45);
            found.AddRange(batch.Notifications);
            reports.AddRange(batch.Reports);
            json = JsonSerializer.Serialize(f.State, Json);
            while (batch.MoreToCatchUp)
            {
                batch = f.CatchUp(pieces.S.State, day, maxDays: 45);
                found.AddRange(batch.Notifications);
                reports.AddRange(batch.Reports);
                json = JsonSerializer.Serialize(f.State, Json);
            }
        }

        Assert.Equal(all.Notifications.Select(n => (n.Key, n.On)).Order(), found.Select(n => (n.Key, n.On)).Order());
        Assert.Equal(all.Reports.Select(r => r.Key), reports.Select(r => r.Key));
        Assert.Equal(all.Reports.Select(r => JsonSerializer.Serialize(r, Json)), reports.Select(r => JsonSerializer.Serialize(r, Json)));
        Assert.Equal(found.Count, found.Select(n => n.Key).Distinct().Count());
    }

    private static (Strategy S, FollowUp F) Rich()
    {
        var (s, f) = Followed();
        s.AddAction(SubGoalId, ActionIn(new DateOnly(2023, 2, 1), new DateOnly(2024, 3, 31), "Plan"), By, Now, null);
        s.AddAction(SubGoalId, ActionIn(new DateOnly(2023, 2, 1), new DateOnly(2025, 12, 31), "Sluttrapport"), By, Now, null);
        s.AddRecurringActivity(new ActivityInput("Enhetsledermøte", "Kommunedirektør", new Recurrence(RecurrenceKind.Quarterly), new DateOnly(2023, 2, 15)), null);
        s.AddRecurringActivity(new ActivityInput("Korte møter", "Kommunedirektør", new Recurrence(RecurrenceKind.Cron, "0 9 * * MON#1")), null);
        s.AddIndicator(SubGoalId, new IndicatorInput(IndicatorKind.Measure, "Sykefravær", "%", 7.5m, 6.0m, new DateOnly(2024, 12, 31)), null);
        return (s, f);
    }

    [Fact]
    public void A_long_catch_up_is_cut_into_pieces_of_at_most_max_days()
    {
        var (s, f) = Followed();

        var first = f.CatchUp(s.State, Oslo(2024, 6, 1), maxDays: 100);

        Assert.True(first.MoreToCatchUp);
        Assert.Equal((new DateOnly(2023, 1, 10), new DateOnly(2023, 4, 19)), (first.From!.Value, first.Through!.Value));
        Assert.Throws<ArgumentOutOfRangeException>(() => f.CatchUp(s.State, Oslo(2024, 6, 1), maxDays: 0));
    }

    [Fact]
    public void The_follow_up_finishes_after_its_last_day()
    {
        var (s, f) = Followed();

        Assert.Equal(new DateOnly(2026, 1, 8), f.LastDay(s.State)); // 31 December + 7 days' grace + 1
        var batch = CatchUpAll(f, s.State, Oslo(2027, 1, 1));

        Assert.True(batch.Finished);
        Assert.False(batch.MoreToCatchUp);
        Assert.Equal(new DateOnly(2026, 1, 8), f.State.ProcessedThrough);
        Assert.Equal(9, batch.Reports.Count(r => r.Kind == ReportKind.Tertial));
        Assert.Equal(3, batch.Reports.Count(r => r.Kind == ReportKind.CouncilStatus));
        Assert.True(f.CatchUp(s.State, Oslo(2027, 2, 1)).Finished);
    }

    [Fact]
    public void A_period_ending_mid_tertial_gets_its_final_tertial_report()
    {
        var s = Strategy.Create(new StrategyState(), Id, Basis(), "Kort", null, new DateOnly(2023, 1, 1), new DateOnly(2024, 6, 30), By, Now);
        s.ChooseFocusArea("3", null);
        s.Adopt(Adoption(), Now, null);
        var f = FollowUp.Start(new FollowUpState(), s.State, Now);

        var batch = CatchUpAll(f, s.State, Oslo(2025, 1, 1));

        Assert.Equal(new DateOnly(2024, 9, 1), f.LastDay(s.State));
        Assert.Equal("T2 2024", batch.Reports.Last(r => r.Kind == ReportKind.Tertial).Label);
        Assert.True(batch.Finished);
    }

    [Fact]
    public void An_abandoned_strategy_finishes_its_follow_up_at_once()
    {
        var (s, f) = Followed();
        s.Abandon(By, "Stopp", Oslo(2023, 3, 1), null);

        var batch = f.CatchUp(s.State, Oslo(2023, 12, 1));

        Assert.True(batch.Finished);
        Assert.Empty(batch.Reports);
        Assert.Equal(new DateOnly(2023, 1, 9), f.State.ProcessedThrough);
    }

    [Fact]
    public void A_strategy_completed_on_its_last_day_still_gets_its_final_tertial_report_and_nothing_else()
    {
        var (s, f) = Followed();
        CatchUpAll(f, s.State, Oslo(2025, 12, 30));
        s.Complete(By, "Gjennomført", Oslo(2025, 12, 31), null);

        var batch = CatchUpAll(f, s.State, Oslo(2026, 2, 1));

        Assert.Equal(["T3 2025"], batch.Reports.Select(r => r.Label));
        Assert.Equal(StrategyStatus.Completed, batch.Reports[0].Snapshot.Status);
        Assert.Equal([NotificationKind.TertialReportIssued], batch.Notifications.Select(n => n.Kind));
        Assert.True(batch.Finished);
        Assert.Equal(new DateOnly(2026, 1, 1), f.State.ProcessedThrough);
    }

    [Fact]
    public void A_strategy_completed_early_ends_with_the_report_of_its_tertial()
    {
        var (s, f) = Followed();
        f.CatchUp(s.State, Oslo(2023, 6, 1));
        s.Complete(By, null, Oslo(2023, 6, 10), null);

        var batch = CatchUpAll(f, s.State, Oslo(2026, 2, 1));

        Assert.Equal(new DateOnly(2023, 9, 1), f.LastDay(s.State));
        Assert.Equal(["T2 2023"], batch.Reports.Select(r => r.Label));
        Assert.DoesNotContain(batch.Notifications, n => n.Kind is NotificationKind.ActionOverdue or NotificationKind.ActionDueSoon);
        Assert.True(batch.Finished);
    }

    [Fact]
    public void A_clock_going_backwards_finds_nothing()
    {
        var (s, f) = Followed();
        f.CatchUp(s.State, Oslo(2023, 6, 1));

        var batch = f.CatchUp(s.State, Oslo(2023, 5, 1));

        Assert.Empty(batch.Notifications);
        Assert.Equal(new DateOnly(2023, 6, 1), f.State.ProcessedThrough);
    }

    [Fact]
    public void The_lead_time_is_a_setting()
    {
        var (s, f) = Followed();
        f.ChangeSettings(30, null, null);

        var batch = f.CatchUp(s.State, Oslo(2023, 6, 1));

        Assert.Equal([(NotificationKind.ActionDueSoon, "a3", new DateOnly(2023, 5, 31))], Seen(batch, NotificationKind.ActionDueSoon));
        Assert.Equal((30, 7, 7), (f.State.Settings.LeadTimeDays, f.State.Settings.OccurrenceLeadDays, f.State.Settings.MissedAfterDays));
    }

    [Theory]
    [InlineData(-1, null, null, "leadTimeDays")]
    [InlineData(null, 121, null, "occurrenceLeadDays")]
    [InlineData(null, null, -5, "missedAfterDays")]
    public void Settings_outside_0_to_120_days_are_rejected_and_change_nothing(int? lead, int? occurrenceLead, int? missed, string field)
    {
        var (_, f) = Followed();

        var e = Assert.Throws<DomainException>(() => f.ChangeSettings(lead ?? 20, occurrenceLead, missed));

        Assert.Equal((ErrorKind.Validation, field), (e.Code, e.Field));
        Assert.Equal(14, f.State.Settings.LeadTimeDays);
    }

    [Fact]
    public void The_ledgers_forget_actions_that_no_longer_exist()
    {
        var (s, f) = Followed();
        f.CatchUp(s.State, Oslo(2023, 7, 1));
        Assert.True(f.State.OverdueNotified.ContainsKey("a3"));
        s.State.FocusAreas[0].Goals[0].SubGoals[0].Actions.Clear();

        f.CatchUp(s.State, Oslo(2023, 7, 2));

        Assert.Empty(f.State.OverdueNotified);
        Assert.Empty(f.State.DueSoonNotified);
    }

    [Fact]
    public void Catching_up_another_strategy_or_an_unstarted_follow_up_is_refused()
    {
        var (s, f) = Followed();
        var other = Adopted();
        other.State.Id = "NO-5034/strategy/2023-2";

        Assert.Equal(ErrorKind.Conflict, Assert.Throws<DomainException>(() => f.CatchUp(other.State, Oslo(2023, 2, 1))).Code);
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<DomainException>(() => new FollowUp(new FollowUpState()).CatchUp(s.State, Now)).Code);
    }

    [Fact]
    public void Notifications_come_in_day_order()
    {
        var (s, f) = Rich();

        var batch = CatchUpAll(f, s.State, Oslo(2024, 12, 31));

        Assert.Equal(batch.Notifications.OrderBy(n => n.On).Select(n => n.On), batch.Notifications.Select(n => n.On));
    }

    [Fact]
    public void The_follow_up_state_survives_a_json_round_trip()
    {
        var (s, f) = Rich();
        f.CatchUp(s.State, Oslo(2024, 7, 1));
        var json = JsonSerializer.Serialize(f.State, Json);

        Assert.Equal(json, JsonSerializer.Serialize(JsonSerializer.Deserialize<FollowUpState>(json, Json), Json));
    }

    [Fact]
    public void The_reports_store_keeps_each_report_once_and_frozen()
    {
        var (s, f) = Followed();
        var batch = CatchUpAll(f, s.State, Oslo(2025, 1, 5));
        var store = new StrategyReports(new StrategyReportsState());

        Assert.All(batch.Reports, r => Assert.True(store.Add(r)));
        Assert.All(batch.Reports, r => Assert.False(store.Add(r with { Label = "changed" })));

        Assert.Equal(6, store.Tertial.Count);
        var json = JsonSerializer.Serialize(store.State, Json);
        Assert.Equal(json, JsonSerializer.Serialize(JsonSerializer.Deserialize<StrategyReportsState>(json, Json), Json));
        Assert.Equal(2, store.CouncilStatuses.Count);
        Assert.Equal("T1 2023", store.Find($"{Id}/tertial-report/2023-T1").Label);
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<DomainException>(() => store.Find("nope")).Code);
    }
}
