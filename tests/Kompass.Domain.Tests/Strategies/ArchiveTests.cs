using Kompass.Domain.Strategies;

namespace Kompass.Domain.Tests.Strategies;

public sealed class ArchiveTests
{
    private static ActionLogEntry E(int seq) => new(seq, DateTimeOffset.UnixEpoch, "ola", $"e{seq}");

    [Theory]
    [InlineData(1, 0)]
    [InlineData(100, 0)]
    [InlineData(101, 1)]
    [InlineData(250, 2)]
    public void Pages_hold_fixed_ranges(long seq, int page) => Assert.Equal(page, Archive.PageIndexOf(seq));

    [Fact]
    public void A_batch_is_cut_at_page_boundaries()
    {
        var batch = new ArchivedBatch<ActionLogEntry>("log/a3", 98, 103, [.. Enumerable.Range(98, 6).Select(E)]);

        var pages = Archive.ByPage(batch, e => e.Seq).ToList();

        Assert.Equal([0, 1], pages.Select(p => p.PageIndex));
        Assert.Equal([98, 99, 100], pages[0].Items.Select(e => e.Seq));
    }

    [Fact]
    public void Appending_the_same_entries_twice_adds_them_once()
    {
        var page = new ArchivePageState<ActionLogEntry>();

        Assert.Equal(3, Archive.Append(page, "log/a3", 0, [E(3), E(1), E(2)], e => e.Seq));
        Assert.Equal(1, Archive.Append(page, "log/a3", 0, [E(2), E(3), E(4)], e => e.Seq));

        Assert.Equal([1, 2, 3, 4], page.Items.Select(e => e.Seq));
        Assert.Equal(("log/a3", 0), (page.Stream, page.PageIndex));
        Assert.Equal("NO-5034/strategy/2023-1/log/a3/0", Archive.PageKey("NO-5034/strategy/2023-1", page.Stream, page.PageIndex));
    }

    [Fact]
    public void A_page_refuses_entries_of_another_page_or_stream()
    {
        var page = new ArchivePageState<ActionLogEntry>();
        Archive.Append(page, "log/a3", 0, [E(1)], e => e.Seq);

        Assert.Throws<InvalidOperationException>(() => Archive.Append(page, "log/a3", 0, [E(101)], e => e.Seq));
        Assert.Throws<InvalidOperationException>(() => Archive.Append(page, "log/a4", 0, [E(2)], e => e.Seq));
        Assert.Single(page.Items);
    }
}
