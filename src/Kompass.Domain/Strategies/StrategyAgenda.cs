namespace Kompass.Domain.Strategies;

public sealed record AgendaAction(string StrategyId, PlacedAction Placed, bool Overdue);

public sealed record AgendaOccurrence(string StrategyId, Occurrence Occurrence, string Title, string Owner, OccurrenceRecord? Record);

/// <summary>What is due in a window, what is overdue today, and the årshjul occurrences in the window.</summary>
public sealed record Agenda(IReadOnlyList<AgendaAction> Due, IReadOnlyList<AgendaAction> Overdue, IReadOnlyList<AgendaOccurrence> Occurrences);

public static class StrategyAgenda
{
    /// <summary>The widest window one call reads: a year and a day.</summary>
    public const int MaxWindowDays = 366;

    /// <summary>
    /// The <c>followUp</c> view of one strategy: open actions due in <paramref name="from"/>..<paramref name="to"/>,
    /// every action OVERDUE on <paramref name="today"/> (whatever the window), and the occurrences in the window.
    /// </summary>
    public static Agenda Of(Strategy strategy, DateOnly from, DateOnly to, DateOnly today)
    {
        if (to < from)
            throw DomainException.Validation("to", $"The window ends {to:yyyy-MM-dd}, before it starts ({from:yyyy-MM-dd}).");
        if (to.DayNumber - from.DayNumber + 1 > MaxWindowDays)
            throw DomainException.Validation("to", $"A follow-up window is at most {MaxWindowDays} days.");
        var id = strategy.State.Id;
        var actions = strategy.Actions().ToList();
        var due = actions
            .Where(p => p.Action.DueDate >= from && p.Action.DueDate <= to && p.Action.Status is not (ActionStatus.Done or ActionStatus.Cancelled))
            .OrderBy(p => p.Action.DueDate).ThenBy(p => p.Action.Id, StringComparer.Ordinal)
            .Select(p => new AgendaAction(id, p, Strategy.IsOverdue(p.Action, today)))
            .ToList();
        var overdue = actions.Where(p => Strategy.IsOverdue(p.Action, today))
            .OrderBy(p => p.Action.DueDate).ThenBy(p => p.Action.Id, StringComparer.Ordinal)
            .Select(p => new AgendaAction(id, p, true))
            .ToList();
        var occurrences = strategy.State.Activities
            .SelectMany(a => strategy.OccurrencesOf(a, from, to)
                .Select(o => new AgendaOccurrence(id, o, a.Title, a.Owner, a.Records.FirstOrDefault(r => r.Date == o.Date))))
            .OrderBy(o => o.Occurrence.Date).ThenBy(o => o.Occurrence.ActivityId, StringComparer.Ordinal)
            .ToList();
        return new Agenda(due, overdue, occurrences);
    }
}
