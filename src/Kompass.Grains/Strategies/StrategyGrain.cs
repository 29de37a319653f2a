using System.Text.Json;
using Kompass.Contracts.Evaluations;
using Kompass.Contracts.Kommuner;
using Kompass.Contracts.Strategies;
using Kompass.Domain;
using Kompass.Domain.Delivery;
using Kompass.Domain.Frameworks;
using Kompass.Domain.Kommuner;
using Kompass.Domain.Strategies;
using Kompass.Grains.Delivery;
using Kompass.Storage;
using AddActionCommand = Kompass.Contracts.Strategies.AddAction;

namespace Kompass.Grains.Strategies;

/// <summary>What a strategy grain stores: the strategy, what its followers are owed, and the request keys it has applied.</summary>
public sealed class StrategyGrainState
{
    public StrategyState Strategy { get; set; } = new();
    public OutboxState Outbox { get; set; } = new();
    public List<string> RequestKeys { get; set; } = [];

    /// <summary>Bumped whenever log entries are archived, so the history follower is owed something newer.</summary>
    public long ArchiveVersion { get; set; }
}

/// <summary>
/// One development strategy. Thin: checks the command's shape, lets <see cref="Strategy"/> decide, stores,
/// and tells its followers through <see cref="FollowerDelivery"/>: the kommune (its entry, after every
/// change), the follow-up (adoption, completion, abandonment) and the history pages (older log lines).
/// </summary>
public sealed class StrategyGrain : Grain, IStrategyGrain, IRemindable, IAuthorizedGrain
{
    public void Authorize(Principal caller, string method)
    {
        var s = _state.State.Strategy;
        var kommune = KommuneId.OwnerOf(Key).ToString();
        Access.Demand(method switch
        {
            // An id nobody handed out answers null: nothing to protect.
            nameof(Get) or nameof(Agenda) => !s.Exists || Access.MayReadStrategy(caller, kommune, s.Shared),
            nameof(UpdateAction) => Access.MayChangeStrategy(caller, kommune) || (caller.Role == Role.KommuneMember && caller.BelongsTo(kommune)),
            nameof(Create) or nameof(Adopt) or nameof(Complete) or nameof(Abandon) or nameof(Share) or nameof(ChooseFocusArea)
                or nameof(RemoveFocusArea) or nameof(AddGoal) or nameof(AddSubGoal) or nameof(AddIndicator) or nameof(RecordMeasurement)
                or nameof(AddAction) or nameof(AddRecurringActivity) or nameof(RecordOccurrence) => Access.MayChangeStrategy(caller, kommune),
            nameof(ApplyResult) or nameof(State) or nameof(SeedMerakerDemo) => caller.Role == Role.System,
            nameof(Offboard) => Access.MayOffboard(caller),
            _ => false,
        }, caller, $"call {method} on strategy {Key}");
    }

    internal const string KommuneFollower = "kommune";
    internal const string FollowUpFollower = "follow-up";
    internal const string HistoryFollower = "history";

    private readonly IPersistentState<StrategyGrainState> _state;
    private readonly FrameworkCatalogue _catalogue;
    private readonly TimeProvider _time;
    private readonly FollowerDelivery _followers;

    public StrategyGrain(
        [PersistentState(StateNames.Strategy, StateNames.Storage)] IPersistentState<StrategyGrainState> state,
        FrameworkCatalogue catalogue,
        StrategyClock clock,
        IServiceProvider services,
        ILogger<StrategyGrain> logger)
    {
        _state = state;
        _catalogue = catalogue;
        _time = clock.Time;
        _followers = new FollowerDelivery(this, () => _state.State.Outbox, () => _state.WriteStateAsync(), () => _state.ReadStateAsync(), DeliverToAsync, services, logger);
    }

    private string Key => this.GetPrimaryKeyString();

    private DateTimeOffset Now => _time.GetUtcNow();

    private DateOnly Today => KommuneCalendar.Today(Key, Now);

    private string By => CallerContext.Actor ?? "";

    public Task ReceiveReminder(string reminderName, TickStatus status) => _followers.OnReminderAsync(reminderName);

    public async Task<StrategyView> Create(CreateStrategy command)
    {
        CreateStrategyValidator.Instance.EnsureValid(command);
        if (!StrategyIds.IsWellFormed(Key) || KommuneId.OwnerOf(Key).ToString() != command.KommuneId)
            throw DomainException.Validation("kommuneId", $"Strategy {Key} does not belong to {command.KommuneId}.");
        if (AlreadyApplied())
            return Current().ToView(Today);
        var strategy = Strategy.Create(_state.State.Strategy, Key, await BasisAsync(command.EvaluationId), command.Title, command.Description,
            command.PeriodStart, command.PeriodEnd, By, Now);
        await ApplyKnownResultsAsync(strategy);
        return await CommitAsync(strategy, KommuneFollower);
    }

    /// <summary>
    /// DEMO DATA: Meråker's strategy as seed 004 describes it (<see cref="MerakerDemoStrategy"/>), built through
    /// the strategy's own rules on <paramref name="evaluationId"/>; adopted through the kommune, as
    /// <see cref="Adopt"/> does, when the clock has reached its adoption date (a demo clock may start earlier).
    /// </summary>
    public async Task<StrategyView> SeedMerakerDemo(string evaluationId)
    {
        if (_state.State.Strategy.Exists)
            return Current().ToView(Today);
        var adopt = Today >= MerakerDemoStrategy.AdoptedOn;
        var strategy = MerakerDemoStrategy.Build(_state.State.Strategy, Key, await BasisAsync(evaluationId), Now, adopt: false);
        await ApplyKnownResultsAsync(strategy);
        if (!adopt)
            return await CommitAsync(strategy, KommuneFollower);
        strategy.CheckAdoption(MerakerDemoStrategy.Adoption, Now, null);
        await GrainFactory.GetGrain<IKommuneGrain>(strategy.State.KommuneId).ClaimAdoption(strategy.Entry().ToView());
        strategy.Adopt(MerakerDemoStrategy.Adoption, Now, null);
        return await CommitAsync(strategy, KommuneFollower, FollowUpFollower);
    }

    private async Task<StrategyBasis> BasisAsync(string evaluationId)
    {
        var evaluation = await GrainFactory.GetGrain<IEvaluationGrain>(evaluationId).Get()
            ?? throw DomainException.NotFound($"No evaluation {evaluationId}.", "evaluationId");
        return new StrategyBasis(evaluation.Id, evaluation.KommuneId, _catalogue.Get(evaluation.FrameworkVersion),
            evaluation.Status == EvaluationStatus.Published, evaluation.EvaluatedOn,
            evaluation.AreaScores.Where(a => a.Score is not null).ToDictionary(a => a.Code, a => a.Score!.Value),
            evaluation.Findings.ToDictionary(f => f.AreaCode, f => f.ImprovementAreas));
    }

    // The kommune delivers results published from now on; the ones it has already are read here.
    private async Task ApplyKnownResultsAsync(Strategy strategy)
    {
        var kommune = await GrainFactory.GetGrain<IKommuneGrain>(strategy.State.KommuneId).Get();
        foreach (var result in kommune?.Evaluations.Where(e => e.Result is not null).Select(e => e.Result!) ?? [])
            strategy.ApplyPublishedResult(result.ToDomain());
    }

    public Task<StrategyView?> Get() => Task.FromResult(_state.State.Strategy.Exists ? Current().ToView(Today) : null);

    public async Task<StrategyView> Adopt(AdoptStrategy command)
    {
        AdoptStrategyValidator.Instance.EnsureValid(command);
        var strategy = Current();
        if (AlreadyApplied())
            return strategy.ToView(Today);
        var adoption = new Adoption(command.Body, command.Date, command.CaseNumber, command.Decision);
        strategy.CheckAdoption(adoption, Now, command.ExpectedVersion);
        // The kommune's rule, one ADOPTED at a time, is decided in the kommune grain (single-threaded).
        await GrainFactory.GetGrain<IKommuneGrain>(strategy.State.KommuneId).ClaimAdoption(strategy.Entry().ToView());
        strategy.Adopt(adoption, Now, command.ExpectedVersion);
        return await CommitAsync(strategy, KommuneFollower, FollowUpFollower);
    }

    public Task<StrategyView> Complete(CompleteStrategy command)
    {
        CompleteStrategyValidator.Instance.EnsureValid(command);
        return Change(s => s.Complete(By, command.Note, Now, command.ExpectedVersion), FollowUpFollower);
    }

    public async Task Offboard()
    {
        var s = _state.State.Strategy;
        if (!s.Exists)
            return;
        await _followers.ForgetAsync();
        await GrainFactory.GetGrain<IFollowUpGrain>(Key).Offboard();
        await GrainFactory.GetGrain<IStrategyReportsGrain>(Key).Offboard();
        // Every page an action's log may have reached, written or still owed (clearing an empty page is harmless).
        await Task.WhenAll(Current().Actions().Select(p => p.Action).SelectMany(a => Enumerable.Range(0, Archive.PageIndexOf(Math.Max(1, a.LogCount)) + 1)
            .Select(page => GrainFactory.GetGrain<IHistoryPageGrain>(Archive.PageKey(Key, Strategy.LogStream(a.Id), page)).Offboard())));
        await _state.ClearStateAsync();
        DeactivateOnIdle();
    }

    public Task<StrategyView> Share(ShareStrategy command)
    {
        ShareStrategyValidator.Instance.EnsureValid(command);
        var strategy = Current();
        if (AlreadyApplied() || !strategy.Share(command.Shared, command.ExpectedVersion))
            return Task.FromResult(strategy.ToView(Today));
        return CommitAsync(strategy, KommuneFollower);
    }

    public Task<StrategyView> Abandon(AbandonStrategy command)
    {
        AbandonStrategyValidator.Instance.EnsureValid(command);
        return Change(s => s.Abandon(By, command.Reason, Now, command.ExpectedVersion), FollowUpFollower);
    }

    public Task<StrategyView> ChooseFocusArea(ChooseFocusArea command)
    {
        ChooseFocusAreaValidator.Instance.EnsureValid(command);
        return Change(s => s.ChooseFocusArea(command.AreaCode, command.ExpectedVersion));
    }

    public Task<StrategyView> RemoveFocusArea(RemoveFocusArea command)
    {
        RemoveFocusAreaValidator.Instance.EnsureValid(command);
        return Change(s => s.RemoveFocusArea(command.AreaCode, command.ExpectedVersion));
    }

    public Task<StrategyView> AddGoal(AddGoal command)
    {
        AddGoalValidator.Instance.EnsureValid(command);
        return Change(s => s.AddGoal(command.AreaCode, command.Title, command.Description, command.ExpectedVersion));
    }

    public Task<StrategyView> AddSubGoal(AddSubGoal command)
    {
        AddSubGoalValidator.Instance.EnsureValid(command);
        return Change(s => s.AddSubGoal(command.GoalId, command.Title, command.Description, command.ExpectedVersion));
    }

    public Task<StrategyView> AddIndicator(AddIndicator command)
    {
        AddIndicatorValidator.Instance.EnsureValid(command);
        return Change(s => s.AddIndicator(command.SubGoalId,
            new IndicatorInput(command.Kind.ToDomain(), command.Name, command.Unit, command.Baseline, command.Target, command.TargetDate),
            command.ExpectedVersion));
    }

    public Task<StrategyView> RecordMeasurement(RecordMeasurement command)
    {
        RecordMeasurementValidator.Instance.EnsureValid(command);
        return Change(s => s.RecordMeasurement(command.IndicatorId, command.Date, command.Value, command.Note, By, Now, command.ExpectedVersion));
    }

    public Task<StrategyView> AddAction(AddActionCommand command)
    {
        AddActionValidator.Instance.EnsureValid(command);
        return Change(s => s.AddAction(command.SubGoalId,
            new ActionInput(command.Title, command.Description, command.Owner, command.ResponsibleUnit, command.StartDate, command.DueDate,
                command.OwnerSubject),
            By, Now, command.ExpectedVersion));
    }

    public Task<StrategyView> UpdateAction(UpdateAction command)
    {
        UpdateActionValidator.Instance.EnsureValid(command);
        // A member gets here (Authorize) for its own kommune; the action must be its own too.
        var kommune = KommuneId.OwnerOf(Key).ToString();
        if (CallerContext.Principal is { } caller && !Access.MayChangeStrategy(caller, kommune))
            Access.Demand(Access.MayUpdateAction(caller, kommune, Current().FindAction(command.ActionId).Action.OwnerSubject),
                caller, $"update action {command.ActionId}: it is owned by someone else");
        return Change(s => s.UpdateAction(command.ActionId, new ActionUpdate
        {
            Title = command.Title,
            Description = command.Description,
            Owner = command.Owner,
            OwnerSubject = command.OwnerSubject,
            ResponsibleUnit = command.ResponsibleUnit,
            StartDate = command.StartDate,
            DueDate = command.DueDate,
            DueDateReason = command.DueDateReason,
            Status = command.Status?.ToDomain(),
            PercentComplete = command.PercentComplete,
            Note = command.Note,
        }, By, Now, command.ExpectedVersion));
    }

    public Task<StrategyView> AddRecurringActivity(AddRecurringActivity command)
    {
        AddRecurringActivityValidator.Instance.EnsureValid(command);
        return Change(s => s.AddRecurringActivity(new ActivityInput(command.Title, command.Owner,
            new Recurrence(command.Recurrence.ToDomain(), command.Cron), command.StartsOn), command.ExpectedVersion));
    }

    public Task<StrategyView> RecordOccurrence(RecordOccurrence command)
    {
        RecordOccurrenceValidator.Instance.EnsureValid(command);
        return Change(s => s.RecordOccurrence(command.OccurrenceId, command.Held, command.HeldOn, command.Note, By, Now, command.ExpectedVersion));
    }

    public Task<AgendaView> Agenda(DateOnly from, DateOnly to)
    {
        var today = Today;
        return Task.FromResult(StrategyAgenda.Of(Current(), from, to, today).ToView(from, to, today));
    }

    /// <summary>
    /// Fills the area-score indicators. The kommune is not told (its entry of the strategy does not change
    /// with an indicator), which also keeps this delivery from calling back into the kommune that sent it.
    /// </summary>
    public async Task ApplyResult(ResultMessage result)
    {
        if (!_state.State.Strategy.Exists)
            return;
        var strategy = Current();
        if (strategy.ApplyPublishedResult(result.ToDomain()) > 0)
            await CommitAsync(strategy);
    }

    public Task<StrategyStateMessage?> State() => Task.FromResult(_state.State.Strategy.Exists
        ? new StrategyStateMessage(JsonSerializer.Serialize(_state.State.Strategy, KompassJsonGrainStorageSerializer.Options), _state.State.Strategy.Version)
        : null);

    private Strategy Current()
    {
        if (!_state.State.Strategy.Exists)
            throw DomainException.NotFound($"No strategy {Key}.", "strategyId");
        return new Strategy(_state.State.Strategy);
    }

    /// <summary>A retry of a command this strategy has applied: answered with what it holds, applied once.</summary>
    private bool AlreadyApplied() => _state.State.Strategy.Exists && RequestKeys.Seen(_state.State.RequestKeys, CallerContext.RequestKey);

    private Task<StrategyView> Change(Action<Strategy> change, params string[] alsoOwed)
    {
        var strategy = Current();
        if (AlreadyApplied())
            return Task.FromResult(strategy.ToView(Today));
        change(strategy);
        return CommitAsync(strategy, [KommuneFollower, .. alsoOwed]);
    }

    private async Task<StrategyView> CommitAsync(Strategy strategy, params string[] owed)
    {
        var s = _state.State;
        foreach (var follower in owed)
            Outbox.Owe(s.Outbox, follower, strategy.State.Version);
        if (strategy.State.PendingLogArchive.Count > 0)
            Outbox.Owe(s.Outbox, HistoryFollower, ++s.ArchiveVersion);
        RequestKeys.Remember(s.RequestKeys, CallerContext.RequestKey);
        await _state.CommitAsync(this, _followers.BeforeWriteAsync);
        await _followers.AfterWriteAsync();
        return strategy.ToView(Today);
    }

    private async Task<long> DeliverToAsync(string follower)
    {
        var s = _state.State;
        var strategy = Current();
        switch (follower)
        {
            case KommuneFollower:
                await GrainFactory.GetGrain<IKommuneGrain>(s.Strategy.KommuneId).TrackStrategy(strategy.Entry().ToView());
                return s.Strategy.Version;
            case FollowUpFollower:
                await GrainFactory.GetGrain<IFollowUpGrain>(Key).Follow(strategy.Entry().ToView());
                return s.Strategy.Version;
            case HistoryFollower:
                var version = s.ArchiveVersion;
                var stored = await HistoryStore.StoreAsync(GrainFactory, Key, [.. s.Strategy.PendingLogArchive], e => e.Seq);
                strategy.ConfirmArchived(stored); // stored with the outbox by the delivery's own write
                return version;
            default:
                return long.MaxValue; // a follower this version no longer has: nothing to deliver
        }
    }
}
