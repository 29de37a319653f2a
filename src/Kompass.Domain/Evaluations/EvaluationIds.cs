using Kompass.Domain.Kommuner;

namespace Kompass.Domain.Evaluations;

/// <summary>Evaluation ids live under their kommune: <c>NO-5027/eval/2023-1</c>.</summary>
public static class EvaluationIds
{
    private const string Segment = "/eval/";

    public static string Format(string kommuneId, int year, int sequence) => $"{kommuneId}{Segment}{year}-{sequence}";

    /// <summary>Has the shape of an evaluation id under a valid kommune id (whether it exists is the grain's business).</summary>
    public static bool IsWellFormed(string? id) =>
        id is not null && id.Contains(Segment, StringComparison.Ordinal) && KommuneId.TryParse(id.Split('/')[0], out _);
}
