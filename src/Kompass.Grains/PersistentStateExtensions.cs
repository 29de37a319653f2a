namespace Kompass.Grains;

internal static class PersistentStateExtensions
{
    /// <summary>
    /// Writes a change the domain has already applied in memory. If the write fails, the state is read
    /// back so the activation never serves a change that was not stored (nothing half-applied).
    /// </summary>
    public static async Task CommitAsync<T>(this IPersistentState<T> state)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            await state.ReadStateAsync();
            throw;
        }
    }
}
