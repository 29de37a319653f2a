using Kompass.Domain.Delivery;
using Kompass.Domain.Evaluations;

namespace Kompass.Domain.Kommuner;

/// <summary>The rules of a municipality's record: registration, evaluation ids, the evaluations it tracks.</summary>
public sealed class Kommune(KommuneState state)
{
    /// <summary>The follower a kommune owes its registration: the country's directory.</summary>
    public const string DirectoryFollower = "directory";

    /// <summary>Evaluations one kommune may have in one year (it is evaluated every 2-4 years).</summary>
    public const int MaxEvaluationsPerYear = 20;

    /// <summary>Request keys remembered for <see cref="ReserveEvaluationId"/>: far more than one client retries at once.</summary>
    public const int MaxRememberedRequests = 200;

    public KommuneState State { get; } = state;

    /// <summary>
    /// Registers the kommune; name, county and population not given are taken from the official
    /// reference list, and a kommune missing from that list must be given a name.
    /// </summary>
    public static Kommune Register(KommuneState state, KommuneId id, string? name, string? countyName, int? population,
        KommuneReference reference, DateTimeOffset now)
    {
        if (state.Exists)
            throw DomainException.Conflict($"Kommune {id} is already registered.", "kommuneId");
        reference.TryFind(id, out var known);
        var finalName = string.IsNullOrWhiteSpace(name) ? known?.Name : name.Trim();
        if (finalName is null)
            throw DomainException.Validation("name", $"{id} is not in the official list of municipalities: give its name.");
        if (population is < 0)
            throw DomainException.Validation("population", "Population cannot be negative.");
        state.Id = id.ToString();
        state.Name = finalName;
        state.CountyName = string.IsNullOrWhiteSpace(countyName) ? known?.CountyName : countyName.Trim();
        state.Population = population ?? known?.Population;
        state.PopulationYear = population is null ? known?.PopulationYear : null;
        state.RegisteredAt = now;
        state.Version = 1;
        Outbox.Owe(state.Outbox, DirectoryFollower, state.Version);
        return new Kommune(state);
    }

    /// <summary>
    /// Hands out the next evaluation id of the year. With a <paramref name="requestKey"/> seen before,
    /// the id handed out then is given again (a retried request opens no second evaluation).
    /// </summary>
    public string ReserveEvaluationId(int year, string? requestKey = null)
    {
        EnsureExists();
        if (requestKey is not null && State.RequestedIds.Find(r => r.RequestKey == requestKey) is { } earlier)
            return earlier.EvaluationId;
        var n = State.EvaluationsPerYear.GetValueOrDefault(year) + 1;
        if (n > MaxEvaluationsPerYear)
            throw DomainException.Validation("evaluatedOn",
                $"Kommune {State.Id} already has {MaxEvaluationsPerYear} evaluations in {year}, the most one year may have.");
        State.EvaluationsPerYear[year] = n;
        var id = EvaluationIds.Format(State.Id, year, n);
        if (requestKey is not null)
        {
            State.RequestedIds.Add(new RequestedId(requestKey, id));
            if (State.RequestedIds.Count > MaxRememberedRequests)
                State.RequestedIds.RemoveAt(0);
        }
        return id;
    }

    /// <summary>
    /// Records an evaluation or its new result. Returns false, changing nothing, for an entry not newer
    /// than the one held: a repeat, or an older message delivered late.
    /// </summary>
    public bool Track(EvaluationEntry entry)
    {
        EnsureExists();
        var i = State.Evaluations.FindIndex(e => e.Id == entry.Id);
        if (i >= 0 && State.Evaluations[i].Version >= entry.Version)
            return false;
        if (i < 0)
            State.Evaluations.Add(entry);
        else
            State.Evaluations[i] = entry;
        State.Evaluations.Sort((a, b) => a.EvaluatedOn != b.EvaluatedOn
            ? a.EvaluatedOn.CompareTo(b.EvaluatedOn)
            : EvaluationIdOrder.Instance.Compare(a.Id, b.Id));
        return true;
    }

    /// <summary>
    /// The latest published or imported result by date (the entries are kept in date order), or null. An evaluation
    /// whose scores are not held (imported with scoresNotHeld) is no result here, as in the analytics.
    /// </summary>
    public LatestResult? Latest => State.Evaluations.LastOrDefault(e => e.Result is { } r && !r.HoldsNoScore())?.Result is { } r
        ? new LatestResult(r.EvaluationId, r.FrameworkVersion, r.EvaluatedOn, r.Total)
        : null;

    /// <summary>
    /// What the country's directory lists of the kommune, at its version. Bump the version and owe the directory
    /// (<see cref="OweDirectory"/>) whenever this changes, so that the directory follows.
    /// </summary>
    public DirectoryEntry ToDirectoryEntry() =>
        new(State.Id, State.Name, State.Version, State.CountyName, State.Population, State.PopulationYear, Latest);

    /// <summary>Marks a change the directory must hear of: a new version, owed to it in the same write.</summary>
    public void OweDirectory()
    {
        State.Version++;
        Outbox.Owe(State.Outbox, DirectoryFollower, State.Version);
    }

    public IEnumerable<PublishedResult> PublishedResults => State.Evaluations.Where(e => e.Result is not null).Select(e => e.Result!);

    public void EnsureExists()
    {
        if (!State.Exists)
            throw DomainException.NotFound("No such kommune is registered.", "kommuneId");
    }
}
