using Kompass.Domain.Journal;

namespace Kompass.Domain.Kommuner;

/// <summary>
/// One line of a country's list of registered kommuner, at the kommune's <see cref="Version"/>: enough to answer a
/// page of kommuner without asking any kommune (county and population as the kommune holds them, its latest result).
/// </summary>
public sealed record DirectoryEntry(string Id, string Name, int Version = 0, string? CountyName = null, int? Population = null,
    int? PopulationYear = null, LatestResult? Latest = null);

/// <summary>A kommune's latest published or imported result (by date): what a list of kommuner shows of it.</summary>
public sealed record LatestResult(string EvaluationId, string FrameworkVersion, DateOnly EvaluatedOn, int? Total);

public static class KommuneDirectory
{
    /// <summary>Lists or updates a kommune; false, changing nothing, for an entry not newer than the one held.</summary>
    public static bool Add(KommuneDirectoryState state, DirectoryEntry entry)
    {
        if (state.Entries.TryGetValue(entry.Id, out var known) && known.Version >= entry.Version)
            return false;
        state.Entries[entry.Id] = entry;
        return true;
    }

    /// <summary>Unlists an offboarded kommune; false when it was not listed.</summary>
    public static bool Remove(KommuneDirectoryState state, string kommuneId) => state.Entries.Remove(kommuneId);
}

/// <summary>
/// The registered kommuner of one country, ordered by official number, kept up to date as each
/// kommune registers so that listing them never asks hundreds of kommune grains.
/// </summary>
public sealed class KommuneDirectoryState : IJournaledState<DirectoryEntry>
{
    public SortedDictionary<string, DirectoryEntry> Entries { get; set; } = new(StringComparer.Ordinal);

    public DirectoryEntry? RecordOf(string key) => Entries.GetValueOrDefault(key);

    public void Set(string key, DirectoryEntry? record)
    {
        if (record is null)
            Entries.Remove(key);
        else
            Entries[key] = record;
    }
}

/// <summary>A page of a list, cursor-based (Relay connection semantics).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, IReadOnlyList<string> Cursors, int TotalCount, bool HasNextPage, bool HasPreviousPage);

public static class Paging
{
    public const int MaxPageSize = 500;

    /// <summary>Items after the cursor <paramref name="after"/> (an opaque key), at most <paramref name="first"/>.</summary>
    public static Page<T> Slice<T>(IReadOnlyList<T> ordered, Func<T, string> key, int first, string? after)
    {
        CheckFirst(first);
        var start = 0;
        if (after is not null)
        {
            var decoded = DecodeCursor(after);
            var index = -1;
            for (var i = 0; i < ordered.Count; i++)
                if (string.CompareOrdinal(key(ordered[i]), decoded) > 0) { index = i; break; }
            start = index < 0 ? ordered.Count : index;
        }
        return PageFrom(ordered, key, first, start);
    }

    /// <summary>
    /// As <see cref="Slice{T}"/>, for items already ordered by their key (ordinal, ascending): the cursor is found by
    /// binary search and only the page is copied, so a page costs the same however long the list.
    /// </summary>
    public static Page<T> SliceOrdered<T>(IReadOnlyList<T> ordered, Func<T, string> key, int first, string? after)
    {
        CheckFirst(first);
        var start = 0;
        if (after is not null)
        {
            var decoded = DecodeCursor(after);
            int low = 0, high = ordered.Count;
            while (low < high) // the first item whose key is greater than the cursor's
            {
                var middle = (low + high) / 2;
                if (string.CompareOrdinal(key(ordered[middle]), decoded) > 0)
                    high = middle;
                else
                    low = middle + 1;
            }
            start = low;
        }
        return PageFrom(ordered, key, first, start);
    }

    private static void CheckFirst(int first)
    {
        if (first < 0 || first > MaxPageSize)
            throw DomainException.Validation("first", $"first must be between 0 and {MaxPageSize}.");
    }

    private static Page<T> PageFrom<T>(IReadOnlyList<T> ordered, Func<T, string> key, int first, int start)
    {
        var count = Math.Min(first, ordered.Count - start);
        var items = new List<T>(count);
        for (var i = start; i < start + count; i++)
            items.Add(ordered[i]);
        return new Page<T>(items, items.Select(i => EncodeCursor(key(i))).ToList(), ordered.Count, start + count < ordered.Count, start > 0);
    }

    public static string EncodeCursor(string key) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(key));

    public static string DecodeCursor(string cursor)
    {
        try
        {
            return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
        }
        catch (FormatException)
        {
            throw DomainException.Validation("after", $"'{cursor}' is not a cursor from this list.");
        }
    }
}
