using Paging = Kompass.Domain.Kommuner.Paging;
using Kompass.Domain.Strategies;
using static Kompass.Domain.Tests.Strategies.StrategyFixtures;

namespace Kompass.Domain.Tests.Strategies;

public sealed class InboxTests
{
    private static Notification N(string key, string kommune = KommuneId) =>
        new(key, NotificationKind.ActionDueSoon, kommune, Id, new DateOnly(2024, 1, 1), "a3", "Tiltak", new DateOnly(2024, 1, 10));

    private static NotificationInbox Inbox(int count)
    {
        var inbox = new NotificationInbox(new InboxState());
        inbox.Deliver(KommuneId, [.. Enumerable.Range(1, count).Select(n => N($"k{n}"))], Now);
        return inbox;
    }

    [Fact]
    public void Delivery_adds_each_key_once()
    {
        var inbox = new NotificationInbox(new InboxState());

        var first = inbox.Deliver(KommuneId, [N("a"), N("b"), N("a")], Now);
        var again = inbox.Deliver(KommuneId, [N("b"), N("c")], Now);

        Assert.Equal(["a", "b"], first.Select(i => i.Notification.Key));
        Assert.Equal(["c"], again.Select(i => i.Notification.Key));
        Assert.Equal([1L, 2L, 3L], inbox.State.Items.Select(i => i.Seq));
    }

    [Fact]
    public void Listing_is_newest_first_and_pages_with_cursors()
    {
        var inbox = Inbox(5);

        var page1 = inbox.List(2, null, false);
        var page2 = inbox.List(2, page1.Cursors[^1], false);
        var page3 = inbox.List(2, page2.Cursors[^1], false);

        Assert.Equal(["k5", "k4"], page1.Items.Select(i => i.Notification.Key));
        Assert.Equal(["k3", "k2"], page2.Items.Select(i => i.Notification.Key));
        Assert.Equal(["k1"], page3.Items.Select(i => i.Notification.Key));
        Assert.True(page1.HasNextPage);
        Assert.False(page3.HasNextPage);
        Assert.Equal(5, page1.TotalCount);
    }

    [Fact]
    public void Acknowledged_notifications_drop_out_of_the_unacknowledged_filter()
    {
        var inbox = Inbox(4);
        var ack = inbox.Acknowledge("k3", "ola", Oslo(2024, 1, 2));

        var unread = inbox.List(10, null, true);

        Assert.Equal(("ola", Oslo(2024, 1, 2)), (ack.AcknowledgedBy, ack.AcknowledgedAt!.Value));
        Assert.Equal(["k4", "k2", "k1"], unread.Items.Select(i => i.Notification.Key));
        Assert.Equal(3, inbox.UnacknowledgedCount);
        Assert.Equal(4, inbox.List(10, null, false).TotalCount);
    }

    [Fact]
    public void Acknowledging_twice_keeps_the_first_acknowledgement()
    {
        var inbox = Inbox(1);
        inbox.Acknowledge("k1", "ola", Oslo(2024, 1, 2));

        var again = inbox.Acknowledge("k1", "kari", Oslo(2024, 1, 3));

        Assert.Equal("ola", again.AcknowledgedBy);
    }

    [Fact]
    public void An_unknown_key_is_not_found()
    {
        var inbox = Inbox(1);
        var e = Assert.Throws<DomainException>(() => inbox.Acknowledge("nope", "ola", Now));
        Assert.Equal((ErrorKind.NotFound, "key"), (e.Code, e.Field));
        Assert.Equal(ErrorKind.Unauthenticated, Assert.Throws<DomainException>(() => inbox.Acknowledge("k1", " ", Now)).Code);
    }

    [Fact]
    public void A_bad_cursor_or_page_size_is_rejected_by_paging()
    {
        var inbox = Inbox(3);
        Assert.Equal("after", Assert.Throws<DomainException>(() => inbox.List(2, "%%%", false)).Field);
        Assert.Equal("first", Assert.Throws<DomainException>(() => inbox.List(Paging.MaxPageSize + 1, null, false)).Field);
    }

    [Fact]
    public void Another_kommunes_notification_is_refused_whole()
    {
        var inbox = Inbox(1);
        var e = Assert.Throws<DomainException>(() => inbox.Deliver(KommuneId, [N("x"), N("y", "NO-5027")], Now));

        Assert.Equal(ErrorKind.Forbidden, e.Code);
        Assert.Single(inbox.State.Items);
        Assert.Equal(ErrorKind.Conflict, Assert.Throws<DomainException>(() => inbox.Deliver("NO-5027", [N("z", "NO-5027")], Now)).Code);
    }

    [Fact]
    public void The_hot_state_is_bounded_and_older_notifications_go_to_archived_pages()
    {
        var inbox = Inbox(NotificationInbox.MaxHot + 150);

        Assert.Equal(NotificationInbox.MaxHot, inbox.State.Items.Count);
        Assert.Equal(151L, inbox.State.Items[0].Seq);
        Assert.Equal(["inbox/1-100", "inbox/101-150"], inbox.State.PendingArchive.Select(ArchivedBatch<InboxItem>.IdOf));
        Assert.Equal(150, inbox.State.RecentArchivedKeys.Count);
    }

    [Fact]
    public void An_archived_key_delivered_again_is_still_recognised()
    {
        var inbox = Inbox(NotificationInbox.MaxHot + 10);

        var added = inbox.Deliver(KommuneId, [N("k1"), N("new")], Now);

        Assert.Equal(["new"], added.Select(i => i.Notification.Key));
        var e = Assert.Throws<DomainException>(() => inbox.Acknowledge("k1", "ola", Now));
        Assert.Contains("archived", e.Message);
    }

    [Fact]
    public void Remembered_archived_keys_are_bounded()
    {
        var inbox = Inbox(NotificationInbox.MaxHot);
        for (var round = 0; round < 5; round++)
        {
            inbox.Deliver(KommuneId, [.. Enumerable.Range(0, 600).Select(n => N($"r{round}-{n}"))], Now);
            inbox.ConfirmArchived(inbox.State.PendingArchive.Select(ArchivedBatch<InboxItem>.IdOf).ToList());
        }

        Assert.Equal(NotificationInbox.MaxRecentKeys, inbox.State.RecentArchivedKeys.Count);
        Assert.Empty(inbox.State.PendingArchive);
    }

    [Fact]
    public void Delivery_waits_while_the_history_store_is_behind()
    {
        var inbox = new NotificationInbox(new InboxState());
        for (var n = 0; n < 5; n++)
            inbox.Deliver(KommuneId, [.. Enumerable.Range(0, 500).Select(i => N($"b{n}-{i}"))], Now);

        var e = Assert.Throws<DomainException>(() => inbox.Deliver(KommuneId, [N("late")], Now));
        Assert.Equal(ErrorKind.Conflict, e.Code);
        Assert.Equal(NotificationInbox.MaxPendingArchived, inbox.State.PendingArchive.Sum(b => b.Items.Count));
    }

    private static Task<IReadOnlyList<InboxItem>> FromPages(NotificationInbox inbox, List<InboxItem> archive, long from, long to)
    {
        Assert.InRange(to - from + 1, 1, 100); // never more than a page's worth is asked for
        return Task.FromResult<IReadOnlyList<InboxItem>>([.. archive.Where(i => i.Seq >= from && i.Seq <= to)]);
    }

    [Fact]
    public async Task Paging_past_the_hot_items_continues_into_the_archived_ones_and_the_filter_stays_on_the_hot_ones()
    {
        var inbox = Inbox(NotificationInbox.MaxHot + 150);
        var archive = inbox.State.PendingArchive.SelectMany(b => b.Items).ToList();
        inbox.ConfirmArchived([.. inbox.State.PendingArchive.Select(ArchivedBatch<InboxItem>.IdOf)]);

        var seen = new List<long>();
        string? after = null;
        Kompass.Domain.Kommuner.Page<InboxItem> page;
        do
        {
            page = await inbox.ListWithHistoryAsync(70, after, false, (f, t) => FromPages(inbox, archive, f, t));
            seen.AddRange(page.Items.Select(i => i.Seq));
            after = page.Cursors.Count > 0 ? page.Cursors[^1] : after;
        } while (page.HasNextPage);

        Assert.Equal(Enumerable.Range(1, NotificationInbox.MaxHot + 150).Reverse().Select(n => (long)n), seen);
        Assert.Equal(NotificationInbox.MaxHot + 150, page.TotalCount);
        // Archived ones are history: the unacknowledged filter lists the hot ones only.
        Assert.Equal(NotificationInbox.MaxHot, (await inbox.ListWithHistoryAsync(500, null, true, (f, t) => FromPages(inbox, archive, f, t))).TotalCount);
    }

    [Fact]
    public async Task Archived_notifications_still_on_their_way_to_the_pages_are_not_listed_yet()
    {
        var inbox = Inbox(NotificationInbox.MaxHot + 150);
        var archive = inbox.State.PendingArchive.SelectMany(b => b.Items).ToList();
        inbox.ConfirmArchived(["inbox/1-100"]); // 101-150 are not stored yet

        var hotEnd = inbox.List(NotificationInbox.MaxHot, null, false).Cursors[^1];
        var page = await inbox.ListWithHistoryAsync(20, hotEnd, false, (f, t) => FromPages(inbox, archive, f, t));

        Assert.Equal(100L, inbox.StoredThrough);
        Assert.Equal(Enumerable.Range(81, 20).Reverse().Select(n => (long)n), page.Items.Select(i => i.Seq));
        Assert.True(page.HasNextPage);
    }

    [Fact]
    public async Task An_inbox_without_archived_notifications_pages_as_before()
    {
        var inbox = Inbox(3);
        var page = await inbox.ListWithHistoryAsync(10, null, false, (_, _) => throw new InvalidOperationException("no pages to read"));
        Assert.Equal(["k3", "k2", "k1"], page.Items.Select(i => i.Notification.Key));
        Assert.False(page.HasNextPage);
        Assert.Equal(0L, inbox.StoredThrough);
    }
}
