namespace Kompass.Contracts.Strategies;

/// <summary>
/// One development strategy, keyed under its kommune like evaluations: <c>NO-5034/strategy/2023-1</c>.
/// DRAFT while planned, ADOPTED after political processing (one at a time per kommune), then
/// COMPLETED or ABANDONED and frozen. It follows its kommune's published results (area-score indicators).
/// </summary>
public interface IStrategyGrain : IGrainWithStringKey
{
    Task<StrategyView> Create(CreateStrategy command);

    /// <summary>The strategy as of the kommune's today, or null when there is none under this key.</summary>
    Task<StrategyView?> Get();

    Task<StrategyView> Adopt(AdoptStrategy command);

    /// <summary>DEMO DATA (the system only): Meråker's strategy as seed 004 describes it, on the given evaluation.</summary>
    Task<StrategyView> SeedMerakerDemo(string evaluationId);
    Task<StrategyView> Complete(CompleteStrategy command);
    Task<StrategyView> Abandon(AbandonStrategy command);
    Task<StrategyView> Share(ShareStrategy command);

    /// <summary>Removes the strategy and all it holds (its follow-up, reports and log history): its kommune is offboarded. Idempotent.</summary>
    Task Offboard();
    Task<StrategyView> ChooseFocusArea(ChooseFocusArea command);
    Task<StrategyView> RemoveFocusArea(RemoveFocusArea command);
    Task<StrategyView> AddGoal(AddGoal command);
    Task<StrategyView> AddSubGoal(AddSubGoal command);
    Task<StrategyView> AddIndicator(AddIndicator command);
    Task<StrategyView> RecordMeasurement(RecordMeasurement command);
    Task<StrategyView> AddAction(AddAction command);
    Task<StrategyView> UpdateAction(UpdateAction command);
    Task<StrategyView> AddRecurringActivity(AddRecurringActivity command);
    Task<StrategyView> RecordOccurrence(RecordOccurrence command);

    /// <summary>What is due in <paramref name="from"/>..<paramref name="to"/>, overdue today, and the årshjul occurrences in the window.</summary>
    Task<AgendaView> Agenda(DateOnly from, DateOnly to);

    /// <summary>A published result of the kommune, delivered by the kommune. Idempotent; anything not "the next evaluation" is ignored.</summary>
    Task ApplyResult(Kommuner.ResultMessage result);

    /// <summary>
    /// The state, for the follow-up grain's catch-up. Interleaves: a tick reading the strategy while the
    /// strategy waits for that follow-up (delivering an adoption) would otherwise stall both until a timeout.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<StrategyStateMessage?> State();
}

/// <summary>
/// The scheduled follow-up of one strategy (same key as the strategy), kept alive by a reminder once the
/// strategy is adopted: each tick catches up from the last day processed to now, raising notifications
/// into the kommune's inbox and issuing tertial reports and council statuses, each exactly once.
/// </summary>
public interface IFollowUpGrain : IGrainWithStringKey
{
    /// <summary>The strategy's current entry (delivered by the strategy): starts following an ADOPTED one.</summary>
    Task Follow(StrategyEntryView entry);

    /// <summary>Catches up to now (what the reminder does); safe to call at any time, any number of times.</summary>
    Task<FollowUpView> Tick();

    Task<FollowUpView> Get();

    Task<FollowUpView> ChangeSettings(ChangeFollowUpSettings command);

    /// <summary>Stops following (its reminders go) and removes its state. Idempotent.</summary>
    Task Offboard();
}

/// <summary>A kommune's notification inbox (key: the kommune id). The newest 500 are kept hot; older ones go to history pages.</summary>
public interface IInboxGrain : IGrainWithStringKey
{
    /// <summary>Takes a batch; a key already seen is skipped, so a batch delivered twice adds each notification once.</summary>
    Task Deliver(IReadOnlyList<NotificationMessage> notifications);

    /// <summary>Newest first.</summary>
    Task<NotificationPage> List(int first, string? after, bool unacknowledgedOnly);

    Task<NotificationView> Acknowledge(AcknowledgeNotification command);

    /// <summary>Removes the inbox and its archived pages. Idempotent.</summary>
    Task Offboard();
}

/// <summary>A strategy's issued reports (key: the strategy id), frozen, at most 30.</summary>
public interface IStrategyReportsGrain : IGrainWithStringKey
{
    Task Add(IReadOnlyList<ReportView> reports);

    Task<IReadOnlyList<ReportView>> List();

    Task Offboard();
}

/// <summary>One fixed page of archived history (key <c>&lt;owner&gt;/&lt;stream&gt;/&lt;page&gt;</c>): appended idempotently, read-only after.</summary>
public interface IHistoryPageGrain : IGrainWithStringKey
{
    Task Append(string stream, int pageIndex, IReadOnlyList<HistoryEntry> entries);

    Task<IReadOnlyList<HistoryEntry>> Get();

    Task Offboard();
}
