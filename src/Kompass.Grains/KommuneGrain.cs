using Kompass.Contracts.Kommuner;
using Kompass.Domain.Kommuner;

namespace Kompass.Grains;

/// <summary>A municipality: who it is, and the evaluations it has had (with their published results).</summary>
public sealed class KommuneGrain : Grain, IKommuneGrain
{
    private readonly IPersistentState<KommuneState> _state;
    private readonly KommuneReference _reference;
    private readonly TimeProvider _time;
    private readonly Outbox _outbox;

    public KommuneGrain(
        [PersistentState(StateNames.Kommune, StateNames.Storage)] IPersistentState<KommuneState> state,
        KommuneReference reference,
        TimeProvider time,
        ILogger<KommuneGrain> logger)
    {
        _state = state;
        _reference = reference;
        _time = time;
        _outbox = new Outbox(this, logger, ListInDirectoryAsync);
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        _state.State.DirectoryPending ? _outbox.FlushAsync() : Task.CompletedTask;

    public async Task<KommuneView> Register(RegisterKommune command)
    {
        RegisterKommuneValidator.Instance.EnsureValid(command);
        var id = KommuneId.Parse(command.KommuneId);
        if (id.ToString() != this.GetPrimaryKeyString())
            throw Domain.DomainException.Validation("kommuneId", $"This is kommune {this.GetPrimaryKeyString()}, not {id}.");
        Kommune.Register(_state.State, id, command.Name, command.CountyName, command.Population, _reference, _time.GetUtcNow());
        await _state.CommitAsync();
        await _outbox.FlushAsync();
        return _state.State.ToView();
    }

    public Task<KommuneView?> Get() => Task.FromResult(_state.State.Exists ? _state.State.ToView() : null);

    public async Task<string> ReserveEvaluationId(int year)
    {
        var id = new Kommune(_state.State).ReserveEvaluationId(year);
        await _state.CommitAsync();
        return id;
    }

    public async Task Track(EvaluationEntryView entry)
    {
        new Kommune(_state.State).Track(entry.ToDomain());
        await _state.CommitAsync();
    }

    private async Task ListInDirectoryAsync()
    {
        if (!_state.State.DirectoryPending)
            return;
        var id = KommuneId.Parse(_state.State.Id);
        await GrainFactory.GetGrain<IKommuneDirectoryGrain>(id.Country.ToString())
            .Add(new DirectoryEntryView(_state.State.Id, _state.State.Name));
        _state.State.DirectoryPending = false;
        await _state.WriteStateAsync();
    }
}
