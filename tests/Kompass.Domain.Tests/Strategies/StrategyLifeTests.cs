using System.Text.Json;
using Kompass.Domain.Evaluations;
using Kompass.Domain.Strategies;
using Microsoft.Extensions.Time.Testing;
using static Kompass.Domain.Tests.Strategies.StrategyFixtures;

namespace Kompass.Domain.Tests.Strategies;

/// <summary>
/// One strategy lived through from adoption to its last day on a fake clock, the way the follow-up
/// grain would run it: a tick each morning that reloads the follow-up state from JSON (every tick is
/// a restart), delivers to the kommune's inbox and stores the reports; with a week of downtime, a
/// catch-up cut short and continued, a tick that dies after delivering but before storing its state,
/// and a last stretch on a fast clock (a tick every 9 days).
/// </summary>
public sealed class StrategyLifeTests
{
    private sealed class Harness(Strategy strategy, FakeTimeProvider time)
    {
        public string FollowUpJson = "";
        public readonly NotificationInbox Inbox = new(new InboxState());
        public readonly StrategyReports Reports = new(new StrategyReportsState());
        public readonly List<Notification> Persisted = [];
        public int Ticks;

        public void Tick(bool dieBeforeStoring = false, int maxDays = FollowUp.MaxDaysPerCatchUp)
        {
            Ticks++;
            var followUp = new FollowUp(JsonSerializer.Deserialize<FollowUpState>(FollowUpJson, Json)!);
            var batch = followUp.CatchUp(strategy.State, time.GetUtcNow(), maxDays);
            Inbox.Deliver(KommuneId, batch.Notifications, time.GetUtcNow());
            foreach (var report in batch.Reports)
                Reports.Add(report);
            if (dieBeforeStoring)
                return;
            FollowUpJson = JsonSerializer.Serialize(followUp.State, Json);
            Persisted.AddRange(batch.Notifications);
        }

        public FollowUpState State => JsonSerializer.Deserialize<FollowUpState>(FollowUpJson, Json)!;
    }

    [Fact]
    public void A_three_year_strategy_gets_every_notification_on_its_day_and_every_report_exactly_once()
    {
        // 06:00 in Oslo on 10 January 2023 (UTC+1).
        var time = new FakeTimeProvider(new DateTimeOffset(2023, 1, 10, 5, 0, 0, TimeSpan.Zero));
        DateTimeOffset Noon() => time.GetUtcNow().AddHours(6);
        DateOnly Today() => KommuneCalendar.Today(KommuneId, time.GetUtcNow());

        var s = Draft();
        s.ChooseFocusArea("3", null);
        var goal = s.AddGoal("3", "Bedre samspill", null, null);
        var sub = s.AddSubGoal(goal.Id, "Tydelige planer", null, null);
        var a = s.AddAction(sub.Id, ActionIn(new DateOnly(2023, 1, 10), new DateOnly(2023, 6, 30), "Delegasjonsreglement"), By, Noon(), null);
        var b = s.AddAction(sub.Id, ActionIn(new DateOnly(2023, 1, 10), new DateOnly(2023, 9, 30), "Temamøter"), By, Noon(), null);
        var c = s.AddAction(sub.Id, ActionIn(new DateOnly(2023, 6, 1), new DateOnly(2024, 3, 31), "Styringssystem"), By, Noon(), null);
        var d = s.AddAction(sub.Id, ActionIn(new DateOnly(2023, 6, 1), new DateOnly(2024, 2, 14), "Lederavtaler"), By, Noon(), null);
        var meeting = s.AddRecurringActivity(new ActivityInput("Koordineringsmøte", "Kommunedirektør", new Recurrence(RecurrenceKind.HalfYearly),
            new DateOnly(2023, 3, 15)), null);
        var score = s.AddIndicator(sub.Id, new IndicatorInput(IndicatorKind.AreaScore, Target: 60), null);
        var sickLeave = s.AddIndicator(sub.Id, new IndicatorInput(IndicatorKind.Measure, "Sykefravær", "%", 7.5m, 6.0m, new DateOnly(2024, 12, 31)), null);
        s.Adopt(Adoption(), Noon(), null);

        var h = new Harness(s, time);
        h.FollowUpJson = JsonSerializer.Serialize(FollowUp.Start(new FollowUpState(), s.State, time.GetUtcNow()).State, Json);
        ActionState? e = null;
        var overdueOfB = new List<(DateOnly, bool)>();

        for (var day = Today(); day <= new DateOnly(2026, 1, 20); day = day.AddDays(1), time.Advance(TimeSpan.FromDays(1)))
        {
            Assert.Equal(day, Today());
            var down = day >= new DateOnly(2024, 2, 10) && day <= new DateOnly(2024, 2, 17);
            var fast = day >= new DateOnly(2025, 10, 1);
            if (day == new DateOnly(2024, 2, 18))
                h.Tick(maxDays: 3); // the catch-up after the downtime is cut short ...
            if (day == new DateOnly(2024, 6, 16))
                h.Tick(dieBeforeStoring: true); // ... and one tick dies after delivering
            if (!down && (!fast || day.DayNumber % 9 == 0 || day == new DateOnly(2026, 1, 20)))
                h.Tick();

            // What the leaders do during the day.
            var noon = Noon();
            if (s.OccurrencesOf(meeting).Any(o => o.Date == day) && day != new DateOnly(2024, 9, 15))
                s.RecordOccurrence(Recurrences.OccurrenceId(meeting.Id, day), true, null, "Holdt", By, noon, null);
            if (day == new DateOnly(2023, 6, 20))
                s.UpdateAction(a.Id, new ActionUpdate { Status = ActionStatus.Done }, By, noon, null);
            if (day == new DateOnly(2023, 11, 15))
                s.UpdateAction(b.Id, new ActionUpdate { Status = ActionStatus.Done }, By, noon, null);
            if (day == new DateOnly(2024, 3, 1))
                s.UpdateAction(d.Id, new ActionUpdate { Status = ActionStatus.Done }, By, noon, null);
            if (day == new DateOnly(2024, 3, 20))
                s.UpdateAction(c.Id, new ActionUpdate { DueDate = new DateOnly(2024, 6, 30), DueDateReason = "Ny politisk struktur" }, By, noon, null);
            if (day == new DateOnly(2024, 10, 1))
                s.UpdateAction(c.Id, new ActionUpdate { Status = ActionStatus.Done }, By, noon, null);
            if (day == new DateOnly(2024, 12, 31))
                s.RecordMeasurement(sickLeave.Id, day, 6.5m, "Årsstatistikk", By, noon, null);
            if (day == new DateOnly(2025, 6, 1))
                e = s.AddAction(sub.Id, ActionIn(new DateOnly(2025, 6, 1), new DateOnly(2025, 11, 30), "Evaluere strategien"), By, noon, null);
            if (day == new DateOnly(2025, 10, 1))
                s.ApplyPublishedResult(new PublishedResult("NO-5034/eval/2025-1", KommuneId, "2020", new DateOnly(2025, 9, 15),
                    new Dictionary<string, int> { ["3"] = 63 }, null));
            if (day >= new DateOnly(2023, 9, 29) && day <= new DateOnly(2023, 11, 16))
                overdueOfB.Add((day, s.IsOverdue(b, noon)));
        }

        // Every notification and report exactly once, on the day it belongs to.
        var expected = new List<(NotificationKind, string, DateOnly)>
        {
            (NotificationKind.ActionDueSoon, a.Id, new(2023, 6, 16)),
            (NotificationKind.ActionDueSoon, b.Id, new(2023, 9, 16)),
            (NotificationKind.ActionOverdue, b.Id, new(2023, 10, 1)),
            (NotificationKind.ActionDueSoon, d.Id, new(2024, 1, 31)),
            (NotificationKind.ActionOverdue, d.Id, new(2024, 2, 15)), // during the downtime, raised for its own day
            (NotificationKind.ActionDueSoon, c.Id, new(2024, 3, 17)),
            (NotificationKind.ActionDueSoon, c.Id, new(2024, 6, 16)), // the moved due date, on the day a tick died
            (NotificationKind.ActionOverdue, c.Id, new(2024, 7, 1)),
            (NotificationKind.ActionDueSoon, e!.Id, new(2025, 11, 16)), // on the fast clock
            (NotificationKind.ActionOverdue, e.Id, new(2025, 12, 1)),
            (NotificationKind.OccurrenceMissed, $"{meeting.Id}/2024-09-15", new(2024, 9, 23)),
            (NotificationKind.IndicatorTargetMissed, sickLeave.Id, new(2025, 1, 1)),
        };
        foreach (var date in s.OccurrencesOf(meeting).Select(o => o.Date))
            expected.Add((NotificationKind.OccurrenceUpcoming, Recurrences.OccurrenceId(meeting.Id, date), date.AddDays(-7)));
        var tertialDays = new DateOnly[] { new(2023, 5, 1), new(2023, 9, 1), new(2024, 1, 1), new(2024, 5, 1), new(2024, 9, 1), new(2025, 1, 1), new(2025, 5, 1), new(2025, 9, 1), new(2026, 1, 1) };
        var councilDays = new DateOnly[] { new(2024, 1, 5), new(2025, 1, 5), new(2026, 1, 5) };
        var reportKeys = h.Reports.State.Reports.ToDictionary(r => r.Key, r => r.IssuedOn);
        expected.AddRange(h.Reports.Tertial.Select(r => (NotificationKind.TertialReportIssued, r.Key, r.IssuedOn)));
        expected.AddRange(h.Reports.CouncilStatuses.Select(r => (NotificationKind.CouncilStatusIssued, r.Key, r.IssuedOn)));

        Assert.Equal(tertialDays, h.Reports.Tertial.Select(r => r.IssuedOn));
        Assert.Equal(councilDays, h.Reports.CouncilStatuses.Select(r => r.IssuedOn));
        Assert.Equal(6, s.OccurrencesOf(meeting).Count);
        Assert.Equal(30, expected.Count);
        Assert.Equal(expected.Order(), h.Persisted.Select(n => (n.Kind, n.SubjectId, n.On)).Order());
        Assert.Equal(h.Persisted.Count, h.Persisted.Select(n => n.Key).Distinct().Count());
        Assert.Equal(h.Persisted.Select(n => n.Key).Order(), h.Inbox.State.Items.Select(i => i.Notification.Key).Order());
        Assert.Equal(expected.Count, h.Inbox.UnacknowledgedCount);

        // Overdue in every view: b turns overdue on 1 October and stops being so when done.
        Assert.Equal((new DateOnly(2023, 9, 30), false), overdueOfB[1]);
        Assert.Equal((new DateOnly(2023, 10, 1), true), overdueOfB[2]);
        Assert.Equal((new DateOnly(2023, 11, 16), false), overdueOfB[^1]);

        // The reports are frozen snapshots.
        var t2y2024 = h.Reports.Find($"{Id}/tertial-report/2024-T2").Snapshot;
        Assert.Equal((c.Id, 62), (t2y2024.Overdue.Single().ActionId, t2y2024.Overdue.Single().DaysOverdue));
        Assert.Equal(new OccurrenceCounts(0, 0, 0, 0), t2y2024.Occurrences);
        Assert.Equal(new OccurrenceCounts(1, 0, 0, 1), h.Reports.Find($"{Id}/tertial-report/2024-T3").Snapshot.Occurrences); // 15 September, never held
        var final = h.Reports.Find($"{Id}/tertial-report/2025-T3").Snapshot;
        var scoreValue = final.Indicators.Single(i => i.IndicatorId == score.Id);
        Assert.Equal((63m, "NO-5034/eval/2025-1", (bool?)true), (scoreValue.Value, scoreValue.EvaluationId, scoreValue.Met));
        var sickValue = final.Indicators.Single(i => i.IndicatorId == sickLeave.Id);
        Assert.Equal((6.5m, (bool?)false), (sickValue.Value, sickValue.Met));
        Assert.Equal((e.Id, 31), (final.Overdue.Single().ActionId, final.Overdue.Single().DaysOverdue));
        Assert.Equal(new ActionCounts(1, 0, 4, 0, 1), final.Actions);
        Assert.Equal(80m, final.Progress);
        var firstStatus = h.Reports.CouncilStatuses[0].Snapshot;
        Assert.Equal((new DateOnly(2023, 1, 5), new DateOnly(2024, 1, 4), 2), (firstStatus.PeriodFrom, firstStatus.AsOf, firstStatus.DoneInPeriod));
        Assert.Null(h.Reports.CouncilStatuses[1].Snapshot.Indicators.Single(i => i.IndicatorId == score.Id).Value);

        // The follow-up ended on its last day; the week-long downtime and the fast clock cost nothing.
        Assert.True(h.State.Finished);
        Assert.Equal(new DateOnly(2026, 1, 8), h.State.ProcessedThrough);
        Assert.True(h.Ticks < 1050);
        Assert.Equal(12, reportKeys.Count);
    }
}
