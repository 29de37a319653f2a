namespace Kompass.Domain.Strategies;

/// <summary>
/// Every list of a strategy that the API can grow has a limit here, so one grain's state stays
/// bounded; the numbers are listed in docs/strategy-rules.md. A command past a limit is a
/// VALIDATION_ERROR naming the field.
/// </summary>
public static class StrategyLimits
{
    public const int MinPeriodYears = 1;
    public const int MaxPeriodYears = 5;

    public const int MaxFocusAreas = 8;
    public const int MaxStartingPointsPerArea = 50;
    public const int MaxGoals = 40;
    public const int MaxSubGoals = 150;
    public const int MaxActions = 600;
    public const int MaxActionsPerSubGoal = 100;
    public const int MaxIndicators = 150;
    public const int MaxMeasurementsPerIndicator = 120;
    public const int MaxActivities = 60;

    /// <summary>Weekly over the longest period (5 years) fits; a daily cron over years does not.</summary>
    public const int MaxOccurrencesPerActivity = 270;

    /// <summary>
    /// Log entries of one action kept in the strategy's state; older ones go to archived pages. The
    /// grain writes the whole state per update, so this keeps a 500-action strategy's write well under a megabyte.
    /// </summary>
    public const int MaxLogEntriesInState = 5;

    /// <summary>Archived log entries waiting for the history store to confirm them; past it, updates wait (CONFLICT).</summary>
    public const int MaxPendingArchivedEntries = 2000;

    public const int MaxTitleLength = 200;
    public const int MaxNameLength = 200;
    public const int MaxTextLength = 4000;
    public const int MaxNoteLength = 2000;
    public const int MaxCaseNumberLength = 100;
    public const int MaxUnitLength = 50;
    public const int MaxCronLength = 100;

    public const int MaxStrategiesPerKommune = 100;

    public const int MinLeadTimeDays = 0;
    public const int MaxLeadTimeDays = 120;
}
