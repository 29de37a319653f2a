using Kompass.Domain.Evaluations;

namespace Kompass.Domain.Kommuner;

/// <summary>What a kommune grain persists: who it is and the evaluations it has had.</summary>
public sealed class KommuneState
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string? CountyName { get; set; }
    public int? Population { get; set; }
    public int? PopulationYear { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }

    /// <summary>Evaluation numbers handed out per year: ids are <c>NO-5027/eval/2023-1</c>, <c>-2</c>, ...</summary>
    public Dictionary<int, int> EvaluationsPerYear { get; set; } = [];

    public List<EvaluationEntry> Evaluations { get; set; } = [];

    /// <summary>Set when registered, cleared once the country directory lists the kommune (an outbox).</summary>
    public bool DirectoryPending { get; set; }

    public bool Exists => Id.Length > 0;
}

/// <summary>An evaluation of the kommune as the kommune knows it; <see cref="Result"/> once published.</summary>
public sealed record EvaluationEntry(string Id, string FrameworkVersion, DateOnly EvaluatedOn, PublishedResult? Result);
