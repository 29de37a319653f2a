namespace Kompass.Contracts.Evaluations;

[GenerateSerializer]
public enum EvaluationStatus
{
    Draft,
    Published,
}

[GenerateSerializer]
public enum EvaluationOrigin
{
    Scored,
    Imported,
}

[GenerateSerializer, Immutable, Alias("kompass.InterviewView")]
public sealed record InterviewView([property: Id(0)] string Role, [property: Id(1)] DateOnly Date, [property: Id(2)] int People);

[GenerateSerializer, Immutable, Alias("kompass.FindingsView")]
public sealed record FindingsView(
    [property: Id(0)] string AreaCode,
    [property: Id(1)] IReadOnlyList<string> Strengths,
    [property: Id(2)] IReadOnlyList<string> Challenges,
    [property: Id(3)] IReadOnlyList<string> ImprovementAreas);

[GenerateSerializer, Immutable, Alias("kompass.AreaScoreView")]
public sealed record AreaScoreView(
    [property: Id(0)] string Code,
    [property: Id(1)] decimal MaxScore,
    [property: Id(2)] decimal? ExactScore,
    [property: Id(3)] int? Score,
    [property: Id(4)] int RatedPoints,
    [property: Id(5)] int ScoringPoints,
    [property: Id(6)] string Name);

[GenerateSerializer, Immutable, Alias("kompass.AmendedValueView")]
public sealed record AmendedValueView([property: Id(0)] string Field, [property: Id(1)] string? OldValue, [property: Id(2)] string? NewValue);

[GenerateSerializer, Immutable, Alias("kompass.AmendmentView")]
public sealed record AmendmentView(
    [property: Id(0)] string By,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Reason,
    [property: Id(3)] IReadOnlyList<AmendedValueView> Changes);

/// <summary>An evaluation as readers see it, with its scores computed from its ratings (or imported).</summary>
[GenerateSerializer, Immutable, Alias("kompass.EvaluationView")]
public sealed record EvaluationView(
    [property: Id(0)] string Id,
    [property: Id(1)] string KommuneId,
    [property: Id(2)] string FrameworkVersion,
    [property: Id(3)] DateOnly EvaluatedOn,
    [property: Id(4)] EvaluationStatus Status,
    [property: Id(5)] EvaluationOrigin Origin,
    [property: Id(6)] string? Source,
    [property: Id(7)] IReadOnlyList<string> Evaluators,
    [property: Id(8)] IReadOnlyList<InterviewView> Interviews,
    [property: Id(9)] IReadOnlyList<ScoringPointRating> Ratings,
    [property: Id(10)] IReadOnlyList<FindingsView> Findings,
    [property: Id(11)] IReadOnlyList<AreaScoreView> AreaScores,
    [property: Id(12)] int? Total,
    [property: Id(13)] IReadOnlyList<string> MissingScoringPoints,
    [property: Id(14)] DateTimeOffset OpenedAt,
    [property: Id(15)] DateTimeOffset? PublishedAt,
    [property: Id(16)] IReadOnlyList<AmendmentView> Amendments,
    [property: Id(17)] int Version,
    [property: Id(18)] IReadOnlyList<string> Assignees);

[GenerateSerializer, Immutable, Alias("kompass.AreaComparisonView")]
public sealed record AreaComparisonView(
    [property: Id(0)] string Code,
    [property: Id(1)] int? Score,
    [property: Id(2)] int? PreviousScore,
    [property: Id(3)] int? DeltaToPrevious,
    [property: Id(4)] decimal? Mean,
    [property: Id(5)] decimal? DeltaToMean);

/// <summary>
/// An evaluation against the kommune's previous published evaluation of the same framework version
/// and against the running mean of every published evaluation of that version in that country.
/// </summary>
[GenerateSerializer, Immutable, Alias("kompass.ComparisonView")]
public sealed record ComparisonView(
    [property: Id(0)] string? PreviousEvaluationId,
    [property: Id(1)] DateOnly? PreviousEvaluatedOn,
    [property: Id(2)] int? Total,
    [property: Id(3)] int? PreviousTotal,
    [property: Id(4)] int? DeltaToPrevious,
    [property: Id(5)] decimal? MeanTotal,
    [property: Id(6)] decimal? DeltaToMean,
    [property: Id(7)] int MeanBasedOn,
    [property: Id(8)] IReadOnlyList<AreaComparisonView> Areas);
