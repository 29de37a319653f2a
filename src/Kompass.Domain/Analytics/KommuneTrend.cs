using Kompass.Domain.Evaluations;
using Kompass.Domain.Frameworks;
using Kompass.Domain.Kommuner;

namespace Kompass.Domain.Analytics;

/// <summary>One area of a trend point, under the trend's area code.</summary>
/// <param name="Code">The area in the version the trend is shown in.</param>
/// <param name="ScoredAs">The area the result was scored under in its own version (differs across versions); null when it has no counterpart.</param>
/// <param name="Delta">Change from the previous point's score of the same area, when both are known.</param>
public sealed record TrendArea(string Code, string? ScoredAs, int? Score, int? Delta);

/// <summary>One result of the kommune in a trend.</summary>
/// <param name="Total">The result's total; null across versions unless the mapping covers every area.</param>
/// <param name="Caveat">Set whenever this result's version differs from the trend's or from the previous result's.</param>
public sealed record TrendPoint(
    string EvaluationId,
    DateOnly EvaluatedOn,
    string FrameworkVersion,
    int? Total,
    int? TotalDelta,
    IReadOnlyList<TrendArea> Areas,
    string? Caveat);

/// <summary>
/// All of one kommune's results over time, oldest first, with the change from each to the next, shown in the
/// areas of one framework version. <see cref="Caveat"/> is set whenever the results span versions.
/// </summary>
public sealed record KommuneTrend(string KommuneId, string? FrameworkVersion, IReadOnlyList<TrendPoint> Points, string? Caveat);

public static class Trends
{
    /// <summary>
    /// The trend of <paramref name="kommune"/> from its results (any version), shown in <paramref name="inVersion"/>'s
    /// areas, by default those of the latest result's version. A result of a version with no declared mapping
    /// to that one is a validation error on <c>frameworkVersion</c>.
    /// </summary>
    public static KommuneTrend Of(KommuneId kommune, IEnumerable<PublishedResult> results, FrameworkCatalogue catalogue, string? inVersion = null)
    {
        var id = kommune.ToString();
        var ordered = results.Where(r => r.KommuneId == id).Order(ResultOrder.Instance).ToList();
        var target = inVersion is not null ? catalogue.Get(inVersion) : ordered.Count > 0 ? catalogue.Get(ordered[^1].FrameworkVersion) : null;
        if (target is null)
            return new KommuneTrend(id, null, [], null);

        var points = new List<TrendPoint>(ordered.Count);
        TrendPoint? previous = null;
        foreach (var result in ordered)
        {
            var map = catalogue.AreaMap(result.FrameworkVersion, target.Version);
            var scored = new Dictionary<string, (string Code, int Score)>();
            foreach (var area in map.From.Areas)
                if (map.Map(area.Code) is { } code && result.AreaScores.TryGetValue(area.Code, out var score))
                    scored[code] = (area.Code, score);

            var areas = target.Areas.Select(a =>
            {
                var scoredAs = scored.TryGetValue(a.Code, out var s) ? s.Code : null;
                int? score = scoredAs is null ? null : s.Score;
                return new TrendArea(a.Code, scoredAs ?? ScoredAsWithoutScore(map, a.Code), score, score - previous?.Areas.First(p => p.Code == a.Code).Score);
            }).ToList();
            var total = !map.CrossesVersions || map.CoversAllAreas ? result.Total : null;
            var point = new TrendPoint(result.EvaluationId, result.EvaluatedOn, result.FrameworkVersion, total, total - previous?.Total,
                areas, CaveatOf(result.FrameworkVersion, previous?.FrameworkVersion, target.Version));
            points.Add(point);
            previous = point;
        }

        var versions = ordered.Select(r => r.FrameworkVersion).Append(target.Version).Distinct().Order(StringComparer.Ordinal).ToList();
        var caveat = versions.Count > 1
            ? $"These results span framework versions {string.Join(" and ", versions)}, whose questions and weights differ: " +
              $"areas are compared through the mapping the framework files declare, shown in version {target.Version}'s areas, so a change across versions is indicative only."
            : null;
        return new KommuneTrend(id, target.Version, points, caveat);
    }

    // The area of the result's version that maps to a target area, for a result that did not score it.
    private static string? ScoredAsWithoutScore(AreaMap map, string targetArea) =>
        map.From.Areas.FirstOrDefault(a => map.Map(a.Code) == targetArea)?.Code;

    private static string? CaveatOf(string version, string? previousVersion, string target)
    {
        if (version != target && previousVersion is not null && previousVersion != version)
            return $"Scored under framework {version} (the previous result under {previousVersion}) and shown in version {target}'s areas through the declared mapping: not directly comparable.";
        if (version != target)
            return $"Scored under framework {version} and shown in version {target}'s areas through the declared mapping: not directly comparable.";
        if (previousVersion is not null && previousVersion != version)
            return $"The previous result was scored under framework {previousVersion}: the change from it goes through the declared mapping and is not directly comparable.";
        return null;
    }
}
