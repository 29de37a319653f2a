using Kompass.Domain.Scoring;

namespace Kompass.Domain.Evaluations;

public enum EvaluationStatus
{
    Draft,
    Published,
}

/// <summary>Scored here from ratings, or imported from a historical report that gives only area scores or a total.</summary>
public enum EvaluationOrigin
{
    Scored,
    Imported,
}

/// <summary>An interview the evaluators held: who (role), when, and how many people took part.</summary>
public sealed record Interview(string Role, DateOnly Date, int People);

/// <summary>The report's findings for one focus area: styrker, utfordringer, forbedringsområder.</summary>
public sealed record AreaFindings(IReadOnlyList<string> Strengths, IReadOnlyList<string> Challenges, IReadOnlyList<string> ImprovementAreas);

/// <summary>One value an amendment replaced, kept so that a published result's history can be read back.</summary>
public sealed record AmendedValue(string Field, string? OldValue, string? NewValue);

/// <summary>An audited correction of a published evaluation: who, when, why, and the old and new values.</summary>
public sealed record Amendment(string By, DateTimeOffset At, string Reason, IReadOnlyList<AmendedValue> Changes);

/// <summary>A rating change asked for by an evaluator, before it is checked against the framework.</summary>
public sealed record PointRating(string Code, Rating Rating);

/// <summary>
/// An evaluation's published result, the event its kommune and the country benchmark follow.
/// Raised on publish, amend and import. <see cref="Version"/> is the evaluation's version that gave it:
/// a follower keeps the highest and ignores an older one that arrives late.
/// </summary>
public sealed record PublishedResult(
    string EvaluationId,
    string KommuneId,
    string FrameworkVersion,
    DateOnly EvaluatedOn,
    IReadOnlyDictionary<string, int> AreaScores,
    int? Total,
    int Version = 0)
{
    /// <summary>
    /// An evaluation whose scores are not held (imported with scoresNotHeld): published, yet no result to any
    /// aggregate or "latest result". A method, not a property, so that it is never written into stored state.
    /// </summary>
    public bool HoldsNoScore() => AreaScores.Count == 0 && Total is null;
}
