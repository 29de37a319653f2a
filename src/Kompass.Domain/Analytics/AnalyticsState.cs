using Kompass.Domain.Evaluations;
using Kompass.Domain.Journal;

namespace Kompass.Domain.Analytics;

/// <summary>
/// What an analytics grain persists: every published or imported result it has been told of, keyed by
/// evaluation id, with the sender's version, and the reference means KS and SKR published. A plain,
/// JSON-serialisable class: the sorted indexes and cached answers of <see cref="ResultAggregate"/> are
/// rebuilt from it on activation and never stored. Journaled per evaluation (<see cref="IJournaledState{TRecord}"/>):
/// the published means and <see cref="Backfilled"/> change rarely and are stored with the whole state only.
/// </summary>
public sealed class AnalyticsState : IJournaledState<HeldResult>
{
    public Dictionary<string, HeldResult> Results { get; set; } = [];

    /// <summary>Keyed by <see cref="PublishedMean.Key"/> (country, version, year): a re-import replaces.</summary>
    public Dictionary<string, PublishedMean> PublishedMeans { get; set; } = [];

    /// <summary>Set once the results held before the analytics existed have been read in (<c>AnalyticsBackfill</c>).</summary>
    public bool Backfilled { get; set; }

    public HeldResult? RecordOf(string key) => Results.GetValueOrDefault(key);

    /// <summary>The raw entry only: <see cref="ResultAggregate"/> builds its indexes from the results on first use, after replay.</summary>
    public void Set(string key, HeldResult? record)
    {
        if (record is null)
            Results.Remove(key);
        else
            Results[key] = record;
    }
}

/// <summary>
/// One evaluation as the aggregate last heard of it: its result at the sender's <see cref="Version"/>, or,
/// once removed, no result (kept so that an older message delivered late cannot bring it back).
/// The kommune is the owner of the evaluation id it is kept under.
/// </summary>
public sealed record HeldResult(int Version, PublishedResult? Result);

/// <summary>A stored result and the version its evaluation was at, the input of <see cref="ResultAggregate.Rebuild"/>.</summary>
public sealed record VersionedResult(PublishedResult Result, int Version);
