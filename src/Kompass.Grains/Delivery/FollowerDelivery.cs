using Kompass.Domain.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kompass.Grains.Delivery;

/// <summary>
/// Delivers what a grain owes its followers (its <see cref="OutboxState"/>), the one mechanism every grain
/// with followers uses:
/// <list type="bullet">
/// <item>a reminder is registered before a write that owes anything is stored, and held until nothing is
/// owed, so delivery resumes after deactivation, a silo crash or a restart;</item>
/// <item>right after the write, each follower is called on its own (in parallel), and the command waits
/// at most <see cref="DeliveryOptions.WaitForFollowers"/> for them: it never fails because a follower did;</item>
/// <item>a failed follower is retried with backoff (1 s doubling to 5 min by default) on a timer while the
/// grain is active and on the reminder otherwise, with a warning at each step, not a log line per second.</item>
/// </list>
/// Delivery sends the sender's current state; receivers ignore what is not newer than what they hold.
/// </summary>
internal sealed class FollowerDelivery
{
    public const string ReminderName = "kompass-delivery";

    private readonly Grain _grain;
    private readonly Func<OutboxState> _outbox;
    private readonly Func<Task> _persist;
    private readonly Func<Task> _reload;
    private readonly Func<string, Task<long>> _deliver;
    private readonly DeliveryOptions _options;
    private readonly DeliveryMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private IGrainTimer? _timer;
    private IGrainReminder? _reminder;
    private bool _mayHoldReminder;
    private int _reportedPending;

    /// <param name="deliver">Tells one follower the grain's current state; returns the version it sent.</param>
    /// <param name="persist">Stores the grain's state (the outbox after a delivery).</param>
    /// <param name="reload">Reads the grain's state back from storage.</param>
    public FollowerDelivery(Grain grain, Func<OutboxState> outbox, Func<Task> persist, Func<Task> reload, Func<string, Task<long>> deliver,
        IServiceProvider services, ILogger logger)
    {
        _grain = grain;
        _outbox = outbox;
        _persist = persist;
        _reload = reload;
        _deliver = deliver;
        _options = services.GetRequiredService<IOptions<DeliveryOptions>>().Value;
        _metrics = services.GetRequiredService<DeliveryMetrics>();
        _logger = logger;
        // Retry timing is the infrastructure's real time, like the Orleans timers and reminders that drive
        // it, not the business clock that tests and the demo clock move at will.
        _clock = TimeProvider.System;
        // After the grain's state is read (SetupState), before its first call; and again as it deactivates.
        grain.GrainContext.ObservableLifecycle.Subscribe(nameof(FollowerDelivery), GrainLifecycleStage.Activate,
            _ => { OnActivate(); return Task.CompletedTask; },
            _ => { OnDeactivate(); return Task.CompletedTask; });
    }

    private OutboxState Outbox => _outbox();

    /// <summary>Called before the write that stores a change: the reminder must exist before what needs it is stored.</summary>
    public async Task BeforeWriteAsync()
    {
        if (Outbox.Pending.Count > 0 && _reminder is null)
        {
            _mayHoldReminder = true;
            _reminder = await _grain.RegisterOrUpdateReminder(ReminderName, _options.ReminderPeriod, _options.ReminderPeriod);
        }
    }

    /// <summary>After a command's write: deliver what is due, waiting briefly for the followers.</summary>
    public Task AfterWriteAsync() => DeliverAsync(_options.WaitForFollowers);

    /// <summary>On activation: resume what an earlier activation left owed (soon, not inside the activation).</summary>
    private void OnActivate()
    {
        Report();
        if (Outbox.Pending.Count > 0)
        {
            _mayHoldReminder = true;
            Schedule(TimeSpan.Zero);
        }
    }

    /// <summary>The reminder's tick: retry what is due; let the reminder go when nothing is owed.</summary>
    public async Task OnReminderAsync(string reminderName)
    {
        if (reminderName != ReminderName)
            return;
        _mayHoldReminder = true;
        _reminder ??= await _grain.GetReminder(ReminderName);
        await DeliverAsync(wait: null);
    }

    private void OnDeactivate()
    {
        _metrics.SetPending(_grain.GetGrainId(), 0);
        _reportedPending = 0;
    }

    private async Task DeliverAsync(TimeSpan? wait)
    {
        // The common case, a change that owes nothing: no reminder to look up, nothing to write.
        if (Outbox.Pending.Count == 0 && !_mayHoldReminder)
            return;
        if (_grain.GrainContext.HasUnsavedChange())
            return; // never tell followers what storage may not hold: the reminder's call reads it back first
        var due = Domain.Delivery.Outbox.Due(Outbox, _clock.GetUtcNow());
        if (due.Count > 0)
        {
            var attempts = await Task.WhenAll(due.Select(f => AttemptAsync(f, wait)));
            var now = _clock.GetUtcNow();
            foreach (var (follower, version, error) in attempts)
            {
                if (error is null)
                    Delivered(follower, version);
                else
                    Failed(follower, error, now);
            }
            if (!await PersistAsync())
                return;
        }
        Report();
        if (Outbox.Pending.Count == 0)
        {
            _timer?.Dispose();
            _timer = null;
            await ReleaseReminderAsync();
        }
        else if (Domain.Delivery.Outbox.NextAttempt(Outbox, _clock.GetUtcNow()) is { } next)
        {
            await BeforeWriteAsync(); // held already, unless an earlier registration failed
            Schedule(next - _clock.GetUtcNow());
        }
    }

    private async Task<(string Follower, long Version, Exception? Error)> AttemptAsync(string follower, TimeSpan? wait)
    {
        try
        {
            // A delivery is the service's own work, whoever's command caused it: followers accept it from the system only.
            var call = AsSystem(() => _deliver(follower));
            return (follower, wait is { } w ? await call.WaitAsync(w) : await call, null);
        }
        catch (Exception e)
        {
            return (follower, 0, e);
        }
    }

    private void Delivered(string follower, long version)
    {
        var failures = Outbox.Pending.TryGetValue(follower, out var pending) ? pending.Failures : 0;
        Domain.Delivery.Outbox.Delivered(Outbox, follower, version);
        _metrics.Delivered(follower);
        if (failures > 0)
            _logger.LogInformation("{Grain} delivered to its {Follower} after {Failures} failed attempt(s).",
                _grain.GetGrainId(), follower, failures);
    }

    private void Failed(string follower, Exception error, DateTimeOffset now)
    {
        var failures = Domain.Delivery.Outbox.Failed(Outbox, follower, now, _options.Backoff);
        var delay = _options.Backoff.After(failures);
        _metrics.Failed(follower);
        // The first failure carries the exception for diagnosis; the later ones (one per backoff step) its message.
        if (failures == 1)
            _logger.LogWarning(error, "{Grain} could not deliver to its {Follower}; retrying in {Delay}.",
                _grain.GetGrainId(), follower, delay);
        else
            _logger.LogWarning("{Grain} could not deliver to its {Follower} ({Failures} attempts): {Error}; retrying in {Delay}.",
                _grain.GetGrainId(), follower, failures, error.GetBaseException().Message, delay);
    }

    /// <summary>Stores the outbox after a round. After a failed write the grain reads its state back before anything else.</summary>
    private async Task<bool> PersistAsync()
    {
        try
        {
            await _persist();
            return true;
        }
        catch (Exception e)
        {
            _logger.LogWarning("{Grain} could not store its delivery progress ({Error}); it will resume from storage.",
                _grain.GetGrainId(), e.GetBaseException().Message);
            _grain.MarkUnsaved(_reload);
            return false;
        }
    }

    /// <summary>
    /// For a grain whose data leaves the service (offboarding): nothing more is delivered, and its reminder
    /// is gone. Throws when the reminder cannot be removed, so the offboarding can be retried.
    /// </summary>
    public async Task ForgetAsync()
    {
        _timer?.Dispose();
        _timer = null;
        Outbox.Pending.Clear();
        Report();
        await DropReminderAsync();
    }

    private async Task ReleaseReminderAsync()
    {
        try
        {
            await DropReminderAsync();
        }
        catch (Exception e)
        {
            // Harmless: the next tick finds nothing owed and tries again.
            _logger.LogDebug(e, "{Grain} could not release its delivery reminder.", _grain.GetGrainId());
        }
    }

    private async Task DropReminderAsync()
    {
        _reminder ??= await _grain.GetReminder(ReminderName);
        if (_reminder is not null)
            await _grain.UnregisterReminder(_reminder);
        _reminder = null;
        _mayHoldReminder = false;
    }

    private void Schedule(TimeSpan due)
    {
        if (due < TimeSpan.Zero)
            due = TimeSpan.Zero;
        if (_timer is null)
            _timer = _grain.RegisterGrainTimer(() => DeliverAsync(wait: null), due, Timeout.InfiniteTimeSpan);
        else
            _timer.Change(due, Timeout.InfiniteTimeSpan);
    }

    private void Report()
    {
        var pending = Outbox.Pending.Count;
        if (pending == _reportedPending)
            return;
        _metrics.SetPending(_grain.GetGrainId(), pending);
        _reportedPending = pending;
    }
}
