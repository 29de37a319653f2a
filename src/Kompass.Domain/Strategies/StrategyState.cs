namespace Kompass.Domain.Strategies;

/// <summary>DRAFT while it is planned; ADOPTED once the council (or another body) has adopted it; then COMPLETED or ABANDONED.</summary>
public enum StrategyStatus
{
    Draft,
    Adopted,
    Completed,
    Abandoned,
}

/// <summary>What an action's owner reports. OVERDUE is not stored: it is derived from the due date (see <see cref="Strategy.IsOverdue"/>).</summary>
public enum ActionStatus
{
    NotStarted,
    InProgress,
    Done,
    Cancelled,
}

/// <summary>An action's status as every view shows it: OVERDUE replaces NOT_STARTED and IN_PROGRESS past the due date.</summary>
public enum ActionStatusView
{
    NotStarted,
    InProgress,
    Done,
    Cancelled,
    Overdue,
}

/// <summary>The area's score at the next evaluation, or a measure the kommune records itself.</summary>
public enum IndicatorKind
{
    AreaScore,
    Measure,
}

public enum RecurrenceKind
{
    Monthly,
    Quarterly,
    Tertial,
    HalfYearly,
    Yearly,
    Cron,
}

/// <summary>The political processing: which body, when, the case number as the kommune writes it ("K-sak 33/18"), and the decision.</summary>
public sealed record Adoption(string Body, DateOnly Date, string CaseNumber, string Decision);

/// <summary>How an årshjul activity recurs: a fixed kind, or a cron expression (Cronos, 5 fields) when <see cref="Kind"/> is Cron.</summary>
public sealed record Recurrence(RecurrenceKind Kind, string? Cron = null);

/// <summary>A focus area of the basis evaluation's framework, as the strategy remembers it.</summary>
public sealed record FrameworkArea(string Code, decimal MaxPoints);

/// <summary>One line of an action's append-only log: when, who, what. <see cref="Seq"/> counts from 1 per action.</summary>
public sealed record ActionLogEntry(int Seq, DateTimeOffset At, string By, string What);

/// <summary>
/// A dated value of an indicator. For an area-score indicator the one value is the next evaluation's
/// area score, dated the evaluation's date, with <see cref="EvaluationId"/> saying where it came from.
/// </summary>
public sealed record Measurement(DateOnly Date, decimal Value, string? Note, string By, string? EvaluationId = null);

/// <summary>An årshjul occurrence as recorded: held (on <see cref="HeldOn"/>, with a note) or missed.</summary>
public sealed record OccurrenceRecord(DateOnly Date, bool Held, DateOnly? HeldOn, string? Note, string By, DateTimeOffset At);

/// <summary>
/// What a strategy grain persists. A plain, JSON-serialisable class: behaviour lives in
/// <see cref="Strategy"/>, which changes it only after every check has passed.
/// </summary>
public sealed class StrategyState
{
    public string Id { get; set; } = "";
    public string KommuneId { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Description { get; set; }

    /// <summary>Marked shared by the kommune: every role may read it (KS analysts compare strategies); else it is the kommune's own.</summary>
    public bool Shared { get; set; }

    /// <summary>The published evaluation the strategy builds on, and what of it the strategy needs later.</summary>
    public string BasisEvaluationId { get; set; } = "";
    public string FrameworkVersion { get; set; } = "";
    public DateOnly BasisEvaluatedOn { get; set; }
    /// <summary>The framework's areas in its order, with their max points (an area-score target is checked against them).</summary>
    public List<FrameworkArea> FrameworkAreas { get; set; } = [];
    public Dictionary<string, int> BasisAreaScores { get; set; } = [];
    public Dictionary<string, List<string>> BasisImprovementAreas { get; set; } = [];

    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public StrategyStatus Status { get; set; }
    public Adoption? Adoption { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    public string? ClosingNote { get; set; }

    public List<FocusAreaState> FocusAreas { get; set; } = [];
    public List<RecurringActivityState> Activities { get; set; } = [];

    /// <summary>The number in the last child id handed out (g1, s2, i3, a4, r5): ids are never reused.</summary>
    public int LastChildNumber { get; set; }

    /// <summary>
    /// Log entries moved out of the actions' hot logs, waiting for the history store (an outbox):
    /// the grain stores them (<see cref="Archive"/>) and then calls <see cref="Strategy.ConfirmArchived"/>.
    /// </summary>
    public List<ArchivedBatch<ActionLogEntry>> PendingLogArchive { get; set; } = [];

    /// <summary>Bumped on every accepted change; a writer that read an older version gets CONFLICT.</summary>
    public int Version { get; set; }

    public bool Exists => Id.Length > 0;
}

public sealed class FocusAreaState
{
    public string AreaCode { get; set; } = "";

    /// <summary>The basis evaluation's improvement areas (forbedringsområder) for this area, offered as a starting point.</summary>
    public List<string> StartingPoints { get; set; } = [];
    public List<GoalState> Goals { get; set; } = [];
}

public sealed class GoalState
{
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public List<SubGoalState> SubGoals { get; set; } = [];
}

/// <summary>A delmål: what the actions under it carry out and its indicators measure.</summary>
public sealed class SubGoalState
{
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public List<IndicatorState> Indicators { get; set; } = [];
    public List<ActionState> Actions { get; set; } = [];
}

public sealed class IndicatorState
{
    public string Id { get; set; } = "";
    public IndicatorKind Kind { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The focus area the indicator's sub-goal belongs to (the area scored, for an area-score indicator).</summary>
    public string AreaCode { get; set; } = "";
    public string? Unit { get; set; }

    /// <summary>For an area score: the basis evaluation's score of the area, when it is known.</summary>
    public decimal? Baseline { get; set; }
    public decimal? Target { get; set; }
    public DateOnly? TargetDate { get; set; }

    /// <summary>Ordered by date, one per date; an area score holds at most one (the next evaluation's).</summary>
    public List<Measurement> Measurements { get; set; } = [];
}

/// <summary>A tiltak. <see cref="Log"/> holds the newest entries; older ones are in archived pages.</summary>
public sealed class ActionState
{
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Description { get; set; }

    /// <summary>A person or a role ("kommunedirektør").</summary>
    public string Owner { get; set; } = "";

    /// <summary>
    /// The owner's user id, when the owner is a person with an account: matched against a token's
    /// subject once authentication lands, so a kommune member can update the actions they own.
    /// </summary>
    public string? OwnerSubject { get; set; }
    public string? ResponsibleUnit { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly DueDate { get; set; }
    public ActionStatus Status { get; set; }
    public int PercentComplete { get; set; }

    /// <summary>The kommune's local date the action was last set DONE (reports count actions done in their period).</summary>
    public DateOnly? CompletedOn { get; set; }
    public List<ActionLogEntry> Log { get; set; } = [];

    /// <summary>The sequence number of the newest log entry; entries 1..LogCount exist, the oldest perhaps archived.</summary>
    public int LogCount { get; set; }
}

public sealed class RecurringActivityState
{
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    public string Owner { get; set; } = "";
    public Recurrence Recurrence { get; set; } = new(RecurrenceKind.Yearly);

    /// <summary>The first occurrence's date for a fixed recurrence; where a cron search starts.</summary>
    public DateOnly StartsOn { get; set; }

    /// <summary>Occurrences recorded held or missed, by scheduled date; the rest are not recorded yet.</summary>
    public List<OccurrenceRecord> Records { get; set; } = [];
}
