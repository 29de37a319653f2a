namespace Kompass.Grains;

/// <summary>
/// Delivers what a grain stored as pending (its outbox flag) to the grains that follow it. A failed
/// delivery never fails the command that was already stored: it is retried on a grain timer, and on
/// the next activation if this one ends first. Receivers are idempotent, so a repeat is harmless.
/// </summary>
internal sealed class Outbox(IGrainBase grain, ILogger logger, Func<Task> deliver)
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(10);
    private IGrainTimer? _retry;

    public async Task FlushAsync()
    {
        try
        {
            await deliver();
            _retry?.Dispose();
            _retry = null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Delivery from {Grain} failed; retrying every {Interval}.", grain.GrainContext.GrainId, RetryEvery);
            _retry ??= grain.RegisterGrainTimer(_ => FlushAsync(), RetryEvery, RetryEvery);
        }
    }
}
