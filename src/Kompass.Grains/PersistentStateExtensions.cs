namespace Kompass.Grains;

internal static class PersistentStateExtensions
{
    /// <summary>
    /// Writes a change the domain has already applied in memory. When the write fails the change may or
    /// may not be stored, and this activation holds it either way: it is marked (see <see cref="MarkUnsaved"/>)
    /// and serves nothing more until it has read back what storage really holds. The failure is answered as
    /// CONFLICT (a concurrent writer: re-read and retry) or UNAVAILABLE.
    /// </summary>
    public static Task CommitAsync<T>(this IPersistentState<T> state, Grain grain, Func<Task>? beforeWrite = null) =>
        grain.CommitAsync(() => state.WriteStateAsync(), () => state.ReadStateAsync(), beforeWrite);

    /// <summary>As above, for a write whose state is read back by <paramref name="reload"/> (a snapshot and its journal: both).</summary>
    public static async Task CommitAsync(this Grain grain, Func<Task> write, Func<Task> reload, Func<Task>? beforeWrite = null)
    {
        try
        {
            if (beforeWrite is not null)
                await beforeWrite();
            await write();
        }
        catch (Exception e)
        {
            grain.MarkUnsaved(reload);
            throw ErrorCodes.FromInfrastructure(e) ?? ErrorCodes.UnavailableError();
        }
    }

    /// <summary>
    /// Marks this activation as holding a change storage may not have. Before it answers another call,
    /// <see cref="DomainErrorFilter"/> reads its state back with <paramref name="reload"/>; while that fails
    /// (the database is still down) every call is UNAVAILABLE and nothing is served from memory. The
    /// activation stays: deactivating it instead would make each later call a failed activation, with
    /// Orleans' own error log and stack trace for each, all through an outage.
    /// </summary>
    public static void MarkUnsaved(this Grain grain, Func<Task> reload) => grain.GrainContext.SetComponent(new UnsavedChange(reload));

    public static bool HasUnsavedChange(this IGrainContext context) => context.GetComponent<UnsavedChange>() is not null;

    /// <summary>Reads back a marked activation's state; throws (UNAVAILABLE) while storage cannot be read.</summary>
    public static async Task ReloadIfUnsavedAsync(this IGrainContext context)
    {
        if (context.GetComponent<UnsavedChange>() is not { } unsaved)
            return;
        try
        {
            await unsaved.Reload();
        }
        catch (Exception e)
        {
            throw ErrorCodes.FromInfrastructure(e) is { Code: ErrorCodes.Unavailable } k ? k : ErrorCodes.UnavailableError();
        }
        context.SetComponent<UnsavedChange>(null);
    }

    private sealed record UnsavedChange(Func<Task> Reload);
}
