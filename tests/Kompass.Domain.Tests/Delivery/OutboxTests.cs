using Kompass.Domain.Delivery;

namespace Kompass.Domain.Tests.Delivery;

/// <summary>The bookkeeping of what a grain owes its followers: owed, due, delivered, failed and backed off.</summary>
public sealed class OutboxTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly DeliveryBackoff Backoff = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(9, 256)]
    [InlineData(10, 300)]
    [InlineData(11, 300)]
    [InlineData(1000, 300)]
    public void Backoff_starts_at_one_second_and_doubles_up_to_five_minutes(int failures, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Backoff.After(failures));
    }

    [Fact]
    public void A_newly_owed_delivery_is_due_at_once()
    {
        var outbox = new OutboxState();

        Outbox.Owe(outbox, "kommune", 3);

        Assert.Equal(["kommune"], Outbox.Due(outbox, Now));
        Assert.Equal(3, outbox.Pending["kommune"].Version);
        Assert.Equal(Now, Outbox.NextAttempt(outbox, Now));
    }

    [Fact]
    public void Owing_a_newer_version_raises_the_pending_one_and_keeps_its_backoff()
    {
        var outbox = new OutboxState();
        Outbox.Owe(outbox, "kommune", 3);
        Outbox.Failed(outbox, "kommune", Now, Backoff);

        Outbox.Owe(outbox, "kommune", 5);
        Outbox.Owe(outbox, "kommune", 4);

        var pending = outbox.Pending["kommune"];
        Assert.Equal(5, pending.Version);
        Assert.Equal(1, pending.Failures);
        Assert.Equal(Now.AddSeconds(1), pending.NextAttemptAt);
    }

    [Fact]
    public void Delivered_removes_the_pending_delivery()
    {
        var outbox = new OutboxState();
        Outbox.Owe(outbox, "kommune", 3);
        Outbox.Owe(outbox, "benchmark", 3);

        Outbox.Delivered(outbox, "kommune", 3);

        Assert.Equal(["benchmark"], outbox.Pending.Keys);
        Assert.Null(Outbox.NextAttempt(new OutboxState(), Now));
    }

    [Fact]
    public void Delivering_an_older_version_than_the_one_now_owed_keeps_it_pending()
    {
        // The state changed again while the older version was on its way: the newer one is still owed.
        var outbox = new OutboxState();
        Outbox.Owe(outbox, "kommune", 3);
        Outbox.Owe(outbox, "kommune", 4);

        Outbox.Delivered(outbox, "kommune", 3);

        Assert.Equal(4, outbox.Pending["kommune"].Version);
    }

    [Fact]
    public void A_failed_follower_waits_out_its_backoff_while_others_stay_due()
    {
        var outbox = new OutboxState();
        Outbox.Owe(outbox, "kommune", 1);
        Outbox.Owe(outbox, "benchmark", 1);

        Assert.Equal(1, Outbox.Failed(outbox, "benchmark", Now, Backoff));
        Assert.Equal(2, Outbox.Failed(outbox, "benchmark", Now.AddSeconds(1), Backoff));

        Assert.Equal(["kommune"], Outbox.Due(outbox, Now.AddSeconds(2)));
        Assert.Equal(["benchmark", "kommune"], Outbox.Due(outbox, Now.AddSeconds(3)));
        var pending = outbox.Pending["benchmark"];
        Assert.Equal(Now, pending.FirstFailureAt);
        Assert.Equal(Now.AddSeconds(3), pending.NextAttemptAt);
    }

    [Fact]
    public void The_next_attempt_is_the_earliest_of_the_followers()
    {
        var outbox = new OutboxState();
        Outbox.Owe(outbox, "a", 1);
        Outbox.Owe(outbox, "b", 1);
        for (var i = 0; i < 4; i++)
            Outbox.Failed(outbox, "a", Now, Backoff); // 8 s
        Outbox.Failed(outbox, "b", Now, Backoff); // 1 s

        Assert.Equal(Now.AddSeconds(1), Outbox.NextAttempt(outbox, Now));
        Assert.Equal(Now.AddSeconds(2), Outbox.NextAttempt(outbox, Now.AddSeconds(2)));
    }

    [Fact]
    public void A_failure_for_a_follower_not_pending_changes_nothing()
    {
        var outbox = new OutboxState();

        Assert.Equal(0, Outbox.Failed(outbox, "kommune", Now, Backoff));
        Assert.Empty(outbox.Pending);
    }
}
