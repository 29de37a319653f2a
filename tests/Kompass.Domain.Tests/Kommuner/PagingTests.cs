using System.Text;
using Kompass.Domain.Kommuner;

namespace Kompass.Domain.Tests.Kommuner;

public sealed class PagingTests
{
    private static readonly IReadOnlyList<DirectoryEntry> Entries =
    [
        new("NO-0301", "Oslo"),
        new("NO-1804", "Bodø"),
        new("NO-5001", "Trondheim"),
        new("NO-5027", "Midtre Gauldal"),
        new("NO-5034", "Meråker"),
    ];

    private static Page<DirectoryEntry> Slice(int first, string? after = null) => Paging.Slice(Entries, e => e.Id, first, after);

    private static string Base64(string key) => Convert.ToBase64String(Encoding.UTF8.GetBytes(key));

    [Fact]
    public void First_page_takes_the_first_items()
    {
        var page = Slice(2);

        Assert.Equal(["NO-0301", "NO-1804"], page.Items.Select(e => e.Id));
        Assert.Equal(5, page.TotalCount);
        Assert.True(page.HasNextPage);
        Assert.False(page.HasPreviousPage);
    }

    [Fact]
    public void Cursors_are_the_base64_of_each_items_key()
    {
        var page = Slice(2);

        Assert.Equal([Base64("NO-0301"), Base64("NO-1804")], page.Cursors);
        Assert.Equal("Tk8tMDMwMQ==", page.Cursors[0]);
        Assert.Equal("NO-1804", Paging.DecodeCursor(page.Cursors[1]));
        Assert.Equal(page.Cursors[1], Paging.EncodeCursor("NO-1804"));
    }

    [Fact]
    public void After_a_cursor_continues_with_the_next_item()
    {
        var page = Slice(2, Slice(2).Cursors[^1]);

        Assert.Equal(["NO-5001", "NO-5027"], page.Items.Select(e => e.Id));
        Assert.True(page.HasNextPage);
        Assert.True(page.HasPreviousPage);
        Assert.Equal(5, page.TotalCount);
    }

    [Fact]
    public void The_last_page_has_no_next_page()
    {
        var page = Slice(2, Base64("NO-5027"));

        Assert.Equal(["NO-5034"], page.Items.Select(e => e.Id));
        Assert.False(page.HasNextPage);
        Assert.True(page.HasPreviousPage);
    }

    [Fact]
    public void A_page_that_ends_exactly_at_the_last_item_has_no_next_page()
    {
        var page = Slice(3, Base64("NO-1804"));

        Assert.Equal(["NO-5001", "NO-5027", "NO-5034"], page.Items.Select(e => e.Id));
        Assert.False(page.HasNextPage);
    }

    [Fact]
    public void Walking_the_pages_visits_every_item_once()
    {
        var seen = new List<string>();
        string? after = null;
        var pages = 0;
        while (true)
        {
            var page = Slice(2, after);
            pages++;
            seen.AddRange(page.Items.Select(e => e.Id));
            if (!page.HasNextPage)
                break;
            after = page.Cursors[^1];
        }

        Assert.Equal(Entries.Select(e => e.Id), seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public void First_larger_than_the_list_returns_all()
    {
        var page = Slice(500);

        Assert.Equal(5, page.Items.Count);
        Assert.False(page.HasNextPage);
        Assert.False(page.HasPreviousPage);
    }

    [Fact]
    public void First_zero_returns_no_items_but_the_count_and_whether_more_exist()
    {
        var page = Slice(0);

        Assert.Empty(page.Items);
        Assert.Empty(page.Cursors);
        Assert.Equal(5, page.TotalCount);
        Assert.True(page.HasNextPage);
        Assert.False(page.HasPreviousPage);
    }

    [Fact]
    public void After_the_last_item_is_an_empty_page()
    {
        var page = Slice(2, Base64("NO-5034"));

        Assert.Empty(page.Items);
        Assert.False(page.HasNextPage);
        Assert.True(page.HasPreviousPage);
        Assert.Equal(5, page.TotalCount);
    }

    [Fact]
    public void A_cursor_whose_item_is_gone_continues_after_where_it_was()
    {
        // NO-5020 is not (or no longer) in the list: the page starts at the next key
        var page = Slice(2, Base64("NO-5020"));

        Assert.Equal(["NO-5027", "NO-5034"], page.Items.Select(e => e.Id));
        Assert.True(page.HasPreviousPage);
    }

    [Fact]
    public void An_empty_list_is_an_empty_page()
    {
        var page = Paging.Slice(Array.Empty<DirectoryEntry>(), e => e.Id, 10, null);

        Assert.Empty(page.Items);
        Assert.Equal(0, page.TotalCount);
        Assert.False(page.HasNextPage);
        Assert.False(page.HasPreviousPage);
    }

    [Theory]
    [InlineData(501)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void First_outside_0_to_500_is_a_validation_error(int first)
    {
        var ex = Assert.Throws<DomainException>(() => Slice(first));

        Assert.Equal(ErrorKind.Validation, ex.Code);
        Assert.Equal("first", ex.Field);
    }

    [Theory]
    [InlineData("not a cursor!")]
    [InlineData("%%%")]
    [InlineData("abc")]
    [InlineData("Tk8tMDMwMQ")] // base64 with its padding cut off
    public void A_garbage_cursor_is_a_validation_error_on_after(string after)
    {
        var ex = Assert.Throws<DomainException>(() => Slice(2, after));

        Assert.Equal(ErrorKind.Validation, ex.Code);
        Assert.Equal("after", ex.Field);
    }

    [Fact]
    public void Paging_follows_the_key_not_the_position()
    {
        // A cursor taken before a new kommune registered still continues after the same key.
        var cursor = Slice(2).Cursors[^1]; // NO-1804
        var grown = Entries.Append(new DirectoryEntry("NO-1000", "Ny")).OrderBy(e => e.Id, StringComparer.Ordinal).ToList();

        var page = Paging.Slice(grown, e => e.Id, 2, cursor);

        Assert.Equal(["NO-5001", "NO-5027"], page.Items.Select(e => e.Id));
        Assert.Equal(6, page.TotalCount);
    }

    [Fact]
    public void The_ordered_slice_answers_as_the_slice_for_every_page_and_cursor()
    {
        var cursors = new List<string?> { null, Base64(""), Base64("NO-0000"), Base64("NO-5027"), Base64("NO-9999"), Base64("SE-0000") };
        cursors.AddRange(Entries.Select(e => Paging.EncodeCursor(e.Id)));
        foreach (var after in cursors)
            foreach (var first in new[] { 0, 1, 2, Entries.Count, Paging.MaxPageSize })
            {
                var slow = Paging.Slice(Entries, e => e.Id, first, after);
                var fast = Paging.SliceOrdered(Entries, e => e.Id, first, after);
                Assert.Equal(slow.Items, fast.Items);
                Assert.Equal(slow.Cursors, fast.Cursors);
                Assert.Equal((slow.TotalCount, slow.HasNextPage, slow.HasPreviousPage), (fast.TotalCount, fast.HasNextPage, fast.HasPreviousPage));
            }
        Assert.Equal("first", Assert.Throws<DomainException>(() => Paging.SliceOrdered(Entries, e => e.Id, -1, null)).Field);
        Assert.Equal("after", Assert.Throws<DomainException>(() => Paging.SliceOrdered(Entries, e => e.Id, 1, "%%%")).Field);
    }
}
