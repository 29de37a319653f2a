using Microsoft.Extensions.Logging;

namespace Kompass.Gateway.Http;

/// <summary>
/// Logs requests answered UNAVAILABLE the way an operator can read during an outage: the first one with
/// its cause, then one summary per interval (how many, the last cause), instead of a stack trace each.
/// </summary>
public sealed class OutageLog(ILogger<OutageLog> logger, TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private DateTimeOffset? _windowStart;
    private int _count;
    private string _lastCause = "";

    public void Failed(Exception e)
    {
        var cause = $"{e.GetBaseException().GetType().Name}: {e.GetBaseException().Message}";
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_windowStart is not { } start || now - start > 2 * Interval)
            {
                // Quiet for a while: this is a new outage, worth its own line (after what the last one left unsaid).
                if (_count > 0)
                    logger.LogWarning("{Count} more requests answered UNAVAILABLE; last cause: {Cause}", _count, _lastCause);
                logger.LogWarning("Requests are failing as UNAVAILABLE: {Cause}", cause);
                (_windowStart, _count, _lastCause) = (now, 0, cause);
                return;
            }
            _count++;
            _lastCause = cause;
            if (now - start >= Interval)
            {
                logger.LogWarning("{Count} more requests answered UNAVAILABLE in the last {Seconds:0} s; last cause: {Cause}",
                    _count, (now - start).TotalSeconds, _lastCause);
                (_windowStart, _count) = (now, 0);
            }
        }
    }
}
