using Kompass.Contracts.Benchmarks;
using Kompass.Contracts.Kommuner;
using Kompass.Domain.Benchmarks;
using Kompass.Domain.Journal;
using Kompass.Grains.Journal;

namespace Kompass.Grains;

/// <summary>
/// The running mean of one country's published evaluations of one framework version (key <c>NO/2020</c>);
/// a change journals the evaluation's contribution, the whole state is written every so many (<see cref="SnapshotJournal{TState, TRecord}"/>).
/// </summary>
public sealed class BenchmarkGrain : Grain, IBenchmarkGrain, IAuthorizedGrain
{
    private readonly SnapshotJournal<BenchmarkState, Contribution> _state;

    public BenchmarkGrain(
        [PersistentState(StateNames.Benchmark, StateNames.Storage)] IPersistentState<BenchmarkState> state,
        [PersistentState(StateNames.BenchmarkJournal, StateNames.Storage)] IPersistentState<JournalState<Contribution>> journal) =>
        _state = new SnapshotJournal<BenchmarkState, Contribution>(this, state, journal, reloaded: () => { });

    public void Authorize(Principal caller, string method) => Access.Demand(method switch
    {
        nameof(Apply) or nameof(Remove) => caller.Role == Role.System,
        nameof(Get) => true, // aggregates of published results: every role
        _ => false,
    }, caller, $"call {method} on benchmark {this.GetPrimaryKeyString()}");

    public async Task Apply(ResultMessage result)
    {
        if (Benchmark.Apply(_state.State, result.ToDomain()))
            await Changed(result.EvaluationId);
    }

    public async Task Remove(string evaluationId)
    {
        if (Benchmark.Remove(_state.State, evaluationId))
            await Changed(evaluationId);
    }

    public Task<BenchmarkView> Get() => Task.FromResult(Benchmark.Snapshot(_state.State).ToView());

    private Task Changed(string evaluationId)
    {
        _state.Changed(evaluationId);
        return _state.WriteAsync();
    }
}
