namespace Kompass.Domain.Scoring;

/// <summary>
/// An evaluator's rating of one scoring point on the seed's three dimensions:
/// System/prosess, Omfang (scope) and Resultat/analyse, each on the framework's integer scale.
/// </summary>
public sealed record Rating(int System, int Scope, int Result, string? Comment = null);
