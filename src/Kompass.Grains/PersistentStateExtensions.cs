namespace Kompass.Grains;

internal static class PersistentStateExtensions
{
    /// <summary>
    /// Writes a change the domain has already applied in memory. When the write fails the change may or
    /// may not be stored, and this activation holds it either way: it is deactivated before it serves
    /// anything else, and the next call reads what storage really holds. (Reading back instead would fail
    /// too while the database is down, leaving the unsaved change to be served and stored by a later write.)
    /// The failure is answered as CONFLICT (a concurrent writer: re-read and retry) or UNAVAILABLE.
    /// </summary>
    public static async Task CommitAsync<T>(this IPersistentState<T> state, Grain grain, Func<Task>? beforeWrite = null)
    {
        try
        {
            if (beforeWrite is not null)
                await beforeWrite();
            await state.WriteStateAsync();
        }
        catch (Exception e) when (e is not KompassError)
        {
            grain.DeactivateOnIdle();
            throw ErrorCodes.FromInfrastructure(e) ?? ErrorCodes.UnavailableError();
        }
    }
}
