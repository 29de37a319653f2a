namespace Kompass.Grains.Strategies;

/// <summary>
/// The business clock of strategies, their follow-up and the inbox: the container's <see cref="TimeProvider"/>
/// unless a <see cref="StrategyClock"/> is registered. Orleans takes the container's TimeProvider for its own
/// timers, so a clock moved by months there fires every Orleans timer due in between (a year's jump cost a
/// test a minute); this one can be moved alone (tests, and later the Development-only demo clock).
/// </summary>
public sealed class StrategyClock(TimeProvider time)
{
    public TimeProvider Time { get; } = time;

    public DateTimeOffset Now => Time.GetUtcNow();
}
