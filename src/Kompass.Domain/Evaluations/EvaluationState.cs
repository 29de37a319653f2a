using Kompass.Domain.Delivery;
using Kompass.Domain.Scoring;

namespace Kompass.Domain.Evaluations;

/// <summary>
/// What an evaluation grain persists. A plain, JSON-serialisable class: behaviour lives in
/// <see cref="Evaluation"/>, which changes it only after every check has passed.
/// </summary>
public sealed class EvaluationState
{
    public string Id { get; set; } = "";
    public string KommuneId { get; set; } = "";
    public string FrameworkVersion { get; set; } = "";
    public DateOnly EvaluatedOn { get; set; }
    public EvaluationStatus Status { get; set; }
    public EvaluationOrigin Origin { get; set; }
    public string? Source { get; set; }
    public List<string> Evaluators { get; set; } = [];

    /// <summary>The token subjects of the evaluators assigned to it (who may record, rate and publish it).</summary>
    public List<string> Assignees { get; set; } = [];
    public List<Interview> Interviews { get; set; } = [];
    public Dictionary<string, Rating> Ratings { get; set; } = [];
    public Dictionary<string, AreaFindings> Findings { get; set; } = [];
    public Dictionary<string, int> ImportedAreaScores { get; set; } = [];
    public int? ImportedTotal { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public List<Amendment> Amendments { get; set; } = [];

    /// <summary>Bumped on every accepted change; a writer that read an older version gets CONFLICT.</summary>
    public int Version { get; set; }

    /// <summary>
    /// What the kommune (and, once published, the country benchmark) must still hear of, written with
    /// the change that caused it: an acknowledged publication is never missed by the aggregates, even
    /// when the process dies between the two.
    /// </summary>
    public OutboxState Outbox { get; set; } = new();

    /// <summary>The request keys of the newest commands applied (see <see cref="RequestKeys"/>).</summary>
    public List<string> RequestKeys { get; set; } = [];

    public bool Exists => Id.Length > 0;
}
