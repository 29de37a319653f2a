using Kompass.Contracts.Kommuner;
using Kompass.Domain.Journal;
using Kompass.Domain.Kommuner;
using Kompass.Grains.Journal;

namespace Kompass.Grains;

/// <summary>
/// A country's registered kommuner in number order (key <c>NO</c> or <c>SE</c>), each with its county, population
/// and latest result, as its kommune delivers them (a follower of every kommune of the country). A change journals
/// the kommune's entry, the whole list is written every so many (<see cref="SnapshotJournal{TState, TRecord}"/>).
/// </summary>
public sealed class KommuneDirectoryGrain : Grain, IKommuneDirectoryGrain, IAuthorizedGrain
{
    private readonly SnapshotJournal<KommuneDirectoryState, DirectoryEntry> _state;
    private readonly KommuneReference _reference;

    public KommuneDirectoryGrain(
        [PersistentState(StateNames.KommuneDirectory, StateNames.Storage)] IPersistentState<KommuneDirectoryState> state,
        [PersistentState(StateNames.KommuneDirectoryJournal, StateNames.Storage)] IPersistentState<JournalState<DirectoryEntry>> journal,
        KommuneReference reference)
    {
        _state = new SnapshotJournal<KommuneDirectoryState, DirectoryEntry>(this, state, journal, reloaded: () => _ordered = null);
        _reference = reference;
    }

    public void Authorize(Principal caller, string method) => Access.Demand(method switch
    {
        nameof(Add) or nameof(Remove) => caller.Role == Role.System,
        nameof(List) => true, // names, counties, populations and published results: everyone's
        _ => false,
    }, caller, $"call {method} on the kommune directory");

    // The entries in number order, copied once per change rather than per page (a page then costs the same at 6,500 kommuner as at 65).
    private (KommuneDirectoryState Of, DirectoryEntry[] Entries)? _ordered;

    private DirectoryEntry[] Ordered =>
        _ordered is { } o && ReferenceEquals(o.Of, _state.State) ? o.Entries : (_ordered = (_state.State, [.. _state.State.Entries.Values])).Value.Entries;

    public async Task Add(DirectoryEntryView entry)
    {
        var listed = entry.ToDomain();
        if (KommuneDirectory.Add(_state.State, listed))
            await Changed(listed.Id);
    }

    public async Task Remove(string kommuneId)
    {
        if (KommuneDirectory.Remove(_state.State, kommuneId))
            await Changed(kommuneId);
    }

    private Task Changed(string kommuneId)
    {
        _ordered = null;
        _state.Changed(kommuneId);
        return _state.WriteAsync();
    }

    public Task<DirectoryPage> List(int first, string? after)
    {
        var page = Paging.SliceOrdered(Ordered, e => e.Id, first, after);
        return Task.FromResult(new DirectoryPage(
            [.. page.Items.Select(e => Completed(e).ToView())], page.Cursors, page.TotalCount, page.HasNextPage, page.HasPreviousPage));
    }

    // An entry stored before entries carried county and population: the reference list, where the kommune took them from.
    private DirectoryEntry Completed(DirectoryEntry e) =>
        e.CountyName is null && e.Population is null && KommuneId.TryParse(e.Id, out var id) && _reference.TryFind(id, out var known)
            ? e with { CountyName = known.CountyName, Population = known.Population, PopulationYear = known.PopulationYear }
            : e;
}
