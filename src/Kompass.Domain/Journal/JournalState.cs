namespace Kompass.Domain.Journal;

/// <summary>
/// A state of keyed records that a grain stores as a snapshot (the whole state) and a journal of the records
/// changed since (Kompass.Grains' <c>SnapshotJournal</c>), so that one change writes one record, not the state.
/// <see cref="Set"/> is what a journal entry does: it must leave the state as the change that wrote the entry
/// left it (derived sums included), and setting a record to what it already is must change nothing, so that a
/// journal replayed over a snapshot written after it (a crash between the two writes) gives that snapshot.
/// </summary>
public interface IJournaledState<TRecord> where TRecord : class
{
    /// <summary>The record held under <paramref name="key"/>; null when there is none.</summary>
    TRecord? RecordOf(string key);

    /// <summary>Makes <paramref name="record"/> the record under <paramref name="key"/>; null removes it.</summary>
    void Set(string key, TRecord? record);
}

/// <summary>One change: the whole record under its key after the change, or null once it is gone.</summary>
public sealed record JournalEntry<TRecord>(string Key, TRecord? Record) where TRecord : class;

/// <summary>The changes made since the last snapshot, oldest first.</summary>
public sealed class JournalState<TRecord> where TRecord : class
{
    public List<JournalEntry<TRecord>> Entries { get; set; } = [];

    /// <summary>Applies every entry in order, the last of a key winning: whole records, so applying twice changes nothing.</summary>
    public void ReplayInto(IJournaledState<TRecord> state)
    {
        foreach (var entry in Entries)
            state.Set(entry.Key, entry.Record);
    }
}
