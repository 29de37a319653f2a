namespace Kompass.Contracts.Strategies;

// Commands on a development strategy (utviklingsstrategi). Who makes a change is the caller
// (CallerContext.Actor), never a field; every change but create takes an optional expectedVersion.

/// <summary>A new DRAFT strategy of <see cref="KommuneId"/>, based on one of its published evaluations; the id is handed out by the kommune.</summary>
[GenerateSerializer, Immutable, Alias("kompass.CreateStrategy")]
public sealed record CreateStrategy(
    [property: Id(0)] string KommuneId,
    [property: Id(1)] string EvaluationId,
    [property: Id(2)] string Title,
    [property: Id(3)] DateOnly PeriodStart,
    [property: Id(4)] DateOnly PeriodEnd,
    [property: Id(5)] string? Description = null) : ITargetsKommune;

/// <summary>The political processing: body (kommunestyret, formannskapet, ...), date, case number as free text ("K-sak 33/18"), decision.</summary>
[GenerateSerializer, Immutable, Alias("kompass.AdoptStrategy")]
public sealed record AdoptStrategy(
    [property: Id(0)] string StrategyId,
    [property: Id(1)] string Body,
    [property: Id(2)] DateOnly Date,
    [property: Id(3)] string CaseNumber,
    [property: Id(4)] string Decision,
    [property: Id(5)] int? ExpectedVersion = null) : ITargetsStrategy;

[GenerateSerializer, Immutable, Alias("kompass.CompleteStrategy")]
public sealed record CompleteStrategy(
    [property: Id(0)] string StrategyId,
    [property: Id(1)] string? Note = null,
    [property: Id(2)] int? ExpectedVersion = null) : ITargetsStrategy;

[GenerateSerializer, Immutable, Alias("kompass.AbandonStrategy")]
public sealed record AbandonStrategy(
    [property: Id(0)] string StrategyId,
    [property: Id(1)] string Reason,
    [property: Id(2)] int? ExpectedVersion = null) : ITargetsStrategy;

[GenerateSerializer, Immutable, Alias("kompass.ChooseFocusArea")]
public sealed record ChooseFocusArea(
    [property: Id(0)] string StrategyId,
    [property: Id(1)] string AreaCode,
    [property: Id(2)] int? ExpectedVersion = null) : ITargetsStrategy;

[GenerateSerializer, Immutable, Alias("kompass.RemoveFocusArea")]
public sealed record RemoveFocusArea(
    [property: Id(0)] string StrategyId,
    [property: Id(1)] string AreaCode,
    [property: Id(2)] int? ExpectedVersion = null) : ITargetsStrategy;

[GenerateSerializer, Immutable, Alias("kompass.AddGoal")]
public sealed record AddGoal(
    [property: Id(0)] string StrategyId,
    [property: Id(1)] string AreaCode,
    [property: Id(2)] string Title,
    [property: Id(3)] string? Description = null,
    [property: Id(4)] int? ExpectedVersion = null) : ITargetsStrategy;

/// <summary>A sub-goal (delmål) under a goal.</summary>
[GenerateSerializer, Immutable, Alias("kompass.AddSubGoal")]
public sealed record AddSubGoal(
    [property: Id(0)] string StrategyId,
    [property: Id(1)] string GoalId,
    [property: Id(2)] string Title,
    [property: Id(3)] string? Description = null,
    [property: Id(4)] int? ExpectedVersion = null) : ITargetsStrategy;

/// <summary>AREA_SCORE takes only an optional name and target; MEASURE needs unit, baseline, target and target date.</summary>
[GenerateSerializer, Immutable, Alias("kompass.AddIndicator")]
public sealed record AddIndicator(
    [property: Id(0)] string StrategyId,
    [property: Id(1)] string SubGoalId,
    [property: Id(2)] IndicatorKind Kind,
    [property: Id(3)] string? Name = null,
    [property: Id(4)] string? Unit = null,
    [property: Id(5)] decimal? Baseline = null,
    [property: Id(6)] decimal? Target = null,
    [property: Id(7)] DateOnly? TargetDate = null,
    [property: Id(8)] int? ExpectedVersion = null) : ITargetsStrategy;

[GenerateSerializer, Immutable, Alias("kompass.RecordMeasurement")]
public sealed record RecordMeasurement(
    [property: Id(0)] string StrategyId,
    [property: Id(1)] string IndicatorId,
    [property: Id(2)] DateOnly Date,
    [property: Id(3)] decimal Value,
    [property: Id(4)] string? Note = null,
    [property: Id(5)] int? ExpectedVersion = null) : ITargetsStrategy;

/// <summary>
/// An action (tiltak). <see cref="Owner"/> is a person or role as people read it; <see cref="OwnerSubject"/>
/// the owner's user id, matched against a token's subject once authentication lands.
/// </summary>
[GenerateSerializer, Immutable, Alias("kompass.AddAction")]
public sealed record AddAction(
    [property: Id(0)] string StrategyId,
    [property: Id(1)] string SubGoalId,
    [property: Id(2)] string Title,
    [property: Id(3)] string Owner,
    [property: Id(4)] DateOnly StartDate,
    [property: Id(5)] DateOnly DueDate,
    [property: Id(6)] string? Description = null,
    [property: Id(7)] string? ResponsibleUnit = null,
    [property: Id(8)] string? OwnerSubject = null,
    [property: Id(9)] int? ExpectedVersion = null) : ITargetsStrategy;

/// <summary>Only the fields given change; a new due date needs <see cref="DueDateReason"/> (logged).</summary>
[GenerateSerializer, Immutable, Alias("kompass.UpdateAction")]
public sealed record UpdateAction(
    [property: Id(0)] string StrategyId,
    [property: Id(1)] string ActionId,
    [property: Id(2)] string? Title = null,
    [property: Id(3)] string? Description = null,
    [property: Id(4)] string? Owner = null,
    [property: Id(5)] string? OwnerSubject = null,
    [property: Id(6)] string? ResponsibleUnit = null,
    [property: Id(7)] DateOnly? StartDate = null,
    [property: Id(8)] DateOnly? DueDate = null,
    [property: Id(9)] string? DueDateReason = null,
    [property: Id(10)] ActionStatus? Status = null,
    [property: Id(11)] int? PercentComplete = null,
    [property: Id(12)] string? Note = null,
    [property: Id(13)] int? ExpectedVersion = null) : ITargetsStrategy;

/// <summary>An årshjul activity: a fixed recurrence, or CRON with a 5-field expression read in the kommune's time zone.</summary>
[GenerateSerializer, Immutable, Alias("kompass.AddRecurringActivity")]
public sealed record AddRecurringActivity(
    [property: Id(0)] string StrategyId,
    [property: Id(1)] string Title,
    [property: Id(2)] string Owner,
    [property: Id(3)] RecurrenceKind Recurrence,
    [property: Id(4)] string? Cron = null,
    [property: Id(5)] DateOnly? StartsOn = null,
    [property: Id(6)] int? ExpectedVersion = null) : ITargetsStrategy;

/// <summary>Marks an årshjul occurrence (<c>r7/2024-03-01</c>) held (on <see cref="HeldOn"/>, default its date) or missed.</summary>
[GenerateSerializer, Immutable, Alias("kompass.RecordOccurrence")]
public sealed record RecordOccurrence(
    [property: Id(0)] string StrategyId,
    [property: Id(1)] string OccurrenceId,
    [property: Id(2)] bool Held,
    [property: Id(3)] DateOnly? HeldOn = null,
    [property: Id(4)] string? Note = null,
    [property: Id(5)] int? ExpectedVersion = null) : ITargetsStrategy;

/// <summary>The follow-up's settings, 0-120 days each; only those given change.</summary>
[GenerateSerializer, Immutable, Alias("kompass.ChangeFollowUpSettings")]
public sealed record ChangeFollowUpSettings(
    [property: Id(0)] string StrategyId,
    [property: Id(1)] int? LeadTimeDays = null,
    [property: Id(2)] int? OccurrenceLeadDays = null,
    [property: Id(3)] int? MissedAfterDays = null) : ITargetsStrategy;

[GenerateSerializer, Immutable, Alias("kompass.AcknowledgeNotification")]
public sealed record AcknowledgeNotification(
    [property: Id(0)] string KommuneId,
    [property: Id(1)] string Key) : ITargetsKommune;

/// <summary>Shares a strategy with every role (KS analysts), or takes it back: its kommune's leaders.</summary>
[GenerateSerializer, Immutable, Alias("kompass.ShareStrategy")]
public sealed record ShareStrategy(
    [property: Id(0)] string StrategyId,
    [property: Id(1)] bool Shared,
    [property: Id(2)] int? ExpectedVersion = null) : ITargetsStrategy;
