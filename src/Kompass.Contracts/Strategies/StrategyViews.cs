namespace Kompass.Contracts.Strategies;

// What the strategy grains answer: read models with everything derived (progress, OVERDUE) already
// applied as of the kommune's local today, so every view shows the same thing.

[GenerateSerializer]
public enum StrategyStatus { Draft, Adopted, Completed, Abandoned }

/// <summary>As every view shows it: OVERDUE replaces NOT_STARTED and IN_PROGRESS past the due date (never stored).</summary>
[GenerateSerializer]
public enum ActionStatus { NotStarted, InProgress, Done, Cancelled, Overdue }

[GenerateSerializer]
public enum IndicatorKind { AreaScore, Measure }

[GenerateSerializer]
public enum RecurrenceKind { Monthly, Quarterly, Tertial, HalfYearly, Yearly, Cron }

[GenerateSerializer]
public enum NotificationKind { ActionDueSoon, ActionOverdue, OccurrenceUpcoming, OccurrenceMissed, IndicatorTargetMissed, TertialReportIssued, CouncilStatusIssued }

[GenerateSerializer]
public enum ReportKind { Tertial, CouncilStatus }

[GenerateSerializer, Immutable, Alias("kompass.AdoptionView")]
public sealed record AdoptionView(
    [property: Id(0)] string Body,
    [property: Id(1)] DateOnly Date,
    [property: Id(2)] string CaseNumber,
    [property: Id(3)] string Decision);

[GenerateSerializer, Immutable, Alias("kompass.StrategyView")]
public sealed record StrategyView(
    [property: Id(0)] string Id,
    [property: Id(1)] string KommuneId,
    [property: Id(2)] string Title,
    [property: Id(3)] string? Description,
    [property: Id(4)] string BasisEvaluationId,
    [property: Id(5)] string FrameworkVersion,
    [property: Id(6)] DateOnly BasisEvaluatedOn,
    [property: Id(7)] DateOnly PeriodStart,
    [property: Id(8)] DateOnly PeriodEnd,
    [property: Id(9)] StrategyStatus Status,
    [property: Id(10)] AdoptionView? Adoption,
    [property: Id(11)] DateTimeOffset CreatedAt,
    [property: Id(12)] string CreatedBy,
    [property: Id(13)] DateTimeOffset? ClosedAt,
    [property: Id(14)] string? ClosedBy,
    [property: Id(15)] string? ClosingNote,
    [property: Id(16)] decimal? Progress,
    [property: Id(17)] IReadOnlyList<FocusAreaView> FocusAreas,
    [property: Id(18)] IReadOnlyList<RecurringActivityView> Activities,
    [property: Id(19)] DateOnly Today,
    [property: Id(20)] int Version,
    [property: Id(21)] bool Shared);

[GenerateSerializer, Immutable, Alias("kompass.FocusAreaView")]
public sealed record FocusAreaView(
    [property: Id(0)] string AreaCode,
    [property: Id(1)] int? BasisScore,
    [property: Id(2)] IReadOnlyList<string> StartingPoints,
    [property: Id(3)] decimal? Progress,
    [property: Id(4)] IReadOnlyList<GoalView> Goals);

[GenerateSerializer, Immutable, Alias("kompass.GoalView")]
public sealed record GoalView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string? Description,
    [property: Id(3)] decimal? Progress,
    [property: Id(4)] IReadOnlyList<SubGoalView> SubGoals);

[GenerateSerializer, Immutable, Alias("kompass.SubGoalView")]
public sealed record SubGoalView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string? Description,
    [property: Id(3)] decimal? Progress,
    [property: Id(4)] IReadOnlyList<IndicatorView> Indicators,
    [property: Id(5)] IReadOnlyList<ActionView> Actions);

[GenerateSerializer, Immutable, Alias("kompass.MeasurementView")]
public sealed record MeasurementView(
    [property: Id(0)] DateOnly Date,
    [property: Id(1)] decimal Value,
    [property: Id(2)] string? Note,
    [property: Id(3)] string By,
    [property: Id(4)] string? EvaluationId);

/// <summary>An indicator with its latest value (as of today) and whether that meets the target.</summary>
[GenerateSerializer, Immutable, Alias("kompass.IndicatorView")]
public sealed record IndicatorView(
    [property: Id(0)] string Id,
    [property: Id(1)] IndicatorKind Kind,
    [property: Id(2)] string Name,
    [property: Id(3)] string AreaCode,
    [property: Id(4)] string? Unit,
    [property: Id(5)] decimal? Baseline,
    [property: Id(6)] decimal? Target,
    [property: Id(7)] DateOnly? TargetDate,
    [property: Id(8)] decimal? Value,
    [property: Id(9)] DateOnly? ValueDate,
    [property: Id(10)] bool? Met,
    [property: Id(11)] IReadOnlyList<MeasurementView> Measurements);

[GenerateSerializer, Immutable, Alias("kompass.ActionLogEntryView")]
public sealed record ActionLogEntryView(
    [property: Id(0)] int Seq,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string By,
    [property: Id(3)] string What);

/// <summary>An action; <see cref="Log"/> holds the newest entries (older ones are in history pages), <see cref="LogCount"/> how many there are in all.</summary>
[GenerateSerializer, Immutable, Alias("kompass.ActionView")]
public sealed record ActionView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string? Description,
    [property: Id(3)] string Owner,
    [property: Id(4)] string? OwnerSubject,
    [property: Id(5)] string? ResponsibleUnit,
    [property: Id(6)] DateOnly StartDate,
    [property: Id(7)] DateOnly DueDate,
    [property: Id(8)] ActionStatus Status,
    [property: Id(9)] int PercentComplete,
    [property: Id(10)] DateOnly? CompletedOn,
    [property: Id(11)] IReadOnlyList<ActionLogEntryView> Log,
    [property: Id(12)] int LogCount,
    [property: Id(13)] string StrategyId);

[GenerateSerializer, Immutable, Alias("kompass.OccurrenceView")]
public sealed record OccurrenceView(
    [property: Id(0)] string Id,
    [property: Id(1)] DateOnly Date,
    [property: Id(2)] bool? Held,
    [property: Id(3)] DateOnly? HeldOn,
    [property: Id(4)] string? Note);

[GenerateSerializer, Immutable, Alias("kompass.RecurringActivityView")]
public sealed record RecurringActivityView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string Owner,
    [property: Id(3)] RecurrenceKind Recurrence,
    [property: Id(4)] string? Cron,
    [property: Id(5)] DateOnly StartsOn,
    [property: Id(6)] IReadOnlyList<OccurrenceView> Occurrences);

/// <summary>A strategy as its kommune tracks it, at the strategy's <see cref="Version"/> (an older one arriving late is ignored).</summary>
[GenerateSerializer, Immutable, Alias("kompass.StrategyEntryView")]
public sealed record StrategyEntryView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] StrategyStatus Status,
    [property: Id(3)] DateOnly PeriodStart,
    [property: Id(4)] DateOnly PeriodEnd,
    [property: Id(5)] int Version);

/// <summary>The strategy's state in its storage form (JSON), for the follow-up, which runs the pure rules on it.</summary>
[GenerateSerializer, Immutable, Alias("kompass.StrategyStateMessage")]
public sealed record StrategyStateMessage([property: Id(0)] string Json, [property: Id(1)] int Version);

// ---- agenda (the followUp view) ---------------------------------------------------------------

[GenerateSerializer, Immutable, Alias("kompass.AgendaActionView")]
public sealed record AgendaActionView(
    [property: Id(0)] string StrategyId,
    [property: Id(1)] string AreaCode,
    [property: Id(2)] string SubGoalId,
    [property: Id(3)] string ActionId,
    [property: Id(4)] string Title,
    [property: Id(5)] string Owner,
    [property: Id(6)] DateOnly DueDate,
    [property: Id(7)] ActionStatus Status,
    [property: Id(8)] int PercentComplete);

[GenerateSerializer, Immutable, Alias("kompass.AgendaOccurrenceView")]
public sealed record AgendaOccurrenceView(
    [property: Id(0)] string StrategyId,
    [property: Id(1)] string OccurrenceId,
    [property: Id(2)] string ActivityId,
    [property: Id(3)] string Title,
    [property: Id(4)] string Owner,
    [property: Id(5)] DateOnly Date,
    [property: Id(6)] bool? Held,
    [property: Id(7)] DateOnly? HeldOn);

/// <summary>Open actions due in the window, every action overdue today, and the årshjul occurrences in the window.</summary>
[GenerateSerializer, Immutable, Alias("kompass.AgendaView")]
public sealed record AgendaView(
    [property: Id(0)] DateOnly From,
    [property: Id(1)] DateOnly To,
    [property: Id(2)] DateOnly Today,
    [property: Id(3)] IReadOnlyList<AgendaActionView> Due,
    [property: Id(4)] IReadOnlyList<AgendaActionView> Overdue,
    [property: Id(5)] IReadOnlyList<AgendaOccurrenceView> Occurrences);

// ---- follow-up, notifications, reports --------------------------------------------------------

[GenerateSerializer, Immutable, Alias("kompass.FollowUpView")]
public sealed record FollowUpView(
    [property: Id(0)] string StrategyId,
    [property: Id(1)] bool Started,
    [property: Id(2)] DateOnly? StartedOn,
    [property: Id(3)] DateOnly? ProcessedThrough,
    [property: Id(4)] bool Finished,
    [property: Id(5)] int LeadTimeDays,
    [property: Id(6)] int OccurrenceLeadDays,
    [property: Id(7)] int MissedAfterDays);

/// <summary>A notification under its deterministic key, as the follow-up raised it.</summary>
[GenerateSerializer, Immutable, Alias("kompass.NotificationMessage")]
public sealed record NotificationMessage(
    [property: Id(0)] string Key,
    [property: Id(1)] NotificationKind Kind,
    [property: Id(2)] string KommuneId,
    [property: Id(3)] string StrategyId,
    [property: Id(4)] DateOnly On,
    [property: Id(5)] string SubjectId,
    [property: Id(6)] string Title,
    [property: Id(7)] DateOnly SubjectDate);

[GenerateSerializer, Immutable, Alias("kompass.NotificationView")]
public sealed record NotificationView(
    [property: Id(0)] NotificationMessage Notification,
    [property: Id(1)] long Seq,
    [property: Id(2)] DateTimeOffset ReceivedAt,
    [property: Id(3)] DateTimeOffset? AcknowledgedAt,
    [property: Id(4)] string? AcknowledgedBy);

[GenerateSerializer, Immutable, Alias("kompass.NotificationPage")]
public sealed record NotificationPage(
    [property: Id(0)] IReadOnlyList<NotificationView> Items,
    [property: Id(1)] IReadOnlyList<string> Cursors,
    [property: Id(2)] int TotalCount,
    [property: Id(3)] bool HasNextPage,
    [property: Id(4)] bool HasPreviousPage,
    [property: Id(5)] int UnacknowledgedCount);

[GenerateSerializer, Immutable, Alias("kompass.ActionCountsView")]
public sealed record ActionCountsView(
    [property: Id(0)] int NotStarted,
    [property: Id(1)] int InProgress,
    [property: Id(2)] int Done,
    [property: Id(3)] int Cancelled,
    [property: Id(4)] int Overdue);

[GenerateSerializer, Immutable, Alias("kompass.FocusAreaSnapshotView")]
public sealed record FocusAreaSnapshotView(
    [property: Id(0)] string AreaCode,
    [property: Id(1)] decimal? Progress,
    [property: Id(2)] ActionCountsView Actions);

[GenerateSerializer, Immutable, Alias("kompass.OverdueActionView")]
public sealed record OverdueActionView(
    [property: Id(0)] string ActionId,
    [property: Id(1)] string AreaCode,
    [property: Id(2)] string Title,
    [property: Id(3)] string Owner,
    [property: Id(4)] DateOnly DueDate,
    [property: Id(5)] int DaysOverdue,
    [property: Id(6)] ActionStatus Status,
    [property: Id(7)] int PercentComplete);

[GenerateSerializer, Immutable, Alias("kompass.IndicatorValueView")]
public sealed record IndicatorValueView(
    [property: Id(0)] string IndicatorId,
    [property: Id(1)] string AreaCode,
    [property: Id(2)] IndicatorKind Kind,
    [property: Id(3)] string Name,
    [property: Id(4)] string? Unit,
    [property: Id(5)] decimal? Baseline,
    [property: Id(6)] decimal? Target,
    [property: Id(7)] DateOnly? TargetDate,
    [property: Id(8)] decimal? Value,
    [property: Id(9)] DateOnly? ValueDate,
    [property: Id(10)] string? EvaluationId,
    [property: Id(11)] bool? Met);

[GenerateSerializer, Immutable, Alias("kompass.OccurrenceCountsView")]
public sealed record OccurrenceCountsView(
    [property: Id(0)] int Scheduled,
    [property: Id(1)] int Held,
    [property: Id(2)] int Missed,
    [property: Id(3)] int Unrecorded);

/// <summary>A frozen report: a tertial report or a council status (årlig status til kommunestyret).</summary>
[GenerateSerializer, Immutable, Alias("kompass.ReportView")]
public sealed record ReportView(
    [property: Id(0)] string Key,
    [property: Id(1)] string StrategyId,
    [property: Id(2)] string KommuneId,
    [property: Id(3)] ReportKind Kind,
    [property: Id(4)] string Label,
    [property: Id(5)] DateOnly IssuedOn,
    [property: Id(6)] DateOnly PeriodFrom,
    [property: Id(7)] DateOnly AsOf,
    [property: Id(8)] StrategyStatus Status,
    [property: Id(9)] decimal? Progress,
    [property: Id(10)] IReadOnlyList<FocusAreaSnapshotView> FocusAreas,
    [property: Id(11)] ActionCountsView Actions,
    [property: Id(12)] int DoneInPeriod,
    [property: Id(13)] IReadOnlyList<OverdueActionView> Overdue,
    [property: Id(14)] IReadOnlyList<IndicatorValueView> Indicators,
    [property: Id(15)] OccurrenceCountsView Occurrences);

/// <summary>Archived history entries (an action's older log lines, old notifications) as JSON, by sequence number.</summary>
[GenerateSerializer, Immutable, Alias("kompass.HistoryEntry")]
public sealed record HistoryEntry([property: Id(0)] long Seq, [property: Id(1)] string Json);
