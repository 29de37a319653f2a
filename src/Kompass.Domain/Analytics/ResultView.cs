using Kompass.Domain.Evaluations;
using Kompass.Domain.Frameworks;
using Kompass.Domain.Kommuner;

namespace Kompass.Domain.Analytics;

/// <summary>
/// The kommuner's results of one version in one country (or both) within one period, and the answers
/// computed from them, each once: the aggregate keeps the all-time view until a write touches it.
/// </summary>
internal sealed class ResultView(FrameworkDefinition framework, Country? country, Period period, IReadOnlyList<KommuneHistory> histories)
{
    private IReadOnlyList<PublishedResult>? _latest;
    private Dictionary<string, KommuneHistory>? _byKommune;
    private BenchmarkStatistics? _statistics;
    private readonly Dictionary<Measure, int[]> _sortedValues = [];
    private readonly Dictionary<Measure, Ranking> _rankings = [];
    private readonly Dictionary<Measure, IReadOnlyList<Improvement>> _improvements = [];

    /// <summary>Each kommune's latest result in the period, by kommune id.</summary>
    public IReadOnlyList<PublishedResult> Latest => _latest ??= [.. histories.Select(h => h.Latest)];

    public BenchmarkStatistics Statistics() => _statistics ??= new BenchmarkStatistics(
        framework.Version,
        country,
        period,
        Latest.Count,
        histories.Sum(h => h.Results.Count),
        Analytics.Statistics.DescribeSorted(SortedValues(Measure.Total)),
        [.. framework.Areas.Select(a => new AreaStatistics(a.Code, a.Name, Analytics.Statistics.DescribeSorted(SortedValues(Measure.Area(a.Code)))))],
        Analytics.Statistics.Histogram(SortedValues(Measure.Total)));

    public Ranking Ranking(Measure measure)
    {
        if (_rankings.TryGetValue(measure, out var cached))
            return cached;
        var ranked = Latest
            .Select(r => (Result: r, Value: measure.ValueOf(r)))
            .Where(x => x.Value is not null)
            .OrderByDescending(x => x.Value)
            .ThenBy(x => x.Result.KommuneId, StringComparer.Ordinal)
            .ToList();
        var rows = new List<RankingRow>(ranked.Count);
        for (var start = 0; start < ranked.Count;)
        {
            // A run of equal values shares the rank of its first row and the percentile of the rows after the run.
            var end = start;
            while (end < ranked.Count && ranked[end].Value == ranked[start].Value)
                end++;
            var percentile = Percentile(ranked.Count - end, ranked.Count - 1);
            for (var i = start; i < end; i++)
            {
                var (result, value) = ranked[i];
                rows.Add(new RankingRow(start + 1, percentile, result.KommuneId, result.EvaluationId, result.EvaluatedOn, value!.Value));
            }
            start = end;
        }
        return _rankings[measure] = new Ranking(framework.Version, country, period, measure, rows, Latest.Count - rows.Count);
    }

    /// <summary>
    /// Ranks <paramref name="result"/> as if it were its kommune's result: the kommune's latest value is taken out
    /// of the sorted values and this one put in, by counting, in O(log n).
    /// </summary>
    public RankAnswer RankOf(PublishedResult result, Measure measure, int value)
    {
        var sorted = SortedValues(measure);
        var below = LowerBound(sorted, value);
        var above = sorted.Length - LowerBound(sorted, value + 1);
        var outOf = sorted.Length + 1;
        var own = LatestOf(result.KommuneId);
        if (own is not null && measure.ValueOf(own) is { } ownValue)
        {
            outOf--;
            if (ownValue < value) below--;
            else if (ownValue > value) above--;
        }
        return new RankAnswer(result.EvaluationId, measure, value, above + 1, Percentile(below, outOf - 1), outOf);
    }

    public IReadOnlyList<Improvement> Improvements(Measure measure)
    {
        if (_improvements.TryGetValue(measure, out var cached))
            return cached;
        var steps = new List<Improvement>();
        foreach (var history in histories)
        {
            PublishedResult? to = null, from = null;
            for (var i = history.Results.Count - 1; i >= 0 && from is null; i--)
            {
                if (measure.ValueOf(history.Results[i]) is null) continue;
                if (to is null) to = history.Results[i];
                else from = history.Results[i];
            }
            if (from is not null && to is not null)
                steps.Add(new Improvement(history.KommuneId, from.EvaluationId, from.EvaluatedOn, measure.ValueOf(from)!.Value,
                    to.EvaluationId, to.EvaluatedOn, measure.ValueOf(to)!.Value));
        }
        steps.Sort((a, b) => b.Gain != a.Gain ? b.Gain.CompareTo(a.Gain) : string.CompareOrdinal(a.KommuneId, b.KommuneId));
        return _improvements[measure] = steps;
    }

    private int[] SortedValues(Measure measure)
    {
        if (_sortedValues.TryGetValue(measure, out var cached))
            return cached;
        return _sortedValues[measure] = SortBounded(Latest.Select(measure.ValueOf).Where(v => v is not null).Select(v => v!.Value));
    }

    /// <summary>The kommune's latest result in the view, if it has one.</summary>
    public PublishedResult? LatestOf(string kommuneId)
    {
        _byKommune ??= histories.ToDictionary(h => h.KommuneId);
        return _byKommune.GetValueOrDefault(kommuneId)?.Latest;
    }

    /// <summary>
    /// Scores are whole points within 0-800, so a counting sort does it in one pass over the values and one
    /// over the range: a tenth of a comparison sort at 6 500 kommuner. Anything outside falls back to a comparison sort.
    /// </summary>
    internal static int[] SortBounded(IEnumerable<int> values)
    {
        var all = values.ToArray();
        var counts = new int[(int)FrameworkValidator.TotalMaxPoints + 1];
        foreach (var value in all)
        {
            if ((uint)value >= (uint)counts.Length)
            {
                Array.Sort(all);
                return all;
            }
            counts[value]++;
        }
        var at = 0;
        for (var value = 0; value < counts.Length; value++)
            for (var c = counts[value]; c > 0; c--)
                all[at++] = value;
        return all;
    }

    /// <summary>The share of the others with a lower value, in per cent; null when there is no other.</summary>
    private static decimal? Percentile(int lower, int others) =>
        others == 0 ? null : Analytics.Statistics.Round2(100m * lower / others);

    private static int LowerBound(int[] sorted, int value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
