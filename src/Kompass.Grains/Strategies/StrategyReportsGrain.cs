using Kompass.Domain.Kommuner;
using Kompass.Contracts.Strategies;
using Kompass.Domain.Strategies;

namespace Kompass.Grains.Strategies;

/// <summary>
/// A strategy's issued reports (key: the strategy id), kept apart from the strategy and its follow-up so
/// their every write stays small: this state is written only when a report arrives (at most 22 in 5 years).
/// </summary>
public sealed class StrategyReportsGrain(
    [PersistentState(StateNames.StrategyReports, StateNames.Storage)] IPersistentState<StrategyReportsState> state)
    : Grain, IStrategyReportsGrain, IAuthorizedGrain
{
    // Reports are the kommune's own (read, for a shared strategy, through its strategy's page by the gateway).
    public void Authorize(Principal caller, string method) => Access.Demand(method switch
    {
        nameof(Add) => caller.Role == Role.System,
        nameof(Offboard) => Access.MayOffboard(caller),
        nameof(List) => Access.MayReadStrategy(caller, KommuneId.OwnerOf(this.GetPrimaryKeyString()).ToString(), shared: false),
        _ => false,
    }, caller, $"call {method} on the reports of {this.GetPrimaryKeyString()}");

    public async Task Add(IReadOnlyList<ReportView> reports)
    {
        var book = new StrategyReports(state.State);
        var added = 0;
        foreach (var report in reports)
            if (book.Add(report.ToDomain()))
                added++;
        if (added > 0)
            await state.CommitAsync(this);
    }

    public async Task Offboard()
    {
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }

    public Task<IReadOnlyList<ReportView>> List() => Task.FromResult<IReadOnlyList<ReportView>>([.. state.State.Reports.Select(r => r.ToView())]);
}
