using Kompass.Domain.Kommuner;
using Kompass.Contracts.Strategies;
using Kompass.Domain.Strategies;
using D = Kompass.Domain.Strategies;
using C = Kompass.Contracts.Strategies;

namespace Kompass.Grains.Strategies;

/// <summary>Between the strategy domain's state and the contracts' messages; everything derived is computed as of <c>today</c>.</summary>
internal static class StrategyMapping
{
    public static C.StrategyStatus ToView(this D.StrategyStatus s) => (C.StrategyStatus)(int)s;

    public static C.ActionStatus ToView(this ActionStatusView s) => s switch
    {
        ActionStatusView.NotStarted => C.ActionStatus.NotStarted,
        ActionStatusView.InProgress => C.ActionStatus.InProgress,
        ActionStatusView.Done => C.ActionStatus.Done,
        ActionStatusView.Cancelled => C.ActionStatus.Cancelled,
        _ => C.ActionStatus.Overdue,
    };

    /// <summary>A stored status as a view shows it (a report's overdue list holds only open actions, shown OVERDUE).</summary>
    public static C.ActionStatus ToView(this D.ActionStatus s) => (C.ActionStatus)(int)s;

    public static D.ActionStatus ToDomain(this C.ActionStatus s) => s switch
    {
        C.ActionStatus.NotStarted => D.ActionStatus.NotStarted,
        C.ActionStatus.InProgress => D.ActionStatus.InProgress,
        C.ActionStatus.Done => D.ActionStatus.Done,
        C.ActionStatus.Cancelled => D.ActionStatus.Cancelled,
        _ => throw Domain.DomainException.Validation("status", "OVERDUE follows from the due date: it is not set."),
    };

    public static C.IndicatorKind ToView(this D.IndicatorKind k) => (C.IndicatorKind)(int)k;
    public static D.IndicatorKind ToDomain(this C.IndicatorKind k) => (D.IndicatorKind)(int)k;
    public static C.RecurrenceKind ToView(this D.RecurrenceKind k) => (C.RecurrenceKind)(int)k;
    public static D.RecurrenceKind ToDomain(this C.RecurrenceKind k) => (D.RecurrenceKind)(int)k;
    public static C.NotificationKind ToView(this D.NotificationKind k) => (C.NotificationKind)(int)k;
    public static D.NotificationKind ToDomain(this C.NotificationKind k) => (D.NotificationKind)(int)k;
    public static C.ReportKind ToView(this D.ReportKind k) => (C.ReportKind)(int)k;
    public static D.ReportKind ToDomain(this C.ReportKind k) => (D.ReportKind)(int)k;

    public static StrategyEntryView ToView(this StrategyEntry e) => new(e.Id, e.Title, e.Status.ToView(), e.PeriodStart, e.PeriodEnd, e.Version);

    public static StrategyEntry ToDomain(this StrategyEntryView e) =>
        new(e.Id, e.Title, (D.StrategyStatus)(int)e.Status, e.PeriodStart, e.PeriodEnd, e.Version);

    public static StrategyView ToView(this Strategy strategy, DateOnly today)
    {
        var s = strategy.State;
        var progress = ProgressRules.Of(s);
        return new StrategyView(
            s.Id, s.KommuneId, s.Title, s.Description, s.BasisEvaluationId, s.FrameworkVersion, s.BasisEvaluatedOn,
            s.PeriodStart, s.PeriodEnd, s.Status.ToView(),
            s.Adoption is { } a ? new AdoptionView(a.Body, a.Date, a.CaseNumber, a.Decision) : null,
            s.CreatedAt, s.CreatedBy, s.ClosedAt, s.ClosedBy, s.ClosingNote,
            progress.Percent,
            [.. s.FocusAreas.Select(f =>
            {
                var fp = progress.FocusAreas.First(p => p.AreaCode == f.AreaCode);
                return new FocusAreaView(f.AreaCode, s.BasisAreaScores.TryGetValue(f.AreaCode, out var score) ? score : null,
                    [.. f.StartingPoints], fp.Percent,
                    [.. f.Goals.Select(g =>
                    {
                        var gp = fp.Goals.First(p => p.GoalId == g.Id);
                        return new GoalView(g.Id, g.Title, g.Description, gp.Percent,
                            [.. g.SubGoals.Select(sg => new SubGoalView(sg.Id, sg.Title, sg.Description,
                                gp.SubGoals.First(p => p.SubGoalId == sg.Id).Percent,
                                [.. sg.Indicators.Select(i => i.ToView(today))],
                                [.. sg.Actions.Select(x => x.ToView(today, s.Id))]))]);
                    })]);
            })],
            [.. s.Activities.Select(a => new RecurringActivityView(a.Id, a.Title, a.Owner, a.Recurrence.Kind.ToView(), a.Recurrence.Cron, a.StartsOn,
                [.. strategy.OccurrencesOf(a).Select(o =>
                {
                    var r = a.Records.FirstOrDefault(x => x.Date == o.Date);
                    return new OccurrenceView(o.Id, o.Date, r?.Held, r?.HeldOn, r?.Note);
                })]))],
            today,
            s.Version,
            s.Shared);
    }

    public static IndicatorView ToView(this IndicatorState i, DateOnly today)
    {
        var value = IndicatorRules.ValueAsOf(i, today);
        return new IndicatorView(i.Id, i.Kind.ToView(), i.Name, i.AreaCode, i.Unit, i.Baseline, i.Target, i.TargetDate,
            value.Value, value.ValueDate, value.Met,
            [.. i.Measurements.Select(m => new MeasurementView(m.Date, m.Value, m.Note, m.By, m.EvaluationId))]);
    }

    public static ActionView ToView(this ActionState a, DateOnly today, string strategyId) => new(
        a.Id, a.Title, a.Description, a.Owner, a.OwnerSubject, a.ResponsibleUnit, a.StartDate, a.DueDate,
        Strategy.ViewStatus(a, today).ToView(), a.PercentComplete, a.CompletedOn,
        [.. a.Log.Select(l => new ActionLogEntryView(l.Seq, l.At, l.By, l.What))], a.LogCount, strategyId);

    public static AgendaView ToView(this Agenda agenda, DateOnly from, DateOnly to, DateOnly today)
    {
        AgendaActionView Action(AgendaAction a) => new(a.StrategyId, a.Placed.AreaCode, a.Placed.SubGoalId, a.Placed.Action.Id,
            a.Placed.Action.Title, a.Placed.Action.Owner, a.Placed.Action.DueDate, Strategy.ViewStatus(a.Placed.Action, today).ToView(),
            a.Placed.Action.PercentComplete);
        return new AgendaView(from, to, today,
            [.. agenda.Due.Select(Action)], [.. agenda.Overdue.Select(Action)],
            [.. agenda.Occurrences.Select(o => new AgendaOccurrenceView(o.StrategyId, o.Occurrence.Id, o.Occurrence.ActivityId, o.Title, o.Owner,
                o.Occurrence.Date, o.Record?.Held, o.Record?.HeldOn))]);
    }

    public static NotificationMessage ToMessage(this Notification n) =>
        new(n.Key, n.Kind.ToView(), n.KommuneId, n.StrategyId, n.On, n.SubjectId, n.Title, n.SubjectDate);

    public static Notification ToDomain(this NotificationMessage n) =>
        new(n.Key, n.Kind.ToDomain(), n.KommuneId, n.StrategyId, n.On, n.SubjectId, n.Title, n.SubjectDate);

    public static NotificationView ToView(this InboxItem i) =>
        new(i.Notification.ToMessage(), i.Seq, i.ReceivedAt, i.AcknowledgedAt, i.AcknowledgedBy);

    public static ReportView ToView(this StrategyReport r)
    {
        var s = r.Snapshot;
        return new ReportView(r.Key, r.StrategyId, r.KommuneId, r.Kind.ToView(), r.Label, r.IssuedOn, s.PeriodFrom, s.AsOf, s.Status.ToView(),
            s.Progress,
            [.. s.FocusAreas.Select(f => new FocusAreaSnapshotView(f.AreaCode, f.Progress, f.Actions.ToView()))],
            s.Actions.ToView(), s.DoneInPeriod,
            [.. s.Overdue.Select(o => new OverdueActionView(o.ActionId, o.AreaCode, o.Title, o.Owner, o.DueDate, o.DaysOverdue,
                o.Status.ToView(), o.PercentComplete))],
            [.. s.Indicators.Select(i => new IndicatorValueView(i.IndicatorId, i.AreaCode, i.Kind.ToView(), i.Name, i.Unit, i.Baseline, i.Target,
                i.TargetDate, i.Value, i.ValueDate, i.EvaluationId, i.Met))],
            new OccurrenceCountsView(s.Occurrences.Scheduled, s.Occurrences.Held, s.Occurrences.Missed, s.Occurrences.Unrecorded));
    }

    public static StrategyReport ToDomain(this ReportView r) => new(r.Key, r.StrategyId, r.KommuneId, r.Kind.ToDomain(), r.Label, r.IssuedOn,
        new StrategySnapshot(r.PeriodFrom, r.AsOf, (D.StrategyStatus)(int)r.Status, r.Progress,
            [.. r.FocusAreas.Select(f => new FocusAreaSnapshot(f.AreaCode, f.Progress, f.Actions.ToDomain()))],
            r.Actions.ToDomain(), r.DoneInPeriod,
            [.. r.Overdue.Select(o => new OverdueAction(o.ActionId, o.AreaCode, o.Title, o.Owner, o.DueDate, o.DaysOverdue,
                o.Status.ToDomain(), o.PercentComplete))],
            [.. r.Indicators.Select(i => new IndicatorValue(i.IndicatorId, i.AreaCode, i.Kind.ToDomain(), i.Name, i.Unit, i.Baseline, i.Target,
                i.TargetDate, i.Value, i.ValueDate, i.EvaluationId, i.Met))],
            new OccurrenceCounts(r.Occurrences.Scheduled, r.Occurrences.Held, r.Occurrences.Missed, r.Occurrences.Unrecorded)));

    private static ActionCountsView ToView(this ActionCounts c) => new(c.NotStarted, c.InProgress, c.Done, c.Cancelled, c.Overdue);

    private static ActionCounts ToDomain(this ActionCountsView c) => new(c.NotStarted, c.InProgress, c.Done, c.Cancelled, c.Overdue);
}
