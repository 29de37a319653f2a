namespace Kompass.Grains.Analytics;

/// <summary>
/// Storage writes of a reentrant grain, one at a time: a change made while a write is in flight is written by
/// the next write, together with every other change made meanwhile (a burst of deliveries costs two writes,
/// not one per message). Each caller's task ends when a write that started after its change has ended, and
/// fails with that write. Used on the grain's scheduler only (one turn at a time), so it needs no lock.
/// </summary>
internal sealed class CoalescedWrites(Func<Task> write)
{
    private bool _writing;
    private TaskCompletionSource? _next;

    public Task WriteAsync()
    {
        if (!_writing)
            return RunAsync(waiting: null);
        _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _next.Task;
    }

    private async Task RunAsync(TaskCompletionSource? waiting)
    {
        _writing = true;
        try
        {
            await write();
            waiting?.SetResult();
        }
        catch (Exception e) when (waiting is not null)
        {
            waiting.SetException(e);
        }
        finally
        {
            _writing = false;
            if (_next is { } next)
            {
                _next = null;
                // Observed through next's task by its callers: this task itself never fails.
                _ = RunAsync(next);
            }
        }
    }
}
