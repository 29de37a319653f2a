using Kompass.Contracts.Benchmarks;
using Kompass.Contracts.Evaluations;
using Kompass.Contracts.Kommuner;
using Kompass.Domain;
using Kompass.Domain.Evaluations;
using Kompass.Domain.Frameworks;
using Kompass.Domain.Kommuner;

namespace Kompass.Grains;

/// <summary>One evaluation. Thin: checks the command's shape, lets the domain decide, stores, tells its followers.</summary>
public sealed class EvaluationGrain : Grain, IEvaluationGrain
{
    private readonly IPersistentState<EvaluationState> _state;
    private readonly FrameworkCatalogue _catalogue;
    private readonly TimeProvider _time;
    private readonly Outbox _outbox;

    public EvaluationGrain(
        [PersistentState(StateNames.Evaluation, StateNames.Storage)] IPersistentState<EvaluationState> state,
        FrameworkCatalogue catalogue,
        TimeProvider time,
        ILogger<EvaluationGrain> logger)
    {
        _state = state;
        _catalogue = catalogue;
        _time = time;
        _outbox = new Outbox(this, logger, NotifyFollowersAsync);
    }

    private string Key => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        _state.State.NotifyPending ? _outbox.FlushAsync() : Task.CompletedTask;

    public Task<EvaluationView> Open(OpenEvaluation command)
    {
        OpenEvaluationValidator.Instance.EnsureValid(command);
        EnsureOwnedBy(command.KommuneId);
        var framework = _catalogue.Get(command.FrameworkVersion);
        return CommitAsync(Evaluation.Open(_state.State, Key, framework, command.EvaluatedOn, command.Evaluators, _time.GetUtcNow()));
    }

    public Task<EvaluationView> Import(ImportHistoricalResult command)
    {
        ImportHistoricalResultValidator.Instance.EnsureValid(command);
        EnsureOwnedBy(command.KommuneId);
        var framework = _catalogue.Get(command.FrameworkVersion);
        return CommitAsync(Evaluation.Import(_state.State, Key, framework, command.EvaluatedOn,
            AreaScoreInput.ToMap(command.AreaScores), command.Total, command.Source.Trim(), _time.GetUtcNow()));
    }

    public Task<EvaluationView?> Get() =>
        Task.FromResult(_state.State.Exists ? Current().ToView() : null);

    public Task<EvaluationView> Rate(RateScoringPoints command)
    {
        RateScoringPointsValidator.Instance.EnsureValid(command);
        var evaluation = Current();
        evaluation.Rate([.. command.Ratings.Select(r => r.ToDomain())], command.ExpectedVersion);
        return CommitAsync(evaluation);
    }

    public Task<EvaluationView> RecordInterview(RecordInterview command)
    {
        RecordInterviewValidator.Instance.EnsureValid(command);
        var evaluation = Current();
        evaluation.RecordInterview(new Interview(command.Role.Trim(), command.Date, command.People), command.ExpectedVersion);
        return CommitAsync(evaluation);
    }

    public Task<EvaluationView> RecordFindings(RecordFindings command)
    {
        RecordFindingsValidator.Instance.EnsureValid(command);
        var evaluation = Current();
        evaluation.RecordFindings(command.AreaCode,
            new AreaFindings([.. command.Strengths], [.. command.Challenges], [.. command.ImprovementAreas]), command.ExpectedVersion);
        return CommitAsync(evaluation);
    }

    public Task<EvaluationView> Publish(PublishEvaluation command)
    {
        PublishEvaluationValidator.Instance.EnsureValid(command);
        var evaluation = Current();
        evaluation.Publish(_time.GetUtcNow(), command.ExpectedVersion);
        return CommitAsync(evaluation);
    }

    public Task<EvaluationView> Amend(AmendEvaluation command)
    {
        AmendEvaluationValidator.Instance.EnsureValid(command);
        var evaluation = Current();
        evaluation.Amend(CallerContext.Actor ?? "", command.Reason.Trim(), [.. command.Ratings.Select(r => r.ToDomain())],
            AreaScoreInput.ToMap(command.AreaScores), command.Total, _time.GetUtcNow(), command.ExpectedVersion);
        return CommitAsync(evaluation);
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

    private Evaluation Current()
    {
        if (!_state.State.Exists)
            throw DomainException.NotFound($"No evaluation {Key}.", "evaluationId");
        return new Evaluation(_state.State, _catalogue.Get(_state.State.FrameworkVersion));
    }

    private void EnsureOwnedBy(string kommuneId)
    {
        if (KommuneId.OwnerOf(Key).ToString() != kommuneId)
            throw DomainException.Validation("kommuneId", $"Evaluation {Key} does not belong to {kommuneId}.");
    }

    private async Task<EvaluationView> CommitAsync(Evaluation evaluation)
    {
        await _state.CommitAsync();
        await _outbox.FlushAsync();
        return evaluation.ToView();
    }

    /// <summary>The kommune learns of every evaluation; the benchmark of published results only.</summary>
    private async Task NotifyFollowersAsync()
    {
        if (!_state.State.NotifyPending)
            return;
        var evaluation = Current();
        var published = evaluation.State.Status == Domain.Evaluations.EvaluationStatus.Published;
        var result = published ? evaluation.Result().ToMessage() : null;
        await GrainFactory.GetGrain<IKommuneGrain>(evaluation.State.KommuneId)
            .Track(new EvaluationEntryView(Key, evaluation.State.FrameworkVersion, evaluation.State.EvaluatedOn, result));
        if (result is not null)
            await Benchmark(evaluation.State).Apply(result);
        _state.State.NotifyPending = false;
        await _state.WriteStateAsync();
    }

    private IBenchmarkGrain Benchmark(EvaluationState s) =>
        GrainFactory.GetGrain<IBenchmarkGrain>(IBenchmarkGrain.KeyOf(KommuneId.OwnerOf(s.Id).Country.ToString(), s.FrameworkVersion));
}
