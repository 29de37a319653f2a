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

/// <summary>
/// The demo clock (Development only): starts at <paramref name="start"/> when created and runs
/// <paramref name="speed"/> times as fast as <paramref name="real"/> time, so a strategy's years pass in
/// minutes (86,400: one day per second).
/// </summary>
public sealed class DemoTimeProvider(TimeProvider real, DateTimeOffset start, double speed) : TimeProvider
{
    private readonly DateTimeOffset _startedAt = real.GetUtcNow();

    public DateTimeOffset Start { get; } = start;

    public double Speed { get; } = speed;

    public override DateTimeOffset GetUtcNow() => Start + (real.GetUtcNow() - _startedAt) * Speed;
}
