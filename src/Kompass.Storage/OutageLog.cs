using Microsoft.Extensions.Logging;

namespace Kompass.Storage;

/// <summary>
/// Logs a run of failures the way an operator can read during an outage: the first with its cause, then
/// one summary per <see cref="Interval"/> (how many, the last cause), and one line when it is over,
/// instead of an error with a stack trace for every request.
/// </summary>
/// <param name="what">What fails, as the subject of the log lines ("Storage operations").</param>
/// <param name="withStackTrace">Whether the first line carries the exception's stack trace (useful where the cause is raised).</param>
public sealed class OutageLog(ILogger logger, TimeProvider time, string what, bool withStackTrace = true)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private DateTimeOffset? _since;
    private DateTimeOffset _summarisedAt;
    private DateTimeOffset _lastFailureAt;
    private int _total;
    private int _unsummarised;
    private string _lastCause = "";

    private volatile bool _inOutage;

    /// <summary>True while failures are being counted (since the first, until <see cref="Succeeded"/>); no lock taken.</summary>
    public bool InOutage => _inOutage;

    public void Failed(Exception e)
    {
        var cause = $"{e.GetBaseException().GetType().Name}: {e.GetBaseException().Message}";
        var now = time.GetUtcNow();
        lock (_lock)
        {
            // Where nobody reports successes, a quiet spell ends the outage.
            if (_since is not null && now - _lastFailureAt > 2 * Interval)
                End(_lastFailureAt);
            _total++;
            _lastCause = cause;
            _lastFailureAt = now;
            if (_since is null)
            {
                _since = _summarisedAt = now;
                _inOutage = true;
                logger.LogWarning(withStackTrace ? e : null, "{What} are failing: {Cause}. Further failures are summarised every {Interval}.",
                    what, cause, Interval);
                return;
            }
            _unsummarised++;
            if (now - _summarisedAt >= Interval)
            {
                logger.LogWarning("{What}: {Count} more failures in the last {Seconds:0} s ({Total} since {Since:u}); last cause: {Cause}",
                    what, _unsummarised, (now - _summarisedAt).TotalSeconds, _total, _since, cause);
                (_summarisedAt, _unsummarised) = (now, 0);
            }
        }
    }

    /// <summary>A success: ends the outage, if one is being counted, with a line saying how long and how many.</summary>
    public void Succeeded()
    {
        lock (_lock)
            End(time.GetUtcNow());
    }

    private void End(DateTimeOffset at)
    {
        if (_since is not { } since)
            return;
        logger.LogWarning("{What}: the failures stopped after {Total} over {Seconds:0} s; last cause: {Cause}",
            what, _total, (at - since).TotalSeconds, _lastCause);
        (_since, _total, _unsummarised) = (null, 0, 0);
        _inOutage = false;
    }
}
