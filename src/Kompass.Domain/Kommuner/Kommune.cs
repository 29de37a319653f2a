using Kompass.Domain.Evaluations;

namespace Kompass.Domain.Kommuner;

/// <summary>The rules of a municipality's record: registration, evaluation ids, the evaluations it tracks.</summary>
public sealed class Kommune(KommuneState state)
{
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
        state.DirectoryPending = true;
        return new Kommune(state);
    }

    public string ReserveEvaluationId(int year)
    {
        EnsureExists();
        var n = State.EvaluationsPerYear.GetValueOrDefault(year) + 1;
        State.EvaluationsPerYear[year] = n;
        return EvaluationIds.Format(State.Id, year, n);
    }

    /// <summary>Records an evaluation or its new result; the same entry delivered twice changes nothing.</summary>
    public void Track(EvaluationEntry entry)
    {
        EnsureExists();
        var i = State.Evaluations.FindIndex(e => e.Id == entry.Id);
        if (i < 0)
            State.Evaluations.Add(entry);
        else
            State.Evaluations[i] = entry;
        State.Evaluations.Sort((a, b) => a.EvaluatedOn != b.EvaluatedOn
            ? a.EvaluatedOn.CompareTo(b.EvaluatedOn)
            : EvaluationIdOrder.Instance.Compare(a.Id, b.Id));
    }

    public IEnumerable<PublishedResult> PublishedResults => State.Evaluations.Where(e => e.Result is not null).Select(e => e.Result!);

    public void EnsureExists()
    {
        if (!State.Exists)
            throw DomainException.NotFound("No such kommune is registered.", "kommuneId");
    }
}
