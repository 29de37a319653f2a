using Kompass.Domain;
using Kompass.Contracts.Evaluations;
using Kompass.Contracts.Kommuner;
using Kompass.Contracts.Strategies;
using Kompass.Domain.Delivery;
using Kompass.Domain.Kommuner;
using Kompass.Domain.Strategies;
using Kompass.Grains.Delivery;
using Kompass.Grains.Strategies;

namespace Kompass.Grains;

/// <summary>A municipality: who it is, and the evaluations it has had (with their published results).</summary>
public sealed class KommuneGrain : Grain, IKommuneGrain, IRemindable, IAuthorizedGrain
{
    private readonly IPersistentState<KommuneState> _state;
    private readonly KommuneReference _reference;
    private readonly TimeProvider _time;
    private readonly FollowerDelivery _followers;

    public KommuneGrain(
        [PersistentState(StateNames.Kommune, StateNames.Storage)] IPersistentState<KommuneState> state,
        KommuneReference reference,
        TimeProvider time,
        IServiceProvider services,
        ILogger<KommuneGrain> logger)
    {
        _state = state;
        _reference = reference;
        _time = time;
        _followers = new FollowerDelivery(this, () => _state.State.Outbox, () => _state.WriteStateAsync(), () => _state.ReadStateAsync(), DeliverToAsync, services, logger);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => _followers.OnReminderAsync(reminderName);

    public async Task<KommuneView> Register(RegisterKommune command)
    {
        RegisterKommuneValidator.Instance.EnsureValid(command);
        var id = KommuneId.Parse(command.KommuneId);
        if (id.ToString() != this.GetPrimaryKeyString())
            throw Domain.DomainException.Validation("kommuneId", $"This is kommune {this.GetPrimaryKeyString()}, not {id}.");
        Kommune.Register(_state.State, id, command.Name, command.CountyName, command.Population, _reference, _time.GetUtcNow());
        await _state.CommitAsync(this, _followers.BeforeWriteAsync);
        await _followers.AfterWriteAsync();
        return _state.State.ToView();
    }

    public async Task<KommuneView> RotateCalendarFeedToken(RotateCalendarFeedToken command)
    {
        RotateCalendarFeedTokenValidator.Instance.EnsureValid(command);
        if (!_state.State.Exists || command.KommuneId != this.GetPrimaryKeyString())
            throw Domain.DomainException.NotFound($"No kommune {command.KommuneId} is registered.", "kommuneId");
        _state.State.FeedTokenGeneration++;
        await _state.CommitAsync(this);
        return _state.State.ToView();
    }

    public async Task RefreshDirectory(LatestResultView? listed)
    {
        var kommune = new Kommune(_state.State);
        if (!_state.State.Exists || kommune.Latest?.ToView() == listed)
            return;
        kommune.OweDirectory();
        await _state.CommitAsync(this, _followers.BeforeWriteAsync);
        await _followers.AfterWriteAsync();
    }

    public Task<KommuneView?> Get()
    {
        if (_state.State.Exists)
            return Task.FromResult<KommuneView?>(_state.State.ToView());
        // A read of a kommune nobody registered keeps no activation (nor anything in storage).
        DeactivateOnIdle();
        return Task.FromResult<KommuneView?>(null);
    }

    public void Authorize(Principal caller, string method) => Access.Demand(method switch
    {
        nameof(Register) => Access.MayRegisterKommune(caller),
        nameof(Get) => true, // name, county and the published results: everyone's (drafts are filtered by who reads)
        nameof(ReserveEvaluationId) => Access.MayOpenEvaluation(caller) || Access.MayImportResults(caller),
        nameof(Track) => caller.Role == Role.System,
        nameof(Offboard) => Access.MayOffboard(caller),
        nameof(ReserveStrategyId) or nameof(ClaimAdoption) or nameof(RotateCalendarFeedToken) => Access.MayChangeStrategy(caller, this.GetPrimaryKeyString()),
        nameof(TrackStrategy) or nameof(RefreshDirectory) => caller.Role == Role.System,
        nameof(Strategies) => true, // ids and statuses; the gateway lists only the strategies the caller may read
        _ => false,
    }, caller, $"call {method} on kommune {this.GetPrimaryKeyString()}"); 

    /// <summary>A retried request (same request key) is given the id it was given first.</summary>
    public async Task<string> ReserveEvaluationId(int year)
    {
        var kommune = new Kommune(_state.State);
        var handedOut = kommune.State.EvaluationsPerYear.GetValueOrDefault(year);
        var id = kommune.ReserveEvaluationId(year, CallerContext.RequestKey);
        if (kommune.State.EvaluationsPerYear.GetValueOrDefault(year) != handedOut)
            await _state.CommitAsync(this);
        return id;
    }

    public async Task Track(EvaluationEntryView entry)
    {
        var kommune = new Kommune(_state.State);
        var latest = kommune.Latest;
        if (!kommune.Track(entry.ToDomain()))
            return;
        // A new latest result: the directory lists it (versioned, so a late delivery of an older one is ignored).
        if (kommune.Latest != latest)
            kommune.OweDirectory();
        // A new or changed published result: every strategy that may still take it is owed the results.
        if (entry.Result is not null)
        {
            var s = _state.State;
            if (kommune.Latest == latest)
                s.Version++;
            foreach (var strategy in s.Strategies.Strategies.Where(x => x.Status != Domain.Strategies.StrategyStatus.Abandoned))
                Outbox.Owe(s.Outbox, StrategyFollowerPrefix + strategy.Id, s.Version);
        }
        await _state.CommitAsync(this, _followers.BeforeWriteAsync);
        await _followers.AfterWriteAsync();
    }

    /// <summary>A retried request (same request key) is given the id it was given first.</summary>
    public async Task<string> ReserveStrategyId(int year)
    {
        var kommune = new Kommune(_state.State);
        kommune.EnsureExists();
        var s = _state.State;
        if (CallerContext.RequestKey is { } key && s.RequestedIds.Find(r => r.RequestKey == key) is { } earlier && StrategyIds.IsWellFormed(earlier.EvaluationId))
            return earlier.EvaluationId;
        var id = new KommuneStrategies(s.Strategies).ReserveId(s.Id, year);
        if (CallerContext.RequestKey is { } requestKey)
        {
            s.RequestedIds.Add(new RequestedId(requestKey, id));
            if (s.RequestedIds.Count > Kommune.MaxRememberedRequests)
                s.RequestedIds.RemoveAt(0);
        }
        await _state.CommitAsync(this);
        return id;
    }

    public async Task ClaimAdoption(StrategyEntryView draft)
    {
        new Kommune(_state.State).EnsureExists();
        new KommuneStrategies(_state.State.Strategies).ClaimAdoption(draft.ToDomain());
        await _state.CommitAsync(this);
    }

    /// <summary>
    /// Records a strategy's entry. A new strategy reads the published results itself when it is created,
    /// so it is not delivered them here (that call would wait on the strategy, which waits on this one).
    /// </summary>
    public async Task TrackStrategy(StrategyEntryView entry)
    {
        new Kommune(_state.State).EnsureExists();
        if (new KommuneStrategies(_state.State.Strategies).Track(entry.ToDomain()))
            await _state.CommitAsync(this);
    }

    public async Task<int> Offboard()
    {
        if (!_state.State.Exists)
            return 0;
        var id = _state.State.Id;
        var evaluations = _state.State.Evaluations.Select(e => e.Id).ToList();
        // Strategies first (they follow the evaluations' results), each with its follow-up, reports and log
        // pages; then the inbox; then the evaluations, which take their results out of the benchmarks.
        await Task.WhenAll(_state.State.Strategies.Strategies.Select(s => GrainFactory.GetGrain<IStrategyGrain>(s.Id).Offboard()));
        await GrainFactory.GetGrain<IInboxGrain>(id).Offboard();
        await Task.WhenAll(evaluations.Select(e => GrainFactory.GetGrain<IEvaluationGrain>(e).Offboard()));
        await _followers.ForgetAsync();
        await AsSystem(() => GrainFactory.GetGrain<IKommuneDirectoryGrain>(KommuneId.Parse(id).Country.ToString()).Remove(id));
        await _state.ClearStateAsync();
        DeactivateOnIdle();
        return evaluations.Count;
    }
    public Task<IReadOnlyList<StrategyEntryView>> Strategies() =>
        Task.FromResult<IReadOnlyList<StrategyEntryView>>([.. _state.State.Strategies.Strategies.Select(e => e.ToView())]);

    private const string StrategyFollowerPrefix = "strategy:";

    private async Task<long> DeliverToAsync(string follower)
    {
        var s = _state.State;
        if (follower == Kommune.DirectoryFollower)
            await GrainFactory.GetGrain<IKommuneDirectoryGrain>(KommuneId.Parse(s.Id).Country.ToString())
                .Add(new Kommune(s).ToDirectoryEntry().ToView());
        else if (follower.StartsWith(StrategyFollowerPrefix, StringComparison.Ordinal))
        {
            // The strategy takes the earliest comparable result after its basis and ignores the rest.
            var strategy = GrainFactory.GetGrain<IStrategyGrain>(follower[StrategyFollowerPrefix.Length..]);
            foreach (var result in new Kommune(s).PublishedResults)
                await strategy.ApplyResult(result.ToMessage());
        }
        return s.Version;
    }
}
