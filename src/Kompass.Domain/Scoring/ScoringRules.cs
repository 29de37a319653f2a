using Kompass.Domain.Frameworks;

namespace Kompass.Domain.Scoring;

/// <summary>
/// The scoring rules (documented in the README):
/// a point scores its max points times the mean of its three ratings over the scale's top;
/// an area is the sum of its points, published as a whole number rounded half away from zero;
/// the total is the sum of the published area scores, which is how published results add up.
/// </summary>
public static class ScoringRules
{
    /// <summary>
    /// The one scoring formula: the sum over rated points of max points x (system + scope + result),
    /// divided once by 3 x the scale's top. Dividing once matters: adding each point's rounded quotient
    /// (25/12 + 25/12 + 100/12) can land just below an exact .5 and publish it rounded down.
    /// </summary>
    public static decimal ExactScore(IEnumerable<(ScoringPoint Point, Rating Rating)> rated, RatingScale scale)
    {
        decimal weighted = 0;
        foreach (var (point, rating) in rated)
            weighted += point.MaxPoints * (rating.System + rating.Scope + rating.Result);
        return weighted / (3m * scale.Max);
    }

    public static int Publish(decimal exactAreaScore) =>
        (int)Math.Round(exactAreaScore, 0, MidpointRounding.AwayFromZero);

    /// <summary>Rejects a rating off the framework's scale, naming the dimension.</summary>
    public static void EnsureOnScale(Rating rating, RatingScale scale, string field)
    {
        Check(rating.System, "system");
        Check(rating.Scope, "scope");
        Check(rating.Result, "result");

        void Check(int value, string dimension)
        {
            if (value < scale.Min || value > scale.Max)
                throw DomainException.Validation($"{field}.{dimension}",
                    $"Rating {value} is off the scale {scale.Min}-{scale.Max}.");
        }
    }

    public static ScoreCard Compute(FrameworkDefinition framework, IReadOnlyDictionary<string, Rating> ratings)
    {
        var missing = new List<string>();
        var areas = new List<AreaResult>(framework.Areas.Count);
        foreach (var area in framework.Areas)
        {
            var rated = new List<(ScoringPoint, Rating)>();
            var count = 0;
            foreach (var point in FrameworkDefinition.ScoringPointsOf(area))
            {
                count++;
                if (ratings.TryGetValue(point.Code, out var rating))
                    rated.Add((point, rating));
                else
                    missing.Add(point.Code);
            }
            var exact = ExactScore(rated, framework.RatingScale);
            areas.Add(new AreaResult(area.Code, area.MaxPoints, rated.Count == 0 ? null : exact,
                rated.Count == count ? Publish(exact) : null, rated.Count, count));
        }
        return new ScoreCard(areas, TotalOf(areas), missing);
    }

    /// <summary>
    /// A result known only as area scores and/or a total (a historical import). Points are not known,
    /// so the card lists no missing points; the total is the given one, else the sum when every area is known.
    /// </summary>
    public static ScoreCard FromPublished(FrameworkDefinition framework, IReadOnlyDictionary<string, int> areaScores, int? total)
    {
        var areas = framework.Areas
            .Select(a => areaScores.TryGetValue(a.Code, out var s)
                ? new AreaResult(a.Code, a.MaxPoints, s, s, 0, 0)
                : new AreaResult(a.Code, a.MaxPoints, null, null, 0, 0))
            .ToList();
        return new ScoreCard(areas, total ?? TotalOf(areas), []);
    }

    private static int? TotalOf(IReadOnlyList<AreaResult> areas) =>
        areas.All(a => a.Score is not null) ? areas.Sum(a => a.Score!.Value) : null;
}
