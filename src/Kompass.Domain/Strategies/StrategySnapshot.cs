namespace Kompass.Domain.Strategies;

/// <summary>Actions by status; <see cref="Overdue"/> counts the NOT_STARTED and IN_PROGRESS ones past their due date.</summary>
public sealed record ActionCounts(int NotStarted, int InProgress, int Done, int Cancelled, int Overdue)
{
    public int Total => NotStarted + InProgress + Done + Cancelled;

    public static ActionCounts Of(IEnumerable<ActionState> actions, DateOnly today)
    {
        int notStarted = 0, inProgress = 0, done = 0, cancelled = 0, overdue = 0;
        foreach (var a in actions)
        {
            switch (a.Status)
            {
                case ActionStatus.NotStarted: notStarted++; break;
                case ActionStatus.InProgress: inProgress++; break;
                case ActionStatus.Done: done++; break;
                case ActionStatus.Cancelled: cancelled++; break;
            }
            if (Strategy.IsOverdue(a, today))
                overdue++;
        }
        return new ActionCounts(notStarted, inProgress, done, cancelled, overdue);
    }
}

public sealed record FocusAreaSnapshot(string AreaCode, decimal? Progress, ActionCounts Actions);

public sealed record OverdueAction(string ActionId, string AreaCode, string Title, string Owner, DateOnly DueDate, int DaysOverdue,
    ActionStatus Status, int PercentComplete);

/// <summary>An indicator's value as of a date: the latest measurement on or before it; <see cref="Met"/> null while no value is known.</summary>
public sealed record IndicatorValue(string IndicatorId, string AreaCode, IndicatorKind Kind, string Name, string? Unit, decimal? Baseline,
    decimal? Target, DateOnly? TargetDate, decimal? Value, DateOnly? ValueDate, string? EvaluationId, bool? Met);

/// <summary>Årshjul occurrences scheduled in a period and how they were recorded.</summary>
public sealed record OccurrenceCounts(int Scheduled, int Held, int Missed, int Unrecorded);

/// <summary>
/// A frozen picture of a strategy at the end of <see cref="AsOf"/>, for a tertial report or a
/// council status: progress per focus area, actions by status, the overdue list, indicator values,
/// and what was done and held in the period <see cref="PeriodFrom"/>..<see cref="AsOf"/>.
/// </summary>
public sealed record StrategySnapshot(
    DateOnly PeriodFrom,
    DateOnly AsOf,
    StrategyStatus Status,
    decimal? Progress,
    IReadOnlyList<FocusAreaSnapshot> FocusAreas,
    ActionCounts Actions,
    int DoneInPeriod,
    IReadOnlyList<OverdueAction> Overdue,
    IReadOnlyList<IndicatorValue> Indicators,
    OccurrenceCounts Occurrences)
{
    /// <summary>
    /// Takes the picture from the strategy's current state. Dated facts (measurements, due dates,
    /// occurrence dates, the day an action was done) are read as of <paramref name="asOf"/>; statuses
    /// and percentages are as they stand when the picture is taken, which is the report's day unless
    /// the follow-up was catching up after downtime.
    /// </summary>
    public static StrategySnapshot Take(Strategy strategy, DateOnly periodFrom, DateOnly asOf)
    {
        var state = strategy.State;
        var overdueOn = asOf.AddDays(1); // at the end of asOf, whatever was due on it or before and is still open is late
        var progress = ProgressRules.Of(state);
        var placed = strategy.Actions().ToList();
        var areas = state.FocusAreas.Select(f => new FocusAreaSnapshot(
                f.AreaCode,
                progress.FocusAreas.First(p => p.AreaCode == f.AreaCode).Percent,
                ActionCounts.Of(placed.Where(p => p.AreaCode == f.AreaCode).Select(p => p.Action), overdueOn)))
            .ToList();
        var overdue = placed.Where(p => Strategy.IsOverdue(p.Action, overdueOn))
            .OrderBy(p => p.Action.DueDate).ThenBy(p => p.Action.Id, StringComparer.Ordinal)
            .Select(p => new OverdueAction(p.Action.Id, p.AreaCode, p.Action.Title, p.Action.Owner, p.Action.DueDate,
                overdueOn.DayNumber - p.Action.DueDate.DayNumber - 1, p.Action.Status, p.Action.PercentComplete))
            .ToList();
        var done = placed.Count(p => p.Action.Status == ActionStatus.Done && p.Action.CompletedOn >= periodFrom && p.Action.CompletedOn <= asOf);
        var indicators = strategy.Indicators().Select(i => IndicatorRules.ValueAsOf(i, asOf)).ToList();

        int scheduled = 0, held = 0, missed = 0;
        foreach (var activity in state.Activities)
            foreach (var occurrence in strategy.OccurrencesOf(activity, periodFrom, asOf))
            {
                scheduled++;
                var record = activity.Records.FirstOrDefault(r => r.Date == occurrence.Date);
                if (record is { Held: true })
                    held++;
                else if (record is { Held: false })
                    missed++;
            }

        return new StrategySnapshot(periodFrom, asOf, state.Status, progress.Percent, areas,
            ActionCounts.Of(placed.Select(p => p.Action), overdueOn), done, overdue, indicators,
            new OccurrenceCounts(scheduled, held, missed, scheduled - held - missed));
    }
}

/// <summary>When an indicator counts as met.</summary>
public static class IndicatorRules
{
    /// <summary>
    /// A measure is met when its value has reached the target in the direction from baseline to target
    /// (sick leave 7.5 -> 6.0 is met at 6.0 or below). An area score is met when it reaches its target,
    /// or, without a target, when it is above the basis evaluation's score.
    /// </summary>
    public static bool? IsMet(IndicatorState indicator, decimal? value)
    {
        if (value is not { } v)
            return null;
        if (indicator.Target is { } target)
            return indicator.Baseline is { } baseline && target < baseline ? v <= target : v >= target;
        return indicator.Baseline is { } b ? v > b : null;
    }

    public static IndicatorValue ValueAsOf(IndicatorState indicator, DateOnly asOf)
    {
        var latest = indicator.Measurements.LastOrDefault(m => m.Date <= asOf);
        return new IndicatorValue(indicator.Id, indicator.AreaCode, indicator.Kind, indicator.Name, indicator.Unit, indicator.Baseline,
            indicator.Target, indicator.TargetDate, latest?.Value, latest?.Date, latest?.EvaluationId, IsMet(indicator, latest?.Value));
    }
}
