namespace Kompass.Contracts.Evaluations;

/// <summary>One scoring point's ratings on the three dimensions (System/prosess, Omfang, Resultat/analyse).</summary>
[GenerateSerializer, Immutable, Alias("kompass.ScoringPointRating")]
public sealed record ScoringPointRating(
    [property: Id(0)] string Code,
    [property: Id(1)] int System,
    [property: Id(2)] int Scope,
    [property: Id(3)] int Result,
    [property: Id(4)] string? Comment = null);

[GenerateSerializer, Immutable, Alias("kompass.AreaScoreInput")]
public sealed record AreaScoreInput([property: Id(0)] string Code, [property: Id(1)] int Score)
{
    /// <summary>Area scores keyed by area code, in the order given, as the domain checks them.</summary>
    public static IReadOnlyDictionary<string, int> ToMap(IReadOnlyList<AreaScoreInput> scores) =>
        scores.ToDictionary(a => a.Code, a => a.Score);
}

[GenerateSerializer, Immutable, Alias("kompass.OpenEvaluation")]
public sealed record OpenEvaluation(
    [property: Id(0)] string KommuneId,
    [property: Id(1)] string FrameworkVersion,
    [property: Id(2)] DateOnly EvaluatedOn,
    [property: Id(3)] IReadOnlyList<string> Evaluators) : ITargetsKommune;

[GenerateSerializer, Immutable, Alias("kompass.RateScoringPoints")]
public sealed record RateScoringPoints(
    [property: Id(0)] string EvaluationId,
    [property: Id(1)] IReadOnlyList<ScoringPointRating> Ratings,
    [property: Id(2)] int? ExpectedVersion = null) : ITargetsEvaluation;

[GenerateSerializer, Immutable, Alias("kompass.RecordInterview")]
public sealed record RecordInterview(
    [property: Id(0)] string EvaluationId,
    [property: Id(1)] string Role,
    [property: Id(2)] DateOnly Date,
    [property: Id(3)] int People,
    [property: Id(4)] int? ExpectedVersion = null) : ITargetsEvaluation;

[GenerateSerializer, Immutable, Alias("kompass.RecordFindings")]
public sealed record RecordFindings(
    [property: Id(0)] string EvaluationId,
    [property: Id(1)] string AreaCode,
    [property: Id(2)] IReadOnlyList<string> Strengths,
    [property: Id(3)] IReadOnlyList<string> Challenges,
    [property: Id(4)] IReadOnlyList<string> ImprovementAreas,
    [property: Id(5)] int? ExpectedVersion = null) : ITargetsEvaluation;

[GenerateSerializer, Immutable, Alias("kompass.PublishEvaluation")]
public sealed record PublishEvaluation(
    [property: Id(0)] string EvaluationId,
    [property: Id(1)] int? ExpectedVersion = null) : ITargetsEvaluation;

/// <summary>An audited correction of a published evaluation. Who made it comes from the caller (<see cref="CallerContext"/>).</summary>
[GenerateSerializer, Immutable, Alias("kompass.AmendEvaluation")]
public sealed record AmendEvaluation(
    [property: Id(0)] string EvaluationId,
    [property: Id(1)] string Reason,
    [property: Id(2)] IReadOnlyList<ScoringPointRating> Ratings,
    [property: Id(3)] IReadOnlyList<AreaScoreInput> AreaScores,
    [property: Id(4)] int? Total = null,
    [property: Id(5)] int? ExpectedVersion = null) : ITargetsEvaluation;

/// <summary>A historical result known only as area scores and/or a total, with where it comes from.</summary>
[GenerateSerializer, Immutable, Alias("kompass.ImportHistoricalResult")]
public sealed record ImportHistoricalResult(
    [property: Id(0)] string KommuneId,
    [property: Id(1)] string FrameworkVersion,
    [property: Id(2)] DateOnly EvaluatedOn,
    [property: Id(3)] IReadOnlyList<AreaScoreInput> AreaScores,
    [property: Id(4)] int? Total,
    [property: Id(5)] string Source,
    [property: Id(6)] bool ScoresNotHeld = false) : ITargetsKommune;

/// <summary>Assigns an evaluator, by the subject of its token, to an evaluation (platform admins).</summary>
[GenerateSerializer, Immutable, Alias("kompass.AssignEvaluator")]
public sealed record AssignEvaluator(
    [property: Id(0)] string EvaluationId,
    [property: Id(1)] string Subject,
    [property: Id(2)] int? ExpectedVersion = null) : ITargetsEvaluation;
