using Kompass.Contracts.Kommuner;
using Kompass.Domain.Kommuner;

namespace Kompass.Grains;

/// <summary>
/// A country's registered kommuner in number order (key <c>NO</c> or <c>SE</c>), each with its county, population
/// and latest result, as its kommune delivers them (a follower of every kommune of the country).
/// </summary>
public sealed class KommuneDirectoryGrain(
    [PersistentState(StateNames.KommuneDirectory, StateNames.Storage)] IPersistentState<KommuneDirectoryState> state,
    KommuneReference reference)
    : Grain, IKommuneDirectoryGrain, IAuthorizedGrain
{
    public void Authorize(Principal caller, string method) => Access.Demand(method switch
    {
        nameof(Add) or nameof(Remove) => caller.Role == Role.System,
        nameof(List) => true, // names, counties, populations and published results: everyone's
        _ => false,
    }, caller, $"call {method} on the kommune directory");

    // The entries in number order, copied once per change rather than per page (a page then costs the same at 6,500 kommuner as at 65).
    private (KommuneDirectoryState Of, DirectoryEntry[] Entries)? _ordered;

    private DirectoryEntry[] Ordered =>
        _ordered is { } o && ReferenceEquals(o.Of, state.State) ? o.Entries : (_ordered = (state.State, [.. state.State.Entries.Values])).Value.Entries;

    public async Task Add(DirectoryEntryView entry)
    {
        if (KommuneDirectory.Add(state.State, entry.ToDomain()))
        {
            _ordered = null;
            await state.CommitAsync(this);
        }
    }

    public async Task Remove(string kommuneId)
    {
        if (KommuneDirectory.Remove(state.State, kommuneId))
        {
            _ordered = null;
            await state.CommitAsync(this);
        }
    }

    public Task<DirectoryPage> List(int first, string? after)
    {
        var page = Paging.SliceOrdered(Ordered, e => e.Id, first, after);
        return Task.FromResult(new DirectoryPage(
            [.. page.Items.Select(e => Completed(e).ToView())], page.Cursors, page.TotalCount, page.HasNextPage, page.HasPreviousPage));
    }

    // An entry stored before entries carried county and population: the reference list, where the kommune took them from.
    private DirectoryEntry Completed(DirectoryEntry e) =>
        e.CountyName is null && e.Population is null && KommuneId.TryParse(e.Id, out var id) && reference.TryFind(id, out var known)
            ? e with { CountyName = known.CountyName, Population = known.Population, PopulationYear = known.PopulationYear }
            : e;
}
