namespace Kompass.Domain.Strategies;

/// <summary>
/// Entries moved out of a hot state, waiting in that state (an outbox) until the history store has
/// them. <see cref="Stream"/> names whose entries they are (<c>log/a12</c>, <c>inbox</c>); entries
/// carry consecutive sequence numbers <see cref="FirstSeq"/>..<see cref="LastSeq"/>.
/// </summary>
public sealed record ArchivedBatch<T>(string Stream, long FirstSeq, long LastSeq, List<T> Items)
{
    /// <summary>A deterministic id the store confirms by: the same batch stored twice is the same batch.</summary>
    public static string IdOf(ArchivedBatch<T> batch) => $"{batch.Stream}/{batch.FirstSeq}-{batch.LastSeq}";
}

/// <summary>
/// One page of archived history, as a history grain persists it (key <see cref="Archive.PageKey"/>).
/// A page holds the entries with sequence numbers in one fixed range of <see cref="Archive.PageSize"/>,
/// so a stream's history is never one growing state: page n holds seqs n*100+1 .. (n+1)*100.
/// </summary>
public sealed class ArchivePageState<T>
{
    public string Stream { get; set; } = "";
    public int PageIndex { get; set; }
    public List<T> Items { get; set; } = [];
}

/// <summary>How archived history is cut into fixed pages and appended without duplicates.</summary>
public static class Archive
{
    public const int PageSize = 100;

    public static int PageIndexOf(long seq) => (int)((seq - 1) / PageSize);

    /// <summary>The key of a page under its owner, e.g. <c>NO-5034/strategy/2023-1/log/a12/0</c> or <c>NO-5034/inbox/3</c>.</summary>
    public static string PageKey(string ownerKey, string stream, int pageIndex) => $"{ownerKey}/{stream}/{pageIndex}";

    /// <summary>A batch cut at page boundaries: each part goes to the page its sequence numbers belong to.</summary>
    public static IEnumerable<(int PageIndex, IReadOnlyList<T> Items)> ByPage<T>(ArchivedBatch<T> batch, Func<T, long> seqOf) =>
        batch.Items.GroupBy(i => PageIndexOf(seqOf(i))).Select(g => (g.Key, (IReadOnlyList<T>)g.ToList()));

    /// <summary>
    /// Adds entries to their page, skipping the ones it already has (a batch stored twice, after a
    /// crash before the confirmation, changes nothing). Returns how many were new.
    /// </summary>
    public static int Append<T>(ArchivePageState<T> page, string stream, int pageIndex, IEnumerable<T> items, Func<T, long> seqOf)
    {
        var list = items.ToList();
        if (page.Items.Count > 0 && (page.Stream != stream || page.PageIndex != pageIndex))
            throw new InvalidOperationException($"Page {page.Stream}/{page.PageIndex} cannot take entries of {stream}/{pageIndex}.");
        if (list.FirstOrDefault(i => PageIndexOf(seqOf(i)) != pageIndex) is { } stray)
            throw new InvalidOperationException($"Entry {seqOf(stray)} does not belong on page {pageIndex}.");
        var known = page.Items.Select(seqOf).ToHashSet();
        var added = list.Where(i => known.Add(seqOf(i))).ToList();
        page.Stream = stream;
        page.PageIndex = pageIndex;
        page.Items.AddRange(added);
        page.Items.Sort((a, b) => seqOf(a).CompareTo(seqOf(b)));
        return added.Count;
    }
}
