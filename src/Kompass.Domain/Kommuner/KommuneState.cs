using Kompass.Domain.Delivery;
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

    /// <summary>Bumped on every change the kommune's followers (the country directory) see.</summary>
    public int Version { get; set; }

    /// <summary>What the country directory must still hear of, written with the change (an outbox).</summary>
    public OutboxState Outbox { get; set; } = new();

    /// <summary>
    /// The evaluation id handed out for each recent request key (an Idempotency-Key), so that a client
    /// that retries an open or import is given the same evaluation, not a second one. The newest
    /// <see cref="Kommune.MaxRememberedRequests"/> are kept.
    /// </summary>
    public List<RequestedId> RequestedIds { get; set; } = [];

    /// <summary>
    /// The kommune's side of its strategies (ids handed out, the strategies it tracks, the one ADOPTED),
    /// in the same state so that tracking a strategy and owing it the published results is one write.
    /// </summary>
    public Strategies.KommuneStrategiesState Strategies { get; set; } = new();

    /// <summary>Bumped when a leader rotates the calendar feed token: the feed URL signs it, so older URLs stop working.</summary>
    public int FeedTokenGeneration { get; set; }

    public bool Exists => Id.Length > 0;
}

/// <summary>
/// An evaluation of the kommune as the kommune knows it; <see cref="Result"/> once published.
/// <see cref="Version"/> is the evaluation's version it reflects: an older one arriving late is ignored.
/// </summary>
public sealed record EvaluationEntry(string Id, string FrameworkVersion, DateOnly EvaluatedOn, PublishedResult? Result, int Version = 0);

/// <summary>An evaluation id handed out for a request key.</summary>
public sealed record RequestedId(string RequestKey, string EvaluationId);
