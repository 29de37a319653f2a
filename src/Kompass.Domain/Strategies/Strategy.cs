using System.Globalization;
using Kompass.Domain.Evaluations;
using Kompass.Domain.Kommuner;

namespace Kompass.Domain.Strategies;

/// <summary>An action to add under a sub-goal.</summary>
public sealed record ActionInput(
    string Title, string? Description, string Owner, string? ResponsibleUnit, DateOnly StartDate, DateOnly DueDate, string? OwnerSubject = null);

/// <summary>A change to an action: only the fields given change. A new due date needs <see cref="DueDateReason"/>.</summary>
public sealed record ActionUpdate
{
    public string? Title { get; init; }
    public string? Description { get; init; }
    public string? Owner { get; init; }

    /// <summary>The owner's user id (a token subject); an empty string clears it.</summary>
    public string? OwnerSubject { get; init; }
    public string? ResponsibleUnit { get; init; }
    public DateOnly? StartDate { get; init; }
    public DateOnly? DueDate { get; init; }
    public string? DueDateReason { get; init; }
    public ActionStatus? Status { get; init; }
    public int? PercentComplete { get; init; }
    public string? Note { get; init; }
}

/// <summary>
/// An indicator to add to a sub-goal. An area score takes only an optional name and target (its
/// baseline is the basis evaluation's score); a measure needs unit, baseline, target and target date.
/// </summary>
public sealed record IndicatorInput(
    IndicatorKind Kind, string? Name = null, string? Unit = null, decimal? Baseline = null, decimal? Target = null, DateOnly? TargetDate = null);

/// <summary>An årshjul activity to add; <see cref="StartsOn"/> (the first occurrence) defaults to the period's start.</summary>
public sealed record ActivityInput(string Title, string Owner, Recurrence Recurrence, DateOnly? StartsOn = null);

/// <summary>An action with where it sits in the strategy.</summary>
public sealed record PlacedAction(string AreaCode, string GoalId, string SubGoalId, ActionState Action);

/// <summary>
/// The rules of a development strategy (utviklingsstrategi): DRAFT while planned, ADOPTED after
/// political processing, then COMPLETED or ABANDONED, after which it refuses every change (CONFLICT).
/// Every method checks everything first and changes the state last, so a rejected command leaves
/// nothing behind; every accepted change bumps <see cref="StrategyState.Version"/>, and a caller
/// giving an older expectedVersion gets CONFLICT. "One ADOPTED strategy per kommune" is the kommune's
/// rule: see <see cref="KommuneStrategies"/>.
/// </summary>
public sealed class Strategy(StrategyState state)
{
    public StrategyState State { get; } = state;

    private DateOnly Today(DateTimeOffset now) => KommuneCalendar.Today(State.KommuneId, now);

    // ---- lifecycle -------------------------------------------------------------------------------

    /// <summary>
    /// A new DRAFT strategy under <paramref name="id"/> (handed out by <see cref="KommuneStrategies.ReserveId"/>),
    /// based on a published evaluation of the same kommune, over a period of 1-5 years.
    /// </summary>
    public static Strategy Create(StrategyState state, string id, StrategyBasis basis, string title, string? description,
        DateOnly periodStart, DateOnly periodEnd, string by, DateTimeOffset now)
    {
        if (state.Exists)
            throw DomainException.Conflict($"Strategy {id} already exists.", "strategyId");
        if (!StrategyIds.IsWellFormed(id))
            throw DomainException.Validation("strategyId", $"'{id}' is not a strategy id such as NO-5034/strategy/2023-1.");
        var owner = KommuneId.OwnerOf(id, "strategyId").ToString();
        if (basis.KommuneId != owner)
            throw DomainException.Validation("evaluationId",
                $"Evaluation {basis.EvaluationId} is an evaluation of {basis.KommuneId}; a strategy of {owner} builds on its own kommune's evaluation.");
        if (!basis.IsPublished)
            throw DomainException.Conflict(
                $"Evaluation {basis.EvaluationId} is a draft: a strategy builds on a published evaluation.", "evaluationId");
        var caller = StrategyText.Caller(by);
        var cleanTitle = StrategyText.Required(title, "title", StrategyLimits.MaxTitleLength);
        var cleanDescription = StrategyText.Optional(description, "description", StrategyLimits.MaxTextLength);
        CheckPeriod(periodStart, periodEnd, basis.EvaluatedOn);

        state.Id = id;
        state.KommuneId = owner;
        state.Title = cleanTitle;
        state.Description = cleanDescription;
        state.BasisEvaluationId = basis.EvaluationId;
        state.FrameworkVersion = basis.Framework.Version;
        state.BasisEvaluatedOn = basis.EvaluatedOn;
        state.FrameworkAreas = [.. basis.Framework.Areas.Select(a => new FrameworkArea(a.Code, a.MaxPoints))];
        state.BasisAreaScores = basis.AreaScores.Where(s => basis.Framework.FindArea(s.Key) is not null).ToDictionary();
        state.BasisImprovementAreas = basis.ImprovementAreas
            .Where(a => basis.Framework.FindArea(a.Key) is not null)
            .ToDictionary(a => a.Key, a => a.Value.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim())
                .Take(StrategyLimits.MaxStartingPointsPerArea).ToList());
        state.PeriodStart = periodStart;
        state.PeriodEnd = periodEnd;
        state.Status = StrategyStatus.Draft;
        state.CreatedAt = now;
        state.CreatedBy = caller;
        state.Version = 1;
        return new Strategy(state);
    }

    /// <summary>
    /// The period is 1-5 years: from <paramref name="start"/> to at least the day before its first
    /// anniversary and at most the day before its fifth; it does not start before the evaluation it builds on.
    /// </summary>
    public static void CheckPeriod(DateOnly start, DateOnly end, DateOnly basisEvaluatedOn)
    {
        if (start < basisEvaluatedOn)
            throw DomainException.Validation("periodStart",
                $"The period starts {start:yyyy-MM-dd}, before the evaluation it builds on ({basisEvaluatedOn:yyyy-MM-dd}).");
        if (end < start)
            throw DomainException.Validation("periodEnd", $"The period ends {end:yyyy-MM-dd}, before it starts ({start:yyyy-MM-dd}).");
        var shortest = start.AddYears(StrategyLimits.MinPeriodYears).AddDays(-1);
        var longest = start.AddYears(StrategyLimits.MaxPeriodYears).AddDays(-1);
        if (end < shortest || end > longest)
            throw DomainException.Validation("periodEnd",
                $"A strategy runs {StrategyLimits.MinPeriodYears}-{StrategyLimits.MaxPeriodYears} years: from {start:yyyy-MM-dd} it ends between {shortest:yyyy-MM-dd} and {longest:yyyy-MM-dd}.");
    }

    /// <summary>
    /// Every check <see cref="Adopt"/> makes, changing nothing: the grain calls it before it claims the
    /// kommune's one ADOPTED place (<see cref="KommuneStrategies.ClaimAdoption"/>), so a bad adoption claims nothing.
    /// </summary>
    public Adoption CheckAdoption(Adoption adoption, DateTimeOffset now, int? expectedVersion)
    {
        EnsureChangeable(expectedVersion);
        if (State.Status != StrategyStatus.Draft)
            throw DomainException.Conflict($"Strategy {State.Id} is already {Name(State.Status)}: only a draft is adopted.", "strategyId");
        if (State.FocusAreas.Count == 0)
            throw DomainException.Conflict($"Strategy {State.Id} has no focus area: choose 1-{StrategyLimits.MaxFocusAreas} before it is adopted.", "focusAreas");
        var clean = new Adoption(
            StrategyText.Required(adoption.Body, "body", StrategyLimits.MaxNameLength),
            adoption.Date,
            StrategyText.Required(adoption.CaseNumber, "caseNumber", StrategyLimits.MaxCaseNumberLength),
            StrategyText.Required(adoption.Decision, "decision", StrategyLimits.MaxTextLength));
        if (adoption.Date > Today(now))
            throw DomainException.Validation("date", $"The adoption date {adoption.Date:yyyy-MM-dd} is in the future: record an adoption once it has happened.");
        if (adoption.Date < State.BasisEvaluatedOn)
            throw DomainException.Validation("date", $"The adoption date {adoption.Date:yyyy-MM-dd} is before the evaluation the strategy builds on.");
        if (adoption.Date > State.PeriodEnd)
            throw DomainException.Validation("date", $"The adoption date {adoption.Date:yyyy-MM-dd} is after the strategy's period ends ({State.PeriodEnd:yyyy-MM-dd}).");
        return clean;
    }

    /// <summary>DRAFT -> ADOPTED, recording the political processing.</summary>
    public void Adopt(Adoption adoption, DateTimeOffset now, int? expectedVersion)
    {
        var clean = CheckAdoption(adoption, now, expectedVersion);
        State.Adoption = clean;
        State.Status = StrategyStatus.Adopted;
        Changed();
    }

    /// <summary>ADOPTED -> COMPLETED; the strategy is then frozen (only the next evaluation's result still fills its indicators).</summary>
    public void Complete(string by, string? note, DateTimeOffset now, int? expectedVersion)
    {
        EnsureChangeable(expectedVersion);
        if (State.Status != StrategyStatus.Adopted)
            throw DomainException.Conflict($"Strategy {State.Id} is a draft: only an adopted strategy is completed (abandon a draft instead).", "strategyId");
        var caller = StrategyText.Caller(by);
        var cleanNote = StrategyText.Optional(note, "note", StrategyLimits.MaxNoteLength);
        Close(StrategyStatus.Completed, caller, cleanNote, now);
    }

    /// <summary>DRAFT or ADOPTED -> ABANDONED, saying why; the strategy is then frozen.</summary>
    public void Abandon(string by, string reason, DateTimeOffset now, int? expectedVersion)
    {
        EnsureChangeable(expectedVersion);
        var caller = StrategyText.Caller(by);
        var cleanReason = StrategyText.Required(reason, "reason", StrategyLimits.MaxNoteLength);
        Close(StrategyStatus.Abandoned, caller, cleanReason, now);
    }

    /// <summary>
    /// Shares the strategy with every role (KS analysts compare strategies), or takes it back. Allowed in
    /// every status: a completed strategy is what others learn from. Changes nothing when already so.
    /// </summary>
    public bool Share(bool shared, int? expectedVersion)
    {
        EnsureCurrent(expectedVersion);
        if (State.Shared == shared)
            return false;
        State.Shared = shared;
        Changed();
        return true;
    }

    private void Close(StrategyStatus status, string by, string? note, DateTimeOffset now)
    {
        State.Status = status;
        State.ClosedAt = now;
        State.ClosedBy = by;
        State.ClosingNote = note;
        Changed();
    }

    /// <summary>What the kommune tracks of this strategy (<see cref="KommuneStrategies.Track"/>).</summary>
    public StrategyEntry Entry() => new(State.Id, State.Title, State.Status, State.PeriodStart, State.PeriodEnd, State.Version);

    // ---- focus areas, goals, sub-goals -------------------------------------------------------------

    /// <summary>Chooses one of the framework's areas (1-8, each once), offered the basis evaluation's improvement areas for it.</summary>
    public FocusAreaState ChooseFocusArea(string areaCode, int? expectedVersion)
    {
        EnsureChangeable(expectedVersion);
        var code = areaCode?.Trim() ?? "";
        if (State.FrameworkAreas.All(a => a.Code != code))
            throw DomainException.Validation("areaCode", $"Unknown focus area '{areaCode}' in framework {State.FrameworkVersion}.");
        if (State.FocusAreas.Any(f => f.AreaCode == code))
            throw DomainException.Validation("areaCode", $"Focus area {code} is already chosen.");
        if (State.FocusAreas.Count >= StrategyLimits.MaxFocusAreas)
            throw DomainException.Validation("focusAreas", $"A strategy has at most {StrategyLimits.MaxFocusAreas} focus areas.");

        var area = new FocusAreaState
        {
            AreaCode = code,
            StartingPoints = [.. State.BasisImprovementAreas.GetValueOrDefault(code) ?? []],
        };
        State.FocusAreas.Add(area);
        var order = State.FrameworkAreas.Select(a => a.Code).ToList();
        State.FocusAreas.Sort((a, b) => order.IndexOf(a.AreaCode).CompareTo(order.IndexOf(b.AreaCode)));
        Changed();
        return area;
    }

    /// <summary>Removes a focus area. An adopted strategy keeps at least one, and only an empty one (no goals) is removed from it.</summary>
    public void RemoveFocusArea(string areaCode, int? expectedVersion)
    {
        EnsureChangeable(expectedVersion);
        var area = FindFocusArea(areaCode);
        if (State.Status == StrategyStatus.Adopted)
        {
            if (area.Goals.Count > 0)
                throw DomainException.Conflict(
                    $"Focus area {area.AreaCode} of adopted strategy {State.Id} has goals: an adopted strategy's plan is changed, not deleted.", "areaCode");
            if (State.FocusAreas.Count == 1)
                throw DomainException.Conflict($"Adopted strategy {State.Id} keeps at least one focus area.", "areaCode");
        }
        State.FocusAreas.Remove(area);
        Changed();
    }

    public GoalState AddGoal(string areaCode, string title, string? description, int? expectedVersion)
    {
        EnsureChangeable(expectedVersion);
        var area = FindFocusArea(areaCode);
        var goal = new GoalState
        {
            Id = NextId("g"),
            Title = StrategyText.Required(title, "title", StrategyLimits.MaxTitleLength),
            Description = StrategyText.Optional(description, "description", StrategyLimits.MaxTextLength),
        };
        if (Goals().Count() >= StrategyLimits.MaxGoals)
            throw DomainException.Validation("goals", $"A strategy has at most {StrategyLimits.MaxGoals} goals.");
        area.Goals.Add(goal);
        TakeId();
        Changed();
        return goal;
    }

    public SubGoalState AddSubGoal(string goalId, string title, string? description, int? expectedVersion)
    {
        EnsureChangeable(expectedVersion);
        var goal = Goals().FirstOrDefault(g => g.Id == goalId)
            ?? throw DomainException.NotFound($"Strategy {State.Id} has no goal '{goalId}'.", "goalId");
        var subGoal = new SubGoalState
        {
            Id = NextId("s"),
            Title = StrategyText.Required(title, "title", StrategyLimits.MaxTitleLength),
            Description = StrategyText.Optional(description, "description", StrategyLimits.MaxTextLength),
        };
        if (SubGoals().Count() >= StrategyLimits.MaxSubGoals)
            throw DomainException.Validation("subGoals", $"A strategy has at most {StrategyLimits.MaxSubGoals} sub-goals.");
        goal.SubGoals.Add(subGoal);
        TakeId();
        Changed();
        return subGoal;
    }

    // ---- indicators ----------------------------------------------------------------------------------

    public IndicatorState AddIndicator(string subGoalId, IndicatorInput input, int? expectedVersion)
    {
        EnsureChangeable(expectedVersion);
        var (areaCode, subGoal) = FindSubGoal(subGoalId);
        if (Indicators().Count() >= StrategyLimits.MaxIndicators)
            throw DomainException.Validation("indicators", $"A strategy has at most {StrategyLimits.MaxIndicators} indicators.");
        var indicator = input.Kind switch
        {
            IndicatorKind.AreaScore => AreaScoreIndicator(areaCode, subGoal, input),
            IndicatorKind.Measure => MeasureIndicator(areaCode, input),
            _ => throw DomainException.Validation("kind", $"Unknown indicator kind '{input.Kind}'."),
        };
        subGoal.Indicators.Add(indicator);
        TakeId();
        Changed();
        return indicator;
    }

    private IndicatorState AreaScoreIndicator(string areaCode, SubGoalState subGoal, IndicatorInput input)
    {
        if (input.Unit is not null)
            throw DomainException.Validation("unit", "An area score is in points: it takes no unit.");
        if (input.Baseline is not null)
            throw DomainException.Validation("baseline", "An area score's baseline is the basis evaluation's score: it is not given.");
        if (input.TargetDate is not null)
            throw DomainException.Validation("targetDate", "An area score is measured at the next evaluation: it takes no target date.");
        if (subGoal.Indicators.Any(i => i.Kind == IndicatorKind.AreaScore))
            throw DomainException.Validation("kind", $"Sub-goal {subGoal.Id} already follows the area's score.");
        var max = State.FrameworkAreas.First(a => a.Code == areaCode).MaxPoints;
        if (input.Target is { } target && (target < 0 || target > max || target != decimal.Truncate(target)))
            throw DomainException.Validation("target", $"An area score target is a whole number 0-{max:0}.");
        return new IndicatorState
        {
            Id = NextId("i"),
            Kind = IndicatorKind.AreaScore,
            Name = StrategyText.Optional(input.Name, "name", StrategyLimits.MaxNameLength) ?? $"Poeng i fokusområde {areaCode} ved neste evaluering",
            AreaCode = areaCode,
            Baseline = State.BasisAreaScores.TryGetValue(areaCode, out var score) ? score : null,
            Target = input.Target,
        };
    }

    private IndicatorState MeasureIndicator(string areaCode, IndicatorInput input)
    {
        var name = StrategyText.Required(input.Name, "name", StrategyLimits.MaxNameLength);
        var unit = StrategyText.Required(input.Unit, "unit", StrategyLimits.MaxUnitLength);
        if (input.Baseline is not { } baseline)
            throw DomainException.Validation("baseline", "A measure needs its baseline (where the kommune starts).");
        if (input.Target is not { } target)
            throw DomainException.Validation("target", "A measure needs its target.");
        if (target == baseline)
            throw DomainException.Validation("target", "The target is the baseline: a measure's target says which way it should move.");
        if (input.TargetDate is not { } targetDate)
            throw DomainException.Validation("targetDate", "A measure needs its target date.");
        if (targetDate < State.PeriodStart || targetDate > State.PeriodEnd)
            throw DomainException.Validation("targetDate",
                $"The target date {targetDate:yyyy-MM-dd} is outside the strategy's period {State.PeriodStart:yyyy-MM-dd} - {State.PeriodEnd:yyyy-MM-dd}.");
        return new IndicatorState
        {
            Id = NextId("i"),
            Kind = IndicatorKind.Measure,
            Name = name,
            AreaCode = areaCode,
            Unit = unit,
            Baseline = baseline,
            Target = target,
            TargetDate = targetDate,
        };
    }

    /// <summary>A dated value of a measure; a second value for the same date corrects the first.</summary>
    public Measurement RecordMeasurement(string indicatorId, DateOnly date, decimal value, string? note, string by, DateTimeOffset now,
        int? expectedVersion)
    {
        EnsureChangeable(expectedVersion);
        var indicator = FindIndicator(indicatorId);
        if (indicator.Kind == IndicatorKind.AreaScore)
            throw DomainException.Validation("indicatorId", $"Indicator {indicatorId} is the area's score: the next published evaluation fills it in.");
        var caller = StrategyText.Caller(by);
        var cleanNote = StrategyText.Optional(note, "note", StrategyLimits.MaxNoteLength);
        if (date > Today(now))
            throw DomainException.Validation("date", $"The measurement date {date:yyyy-MM-dd} is in the future.");
        if (date < State.BasisEvaluatedOn)
            throw DomainException.Validation("date", $"The measurement date {date:yyyy-MM-dd} is before the evaluation the strategy builds on.");
        var existing = indicator.Measurements.FindIndex(m => m.Date == date);
        if (existing < 0 && indicator.Measurements.Count >= StrategyLimits.MaxMeasurementsPerIndicator)
            throw DomainException.Validation("measurements", $"An indicator holds at most {StrategyLimits.MaxMeasurementsPerIndicator} measurements.");

        var measurement = new Measurement(date, value, cleanNote, caller);
        if (existing >= 0)
            indicator.Measurements[existing] = measurement;
        else
            indicator.Measurements.Add(measurement);
        indicator.Measurements.Sort((a, b) => a.Date.CompareTo(b.Date));
        Changed();
        return measurement;
    }

    /// <summary>
    /// Fills the area-score indicators from the kommune's next published evaluation: a result of the
    /// same kommune, evaluated after the basis, under the same framework version (or, given a declared
    /// <paramref name="mapping"/> from this strategy's version to the result's, through it). The
    /// earliest such evaluation is "the next"; an amendment of it updates the value. Anything else
    /// (another kommune, the basis itself, an older or incomparable result, an ABANDONED strategy) is
    /// ignored, because this follows the kommune's publications and must never make a delivery fail.
    /// Unlike the users' changes it also reaches a COMPLETED strategy: the next evaluation usually
    /// comes after the strategy's period, and it is what shows whether the strategy worked.
    /// Returns how many indicators changed; 0 changes nothing (not even the version).
    /// </summary>
    public int ApplyPublishedResult(PublishedResult result, AreaVersionMapping? mapping = null)
    {
        if (!State.Exists || State.Status == StrategyStatus.Abandoned || result.KommuneId != State.KommuneId
            || result.EvaluationId == State.BasisEvaluationId || result.EvaluatedOn <= State.BasisEvaluatedOn)
            return 0;
        Func<string, string?> areaOf;
        if (result.FrameworkVersion == State.FrameworkVersion)
            areaOf = code => code;
        else if (mapping is not null && mapping.FromVersion == State.FrameworkVersion && mapping.ToVersion == result.FrameworkVersion)
            areaOf = mapping.Map;
        else
            return 0;

        var changes = new List<(IndicatorState Indicator, Measurement Value)>();
        foreach (var indicator in Indicators().Where(i => i.Kind == IndicatorKind.AreaScore))
        {
            if (areaOf(indicator.AreaCode) is not { } area || !result.AreaScores.TryGetValue(area, out var score))
                continue;
            var current = indicator.Measurements.FirstOrDefault();
            var value = new Measurement(result.EvaluatedOn, score, null, "evaluation", result.EvaluationId);
            var takes = current is null
                || (current.EvaluationId == result.EvaluationId && current != value)
                || result.EvaluatedOn < current.Date;
            if (takes)
                changes.Add((indicator, value));
        }
        foreach (var (indicator, value) in changes)
            indicator.Measurements = [value];
        if (changes.Count > 0)
            Changed();
        return changes.Count;
    }

    // ---- actions -------------------------------------------------------------------------------------

    public ActionState AddAction(string subGoalId, ActionInput input, string by, DateTimeOffset now, int? expectedVersion)
    {
        EnsureChangeable(expectedVersion);
        var (_, subGoal) = FindSubGoal(subGoalId);
        var caller = StrategyText.Caller(by);
        var title = StrategyText.Required(input.Title, "title", StrategyLimits.MaxTitleLength);
        var description = StrategyText.Optional(input.Description, "description", StrategyLimits.MaxTextLength);
        var owner = StrategyText.Required(input.Owner, "owner", StrategyLimits.MaxNameLength);
        var unit = StrategyText.Optional(input.ResponsibleUnit, "responsibleUnit", StrategyLimits.MaxNameLength);
        var subject = StrategyText.Optional(input.OwnerSubject, "ownerSubject", StrategyLimits.MaxNameLength);
        CheckDates(input.StartDate, input.DueDate);
        if (Actions().Count() >= StrategyLimits.MaxActions)
            throw DomainException.Validation("actions", $"A strategy has at most {StrategyLimits.MaxActions} actions.");
        if (subGoal.Actions.Count >= StrategyLimits.MaxActionsPerSubGoal)
            throw DomainException.Validation("actions", $"A sub-goal has at most {StrategyLimits.MaxActionsPerSubGoal} actions.");

        var action = new ActionState
        {
            Id = NextId("a"),
            Title = title,
            Description = description,
            Owner = owner,
            OwnerSubject = subject,
            ResponsibleUnit = unit,
            StartDate = input.StartDate,
            DueDate = input.DueDate,
            Status = ActionStatus.NotStarted,
        };
        AppendLog(action, caller, now, $"created: due {Iso(input.DueDate)}, owner {owner}");
        subGoal.Actions.Add(action);
        TakeId();
        Changed();
        return action;
    }

    /// <summary>
    /// Changes an action and logs who changed what. DONE means 100 % (given or not); a new due date
    /// needs a reason, which goes into the log. An update that changes nothing and has no note is rejected.
    /// </summary>
    public ActionState UpdateAction(string actionId, ActionUpdate update, string by, DateTimeOffset now, int? expectedVersion)
    {
        EnsureChangeable(expectedVersion);
        var action = FindAction(actionId).Action;
        var caller = StrategyText.Caller(by);
        var title = update.Title is null ? action.Title : StrategyText.Required(update.Title, "title", StrategyLimits.MaxTitleLength);
        var description = update.Description is null ? action.Description : StrategyText.Optional(update.Description, "description", StrategyLimits.MaxTextLength);
        var owner = update.Owner is null ? action.Owner : StrategyText.Required(update.Owner, "owner", StrategyLimits.MaxNameLength);
        var unit = update.ResponsibleUnit is null ? action.ResponsibleUnit : StrategyText.Optional(update.ResponsibleUnit, "responsibleUnit", StrategyLimits.MaxNameLength);
        var subject = update.OwnerSubject is null ? action.OwnerSubject : StrategyText.Optional(update.OwnerSubject, "ownerSubject", StrategyLimits.MaxNameLength);
        var note = StrategyText.Optional(update.Note, "note", StrategyLimits.MaxNoteLength);
        var start = update.StartDate ?? action.StartDate;
        var due = update.DueDate ?? action.DueDate;
        CheckDates(start, due);
        string? reason = null;
        if (due != action.DueDate)
            reason = StrategyText.Optional(update.DueDateReason, "dueDateReason", StrategyLimits.MaxNoteLength)
                ?? throw DomainException.Validation("dueDateReason", "Moving a due date needs a reason.");
        else if (!string.IsNullOrWhiteSpace(update.DueDateReason))
            throw DomainException.Validation("dueDateReason", "A reason is given with a new due date; the due date does not change.");
        if (update.Status is { } s && !Enum.IsDefined(s))
            throw DomainException.Validation("status", $"Unknown action status '{s}'.");
        var status = update.Status ?? action.Status;
        if (update.PercentComplete is < 0 or > 100)
            throw DomainException.Validation("percentComplete", $"Percent complete is 0-100, not {update.PercentComplete}.");
        if (status == ActionStatus.Done && update.PercentComplete is { } given && given != 100)
            throw DomainException.Validation("percentComplete", $"A DONE action is 100 % complete, not {given} %.");
        var percent = status == ActionStatus.Done ? 100 : update.PercentComplete ?? action.PercentComplete;

        var changes = new List<string>();
        void Note(string field, string? from, string? to)
        {
            if (from != to)
                changes.Add($"{field} {from ?? "-"} -> {to ?? "-"}");
        }
        Note("title", action.Title, title);
        if (description != action.Description)
            changes.Add("description changed");
        Note("owner", action.Owner, owner);
        Note("ownerSubject", action.OwnerSubject, subject);
        Note("responsibleUnit", action.ResponsibleUnit, unit);
        Note("startDate", Iso(action.StartDate), Iso(start));
        if (reason is not null)
            changes.Add($"dueDate {Iso(action.DueDate)} -> {Iso(due)} (reason: {reason})");
        Note("status", Name(action.Status), Name(status));
        Note("percentComplete", action.PercentComplete.ToString(CultureInfo.InvariantCulture), percent.ToString(CultureInfo.InvariantCulture));
        if (note is not null)
            changes.Add($"note: {note}");
        if (changes.Count == 0)
            throw DomainException.Validation("note", $"The update changes nothing on action {actionId}: give a change or a note.");
        EnsureArchiveRoom();

        var today = Today(now);
        action.Title = title;
        action.Description = description;
        action.Owner = owner;
        action.OwnerSubject = subject;
        action.ResponsibleUnit = unit;
        action.StartDate = start;
        action.DueDate = due;
        if (status != action.Status)
            action.CompletedOn = status == ActionStatus.Done ? today : null;
        action.Status = status;
        action.PercentComplete = percent;
        AppendLog(action, caller, now, string.Join("; ", changes));
        Changed();
        return action;
    }

    private void CheckDates(DateOnly start, DateOnly due)
    {
        if (start < State.PeriodStart || start > State.PeriodEnd)
            throw DomainException.Validation("startDate",
                $"The start date {start:yyyy-MM-dd} is outside the strategy's period {State.PeriodStart:yyyy-MM-dd} - {State.PeriodEnd:yyyy-MM-dd}.");
        if (due < State.PeriodStart || due > State.PeriodEnd)
            throw DomainException.Validation("dueDate",
                $"The due date {due:yyyy-MM-dd} is outside the strategy's period {State.PeriodStart:yyyy-MM-dd} - {State.PeriodEnd:yyyy-MM-dd}.");
        if (due < start)
            throw DomainException.Validation("dueDate", $"The due date {due:yyyy-MM-dd} is before the start date {start:yyyy-MM-dd}.");
    }

    /// <summary>
    /// Appends to the action's log; past <see cref="StrategyLimits.MaxLogEntriesInState"/> the oldest
    /// entry moves to <see cref="StrategyState.PendingLogArchive"/> (stream <c>log/{actionId}</c>).
    /// </summary>
    private void AppendLog(ActionState action, string by, DateTimeOffset now, string what)
    {
        action.LogCount++;
        action.Log.Add(new ActionLogEntry(action.LogCount, now, by, what));
        while (action.Log.Count > StrategyLimits.MaxLogEntriesInState)
        {
            var oldest = action.Log[0];
            action.Log.RemoveAt(0);
            var stream = LogStream(action.Id);
            var last = State.PendingLogArchive.Count > 0 ? State.PendingLogArchive[^1] : null;
            if (last is not null && last.Stream == stream && last.LastSeq + 1 == oldest.Seq
                && Archive.PageIndexOf(last.FirstSeq) == Archive.PageIndexOf(oldest.Seq))
            {
                last.Items.Add(oldest);
                State.PendingLogArchive[^1] = last with { LastSeq = oldest.Seq };
            }
            else
            {
                State.PendingLogArchive.Add(new ArchivedBatch<ActionLogEntry>(stream, oldest.Seq, oldest.Seq, [oldest]));
            }
        }
    }

    /// <summary>The archive stream of an action's older log entries.</summary>
    public static string LogStream(string actionId) => $"log/{actionId}";

    private void EnsureArchiveRoom()
    {
        if (State.PendingLogArchive.Sum(b => b.Items.Count) >= StrategyLimits.MaxPendingArchivedEntries)
            throw DomainException.Conflict(
                $"Strategy {State.Id} has {StrategyLimits.MaxPendingArchivedEntries} log entries waiting for the history store: try again shortly.");
    }

    /// <summary>The history store has the batches with these ids (<see cref="ArchivedBatch{T}.IdOf"/>): drop them from the outbox. Unknown ids are ignored.</summary>
    public int ConfirmArchived(IEnumerable<string> batchIds)
    {
        var ids = batchIds.ToHashSet();
        return State.PendingLogArchive.RemoveAll(b => ids.Contains(ArchivedBatch<ActionLogEntry>.IdOf(b)));
    }

    /// <summary>Past its due date (in the kommune's local date) and neither DONE nor CANCELLED: OVERDUE in every view.</summary>
    public static bool IsOverdue(ActionState action, DateOnly today) =>
        action.DueDate < today && action.Status is not (ActionStatus.Done or ActionStatus.Cancelled);

    public bool IsOverdue(ActionState action, DateTimeOffset now) => IsOverdue(action, Today(now));

    /// <summary>The status a view shows on <paramref name="today"/>: OVERDUE when <see cref="IsOverdue(ActionState, DateOnly)"/>.</summary>
    public static ActionStatusView ViewStatus(ActionState action, DateOnly today) =>
        IsOverdue(action, today) ? ActionStatusView.Overdue : action.Status switch
        {
            ActionStatus.NotStarted => ActionStatusView.NotStarted,
            ActionStatus.InProgress => ActionStatusView.InProgress,
            ActionStatus.Done => ActionStatusView.Done,
            _ => ActionStatusView.Cancelled,
        };

    // ---- årshjul -------------------------------------------------------------------------------------

    public RecurringActivityState AddRecurringActivity(ActivityInput input, int? expectedVersion)
    {
        EnsureChangeable(expectedVersion);
        var title = StrategyText.Required(input.Title, "title", StrategyLimits.MaxTitleLength);
        var owner = StrategyText.Required(input.Owner, "owner", StrategyLimits.MaxNameLength);
        var recurrence = Recurrences.Normalise(input.Recurrence ?? throw DomainException.Validation("recurrence", "recurrence is required."));
        var startsOn = input.StartsOn ?? State.PeriodStart;
        if (startsOn < State.PeriodStart || startsOn > State.PeriodEnd)
            throw DomainException.Validation("startsOn",
                $"The first occurrence {startsOn:yyyy-MM-dd} is outside the strategy's period {State.PeriodStart:yyyy-MM-dd} - {State.PeriodEnd:yyyy-MM-dd}.");
        var dates = Recurrences.Dates(recurrence, startsOn, State.PeriodEnd, KommuneCalendar.TimeZoneOf(State.KommuneId));
        if (dates.Count == 0)
            throw DomainException.Validation("recurrence", "The recurrence never occurs within the strategy's period.");
        if (dates.Count > StrategyLimits.MaxOccurrencesPerActivity)
            throw DomainException.Validation("recurrence",
                $"The recurrence occurs more than {StrategyLimits.MaxOccurrencesPerActivity} times in the period: an årshjul activity is at most weekly.");
        if (State.Activities.Count >= StrategyLimits.MaxActivities)
            throw DomainException.Validation("activities", $"A strategy's årshjul has at most {StrategyLimits.MaxActivities} activities.");

        var activity = new RecurringActivityState
        {
            Id = NextId("r"),
            Title = title,
            Owner = owner,
            Recurrence = recurrence,
            StartsOn = startsOn,
        };
        State.Activities.Add(activity);
        TakeId();
        Changed();
        return activity;
    }

    /// <summary>The activity's occurrences over the strategy's period (or the part of it in <paramref name="from"/>..<paramref name="to"/>), by date.</summary>
    public IReadOnlyList<Occurrence> OccurrencesOf(RecurringActivityState activity, DateOnly? from = null, DateOnly? to = null) =>
        [.. Recurrences.Dates(activity.Recurrence, activity.StartsOn, to < State.PeriodEnd ? to.Value : State.PeriodEnd,
                KommuneCalendar.TimeZoneOf(State.KommuneId), int.MaxValue, from)
            .Select(d => new Occurrence(Recurrences.OccurrenceId(activity.Id, d), activity.Id, d))];

    /// <summary>Every årshjul occurrence of the strategy, by date then activity.</summary>
    public IReadOnlyList<Occurrence> Occurrences() =>
        [.. State.Activities.SelectMany(a => OccurrencesOf(a)).OrderBy(o => o.Date).ThenBy(o => o.ActivityId, StringComparer.Ordinal)];

    /// <summary>
    /// Records an occurrence held (on <paramref name="heldOn"/>, by default its scheduled date) or
    /// missed; recording it again corrects the record. A missed occurrence is one whose date has come.
    /// </summary>
    public OccurrenceRecord RecordOccurrence(string occurrenceId, bool held, DateOnly? heldOn, string? note, string by, DateTimeOffset now,
        int? expectedVersion)
    {
        EnsureChangeable(expectedVersion);
        var activity = Recurrences.TryParseOccurrenceId(occurrenceId, out var activityId, out var date)
            ? State.Activities.FirstOrDefault(a => a.Id == activityId)
            : null;
        if (activity is null || !OccurrencesOf(activity).Any(o => o.Date == date))
            throw DomainException.NotFound($"Strategy {State.Id} has no årshjul occurrence '{occurrenceId}'.", "occurrenceId");
        var caller = StrategyText.Caller(by);
        var cleanNote = StrategyText.Optional(note, "note", StrategyLimits.MaxNoteLength);
        var today = Today(now);
        DateOnly? on = null;
        if (held)
        {
            on = heldOn ?? date;
            if (on > today)
                throw DomainException.Validation("heldOn", $"{on:yyyy-MM-dd} is in the future: record an occurrence once it is held.");
            if (on < State.PeriodStart || on > State.PeriodEnd)
                throw DomainException.Validation("heldOn", $"{on:yyyy-MM-dd} is outside the strategy's period.");
        }
        else
        {
            if (heldOn is not null)
                throw DomainException.Validation("heldOn", "A missed occurrence was not held: it takes no date held.");
            if (date > today)
                throw DomainException.Validation("held", $"The occurrence on {date:yyyy-MM-dd} has not come yet: it cannot be missed.");
        }

        var record = new OccurrenceRecord(date, held, on, cleanNote, caller, now);
        activity.Records.RemoveAll(r => r.Date == date);
        activity.Records.Add(record);
        activity.Records.Sort((a, b) => a.Date.CompareTo(b.Date));
        Changed();
        return record;
    }

    // ---- reading -------------------------------------------------------------------------------------

    public IEnumerable<GoalState> Goals() => State.FocusAreas.SelectMany(f => f.Goals);

    public IEnumerable<SubGoalState> SubGoals() => Goals().SelectMany(g => g.SubGoals);

    public IEnumerable<IndicatorState> Indicators() => SubGoals().SelectMany(s => s.Indicators);

    public IEnumerable<PlacedAction> Actions() =>
        from area in State.FocusAreas
        from goal in area.Goals
        from subGoal in goal.SubGoals
        from action in subGoal.Actions
        select new PlacedAction(area.AreaCode, goal.Id, subGoal.Id, action);

    public PlacedAction FindAction(string actionId) =>
        Actions().FirstOrDefault(a => a.Action.Id == actionId)
        ?? throw DomainException.NotFound($"Strategy {State.Id} has no action '{actionId}'.", "actionId");

    public IndicatorState FindIndicator(string indicatorId) =>
        Indicators().FirstOrDefault(i => i.Id == indicatorId)
        ?? throw DomainException.NotFound($"Strategy {State.Id} has no indicator '{indicatorId}'.", "indicatorId");

    private FocusAreaState FindFocusArea(string areaCode) =>
        State.FocusAreas.FirstOrDefault(f => f.AreaCode == areaCode?.Trim())
        ?? throw DomainException.NotFound($"Focus area '{areaCode}' is not chosen in strategy {State.Id}.", "areaCode");

    private (string AreaCode, SubGoalState SubGoal) FindSubGoal(string subGoalId)
    {
        foreach (var area in State.FocusAreas)
            foreach (var goal in area.Goals)
                if (goal.SubGoals.FirstOrDefault(s => s.Id == subGoalId) is { } subGoal)
                    return (area.AreaCode, subGoal);
        throw DomainException.NotFound($"Strategy {State.Id} has no sub-goal '{subGoalId}'.", "subGoalId");
    }

    // ---- plumbing ------------------------------------------------------------------------------------

    private void EnsureChangeable(int? expectedVersion)
    {
        EnsureCurrent(expectedVersion);
        if (State.Status is StrategyStatus.Completed or StrategyStatus.Abandoned)
            throw DomainException.Conflict($"Strategy {State.Id} is {Name(State.Status)}: it can no longer be changed.", "strategyId");
    }

    /// <summary>The strategy exists and is at the version the caller read (when it says which).</summary>
    private void EnsureCurrent(int? expectedVersion)
    {
        if (!State.Exists)
            throw DomainException.NotFound("No such strategy.", "strategyId");
        if (expectedVersion is { } v && v != State.Version)
            throw DomainException.Conflict(
                $"Strategy {State.Id} is at version {State.Version}, not {v}: someone changed it since you read it.", "expectedVersion");
    }

    /// <summary>The id the next child gets; <see cref="TakeId"/> uses it up once every check has passed.</summary>
    private string NextId(string prefix) => $"{prefix}{State.LastChildNumber + 1}";

    private void TakeId() => State.LastChildNumber++;

    private void Changed() => State.Version++;

    /// <summary>An enum value as the API writes it: IN_PROGRESS.</summary>
    internal static string Name<T>(T value) where T : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
