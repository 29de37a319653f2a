using Kompass.Domain.Kommuner;
using System.Text.Json;
using Kompass.Contracts.Strategies;
using Kompass.Domain.Strategies;
using Kompass.Storage;

namespace Kompass.Grains.Strategies;

/// <summary>
/// One fixed page of archived history: an action's older log lines or a kommune's older notifications.
/// Each page is its own small state, so history never grows one grain's state.
/// </summary>
public sealed class HistoryPageGrain(
    [PersistentState(StateNames.HistoryPage, StateNames.Storage)] IPersistentState<ArchivePageState<HistoryEntry>> state)
    : Grain, IHistoryPageGrain, IAuthorizedGrain
{
    public void Authorize(Principal caller, string method) => Access.Demand(method switch
    {
        nameof(Append) => caller.Role == Role.System,
        nameof(Offboard) => Access.MayOffboard(caller),
        nameof(Get) => Access.MayReadStrategy(caller, KommuneId.OwnerOf(this.GetPrimaryKeyString()).ToString(), shared: false),
        _ => false,
    }, caller, $"call {method} on history page {this.GetPrimaryKeyString()}");

    public async Task Append(string stream, int pageIndex, IReadOnlyList<HistoryEntry> entries)
    {
        if (Archive.Append(state.State, stream, pageIndex, entries, e => e.Seq) > 0)
            await state.CommitAsync(this);
    }

    public async Task Offboard()
    {
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }

    public Task<IReadOnlyList<HistoryEntry>> Get() => Task.FromResult<IReadOnlyList<HistoryEntry>>([.. state.State.Items]);
}

/// <summary>Moves archived batches (an outbox in the owner's state) into history pages; idempotent per page.</summary>
internal static class HistoryStore
{
    /// <summary>Stores every batch; returns the ids of the batches stored, for the owner's ConfirmArchived.</summary>
    public static async Task<IReadOnlyList<string>> StoreAsync<T>(IGrainFactory grains, string owner, IReadOnlyList<ArchivedBatch<T>> batches,
        Func<T, long> seqOf)
    {
        var stored = new List<string>();
        foreach (var batch in batches)
        {
            foreach (var (page, items) in Archive.ByPage(batch, seqOf))
                await AsSystem(() => grains.GetGrain<IHistoryPageGrain>(Archive.PageKey(owner, batch.Stream, page)).Append(batch.Stream, page,
                    [.. items.Select(i => new HistoryEntry(seqOf(i), JsonSerializer.Serialize(i, KompassJsonGrainStorageSerializer.Options)))]));
            stored.Add(ArchivedBatch<T>.IdOf(batch));
        }
        return stored;
    }

    /// <summary>An item as <see cref="StoreAsync{T}"/> stored it.</summary>
    public static T Read<T>(HistoryEntry entry) => KompassJsonGrainStorageSerializer.FromJson<T>(entry.Json);
}
