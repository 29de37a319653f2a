using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Kompass.Grains.Delivery;

/// <summary>
/// The delivery metrics of this silo, on the <c>Kompass</c> meter: <c>kompass.delivery.pending</c> (deliveries
/// owed by the grains active here), <c>kompass.delivery.failures</c> and <c>kompass.delivery.delivered</c>
/// (by follower).
/// </summary>
public sealed class DeliveryMetrics : IDisposable
{
    public const string MeterName = "Kompass";

    private readonly Meter _meter = new(MeterName);
    private readonly ConcurrentDictionary<GrainId, int> _pending = new();
    private readonly Counter<long> _failures;
    private readonly Counter<long> _delivered;

    public DeliveryMetrics()
    {
        _meter.CreateObservableGauge("kompass.delivery.pending", () => Pending, "{delivery}",
            "Deliveries to followers owed by the grains active on this silo.");
        _failures = _meter.CreateCounter<long>("kompass.delivery.failures", "{attempt}", "Failed delivery attempts.");
        _delivered = _meter.CreateCounter<long>("kompass.delivery.delivered", "{delivery}", "Deliveries a follower took.");
    }

    /// <summary>Deliveries owed by the grains active on this silo right now.</summary>
    public int Pending => _pending.Values.Sum();

    internal void SetPending(GrainId grain, int count)
    {
        if (count == 0)
            _pending.TryRemove(grain, out _);
        else
            _pending[grain] = count;
    }

    internal void Failed(string follower) => _failures.Add(1, new KeyValuePair<string, object?>("follower", follower));

    internal void Delivered(string follower) => _delivered.Add(1, new KeyValuePair<string, object?>("follower", follower));

    public void Dispose() => _meter.Dispose();
}
