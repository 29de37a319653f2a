namespace Kompass.Domain.Delivery;

/// <summary>
/// What a grain owes the grains that follow it, stored in the grain's own state in the same write as
/// the change that caused it. Each follower is owed "my state at this version or later": delivery sends
/// the sender's current state, so a later change supersedes an undelivered earlier one, and receivers,
/// which ignore anything not newer than what they hold, can be told twice without harm.
/// </summary>
public sealed class OutboxState
{
    /// <summary>Pending deliveries by follower (a name the sending grain understands, e.g. <c>kommune</c>).</summary>
    public Dictionary<string, PendingDelivery> Pending { get; set; } = [];
}

/// <summary>One follower's pending delivery and, once it has failed, when to try again.</summary>
public sealed class PendingDelivery
{
    /// <summary>The sender's version the follower must at least receive.</summary>
    public long Version { get; set; }

    /// <summary>Failed attempts since this delivery became pending.</summary>
    public int Failures { get; set; }

    public DateTimeOffset? FirstFailureAt { get; set; }

    /// <summary>Not before this instant (backoff); null: at once.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
}

/// <summary>Retry delays: <see cref="First"/> after the first failure, doubling after each one, never above <see cref="Max"/>.</summary>
public sealed record DeliveryBackoff(TimeSpan First, TimeSpan Max)
{
    public static readonly DeliveryBackoff Default = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));

    public TimeSpan After(int failures)
    {
        if (failures < 1)
            return TimeSpan.Zero;
        // Past 2^20 the delay is far above any sensible maximum; stop doubling before it overflows.
        var factor = Math.Pow(2, Math.Min(failures - 1, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(First.Ticks * factor, Max.Ticks));
        return delay < Max ? delay : Max;
    }
}

/// <summary>The bookkeeping rules of an <see cref="OutboxState"/>; the grain does the calls.</summary>
public static class Outbox
{
    /// <summary>Records that <paramref name="follower"/> must hear of <paramref name="version"/>; a pending one is raised, its backoff kept.</summary>
    public static void Owe(OutboxState outbox, string follower, long version)
    {
        if (outbox.Pending.TryGetValue(follower, out var pending))
            pending.Version = Math.Max(pending.Version, version);
        else
            outbox.Pending[follower] = new PendingDelivery { Version = version };
    }

    /// <summary>The followers whose delivery may be attempted now (not waiting out a backoff).</summary>
    public static IReadOnlyList<string> Due(OutboxState outbox, DateTimeOffset now) =>
        [.. outbox.Pending.Where(p => p.Value.NextAttemptAt is not { } next || next <= now).Select(p => p.Key).Order(StringComparer.Ordinal)];

    /// <summary>The follower took <paramref name="version"/>: done, unless something newer became pending meanwhile.</summary>
    public static void Delivered(OutboxState outbox, string follower, long version)
    {
        if (outbox.Pending.TryGetValue(follower, out var pending) && pending.Version <= version)
            outbox.Pending.Remove(follower);
    }

    /// <summary>Counts a failed attempt and sets the next one; returns the failure count (1 for the first).</summary>
    public static int Failed(OutboxState outbox, string follower, DateTimeOffset now, DeliveryBackoff backoff)
    {
        if (!outbox.Pending.TryGetValue(follower, out var pending))
            return 0;
        pending.Failures++;
        pending.FirstFailureAt ??= now;
        pending.NextAttemptAt = now + backoff.After(pending.Failures);
        return pending.Failures;
    }

    /// <summary>The earliest instant at which something pending may be attempted; null when nothing is pending.</summary>
    public static DateTimeOffset? NextAttempt(OutboxState outbox, DateTimeOffset now) =>
        outbox.Pending.Count == 0 ? null : outbox.Pending.Values.Min(p => p.NextAttemptAt is { } next && next > now ? next : now);
}
