using System.Text.Json;
using Kompass.Contracts.Strategies;
using Kompass.Domain.Delivery;
using Kompass.Domain.Kommuner;
using Kompass.Domain.Strategies;
using Kompass.Grains.Delivery;
using Kompass.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kompass.Grains.Strategies;

/// <summary>How often a follow-up grain's reminder ticks (configuration section <c>Kompass:FollowUp</c>).</summary>
public sealed class FollowUpOptions
{
    public const string Section = "Kompass:FollowUp";

    /// <summary>
    /// A tick catches up every day since the last one, so the period only bounds how late a day's
    /// notifications may come (Orleans' minimum reminder period is one minute).
    /// </summary>
    public TimeSpan TickPeriod { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// What a follow-up grain stores: the follow-up's progress, and the last catch-up's notifications and reports
/// until the inbox and the reports grain have them (a durable outbox: stored with the state that says
/// their days are processed, delivered after).
/// </summary>
public sealed class FollowUpGrainState
{
    public FollowUpState FollowUp { get; set; } = new();
    public List<Notification> PendingNotifications { get; set; } = [];
    public List<StrategyReport> PendingReports { get; set; } = [];
    public OutboxState Outbox { get; set; } = new();

    /// <summary>Bumped with every batch stored: what the followers are owed.</summary>
    public long BatchVersion { get; set; }
}

/// <summary>
/// The scheduled follow-up of one adopted strategy (same key as the strategy). A reminder keeps it
/// alive; each tick runs <see cref="FollowUp.CatchUp"/> from the last day processed to now
/// (<see cref="TimeProvider"/>), stores the batch with the progress, then delivers it: notifications to
/// the kommune's inbox, reports to the strategy's reports. Keys are deterministic and both receivers take
/// a key once, so a tick repeated, or one that died between its write and its delivery, duplicates nothing.
/// </summary>
public sealed class FollowUpGrain : Grain, IFollowUpGrain, IRemindable, IAuthorizedGrain
{
    public void Authorize(Principal caller, string method)
    {
        var kommune = KommuneId.OwnerOf(this.GetPrimaryKeyString()).ToString();
        Access.Demand(method switch
        {
            nameof(Follow) or nameof(Tick) => caller.Role == Role.System,
            nameof(Get) => Access.MayReadStrategy(caller, kommune, shared: false),
            nameof(ChangeSettings) => Access.MayChangeStrategy(caller, kommune),
            nameof(Offboard) => Access.MayOffboard(caller),
            _ => false,
        }, caller, $"call {method} on the follow-up of {this.GetPrimaryKeyString()}");
    }

    public const string ReminderName = "kompass-follow-up";
    internal const string InboxFollower = "inbox";
    internal const string ReportsFollower = "reports";

    private readonly IPersistentState<FollowUpGrainState> _state;
    private readonly TimeProvider _time;
    private readonly FollowerDelivery _followers;
    private readonly FollowUpOptions _options;
    private readonly ILogger<FollowUpGrain> _logger;
    private IGrainTimer? _soon;

    public FollowUpGrain(
        [PersistentState(StateNames.FollowUp, StateNames.Storage)] IPersistentState<FollowUpGrainState> state,
        StrategyClock clock,
        IServiceProvider services,
        ILogger<FollowUpGrain> logger)
    {
        _state = state;
        _time = clock.Time;
        _logger = logger;
        _options = services.GetRequiredService<IOptions<FollowUpOptions>>().Value;
        _followers = new FollowerDelivery(this, () => _state.State.Outbox, () => _state.WriteStateAsync(), () => _state.ReadStateAsync(), DeliverToAsync, services, logger);
    }

    private string Key => this.GetPrimaryKeyString();

    private FollowUp FollowUp => new(_state.State.FollowUp);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReminderName)
            await Tick();
        else
            await _followers.OnReminderAsync(reminderName);
    }

    public async Task Follow(StrategyEntryView entry)
    {
        if (entry.Id != Key)
            throw Domain.DomainException.Validation("strategyId", $"This is the follow-up of {Key}, not of {entry.Id}.");
        var s = _state.State;
        if (!s.FollowUp.Exists && entry.Status == Contracts.Strategies.StrategyStatus.Adopted)
        {
            // Start needs only who and whether adopted; the days are read from the strategy at each tick.
            FollowUp.Start(s.FollowUp, new StrategyState { Id = entry.Id, KommuneId = KommuneId.OwnerOf(entry.Id).ToString(), Status = Domain.Strategies.StrategyStatus.Adopted },
                _time.GetUtcNow());
            await _state.CommitAsync(this);
        }
        if (s.FollowUp.Exists && !s.FollowUp.Finished)
        {
            // Registered on every delivery (adoption, completion, abandonment: rare), so a registration that
            // failed after the start was stored is made good by the strategy's retried delivery.
            await this.RegisterOrUpdateReminder(ReminderName, _options.TickPeriod, _options.TickPeriod);
            // The first tick (or the one that finishes a completed or abandoned strategy) runs soon, outside this call.
            _soon?.Dispose();
            // A timer carries no caller: the tick is the service's own work.
            _soon = this.RegisterGrainTimer(() => AsSystem(Tick), TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    public async Task<FollowUpView> Tick()
    {
        var s = _state.State;
        if (!s.FollowUp.Exists || s.FollowUp.Finished)
            return View();
        var message = await GrainFactory.GetGrain<IStrategyGrain>(Key).State();
        if (message is null)
            return View();
        var strategy = JsonSerializer.Deserialize<StrategyState>(message.Json, KompassJsonGrainStorageSerializer.Options)!;
        FollowUpBatch batch;
        do
        {
            var wasFinished = s.FollowUp.Finished;
            batch = FollowUp.CatchUp(strategy, _time.GetUtcNow());
            if (batch.Through is null && batch.Finished == wasFinished)
                break;
            if (batch.Notifications.Count > 0 || batch.Reports.Count > 0)
            {
                s.BatchVersion++;
                s.PendingNotifications.AddRange(batch.Notifications);
                s.PendingReports.AddRange(batch.Reports);
                if (batch.Notifications.Count > 0)
                    Outbox.Owe(s.Outbox, InboxFollower, s.BatchVersion);
                if (batch.Reports.Count > 0)
                    Outbox.Owe(s.Outbox, ReportsFollower, s.BatchVersion);
            }
            await _state.CommitAsync(this, _followers.BeforeWriteAsync);
            await _followers.AfterWriteAsync();
        }
        while (batch.MoreToCatchUp);
        if (s.FollowUp.Finished)
            await ReleaseReminderAsync();
        return View();
    }

    public Task<FollowUpView> Get() => Task.FromResult(View());

    public async Task<FollowUpView> ChangeSettings(ChangeFollowUpSettings command)
    {
        ChangeFollowUpSettingsValidator.Instance.EnsureValid(command);
        if (command.StrategyId != Key)
            throw Domain.DomainException.Validation("strategyId", $"This is the follow-up of {Key}, not of {command.StrategyId}.");
        FollowUp.ChangeSettings(command.LeadTimeDays, command.OccurrenceLeadDays, command.MissedAfterDays);
        await _state.CommitAsync(this);
        return View();
    }

    private FollowUpView View()
    {
        var f = _state.State.FollowUp;
        return new FollowUpView(Key, f.Exists, f.Exists ? f.StartedOn : null, f.Exists ? f.ProcessedThrough : null, f.Finished,
            f.Settings.LeadTimeDays, f.Settings.OccurrenceLeadDays, f.Settings.MissedAfterDays);
    }

    private async Task<long> DeliverToAsync(string follower)
    {
        var s = _state.State;
        var version = s.BatchVersion;
        switch (follower)
        {
            case InboxFollower when s.PendingNotifications.Count > 0:
                var notifications = s.PendingNotifications.ToList();
                await GrainFactory.GetGrain<IInboxGrain>(s.FollowUp.KommuneId).Deliver([.. notifications.Select(n => n.ToMessage())]);
                s.PendingNotifications.RemoveRange(0, notifications.Count);
                break;
            case ReportsFollower when s.PendingReports.Count > 0:
                var reports = s.PendingReports.ToList();
                await GrainFactory.GetGrain<IStrategyReportsGrain>(Key).Add([.. reports.Select(r => r.ToView())]);
                s.PendingReports.RemoveRange(0, reports.Count);
                break;
        }
        return version;
    }

    public async Task Offboard()
    {
        _soon?.Dispose();
        _soon = null;
        await _followers.ForgetAsync();
        await DropTickReminderAsync();
        await _state.ClearStateAsync();
        DeactivateOnIdle();
    }

    private async Task ReleaseReminderAsync()
    {
        try
        {
            await DropTickReminderAsync();
        }
        catch (Exception e)
        {
            // Harmless: the next tick finds the follow-up finished and tries again.
            _logger.LogDebug(e, "{Grain} could not release its follow-up reminder.", this.GetGrainId());
        }
    }

    private async Task DropTickReminderAsync()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
            await this.UnregisterReminder(reminder);
    }
}
