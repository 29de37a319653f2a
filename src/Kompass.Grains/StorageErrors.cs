using Kompass.Storage;
using Orleans.Storage;

namespace Kompass.Grains;

/// <summary>
/// In front of the grain storage: a provider failure (an unreachable database, a driver error) becomes
/// UNAVAILABLE, and a version conflict stays Orleans' InconsistentStateException (CONFLICT). Without it a
/// failed read during activation reaches the caller as the driver's own exception, which Orleans cannot
/// serialise across the grain boundary, so the caller would see a codec error instead of the cause.
/// Failures are logged here once and then summarised (an <see cref="OutageLog"/>): the providers' own error
/// logs, one with a stack trace per failed call, are filtered out (see AddKompassGrains).
/// </summary>
internal sealed class StorageErrors(IGrainStorage inner, OutageLog outage) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard(() => inner.ReadStateAsync(stateName, grainId, grainState), "read", stateName, grainId);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard(() => inner.WriteStateAsync(stateName, grainId, grainState), "write", stateName, grainId);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard(() => inner.ClearStateAsync(stateName, grainId, grainState), "clear", stateName, grainId);

    private sealed class StorageFailure(string message, Exception inner) : Exception(message, inner);

    private async Task Guard(Func<Task> operation, string what, string stateName, GrainId grainId)
    {
        try
        {
            await operation();
        }
        catch (Exception e) when (e is not InconsistentStateException and not KompassError)
        {
            outage.Failed(new StorageFailure($"Could not {what} {stateName} of {grainId}.", e));
            throw ErrorCodes.FromInfrastructure(e) is { Code: ErrorCodes.Conflict } conflict ? conflict : ErrorCodes.UnavailableError();
        }
        if (outage.InOutage)
            outage.Succeeded();
    }
}
