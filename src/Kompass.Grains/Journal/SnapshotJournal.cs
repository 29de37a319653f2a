using Kompass.Domain.Journal;

namespace Kompass.Grains.Journal;

/// <summary>
/// A follower's state stored as a snapshot (the whole state, under the grain's own state name, as before
/// journals) and a journal of the records changed since (a small state of its own): a change writes the journal,
/// and only every <see cref="SnapshotEvery"/> changes, or when asked, the whole state, after which the journal is
/// emptied. Without it a follower holding N records wrote O(N) bytes per delivery, and an import of N results
/// O(N²). On activation and after a failed write the grain holds the snapshot with the journal replayed.
/// <para>
/// Crash safety: the journal is written before the snapshot (so it holds every change the snapshot holds since
/// the last one), and emptied after it. A crash between the two leaves a snapshot and the journal it already
/// holds, which replays to that snapshot (<see cref="JournalState{TRecord}.ReplayInto"/>: whole records, last
/// wins); in a reentrant grain a change made while the journal was being written, not yet acknowledged, may read
/// back as it was before, and is delivered again. The journal holds at most <see cref="SnapshotEvery"/> entries
/// after a write (a batch, briefly, more). A change is acknowledged once every write of its turn is done; a
/// failed write marks the activation unsaved (<see cref="PersistentStateExtensions.CommitAsync(Grain, Func{Task}, Func{Task}, Func{Task}?)"/>)
/// and it reads both states back before its next call. Not thread-safe: used on the grain's scheduler only.
/// </para>
/// </summary>
internal sealed class SnapshotJournal<TState, TRecord>
    where TState : class, IJournaledState<TRecord>
    where TRecord : class
{
    /// <summary>
    /// Changes between snapshots. A journal write costs on average half of this many records, a snapshot amortised
    /// N / this: 128 keeps both a few tens of kB per delivery between 650 and 6 500 kommuner (docs/architecture.md).
    /// </summary>
    public const int SnapshotEvery = 128;

    private readonly Grain _grain;
    private readonly IPersistentState<TState> _snapshot;
    private readonly IPersistentState<JournalState<TRecord>> _journal;
    private readonly Action _reloaded;
    private int _unwritten; // entries recorded since the journal was last written
    private bool _snapshotAsked;

    /// <param name="reloaded">Drops what the grain derives from the state, after it was read back.</param>
    public SnapshotJournal(Grain grain, IPersistentState<TState> snapshot, IPersistentState<JournalState<TRecord>> journal, Action reloaded)
    {
        _grain = grain;
        _snapshot = snapshot;
        _journal = journal;
        _reloaded = reloaded;
        // On activation, once both states are read (their stage): the journal replayed over the snapshot.
        grain.GrainContext.ObservableLifecycle.Subscribe(nameof(SnapshotJournal<TState, TRecord>), GrainLifecycleStage.SetupState + 1, _ =>
        {
            Replay();
            return Task.CompletedTask;
        });
    }

    public TState State => _snapshot.State;

    /// <summary>The snapshot read, with the journal replayed over it (a store without a journal has an empty one).</summary>
    private void Replay() => _journal.State.ReplayInto(_snapshot.State);

    /// <summary>
    /// Journals the record under <paramref name="key"/> as the state holds it now; <see cref="WriteAsync"/> stores it.
    /// A removal (offboarding) also writes a snapshot: nothing of a kommune may stay in storage, and the snapshot
    /// before would keep its records, the journal its key, until the next one.
    /// </summary>
    public void Changed(string key)
    {
        var record = _snapshot.State.RecordOf(key);
        _journal.State.Entries.Add(new JournalEntry<TRecord>(key, record));
        _unwritten++;
        _snapshotAsked |= record is null;
    }

    /// <summary>Has the next write store the whole state: for changes the journal does not carry, or a batch.</summary>
    public void AskSnapshot() => _snapshotAsked = true;

    /// <summary>Stores what changed: the journal, and the snapshot when due.</summary>
    public async Task WriteAsync()
    {
        if (_unwritten > 0)
            await WriteJournalAsync();
        if (!_snapshotAsked && _journal.State.Entries.Count < SnapshotEvery)
            return;
        _snapshotAsked = false;
        // The entries the snapshot holds; a reentrant grain may record more while it is written, which stay journaled.
        var held = _journal.State.Entries.Count;
        await _grain.CommitAsync(() => _snapshot.WriteStateAsync(), ReloadAsync);
        _journal.State.Entries.RemoveRange(0, held);
        if (held > 0 || _unwritten > 0)
            await WriteJournalAsync();
    }

    private Task WriteJournalAsync()
    {
        _unwritten = 0;
        return _grain.CommitAsync(() => _journal.WriteStateAsync(), ReloadAsync);
    }

    private async Task ReloadAsync()
    {
        await _snapshot.ReadStateAsync();
        await _journal.ReadStateAsync();
        _unwritten = 0;
        _snapshotAsked = false;
        Replay();
        _reloaded();
    }
}
