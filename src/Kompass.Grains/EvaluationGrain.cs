using Kompass.Contracts.Analytics;
using Kompass.Contracts.Benchmarks;
using Kompass.Contracts.Evaluations;
using Kompass.Contracts.Kommuner;
using Kompass.Domain;
using Kompass.Domain.Evaluations;
using Kompass.Domain.Frameworks;
using Kompass.Domain.Kommuner;
using Kompass.Grains.Delivery;

namespace Kompass.Grains;

/// <summary>One evaluation. Thin: checks the command's shape, lets the domain decide, stores, tells its followers.</summary>
public sealed class EvaluationGrain : Grain, IEvaluationGrain, IRemindable, IAuthorizedGrain
{
    private readonly IPersistentState<EvaluationState> _state;
    private readonly FrameworkCatalogue _catalogue;
    private readonly TimeProvider _time;
    private readonly FollowerDelivery _followers;
    private readonly Caching.AnswerRevocation _answers;

    // The read model, built once per state (and version) it shows: after a change, never per read. A state
    // read back from storage is a new object, so a reload (after a failed write) rebuilds it too.
    private EvaluationView? _view;
    private EvaluationState? _viewOf;
    private int _viewVersion;

    public EvaluationGrain(
        [PersistentState(StateNames.Evaluation, StateNames.Storage)] IPersistentState<EvaluationState> state,
        FrameworkCatalogue catalogue,
        TimeProvider time,
        IServiceProvider services,
        Caching.AnswerRevocation answers,
        ILogger<EvaluationGrain> logger)
    {
        _answers = answers;
        _state = state;
        _catalogue = catalogue;
        _time = time;
        _followers = new FollowerDelivery(this, () => _state.State.Outbox, () => _state.WriteStateAsync(), () => _state.ReadStateAsync(), DeliverToAsync, services, logger);
    }

    private string Key => this.GetPrimaryKeyString();

    public Task ReceiveReminder(string reminderName, TickStatus status) => _followers.OnReminderAsync(reminderName);

    public Task<EvaluationView> Open(OpenEvaluation command)
    {
        OpenEvaluationValidator.Instance.EnsureValid(command);
        EnsureOwnedBy(command.KommuneId);
        if (AlreadyApplied())
            return Task.FromResult(View());
        var framework = _catalogue.Get(command.FrameworkVersion);
        var openedBy = CallerContext.Principal is { Role: Role.Evaluator } evaluator ? evaluator.Subject : null;
        return CommitAsync(Evaluation.Open(_state.State, Key, framework, command.EvaluatedOn, command.Evaluators, _time.GetUtcNow(), openedBy));
    }

    public Task<EvaluationView> Import(ImportHistoricalResult command)
    {
        ImportHistoricalResultValidator.Instance.EnsureValid(command);
        EnsureOwnedBy(command.KommuneId);
        if (AlreadyApplied())
            return Task.FromResult(View());
        var framework = _catalogue.Get(command.FrameworkVersion);
        return CommitAsync(Evaluation.Import(_state.State, Key, framework, command.EvaluatedOn,
            AreaScoreInput.ToMap(command.AreaScores), command.Total, command.Source.Trim(), _time.GetUtcNow(), command.ScoresNotHeld));
    }

    public Task<EvaluationView?> Get()
    {
        if (_state.State.Exists)
            return Task.FromResult<EvaluationView?>(View());
        // A read of an id nobody handed out keeps no activation (nor anything in storage).
        DeactivateOnIdle();
        return Task.FromResult<EvaluationView?>(null);
    }

    public Task<EvaluationView> Assign(AssignEvaluator command)
    {
        AssignEvaluatorValidator.Instance.EnsureValid(command);
        var evaluation = Current();
        var published = IsPublished;
        if (AlreadyApplied() || !evaluation.Assign(command.Subject.Trim(), command.ExpectedVersion))
            return Task.FromResult(View());
        return CommitAsync(evaluation, published);
    }

    public async Task Offboard()
    {
        if (!_state.State.Exists)
            return;
        if (IsPublished)
            await _answers.RevokeEverywhereAsync(Key);
        await _followers.ForgetAsync();
        // The benchmark holds a contribution only for a published result; removing is idempotent either way.
        await AsSystem(() => Benchmark(_state.State).Remove(Key));
        await AsSystem(() => GrainFactory.GetGrain<IAnalyticsGrain>(IAnalyticsGrain.Key).Remove(Key));
        await _state.ClearStateAsync();
        DeactivateOnIdle();
    }

    public void Authorize(Principal caller, string method)
    {
        var s = _state.State;
        Access.Demand(method switch
        {
            // Reading an id nobody handed out answers null: nothing to protect, and nothing stays.
            nameof(Get) or nameof(Compare) => !s.Exists
                || Access.MayReadEvaluation(caller, Key, s.Status == Domain.Evaluations.EvaluationStatus.Published, s.Assignees),
            nameof(Open) => Access.MayOpenEvaluation(caller),
            nameof(Import) => Access.MayImportResults(caller),
            nameof(Assign) => Access.MayAssignEvaluators(caller),
            nameof(Offboard) => Access.MayOffboard(caller),
            nameof(Rate) or nameof(RecordInterview) or nameof(RecordFindings) or nameof(Publish) or nameof(Amend) =>
                Access.MayWorkOn(caller, Key, s.Assignees),
            _ => false,
        }, caller, $"call {method} on evaluation {Key}");
    }

    public Task<EvaluationView> Rate(RateScoringPoints command)
    {
        RateScoringPointsValidator.Instance.EnsureValid(command);
        return Change(e => e.Rate([.. command.Ratings.Select(r => r.ToDomain())], command.ExpectedVersion));
    }

    public Task<EvaluationView> RecordInterview(RecordInterview command)
    {
        RecordInterviewValidator.Instance.EnsureValid(command);
        return Change(e => e.RecordInterview(new Interview(command.Role.Trim(), command.Date, command.People), command.ExpectedVersion));
    }

    public Task<EvaluationView> RecordFindings(RecordFindings command)
    {
        RecordFindingsValidator.Instance.EnsureValid(command);
        return Change(e => e.RecordFindings(command.AreaCode,
            new AreaFindings([.. command.Strengths], [.. command.Challenges], [.. command.ImprovementAreas]), command.ExpectedVersion));
    }

    public Task<EvaluationView> Publish(PublishEvaluation command)
    {
        PublishEvaluationValidator.Instance.EnsureValid(command);
        return Change(e => e.Publish(_time.GetUtcNow(), command.ExpectedVersion));
    }

    public Task<EvaluationView> Amend(AmendEvaluation command)
    {
        AmendEvaluationValidator.Instance.EnsureValid(command);
        return Change(e => e.Amend(CallerContext.Actor ?? "", command.Reason.Trim(), [.. command.Ratings.Select(r => r.ToDomain())],
            AreaScoreInput.ToMap(command.AreaScores), command.Total, _time.GetUtcNow(), command.ExpectedVersion));
    }

    public async Task<ComparisonView> Compare()
    {
        var evaluation = Current();
        var kommune = await GrainFactory.GetGrain<IKommuneGrain>(evaluation.State.KommuneId).Get();
        var previous = Comparisons.PreviousOf(
            kommune?.Evaluations.Where(e => e.Result is not null).Select(e => e.Result!.ToDomain()) ?? [],
            Key, evaluation.State.FrameworkVersion, evaluation.State.EvaluatedOn);
        var benchmark = await Benchmark(evaluation.State).Get();
        return Comparisons.Compare(evaluation.Score(), previous, benchmark.ToDomain()).ToView();
    }

    private bool IsPublished => _state.State.Exists && _state.State.Status == Domain.Evaluations.EvaluationStatus.Published;

    private Evaluation Current()
    {
        if (!_state.State.Exists)
            throw DomainException.NotFound($"No evaluation {Key}.", "evaluationId");
        return new Evaluation(_state.State, _catalogue.Get(_state.State.FrameworkVersion));
    }

    /// <summary>A retry of a command this evaluation has applied: answered with what it holds, applied once.</summary>
    private bool AlreadyApplied() => _state.State.Exists && RequestKeys.Seen(_state.State.RequestKeys, CallerContext.RequestKey);

    private Task<EvaluationView> Change(Action<Evaluation> change)
    {
        var evaluation = Current();
        if (AlreadyApplied())
            return Task.FromResult(View());
        var published = IsPublished;
        change(evaluation);
        return CommitAsync(evaluation, published);
    }

    private void EnsureOwnedBy(string kommuneId)
    {
        if (KommuneId.OwnerOf(Key).ToString() != kommuneId)
            throw DomainException.Validation("kommuneId", $"Evaluation {Key} does not belong to {kommuneId}.");
    }

    /// <summary>
    /// Stores a change and tells the followers. A published view may be held in the gateways' answer caches
    /// (<see cref="Kompass.Contracts.Caching.AnswerLeases"/>): a change to one is revoked there before it is
    /// stored and acknowledged. A draft is never cached, so its changes (the bulk of the writes) cost nothing more.
    /// </summary>
    private async Task<EvaluationView> CommitAsync(Evaluation evaluation, bool wasPublished = false)
    {
        if (wasPublished)
            await _answers.RevokeEverywhereAsync(Key);
        RequestKeys.Remember(_state.State.RequestKeys, CallerContext.RequestKey);
        await _state.CommitAsync(this, _followers.BeforeWriteAsync);
        await _followers.AfterWriteAsync();
        return View();
    }

    private EvaluationView View()
    {
        var s = _state.State;
        if (_view is null || !ReferenceEquals(_viewOf, s) || _viewVersion != s.Version)
        {
            _view = Current().ToView();
            (_viewOf, _viewVersion) = (s, s.Version);
        }
        return _view;
    }

    /// <summary>The kommune hears of every evaluation; the country benchmark and the analytics of published results only.</summary>
    private async Task<long> DeliverToAsync(string follower)
    {
        var evaluation = Current();
        var s = evaluation.State;
        var result = s.Status == Domain.Evaluations.EvaluationStatus.Published ? evaluation.Result().ToMessage() : null;
        switch (follower)
        {
            case Evaluation.KommuneFollower:
                await GrainFactory.GetGrain<IKommuneGrain>(s.KommuneId)
                    .Track(new EvaluationEntryView(Key, s.FrameworkVersion, s.EvaluatedOn, result, s.Version));
                break;
            case Evaluation.BenchmarkFollower when result is not null:
                await Benchmark(s).Apply(result);
                break;
            case Evaluation.AnalyticsFollower when result is not null:
                await GrainFactory.GetGrain<IAnalyticsGrain>(IAnalyticsGrain.Key).Apply(result);
                break;
        }
        return s.Version;
    }

    private IBenchmarkGrain Benchmark(EvaluationState s) =>
        GrainFactory.GetGrain<IBenchmarkGrain>(IBenchmarkGrain.KeyOf(KommuneId.OwnerOf(s.Id).Country.ToString(), s.FrameworkVersion));
}
