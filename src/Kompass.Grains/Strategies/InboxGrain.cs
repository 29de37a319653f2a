using Kompass.Domain.Kommuner;
using Kompass.Contracts.Strategies;
using Kompass.Domain;
using Kompass.Domain.Delivery;
using Kompass.Domain.Strategies;
using Kompass.Grains.Delivery;

namespace Kompass.Grains.Strategies;

/// <summary>What an inbox grain stores: the hot inbox, and what the history pages are owed.</summary>
public sealed class InboxGrainState
{
    public InboxState Inbox { get; set; } = new();
    public OutboxState Outbox { get; set; } = new();
    public long ArchiveVersion { get; set; }
}

/// <summary>
/// A kommune's notification inbox (key: the kommune id). Bounded by <see cref="NotificationInbox"/>: the
/// newest 500 stay hot, older ones move to history pages through <see cref="FollowerDelivery"/>.
/// </summary>
public sealed class InboxGrain : Grain, IInboxGrain, IRemindable, IAuthorizedGrain
{
    public void Authorize(Principal caller, string method) => Access.Demand(method switch
    {
        nameof(Deliver) => caller.Role == Role.System,
        nameof(List) or nameof(Acknowledge) => Access.MayReadStrategy(caller, Key, shared: false),
        nameof(Offboard) => Access.MayOffboard(caller),
        _ => false,
    }, caller, $"call {method} on the inbox of {Key}");

    internal const string HistoryFollower = "history";

    private readonly IPersistentState<InboxGrainState> _state;
    private readonly TimeProvider _time;
    private readonly FollowerDelivery _followers;

    public InboxGrain(
        [PersistentState(StateNames.Inbox, StateNames.Storage)] IPersistentState<InboxGrainState> state,
        StrategyClock clock,
        IServiceProvider services,
        ILogger<InboxGrain> logger)
    {
        _state = state;
        _time = clock.Time;
        _followers = new FollowerDelivery(this, () => _state.State.Outbox, () => _state.WriteStateAsync(), () => _state.ReadStateAsync(), DeliverToAsync, services, logger);
    }

    private string Key => this.GetPrimaryKeyString();

    private NotificationInbox Inbox => new(_state.State.Inbox);

    public Task ReceiveReminder(string reminderName, TickStatus status) => _followers.OnReminderAsync(reminderName);

    public async Task Deliver(IReadOnlyList<NotificationMessage> notifications)
    {
        var added = Inbox.Deliver(Key, [.. notifications.Select(n => n.ToDomain())], _time.GetUtcNow());
        if (added.Count == 0)
            return;
        var s = _state.State;
        if (s.Inbox.PendingArchive.Count > 0)
            Outbox.Owe(s.Outbox, HistoryFollower, ++s.ArchiveVersion);
        await _state.CommitAsync(this, _followers.BeforeWriteAsync);
        await _followers.AfterWriteAsync();
    }

    public async Task Offboard()
    {
        var inbox = _state.State.Inbox;
        await _followers.ForgetAsync();
        await Task.WhenAll(Enumerable.Range(0, Archive.PageIndexOf(Math.Max(1, inbox.LastSeq)) + 1)
            .Select(page => GrainFactory.GetGrain<IHistoryPageGrain>(Archive.PageKey(Key, NotificationInbox.Stream, page)).Offboard()));
        await _state.ClearStateAsync();
        DeactivateOnIdle();
    }

    public async Task<NotificationPage> List(int first, string? after, bool unacknowledgedOnly)
    {
        var inbox = Inbox;
        var page = await inbox.ListWithHistoryAsync(first, after, unacknowledgedOnly, ArchivedAsync);
        return new NotificationPage([.. page.Items.Select(i => i.ToView())], page.Cursors, page.TotalCount,
            page.HasNextPage, page.HasPreviousPage, inbox.UnacknowledgedCount);
    }

    // The history pages that hold arrival numbers from..to: a bounded number (a page of the inbox is at most 500).
    private async Task<IReadOnlyList<InboxItem>> ArchivedAsync(long from, long to)
    {
        var pages = await Task.WhenAll(Enumerable.Range(Archive.PageIndexOf(from), Archive.PageIndexOf(to) - Archive.PageIndexOf(from) + 1)
            .Select(page => AsSystem(() => GrainFactory.GetGrain<IHistoryPageGrain>(Archive.PageKey(Key, NotificationInbox.Stream, page)).Get())));
        return [.. pages.SelectMany(p => p).Select(HistoryStore.Read<InboxItem>)];
    }

    public async Task<NotificationView> Acknowledge(AcknowledgeNotification command)
    {
        AcknowledgeNotificationValidator.Instance.EnsureValid(command);
        if (command.KommuneId != Key)
            throw DomainException.Validation("kommuneId", $"This is the inbox of {Key}, not of {command.KommuneId}.");
        var before = _state.State.Inbox.Items.Find(i => i.Notification.Key == command.Key);
        var item = Inbox.Acknowledge(command.Key, CallerContext.Actor ?? "", _time.GetUtcNow());
        if (!ReferenceEquals(before, item))
            await _state.CommitAsync(this);
        return item.ToView();
    }

    private async Task<long> DeliverToAsync(string follower)
    {
        var s = _state.State;
        var version = s.ArchiveVersion;
        if (follower == HistoryFollower)
        {
            var stored = await HistoryStore.StoreAsync(GrainFactory, Key, [.. s.Inbox.PendingArchive], i => i.Seq);
            Inbox.ConfirmArchived(stored);
        }
        return version;
    }
}
