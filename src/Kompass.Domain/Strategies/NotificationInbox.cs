using Kompass.Domain.Kommuner;

namespace Kompass.Domain.Strategies;

/// <summary>A notification as the inbox holds it: in arrival order (<see cref="Seq"/>), acknowledged or not.</summary>
public sealed record InboxItem(long Seq, Notification Notification, DateTimeOffset ReceivedAt, DateTimeOffset? AcknowledgedAt = null,
    string? AcknowledgedBy = null)
{
    public bool IsAcknowledged => AcknowledgedAt is not null;
}

/// <summary>
/// What a kommune's inbox grain persists: the newest <see cref="NotificationInbox.MaxHot"/>
/// notifications, the keys of recently archived ones (so a late re-delivery is still recognised),
/// and archived notifications waiting for the history store (an outbox, stream <c>inbox</c>).
/// </summary>
public sealed class InboxState
{
    public string KommuneId { get; set; } = "";
    public List<InboxItem> Items { get; set; } = [];
    public long LastSeq { get; set; }
    public List<string> RecentArchivedKeys { get; set; } = [];
    public List<ArchivedBatch<InboxItem>> PendingArchive { get; set; } = [];
}

/// <summary>
/// A kommune's notification inbox: newest first, filterable to the unacknowledged, each acknowledged
/// by its key. The hot state is bounded: past <see cref="MaxHot"/> items the oldest move to archived
/// pages (read-only history, kept elsewhere); the keys of the last <see cref="MaxRecentKeys"/> archived
/// ones are remembered, so a delivery repeated after a crash never adds a notification twice.
/// </summary>
public sealed class NotificationInbox(InboxState state)
{
    public const int MaxHot = 500;
    public const int MaxRecentKeys = 2000;
    public const int MaxPendingArchived = 2000;
    public const string Stream = "inbox";

    public InboxState State { get; } = state;

    /// <summary>
    /// Takes a batch of notifications; keys it has already seen are skipped, so a batch delivered
    /// twice (or overlapping an earlier one) adds each notification once. Returns the ones added.
    /// </summary>
    public IReadOnlyList<InboxItem> Deliver(string kommuneId, IReadOnlyList<Notification> batch, DateTimeOffset now)
    {
        var owner = KommuneId.Parse(kommuneId).ToString();
        if (State.KommuneId.Length > 0 && State.KommuneId != owner)
            throw DomainException.Conflict($"This is the inbox of {State.KommuneId}, not {owner}.", "kommuneId");
        var stray = batch.FirstOrDefault(n => n.KommuneId != owner);
        if (stray is not null)
            throw new DomainException(ErrorKind.Forbidden, $"Notification {stray.Key} belongs to {stray.KommuneId}, not to the inbox of {owner}.", "kommuneId");

        if (State.PendingArchive.Sum(b => b.Items.Count) >= MaxPendingArchived)
            throw DomainException.Conflict(
                $"The inbox of {owner} has {MaxPendingArchived} archived notifications waiting for the history store: deliver again shortly.");

        var seen = State.Items.Select(i => i.Notification.Key).Concat(State.RecentArchivedKeys).ToHashSet(StringComparer.Ordinal);
        var added = new List<InboxItem>();
        var seq = State.LastSeq;
        foreach (var n in batch)
            if (seen.Add(n.Key))
                added.Add(new InboxItem(++seq, n, now));

        State.KommuneId = owner;
        State.LastSeq = seq;
        State.Items.AddRange(added);
        ArchiveOverflow();
        return added;
    }

    private void ArchiveOverflow()
    {
        var over = State.Items.Count - MaxHot;
        if (over <= 0)
            return;
        var moved = State.Items.GetRange(0, over);
        State.Items.RemoveRange(0, over);
        foreach (var page in moved.GroupBy(i => Archive.PageIndexOf(i.Seq)))
        {
            var items = page.ToList();
            State.PendingArchive.Add(new ArchivedBatch<InboxItem>(Stream, items[0].Seq, items[^1].Seq, items));
        }
        State.RecentArchivedKeys.AddRange(moved.Select(i => i.Notification.Key));
        if (State.RecentArchivedKeys.Count > MaxRecentKeys)
            State.RecentArchivedKeys.RemoveRange(0, State.RecentArchivedKeys.Count - MaxRecentKeys);
    }

    /// <summary>Marks a notification read. Acknowledging it again changes nothing; a key the inbox does not hold is NOT_FOUND.</summary>
    public InboxItem Acknowledge(string key, string by, DateTimeOffset now)
    {
        var caller = StrategyText.Caller(by);
        var i = State.Items.FindIndex(x => x.Notification.Key == key);
        if (i < 0)
            throw State.RecentArchivedKeys.Contains(key)
                ? DomainException.NotFound($"Notification '{key}' is archived: it is no longer in the inbox.", "key")
                : DomainException.NotFound($"The inbox has no notification '{key}'.", "key");
        if (State.Items[i].IsAcknowledged)
            return State.Items[i];
        State.Items[i] = State.Items[i] with { AcknowledgedAt = now, AcknowledgedBy = caller };
        return State.Items[i];
    }

    public int UnacknowledgedCount => State.Items.Count(i => !i.IsAcknowledged);

    /// <summary>
    /// A page, newest first, through the project's <see cref="Paging"/> (the cursor is the item's
    /// arrival number, counted down, so "after" means "older than").
    /// </summary>
    public Page<InboxItem> List(int first, string? after, bool unacknowledgedOnly)
    {
        var newestFirst = State.Items.AsEnumerable().Reverse().Where(i => !unacknowledgedOnly || !i.IsAcknowledged).ToList();
        return Paging.Slice(newestFirst, CursorKey, first, after);
    }

    /// <summary>
    /// The whole inbox, newest first: the hot items, then the archived ones from the history pages once a
    /// page reaches past the oldest hot item. Archived notifications are read-only history, so the
    /// unacknowledged filter covers the hot items only. <paramref name="archived"/> reads the archived items
    /// with arrival numbers from..to (inclusive, at most <paramref name="first"/> of them); those still on
    /// their way to the pages are not listed yet.
    /// </summary>
    public async Task<Page<InboxItem>> ListWithHistoryAsync(int first, string? after, bool unacknowledgedOnly,
        Func<long, long, Task<IReadOnlyList<InboxItem>>> archived)
    {
        var hot = List(first, after, unacknowledgedOnly);
        var stored = StoredThrough;
        if (unacknowledgedOnly || stored == 0)
            return hot;

        var items = hot.Items.ToList();
        // Arrival numbers below this one may follow: the last item listed, else the cursor's, else the oldest hot one's.
        var below = items.Count > 0 ? items[^1].Seq : after is not null ? SeqOf(after) : stored + 1;
        var top = Math.Min(stored, below - 1);
        var wanted = first - items.Count;
        if (wanted > 0 && top >= 1)
        {
            var from = Math.Max(1, top - wanted + 1);
            items.AddRange((await archived(from, top)).Where(i => i.Seq >= from && i.Seq <= top).OrderByDescending(i => i.Seq));
        }
        var lowest = items.Count > 0 ? items[^1].Seq : below;
        return new Page<InboxItem>(items, [.. items.Select(i => Paging.EncodeCursor(CursorKey(i)))], hot.TotalCount + (int)stored,
            hot.HasNextPage || Math.Min(stored, lowest - 1) >= 1, after is not null);
    }

    /// <summary>The arrival numbers 1..this are in the history pages (moved out of the hot items and stored).</summary>
    public long StoredThrough =>
        (State.PendingArchive.Count > 0 ? State.PendingArchive.Min(b => b.FirstSeq)
            : State.Items.Count > 0 ? State.Items[0].Seq
            : State.LastSeq + 1) - 1;

    private static long SeqOf(string cursor) =>
        long.TryParse(Paging.DecodeCursor(cursor), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var key)
            ? long.MaxValue - key
            : throw DomainException.Validation("after", $"'{cursor}' is not a cursor from this list.");

    private static string CursorKey(InboxItem item) => (long.MaxValue - item.Seq).ToString("D19", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The history store has these batches (<see cref="ArchivedBatch{T}.IdOf"/>): drop them from the outbox.</summary>
    public int ConfirmArchived(IEnumerable<string> batchIds)
    {
        var ids = batchIds.ToHashSet();
        return State.PendingArchive.RemoveAll(b => ids.Contains(ArchivedBatch<InboxItem>.IdOf(b)));
    }
}
