using System.Diagnostics;
using System.Diagnostics.Metrics;
using Orleans.Runtime;
using Orleans.Storage;

namespace Kompass.Storage;

/// <summary>
/// The grain storage grains see: the configured Orleans provider, with a span per call (a child of the
/// grain call's span, so one request's trace reaches storage) and its duration in the
/// <c>kompass.storage.duration</c> histogram. Outcomes are <c>ok</c>, <c>conflict</c> (a stale ETag:
/// <see cref="InconsistentStateException"/>, passed on unchanged) and <c>error</c>.
/// </summary>
internal sealed class InstrumentedGrainStorage(IGrainStorage inner, KompassStorageProvider provider) : IGrainStorage
{
    private readonly KeyValuePair<string, object?> _provider = new("kompass.storage.provider", provider.ToString());

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Observe("read", stateName, grainId, () => inner.ReadStateAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Observe("write", stateName, grainId, () => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Observe("clear", stateName, grainId, () => inner.ClearStateAsync(stateName, grainId, grainState));

    private async Task Observe(string operation, string stateName, GrainId grainId, Func<Task> call)
    {
        using var activity = StorageTelemetry.Source.StartActivity($"storage {operation} {stateName}", ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag(_provider.Key, _provider.Value);
            activity.SetTag("kompass.storage.operation", operation);
            activity.SetTag("kompass.state.name", stateName);
            activity.SetTag("kompass.grain.id", grainId.ToString());
        }

        var started = Stopwatch.GetTimestamp();
        var outcome = "ok";
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            outcome = ex is InconsistentStateException ? "conflict" : "error";
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
        finally
        {
            StorageTelemetry.Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                _provider, new("kompass.storage.operation", operation), new("kompass.storage.outcome", outcome));
            activity?.SetTag("kompass.storage.outcome", outcome);
        }
    }
}

/// <summary>The storage layer's telemetry names: add them to the host's tracer and meter providers.</summary>
public static class StorageTelemetry
{
    /// <summary>ActivitySource and Meter name.</summary>
    public const string Name = "Kompass.Storage";

    internal static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    internal static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "kompass.storage.duration", unit: "s", description: "Duration of grain state reads, writes and clears, by provider, operation and outcome.");
}
