using Kompass.Domain.Delivery;

namespace Kompass.Grains.Delivery;

/// <summary>How grains deliver to their followers (configuration section <c>Kompass:Delivery</c>).</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Kompass:Delivery";

    /// <summary>The wait after a follower's first failure; it doubles with each further failure.</summary>
    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxRetry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a command waits for its followers before it answers anyway (its own write is stored).</summary>
    public TimeSpan WaitForFollowers { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The period of the reminder a grain holds while it owes anything: the guarantee that delivery resumes
    /// after deactivation, a silo crash or a restart. Orleans' minimum is one minute unless configured lower.
    /// </summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    public DeliveryBackoff Backoff => new(FirstRetry, MaxRetry);
}
