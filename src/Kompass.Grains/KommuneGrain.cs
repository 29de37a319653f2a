using Kompass.Contracts.Evaluations;
using Kompass.Contracts.Kommuner;
using Kompass.Domain.Kommuner;
using Kompass.Grains.Delivery;

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
        if (new Kommune(_state.State).Track(entry.ToDomain()))
            await _state.CommitAsync(this);
    }

    public async Task<int> Offboard()
    {
        if (!_state.State.Exists)
            return 0;
        var id = _state.State.Id;
        var evaluations = _state.State.Evaluations.Select(e => e.Id).ToList();
        await Task.WhenAll(evaluations.Select(e => GrainFactory.GetGrain<IEvaluationGrain>(e).Offboard()));
        await _followers.ForgetAsync();
        await AsSystem(() => GrainFactory.GetGrain<IKommuneDirectoryGrain>(KommuneId.Parse(id).Country.ToString()).Remove(id));
        await _state.ClearStateAsync();
        DeactivateOnIdle();
        return evaluations.Count;
    }

    private async Task<long> DeliverToAsync(string follower)
    {
        var s = _state.State;
        if (follower == Kommune.DirectoryFollower)
            await GrainFactory.GetGrain<IKommuneDirectoryGrain>(KommuneId.Parse(s.Id).Country.ToString())
                .Add(new DirectoryEntryView(s.Id, s.Name, s.Version));
        return s.Version;
    }
}
