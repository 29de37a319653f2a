namespace Kompass.Grains;

internal static class PersistentStateExtensions
{
    /// <summary>
    /// Writes a change the domain has already applied in memory. When the write fails the change may or
    /// may not be stored, and this activation holds it either way: it is marked as holding an unsaved change
    /// (so it answers nothing more, see <see cref="DomainErrorFilter"/>) and deactivated; the next call reads
    /// what storage really holds. (Reading back instead would fail too while the database is down, leaving the
    /// unsaved change to be served, and stored by a later write.) The failure is answered as CONFLICT (a
    /// concurrent writer: re-read and retry) or UNAVAILABLE.
    /// </summary>
    public static async Task CommitAsync<T>(this IPersistentState<T> state, Grain grain, Func<Task>? beforeWrite = null)
    {
        try
        {
            if (beforeWrite is not null)
                await beforeWrite();
            await state.WriteStateAsync();
        }
        catch (Exception e)
        {
            grain.Discard();
            throw ErrorCodes.FromInfrastructure(e) ?? ErrorCodes.UnavailableError();
        }
    }

    /// <summary>
    /// Marks this activation as holding a change storage may not have, and lets it go. Deactivation waits
    /// for the current turn, and messages already queued may still reach the activation: the mark makes
    /// them fail as UNAVAILABLE (to be retried against a fresh activation) instead of being served from memory.
    /// </summary>
    public static void Discard(this Grain grain)
    {
        grain.GrainContext.SetComponent(UnsavedChange.Mark);
        grain.DeactivateOnIdle();
    }

    public static bool HasUnsavedChange(this IGrainContext context) => context.GetComponent<UnsavedChange>() is not null;

    internal sealed class UnsavedChange
    {
        public static readonly UnsavedChange Mark = new();
    }
}
