using System.Globalization;

namespace Kompass.Domain.Strategies;

public enum NotificationKind
{
    ActionDueSoon,
    ActionOverdue,
    OccurrenceUpcoming,
    OccurrenceMissed,
    IndicatorTargetMissed,
    TertialReportIssued,
    CouncilStatusIssued,
}

/// <summary>
/// Something a kommune's leaders should hear of. <see cref="Key"/> is deterministic (strategy, kind,
/// subject and the date it is about), so the same event computed twice has the same key and the inbox
/// takes it once. <see cref="On"/> is the kommune's local date the follow-up raised it for;
/// <see cref="SubjectDate"/> the due date, occurrence date, target date or report date.
/// </summary>
public sealed record Notification(
    string Key,
    NotificationKind Kind,
    string KommuneId,
    string StrategyId,
    DateOnly On,
    string SubjectId,
    string Title,
    DateOnly SubjectDate);

public enum ReportKind
{
    Tertial,
    CouncilStatus,
}

/// <summary>
/// A tertial report (issued the day after 30 April, 31 August, 31 December) or a council status
/// (issued on each anniversary of the adoption): a frozen snapshot under a deterministic key.
/// </summary>
public sealed record StrategyReport(
    string Key,
    string StrategyId,
    string KommuneId,
    ReportKind Kind,
    string Label,
    DateOnly IssuedOn,
    StrategySnapshot Snapshot);

/// <summary>The follow-up's settings: how many days ahead an action's due date and an occurrence are announced, and how long after its date an unheld occurrence counts as missed.</summary>
public sealed class FollowUpSettings
{
    public const int DefaultLeadTimeDays = 14;
    public const int DefaultOccurrenceLeadDays = 7;
    public const int DefaultMissedAfterDays = 7;

    public int LeadTimeDays { get; set; } = DefaultLeadTimeDays;
    public int OccurrenceLeadDays { get; set; } = DefaultOccurrenceLeadDays;
    public int MissedAfterDays { get; set; } = DefaultMissedAfterDays;
}

/// <summary>
/// What a follow-up grain persists (one per adopted strategy). Days up to and including
/// <see cref="ProcessedThrough"/> (kommune-local dates) are done. The two ledgers remember, per
/// action, the due date a due-soon and an overdue notification were raised for: bounded by the
/// strategy's actions, and what keeps an action that stays overdue for months from being announced again.
/// </summary>
public sealed class FollowUpState
{
    public string StrategyId { get; set; } = "";
    public string KommuneId { get; set; } = "";
    public DateOnly StartedOn { get; set; }
    public DateOnly ProcessedThrough { get; set; }
    public DateTimeOffset? LastProcessedAt { get; set; }
    public FollowUpSettings Settings { get; set; } = new();
    public Dictionary<string, DateOnly> DueSoonNotified { get; set; } = [];
    public Dictionary<string, DateOnly> OverdueNotified { get; set; } = [];

    /// <summary>Past the strategy's last day, or the strategy is COMPLETED or ABANDONED: the grain may drop its reminder.</summary>
    public bool Finished { get; set; }

    public bool Exists => StrategyId.Length > 0;
}

/// <summary>
/// What one catch-up found: the days <see cref="From"/>..<see cref="Through"/> it processed (none
/// when both are null), new notifications and reports in day order, and whether the follow-up is
/// finished or has more days to catch up (<see cref="MoreToCatchUp"/>: call again).
/// </summary>
public sealed record FollowUpBatch(
    DateOnly? From,
    DateOnly? Through,
    IReadOnlyList<Notification> Notifications,
    IReadOnlyList<StrategyReport> Reports,
    bool Finished,
    bool MoreToCatchUp);

/// <summary>
/// The scheduled follow-up of an adopted strategy, pure and deterministic. <see cref="CatchUp"/>
/// processes every kommune-local day after the last one processed up to today, so a week of downtime,
/// a fast demo clock and a daily tick are the same case. Each day raises:
/// <list type="bullet">
/// <item>ACTION_DUE_SOON on the first processed day the action is open and due within the lead time;</item>
/// <item>ACTION_OVERDUE on the first processed day the action is open and past its due date;</item>
/// <item>OCCURRENCE_UPCOMING on the day an årshjul occurrence comes within its lead (or the follow-up's
/// first day, for one already that close), unless already recorded;</item>
/// <item>OCCURRENCE_MISSED on the day <see cref="FollowUpSettings.MissedAfterDays"/> after its date, unless held;</item>
/// <item>INDICATOR_TARGET_MISSED the day after a measure's target date, unless met by then;</item>
/// <item>a tertial report the day after each tertial end overlapping the period, and a council status on each
/// adoption anniversary from the period's start on.</item>
/// </list>
/// A COMPLETED strategy gets only the report of the tertial it was completed in (and any council status
/// before it); an ABANDONED one nothing more.
/// Every key is deterministic and every day is processed once (the state moves on only with the
/// batch it returns), so catching up twice, or in two halves, gives each notification and report
/// exactly once; the inbox also drops a key it has seen.
/// </summary>
public sealed class FollowUp(FollowUpState state)
{
    /// <summary>Days one call processes at most; a longer catch-up returns <see cref="FollowUpBatch.MoreToCatchUp"/>.</summary>
    public const int MaxDaysPerCatchUp = 400;

    public FollowUpState State { get; } = state;

    /// <summary>Starts following an ADOPTED strategy from the kommune's today. Starting the same strategy again changes nothing.</summary>
    public static FollowUp Start(FollowUpState state, StrategyState strategy, DateTimeOffset now)
    {
        if (state.Exists)
            return state.StrategyId == strategy.Id
                ? new FollowUp(state)
                : throw DomainException.Conflict($"This follow-up follows {state.StrategyId}, not {strategy.Id}.", "strategyId");
        if (strategy.Status != StrategyStatus.Adopted)
            throw DomainException.Conflict($"Strategy {strategy.Id} is not adopted: only an adopted strategy is followed up.", "strategyId");
        var today = KommuneCalendar.Today(strategy.KommuneId, now);
        state.StrategyId = strategy.Id;
        state.KommuneId = strategy.KommuneId;
        state.StartedOn = today;
        state.ProcessedThrough = today.AddDays(-1);
        return new FollowUp(state);
    }

    /// <summary>Changes the lead times and the missed grace (each 0-120 days); only the values given change.</summary>
    public void ChangeSettings(int? leadTimeDays, int? occurrenceLeadDays, int? missedAfterDays)
    {
        Check(leadTimeDays, "leadTimeDays");
        Check(occurrenceLeadDays, "occurrenceLeadDays");
        Check(missedAfterDays, "missedAfterDays");
        State.Settings.LeadTimeDays = leadTimeDays ?? State.Settings.LeadTimeDays;
        State.Settings.OccurrenceLeadDays = occurrenceLeadDays ?? State.Settings.OccurrenceLeadDays;
        State.Settings.MissedAfterDays = missedAfterDays ?? State.Settings.MissedAfterDays;

        static void Check(int? days, string field)
        {
            if (days is < StrategyLimits.MinLeadTimeDays or > StrategyLimits.MaxLeadTimeDays)
                throw DomainException.Validation(field, $"{field} is {StrategyLimits.MinLeadTimeDays}-{StrategyLimits.MaxLeadTimeDays} days, not {days}.");
        }
    }

    /// <summary>
    /// The follow-up's last day: the day the final tertial report is issued, or the day an occurrence
    /// at the period's end is missed, whichever is later. A COMPLETED strategy's follow-up ends sooner,
    /// with the report of the tertial it was completed in.
    /// </summary>
    public DateOnly LastDay(StrategyState strategy)
    {
        var finalReport = Tertials.EndOf(strategy.PeriodEnd).AddDays(1);
        var finalMissed = strategy.PeriodEnd.AddDays(State.Settings.MissedAfterDays + 1);
        var last = Max(finalReport, finalMissed);
        if (strategy.Status == StrategyStatus.Completed && strategy.ClosedAt is { } closedAt)
            last = Min(last, Tertials.EndOf(KommuneCalendar.Today(strategy.KommuneId, closedAt)).AddDays(1));
        return last;
    }

    public FollowUpBatch CatchUp(StrategyState strategyState, DateTimeOffset now, int maxDays = MaxDaysPerCatchUp)
    {
        if (!State.Exists)
            throw DomainException.NotFound("This strategy is not followed up.", "strategyId");
        if (strategyState.Id != State.StrategyId)
            throw DomainException.Conflict($"This follow-up follows {State.StrategyId}, not {strategyState.Id}.", "strategyId");
        if (maxDays < 1)
            throw new ArgumentOutOfRangeException(nameof(maxDays), maxDays, "A catch-up processes at least one day.");
        if (State.Finished)
            return new FollowUpBatch(null, null, [], [], true, false);
        if (strategyState.Status == StrategyStatus.Abandoned)
        {
            State.Finished = true;
            State.LastProcessedAt = now;
            return new FollowUpBatch(null, null, [], [], true, false);
        }

        var lastDay = LastDay(strategyState);
        var today = KommuneCalendar.Today(State.KommuneId, now);
        var from = State.ProcessedThrough.AddDays(1);
        var to = Min(Min(today, lastDay), from.AddDays(maxDays - 1));
        if (to < from)
            return new FollowUpBatch(null, null, [], [], State.ProcessedThrough >= lastDay, false);

        var strategy = new Strategy(strategyState);
        var notifications = new List<Notification>();
        var reports = new List<StrategyReport>();
        var dueSoon = new Dictionary<string, DateOnly>();
        var overdue = new Dictionary<string, DateOnly>();
        var settings = State.Settings;

        Notification Raise(NotificationKind kind, string keyTail, DateOnly on, string subjectId, string title, DateOnly subjectDate) =>
            new($"{State.StrategyId}/{keyTail}", kind, State.KommuneId, State.StrategyId, on, subjectId, title, subjectDate);

        // A completed strategy gets its final reports, and is otherwise done: nothing is due or late any more.
        var active = strategyState.Status == StrategyStatus.Adopted;
        foreach (var action in active ? strategy.Actions().Select(p => p.Action) : [])
        {
            if (action.Status is ActionStatus.Done or ActionStatus.Cancelled)
                continue;
            var due = action.DueDate;
            var soon = Max(from, due.AddDays(-settings.LeadTimeDays));
            if (soon <= Min(to, due) && State.DueSoonNotified.GetValueOrDefault(action.Id) != due)
            {
                notifications.Add(Raise(NotificationKind.ActionDueSoon, $"action-due-soon/{action.Id}/{Iso(due)}", soon, action.Id, action.Title, due));
                dueSoon[action.Id] = due;
            }
            var late = Max(from, due.AddDays(1));
            if (late <= to && State.OverdueNotified.GetValueOrDefault(action.Id) != due)
            {
                notifications.Add(Raise(NotificationKind.ActionOverdue, $"action-overdue/{action.Id}/{Iso(due)}", late, action.Id, action.Title, due));
                overdue[action.Id] = due;
            }
        }

        foreach (var activity in active ? strategyState.Activities : [])
        {
            // Only occurrences whose upcoming or missed day can fall in the window.
            foreach (var occurrence in strategy.OccurrencesOf(activity, from.AddDays(-settings.MissedAfterDays - 1), to.AddDays(settings.OccurrenceLeadDays)))
            {
                var record = activity.Records.FirstOrDefault(r => r.Date == occurrence.Date);
                var upcoming = Max(occurrence.Date.AddDays(-settings.OccurrenceLeadDays), State.StartedOn);
                if (record is null && upcoming >= from && upcoming <= to && upcoming <= occurrence.Date)
                    notifications.Add(Raise(NotificationKind.OccurrenceUpcoming, $"occurrence-upcoming/{occurrence.Id}", upcoming,
                        occurrence.Id, activity.Title, occurrence.Date));
                var missed = occurrence.Date.AddDays(settings.MissedAfterDays + 1);
                if (record is not { Held: true } && missed >= from && missed <= to)
                    notifications.Add(Raise(NotificationKind.OccurrenceMissed, $"occurrence-missed/{occurrence.Id}", missed,
                        occurrence.Id, activity.Title, occurrence.Date));
            }
        }

        foreach (var indicator in active ? strategy.Indicators() : [])
        {
            if (indicator.TargetDate is not { } targetDate)
                continue;
            var day = targetDate.AddDays(1);
            if (day >= from && day <= to && IndicatorRules.ValueAsOf(indicator, targetDate).Met != true)
                notifications.Add(Raise(NotificationKind.IndicatorTargetMissed, $"indicator-target-missed/{indicator.Id}/{Iso(targetDate)}", day,
                    indicator.Id, indicator.Name, targetDate));
        }

        for (var end = Tertials.EndOf(from.AddDays(-1)); end.AddDays(1) <= to; end = Tertials.EndOf(end.AddDays(1)))
        {
            var issued = end.AddDays(1);
            var start = Tertials.StartOf(end);
            if (issued < from || end < strategyState.PeriodStart || start > strategyState.PeriodEnd)
                continue;
            var label = $"T{Tertials.NumberOf(end)} {end.Year}";
            var key = $"{State.StrategyId}/tertial-report/{end.Year}-T{Tertials.NumberOf(end)}";
            var periodFrom = Max(start, strategyState.PeriodStart);
            reports.Add(new StrategyReport(key, State.StrategyId, State.KommuneId, ReportKind.Tertial, label, issued,
                StrategySnapshot.Take(strategy, periodFrom, end)));
            notifications.Add(new Notification(key, NotificationKind.TertialReportIssued, State.KommuneId, State.StrategyId, issued, key, label, end));
        }

        if (strategyState.Adoption is { } adoption)
        {
            for (var n = 1; adoption.Date.AddYears(n) <= to; n++)
            {
                var anniversary = adoption.Date.AddYears(n);
                if (anniversary < from || anniversary < strategyState.PeriodStart)
                    continue; // a strategy adopted long before its period reports from its period on
                var previous = adoption.Date.AddYears(n - 1);
                var label = $"Status {n} ({Iso(anniversary)})";
                var key = $"{State.StrategyId}/council-status/{Iso(anniversary)}";
                reports.Add(new StrategyReport(key, State.StrategyId, State.KommuneId, ReportKind.CouncilStatus, label, anniversary,
                    StrategySnapshot.Take(strategy, previous, anniversary.AddDays(-1))));
                notifications.Add(new Notification(key, NotificationKind.CouncilStatusIssued, State.KommuneId, State.StrategyId, anniversary,
                    key, label, anniversary.AddDays(-1)));
            }
        }

        // Everything is computed: now the state moves on, in one step with the batch it returns.
        var live = strategy.Actions().Select(p => p.Action.Id).ToHashSet();
        foreach (var (id, due) in dueSoon)
            State.DueSoonNotified[id] = due;
        foreach (var (id, due) in overdue)
            State.OverdueNotified[id] = due;
        foreach (var gone in State.DueSoonNotified.Keys.Where(k => !live.Contains(k)).ToList())
            State.DueSoonNotified.Remove(gone);
        foreach (var gone in State.OverdueNotified.Keys.Where(k => !live.Contains(k)).ToList())
            State.OverdueNotified.Remove(gone);
        State.ProcessedThrough = to;
        State.LastProcessedAt = now;
        State.Finished = to >= lastDay;

        return new FollowUpBatch(from, to,
            [.. notifications.OrderBy(n => n.On).ThenBy(n => n.Kind).ThenBy(n => n.Key, StringComparer.Ordinal)],
            [.. reports.OrderBy(r => r.IssuedOn).ThenBy(r => r.Kind)],
            State.Finished, to < Min(today, lastDay));
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
