namespace Kompass.Domain.Scoring;

/// <summary>
/// One focus area's result. <see cref="Score"/> is the published whole number; it is known only when
/// every scoring point of the area is rated (or, for an imported result, when the source gives it).
/// </summary>
public sealed record AreaResult(string Code, decimal MaxScore, decimal? ExactScore, int? Score, int RatedPoints, int ScoringPoints);

/// <summary>An evaluation's computed scores: per area, the total, and what is still unrated.</summary>
public sealed record ScoreCard(IReadOnlyList<AreaResult> Areas, int? Total, IReadOnlyList<string> MissingScoringPoints)
{
    public bool IsComplete => MissingScoringPoints.Count == 0 && Total is not null;

    public IReadOnlyDictionary<string, int> KnownAreaScores =>
        Areas.Where(a => a.Score is not null).ToDictionary(a => a.Code, a => a.Score!.Value);
}
