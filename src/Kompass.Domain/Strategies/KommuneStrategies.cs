namespace Kompass.Domain.Strategies;

/// <summary>A strategy as its kommune knows it; <see cref="Version"/> is the strategy's, so a late delivery never overwrites a newer one.</summary>
public sealed record StrategyEntry(string Id, string Title, StrategyStatus Status, DateOnly PeriodStart, DateOnly PeriodEnd, int Version);

/// <summary>
/// The kommune's side of its strategies, for the kommune grain to hold beside its own state: the
/// strategy ids it has handed out and the strategies it tracks. Bounded by
/// <see cref="StrategyLimits.MaxStrategiesPerKommune"/>.
/// </summary>
public sealed class KommuneStrategiesState
{
    /// <summary>Strategy numbers handed out per year: ids are <c>NO-5034/strategy/2023-1</c>, <c>-2</c>, ...</summary>
    public Dictionary<int, int> StrategiesPerYear { get; set; } = [];

    /// <summary>The kommune's strategies, oldest first.</summary>
    public List<StrategyEntry> Strategies { get; set; } = [];
}

/// <summary>
/// The kommune-level rules of strategies: ids, and one ADOPTED strategy at a time. The grain adopting
/// a strategy first runs <see cref="Strategy.CheckAdoption"/>, then <see cref="ClaimAdoption"/> here
/// (single-threaded in the kommune grain, so two strategies adopting at once cannot both win), then
/// <see cref="Strategy.Adopt"/>, and delivers the strategy's <see cref="Strategy.Entry"/> to
/// <see cref="Track"/> after every change, as evaluations are tracked.
/// </summary>
public sealed class KommuneStrategies(KommuneStrategiesState state)
{
    public KommuneStrategiesState State { get; } = state;

    public string ReserveId(string kommuneId, int year)
    {
        if (State.StrategiesPerYear.Values.Sum() >= StrategyLimits.MaxStrategiesPerKommune)
            throw DomainException.Validation("strategies", $"A kommune has at most {StrategyLimits.MaxStrategiesPerKommune} strategies.");
        var n = State.StrategiesPerYear.GetValueOrDefault(year) + 1;
        State.StrategiesPerYear[year] = n;
        return StrategyIds.Format(kommuneId, year, n);
    }

    /// <summary>The kommune's ADOPTED strategy, if it has one.</summary>
    public string? AdoptedStrategyId => State.Strategies.FirstOrDefault(s => s.Status == StrategyStatus.Adopted)?.Id;

    /// <summary>The pure check: CONFLICT when another strategy of the kommune is ADOPTED.</summary>
    public void EnsureCanAdopt(string strategyId)
    {
        if (AdoptedStrategyId is { } adopted && adopted != strategyId)
            throw DomainException.Conflict(
                $"Strategy {adopted} is the kommune's adopted strategy: complete or abandon it before adopting {strategyId}.", "strategyId",
                [adopted]);
    }

    /// <summary>
    /// Takes the kommune's one ADOPTED place for <paramref name="strategyId"/> (idempotent for the same
    /// strategy). The mark is provisional: the strategy's next <see cref="Track"/>ed entry is the truth,
    /// so an adoption that failed to be stored is released when the strategy's actual state is delivered.
    /// </summary>
    public void ClaimAdoption(StrategyEntry draft)
    {
        EnsureCanAdopt(draft.Id);
        var i = State.Strategies.FindIndex(s => s.Id == draft.Id);
        if (i < 0 && State.Strategies.Count >= StrategyLimits.MaxStrategiesPerKommune)
            throw DomainException.Validation("strategies", $"A kommune has at most {StrategyLimits.MaxStrategiesPerKommune} strategies.");
        var claimed = draft with { Status = StrategyStatus.Adopted };
        if (i < 0)
            State.Strategies.Add(claimed);
        else
            State.Strategies[i] = claimed with { Version = Math.Max(State.Strategies[i].Version, draft.Version) };
    }

    /// <summary>Records a strategy's current entry; an entry older than the one tracked (by version) changes nothing.</summary>
    public bool Track(StrategyEntry entry)
    {
        var i = State.Strategies.FindIndex(s => s.Id == entry.Id);
        if (i >= 0 && State.Strategies[i].Version > entry.Version)
            return false;
        if (i < 0 && State.Strategies.Count >= StrategyLimits.MaxStrategiesPerKommune)
            throw DomainException.Validation("strategies", $"A kommune has at most {StrategyLimits.MaxStrategiesPerKommune} strategies.");
        if (i < 0)
            State.Strategies.Add(entry);
        else
            State.Strategies[i] = entry;
        return true;
    }
}
