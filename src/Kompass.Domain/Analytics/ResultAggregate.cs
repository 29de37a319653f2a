using Kompass.Domain.Evaluations;
using Kompass.Domain.Frameworks;
using Kompass.Domain.Kommuner;

namespace Kompass.Domain.Analytics;

/// <summary>
/// The analytics of published and imported results, kept by events and read without asking any other grain:
/// per framework version and country, and for both countries together (docs/analytics.md).
/// <para>
/// Writes are idempotent and ordered by the sender's version: a message no newer than what is held for its
/// evaluation changes nothing. Reads work on indexes built from the state on first use (each kommune's
/// results sorted by date) and kept up to date by every write; the all-time answers, and those of the last
/// periods asked, are cached per version and country until a write touches them. Not thread-safe: a grain runs one turn at a time.
/// </para>
/// </summary>
public sealed class ResultAggregate
{
    /// <summary>Results (removed ones included) kept per kommune.</summary>
    public const int MaxEntriesPerKommune = 100;

    /// <summary>Results (removed ones included) kept in all: five times 6 500 kommuner with 3 results each.</summary>
    public const int MaxEntries = 100_000;

    public const int MaxPublishedMeans = 200;

    private readonly FrameworkCatalogue _catalogue;

    // (version, country) -> kommune id -> its results of that version, oldest first.
    private Dictionary<(string Version, Country Country), Dictionary<string, List<PublishedResult>>>? _groups;
    private Dictionary<string, int>? _entriesPerKommune;
    private readonly Dictionary<(string Version, Country? Country, Period Period), ResultView> _views = [];

    /// <summary>Views kept besides the all-time ones: analysts ask for the same few periods again and again.</summary>
    private const int MaxPeriodViews = 32;

    public ResultAggregate(AnalyticsState state, FrameworkCatalogue catalogue)
    {
        State = state;
        _catalogue = catalogue;
    }

    public AnalyticsState State { get; }

    /// <summary>The aggregate as the stored results make it: the same answers as their events delivered one by one, in any order.</summary>
    public static ResultAggregate Rebuild(IEnumerable<VersionedResult> stored, FrameworkCatalogue catalogue)
    {
        var aggregate = new ResultAggregate(new AnalyticsState(), catalogue);
        foreach (var (result, version) in stored)
            aggregate.Apply(result, version);
        return aggregate;
    }

    /// <summary>
    /// Takes a published, amended or imported result at the sender's version. Returns false (and changes
    /// nothing) when the aggregate already holds this evaluation at that version or a newer one, removed or not.
    /// A result must keep the rules a published one keeps, so that no message can break a read.
    /// </summary>
    public bool Apply(PublishedResult result, int version)
    {
        ArgumentNullException.ThrowIfNull(result);
        var kommune = KommuneId.Parse(result.KommuneId);
        if (KommuneId.OwnerOf(result.EvaluationId, "evaluationId") != kommune)
            throw DomainException.Validation("evaluationId", $"Evaluation {result.EvaluationId} does not belong to {kommune}.");
        var framework = _catalogue.Get(result.FrameworkVersion);
        if (result.HoldsNoScore())
            return Remove(result.EvaluationId, version); // an evaluation whose scores are not held is no result (Evaluation.Import)
        Evaluation.CheckPublishedScores(framework, result.AreaScores, result.Total);
        if (!IsNewer(result.EvaluationId, version, kommune))
            return false;

        var copy = result with { AreaScores = new Dictionary<string, int>(result.AreaScores) };
        Replace(result.EvaluationId, kommune, new HeldResult(version, copy));
        return true;
    }

    /// <summary>
    /// Takes a removal at the sender's version: the result leaves every answer, and a message older than
    /// the removal is ignored. Returns false when a newer or equal message is already held.
    /// </summary>
    public bool Remove(string evaluationId, int version)
    {
        var kommune = KommuneId.OwnerOf(evaluationId, "evaluationId");
        if (!IsNewer(evaluationId, version, kommune))
            return false;
        Replace(evaluationId, kommune, new HeldResult(version, null));
        return true;
    }

    /// <summary>
    /// Forgets an evaluation entirely, its tombstone too: offboarding leaves nothing of a kommune, not even its
    /// evaluation ids (the benchmark forgets alike). Unlike <see cref="Remove"/> nothing then stops a delivery
    /// still in flight from bringing the result back; the evaluation stops delivering before it is forgotten.
    /// Returns false when nothing was held.
    /// </summary>
    public bool Forget(string evaluationId)
    {
        var kommune = KommuneId.OwnerOf(evaluationId, "evaluationId").ToString();
        if (!State.Results.TryGetValue(evaluationId, out var held))
            return false;
        EnsureIndex();
        if (held.Result is { } result)
            Unindex(result);
        State.Results.Remove(evaluationId);
        if (--_entriesPerKommune![kommune] == 0)
            _entriesPerKommune.Remove(kommune);
        return true;
    }

    private bool IsNewer(string evaluationId, int version, KommuneId kommune)
    {
        if (State.Results.TryGetValue(evaluationId, out var held))
            return version > held.Version;
        EnsureIndex();
        if (_entriesPerKommune!.GetValueOrDefault(kommune.ToString()) >= MaxEntriesPerKommune)
            throw DomainException.Validation("evaluationId",
                $"{kommune} already has {MaxEntriesPerKommune} results in the analytics; no more are kept.");
        if (State.Results.Count >= MaxEntries)
            throw DomainException.Validation("evaluationId", $"The analytics already hold {MaxEntries} results; no more are kept.");
        return true;
    }

    private void Replace(string evaluationId, KommuneId kommune, HeldResult next)
    {
        EnsureIndex();
        if (State.Results.TryGetValue(evaluationId, out var old))
        {
            if (old.Result is { } previous)
                Unindex(previous);
        }
        else
        {
            var key = kommune.ToString();
            _entriesPerKommune![key] = _entriesPerKommune.GetValueOrDefault(key) + 1;
        }
        State.Results[evaluationId] = next;
        if (next.Result is { } result)
            Index(result);
    }

    /// <summary>Records a reference mean KS or SKR published, after checking it; one per country, version and year (a new one replaces).</summary>
    public void RecordPublishedMean(PublishedMean mean)
    {
        PublishedMeans.Validate(mean, _catalogue);
        if (!State.PublishedMeans.ContainsKey(mean.Key) && State.PublishedMeans.Count >= MaxPublishedMeans)
            throw DomainException.Validation("year", $"At most {MaxPublishedMeans} published means are kept.");
        State.PublishedMeans[mean.Key] = mean with { AreaMeans = new Dictionary<string, decimal>(mean.AreaMeans) };
    }

    // ---- reads -------------------------------------------------------------------------------------------

    /// <summary>Count, mean, median, quartiles, min, max and standard deviation per area and for the total, and the histogram of totals.</summary>
    public BenchmarkStatistics Benchmark(string frameworkVersion, Country? country, Period period) =>
        View(frameworkVersion, country, period).Statistics();

    /// <summary>Every kommune's latest result in the period, ranked by the measure.</summary>
    public Ranking Ranking(string frameworkVersion, Country? country, Period period, Measure measure) =>
        View(frameworkVersion, country, period).Ranking(Checked(frameworkVersion, measure));

    /// <summary>
    /// The rank and percentile of one evaluation among the latest results (all time) of its version and
    /// country, the evaluation standing in for its kommune; null when the evaluation is not held or lacks the measure.
    /// </summary>
    public RankAnswer? RankOf(string evaluationId, Measure measure)
    {
        if (!State.Results.TryGetValue(evaluationId, out var held) || held.Result is not { } result)
            return null;
        measure = Checked(result.FrameworkVersion, measure);
        if (measure.ValueOf(result) is not { } value)
            return null;
        var country = KommuneId.Parse(result.KommuneId).Country;
        return View(result.FrameworkVersion, country, Period.AllTime).RankOf(result, measure, value);
    }

    /// <summary>The largest latest steps of the kommuner (gain from the previous result to the latest, within the period), largest first.</summary>
    public IReadOnlyList<Improvement> Improvers(string frameworkVersion, Country? country, Period period, Measure measure, int first)
    {
        if (first < 1 || first > Paging.MaxPageSize)
            throw DomainException.Validation("first", $"first must be between 1 and {Paging.MaxPageSize}.");
        return [.. View(frameworkVersion, country, period).Improvements(Checked(frameworkVersion, measure)).Take(first)];
    }

    /// <summary>The kommuner of the same population band as <paramref name="kommune"/> (same county when asked), with their latest result of the version.</summary>
    /// <param name="frameworkVersion">The version whose results are compared; by default that of the kommune's latest result, else the newest version.</param>
    public PeerAnswer Peers(KommuneId kommune, string? frameworkVersion, KommuneReference reference, bool sameCounty)
    {
        frameworkVersion ??= ResultsOf(kommune).LastOrDefault()?.FrameworkVersion ?? _catalogue.Versions[^1];
        var view = View(frameworkVersion, kommune.Country, Period.AllTime);
        if (!reference.TryFind(kommune, out var self))
            return NoPeers($"{kommune} is not in the reference list of kommuner, so its population is unknown.");
        if (PopulationBands.Of(self.Population) is not { } band)
            return NoPeers($"The population of {self.Name} ({kommune}) is unknown in the reference list, so it has no population band.");

        bool IsPeer(KommuneReferenceEntry e) =>
            e.Population is { } p && band.Contains(p) && (!sameCounty || e.CountyNumber == self.CountyNumber);

        // The band's kommuner from the reference list (a few hundred at most), each looked up in the view.
        var inBand = reference.All(kommune.Country).Where(IsPeer).ToList();
        var rows = new List<PeerRow>();
        foreach (var entry in inBand)
            if (view.LatestOf(entry.Id.ToString()) is { } latest)
                rows.Add(new PeerRow(latest.KommuneId, entry.Name, entry.CountyName, entry.Population!.Value,
                    latest.EvaluationId, latest.EvaluatedOn, latest.Total, entry.Id == kommune));
        rows.Sort((a, b) => (b.Total ?? -1).CompareTo(a.Total ?? -1) is var byTotal and not 0
            ? byTotal
            : string.CompareOrdinal(a.KommuneId, b.KommuneId));
        return new PeerAnswer(kommune.ToString(), frameworkVersion, band, null, sameCounty ? self.CountyNumber : null,
            inBand.Count, rows,
            Statistics.Describe(rows.Where(r => r.Total is not null).Select(r => r.Total!.Value)));

        PeerAnswer NoPeers(string reason) =>
            new(kommune.ToString(), frameworkVersion, null, reason, null, 0, [], Summary.Empty);
    }

    /// <summary>All results held for one kommune, every version, oldest first: what a trend is built from.</summary>
    public IReadOnlyList<PublishedResult> ResultsOf(KommuneId kommune)
    {
        EnsureIndex();
        var id = kommune.ToString();
        return [.. _groups!
            .Where(g => g.Key.Country == kommune.Country)
            .SelectMany(g => g.Value.TryGetValue(id, out var list) ? list : [])
            .Order(ResultOrder.Instance)];
    }

    /// <summary>The held mean (all time) of a version in a country beside the mean KS or SKR published, each labelled.</summary>
    public MeanComparison MeansBeside(string frameworkVersion, Country country, int? year) =>
        PublishedMeans.Compare(Benchmark(frameworkVersion, country, Period.AllTime), State.PublishedMeans.Values, year);

    // ---- indexes and views -------------------------------------------------------------------------------

    private Measure Checked(string frameworkVersion, Measure measure) =>
        measure.IsTotal ? measure : Measure.Of(measure.AreaCode, _catalogue.Get(frameworkVersion));

    private ResultView View(string frameworkVersion, Country? country, Period period)
    {
        var framework = _catalogue.Get(frameworkVersion);
        if (_views.TryGetValue((frameworkVersion, country, period), out var cached))
            return cached;
        EnsureIndex();
        var histories = new List<KommuneHistory>();
        // A period view copies the kommuner's results in it; the all-time view shares the index's lists,
        // which is safe because every write that changes a list drops the views over it.
        foreach (var c in country is { } one ? [one] : Enum.GetValues<Country>())
        {
            if (!_groups!.TryGetValue((frameworkVersion, c), out var byKommune))
                continue;
            foreach (var (kommune, results) in byKommune)
            {
                // The list is sorted by date, so the period is one run of it.
                int from = 0, to = results.Count;
                while (from < to && !period.Contains(results[from].EvaluatedOn)) from++;
                while (to > from && !period.Contains(results[to - 1].EvaluatedOn)) to--;
                if (to > from)
                    histories.Add(new KommuneHistory(kommune, to - from == results.Count ? results : results.GetRange(from, to - from)));
            }
        }
        histories.Sort((a, b) => string.CompareOrdinal(a.KommuneId, b.KommuneId));
        var view = new ResultView(framework, country, period, histories);
        if (!period.IsAllTime && _views.Keys.Count(k => !k.Period.IsAllTime) >= MaxPeriodViews)
            foreach (var key in _views.Keys.Where(k => !k.Period.IsAllTime).ToList())
                _views.Remove(key);
        _views[(frameworkVersion, country, period)] = view;
        return view;
    }

    private void EnsureIndex()
    {
        if (_groups is not null)
            return;
        _groups = [];
        _entriesPerKommune = [];
        foreach (var (evaluationId, held) in State.Results)
        {
            var kommune = KommuneId.OwnerOf(evaluationId).ToString();
            _entriesPerKommune[kommune] = _entriesPerKommune.GetValueOrDefault(kommune) + 1;
            if (held.Result is { } result)
                Index(result);
        }
    }

    private void Index(PublishedResult result)
    {
        var key = GroupOf(result);
        if (!_groups!.TryGetValue(key, out var byKommune))
            _groups[key] = byKommune = [];
        if (!byKommune.TryGetValue(result.KommuneId, out var list))
            byKommune[result.KommuneId] = list = [];
        var at = list.BinarySearch(result, ResultOrder.Instance);
        list.Insert(at < 0 ? ~at : at, result);
        Invalidate(key);
    }

    private void Unindex(PublishedResult result)
    {
        var key = GroupOf(result);
        var byKommune = _groups![key];
        var list = byKommune[result.KommuneId];
        list.RemoveAt(list.FindIndex(r => r.EvaluationId == result.EvaluationId));
        if (list.Count == 0)
            byKommune.Remove(result.KommuneId);
        Invalidate(key);
    }

    private void Invalidate((string Version, Country Country) group)
    {
        foreach (var key in _views.Keys.Where(k => k.Version == group.Version && (k.Country is null || k.Country == group.Country)).ToList())
            _views.Remove(key);
    }

    private static (string Version, Country Country) GroupOf(PublishedResult result) =>
        (result.FrameworkVersion, KommuneId.Parse(result.KommuneId).Country);
}

/// <summary>A kommune's results in time order: by the date evaluated, then by the order their ids were handed out.</summary>
public sealed class ResultOrder : IComparer<PublishedResult>
{
    public static readonly ResultOrder Instance = new();

    public int Compare(PublishedResult? x, PublishedResult? y) =>
        x is null || y is null
            ? Comparer<object>.Default.Compare(x, y)
            : x.EvaluatedOn != y.EvaluatedOn
                ? x.EvaluatedOn.CompareTo(y.EvaluatedOn)
                : EvaluationIdOrder.Instance.Compare(x.EvaluationId, y.EvaluationId);
}

/// <summary>One kommune's results of one version within a period, oldest first (never empty).</summary>
internal sealed record KommuneHistory(string KommuneId, IReadOnlyList<PublishedResult> Results)
{
    public PublishedResult Latest => Results[^1];
}
