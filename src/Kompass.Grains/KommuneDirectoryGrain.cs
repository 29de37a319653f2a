using Kompass.Contracts.Kommuner;
using Kompass.Domain.Kommuner;

namespace Kompass.Grains;

/// <summary>A country's registered kommuner in number order (key <c>NO</c> or <c>SE</c>), fed by registrations.</summary>
public sealed class KommuneDirectoryGrain(
    [PersistentState(StateNames.KommuneDirectory, StateNames.Storage)] IPersistentState<KommuneDirectoryState> state)
    : Grain, IKommuneDirectoryGrain, IAuthorizedGrain
{
    public void Authorize(Principal caller, string method) => Access.Demand(method switch
    {
        nameof(Add) or nameof(Remove) => caller.Role == Role.System,
        nameof(List) => true, // names of registered kommuner: public
        _ => false,
    }, caller, $"call {method} on the kommune directory");

    public async Task Add(DirectoryEntryView entry)
    {
        if (KommuneDirectory.Add(state.State, new DirectoryEntry(entry.Id, entry.Name, entry.Version)))
            await state.CommitAsync(this);
    }

    public async Task Remove(string kommuneId)
    {
        if (KommuneDirectory.Remove(state.State, kommuneId))
            await state.CommitAsync(this);
    }

    public Task<DirectoryPage> List(int first, string? after)
    {
        var page = Paging.Slice([.. state.State.Entries.Values], e => e.Id, first, after);
        return Task.FromResult(new DirectoryPage(
            [.. page.Items.Select(e => new DirectoryEntryView(e.Id, e.Name, e.Version))], page.Cursors, page.TotalCount, page.HasNextPage, page.HasPreviousPage));
    }
}
