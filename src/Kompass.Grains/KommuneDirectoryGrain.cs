using Kompass.Contracts.Kommuner;
using Kompass.Domain.Kommuner;

namespace Kompass.Grains;

/// <summary>A country's registered kommuner in number order (key <c>NO</c> or <c>SE</c>), fed by registrations.</summary>
public sealed class KommuneDirectoryGrain(
    [PersistentState(StateNames.KommuneDirectory, StateNames.Storage)] IPersistentState<KommuneDirectoryState> state)
    : Grain, IKommuneDirectoryGrain
{
    public async Task Add(DirectoryEntryView entry)
    {
        if (state.State.Entries.TryGetValue(entry.Id, out var known) && known.Name == entry.Name)
            return;
        state.State.Entries[entry.Id] = new DirectoryEntry(entry.Id, entry.Name);
        await state.CommitAsync();
    }

    public Task<DirectoryPage> List(int first, string? after)
    {
        var page = Paging.Slice([.. state.State.Entries.Values], e => e.Id, first, after);
        return Task.FromResult(new DirectoryPage(
            [.. page.Items.Select(e => new DirectoryEntryView(e.Id, e.Name))], page.Cursors, page.TotalCount, page.HasNextPage, page.HasPreviousPage));
    }
}
