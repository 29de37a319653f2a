using Kompass.Domain.Evaluations;
using Kompass.Domain.Frameworks;

namespace Kompass.Domain.Strategies;

/// <summary>
/// What a strategy needs of the evaluation it is based on: whose it is, whether it is published,
/// the framework it was scored under, its area scores (the indicators' baselines) and its findings'
/// improvement areas per area code (offered as starting points).
/// </summary>
public sealed record StrategyBasis(
    string EvaluationId,
    string KommuneId,
    FrameworkDefinition Framework,
    bool IsPublished,
    DateOnly EvaluatedOn,
    IReadOnlyDictionary<string, int> AreaScores,
    IReadOnlyDictionary<string, IReadOnlyList<string>> ImprovementAreas)
{
    /// <summary>The basis of an evaluation the caller holds (its grain, or a test).</summary>
    public static StrategyBasis Of(Evaluation evaluation) => new(
        evaluation.State.Id,
        evaluation.State.KommuneId,
        evaluation.Framework,
        evaluation.State.Status == EvaluationStatus.Published,
        evaluation.State.EvaluatedOn,
        evaluation.Score().KnownAreaScores,
        evaluation.State.Findings.ToDictionary(f => f.Key, f => f.Value.ImprovementAreas));
}

/// <summary>
/// A declared correspondence between the areas of two framework versions (e.g. 2010 area 5 = 2020
/// area 4), so an area-score indicator can be filled by a result scored under another version.
/// None is declared yet: results are compared within one version.
/// </summary>
public sealed record AreaVersionMapping(string FromVersion, string ToVersion, IReadOnlyDictionary<string, string> Areas)
{
    /// <summary>The area of <see cref="ToVersion"/> that corresponds to <paramref name="fromArea"/>, if declared.</summary>
    public string? Map(string fromArea) => Areas.TryGetValue(fromArea, out var to) ? to : null;
}
