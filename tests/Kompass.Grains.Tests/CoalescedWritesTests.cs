using Kompass.Grains.Analytics;

namespace Kompass.Grains.Tests;

/// <summary>
/// The analytics grain's writes: one at a time, and every change made while one is in flight written by the
/// next one together (the grain is reentrant, so reads never wait on these).
/// </summary>
public sealed class CoalescedWritesTests
{
    private readonly List<TaskCompletionSource> _writes = [];

    private CoalescedWrites Writes() => new(() =>
    {
        // Continuations inline: completing a write runs the writer on to its next write at once, deterministically.
        var write = new TaskCompletionSource();
        _writes.Add(write);
        return write.Task;
    });

    [Fact]
    public async Task Changes_made_during_a_write_are_written_together_by_the_next_one()
    {
        var writes = Writes();
        var first = writes.WriteAsync();
        var second = writes.WriteAsync();
        var third = writes.WriteAsync();
        Assert.Single(_writes);
        Assert.Same(second, third);

        _writes[0].SetResult();
        await first;
        Assert.Equal(2, _writes.Count); // the second write started as the first ended, for both changes
        Assert.False(second.IsCompleted);

        _writes[1].SetResult();
        await second;
        Assert.Equal(2, _writes.Count);

        var later = writes.WriteAsync(); // nothing in flight: at once
        Assert.Equal(3, _writes.Count);
        _writes[2].SetResult();
        await later;
    }

    [Fact]
    public async Task A_failed_write_fails_the_changes_it_was_to_store_and_the_next_change_writes_again()
    {
        var writes = Writes();
        var first = writes.WriteAsync();
        var second = writes.WriteAsync();
        _writes[0].SetException(new InvalidOperationException("disk full"));
        Assert.Equal("disk full", (await Assert.ThrowsAsync<InvalidOperationException>(() => first)).Message);

        _writes[1].SetException(new InvalidOperationException("still full"));
        Assert.Equal("still full", (await Assert.ThrowsAsync<InvalidOperationException>(() => second)).Message);

        var third = writes.WriteAsync();
        Assert.Equal(3, _writes.Count);
        _writes[2].SetResult();
        await third;
    }
}
