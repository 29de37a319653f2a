using Kompass.Contracts.Benchmarks;
using Kompass.Contracts.Kommuner;
using Kompass.Domain.Benchmarks;

namespace Kompass.Grains;

/// <summary>The running mean of one country's published evaluations of one framework version (key <c>NO/2020</c>).</summary>
public sealed class BenchmarkGrain(
    [PersistentState(StateNames.Benchmark, StateNames.Storage)] IPersistentState<BenchmarkState> state)
    : Grain, IBenchmarkGrain, IAuthorizedGrain
{
    public void Authorize(Principal caller, string method) => Access.Demand(method switch
    {
        nameof(Apply) or nameof(Remove) => caller.Role == Role.System,
        nameof(Get) => true, // aggregates of published results: every role
        _ => false,
    }, caller, $"call {method} on benchmark {this.GetPrimaryKeyString()}");

    public async Task Apply(ResultMessage result)
    {
        if (Benchmark.Apply(state.State, result.ToDomain()))
            await state.CommitAsync(this);
    }

    public async Task Remove(string evaluationId)
    {
        if (Benchmark.Remove(state.State, evaluationId))
            await state.CommitAsync(this);
    }

    public Task<BenchmarkView> Get() => Task.FromResult(Benchmark.Snapshot(state.State).ToView());
}
