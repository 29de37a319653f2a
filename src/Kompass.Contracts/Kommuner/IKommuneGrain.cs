using Orleans.Concurrency;

namespace Kompass.Contracts.Kommuner;

/// <summary>A municipality, keyed by country and official number: <c>NO-5027</c>, <c>SE-0115</c>.</summary>
public interface IKommuneGrain : IGrainWithStringKey
{
    Task<KommuneView> Register(RegisterKommune command);

    /// <summary>The kommune, or null when it is not registered.</summary>
    [ReadOnly]
    Task<KommuneView?> Get();

    /// <summary>Hands out the next evaluation id for the year, e.g. <c>NO-5027/eval/2023-2</c>.</summary>
    Task<string> ReserveEvaluationId(int year);

    /// <summary>Called by an evaluation when it is opened, published or amended. Idempotent.</summary>
    Task Track(EvaluationEntryView entry);

    /// <summary>
    /// Removes the kommune and everything it holds: its evaluations (and their results from the benchmarks),
    /// its directory entry and its own state. Idempotent: run again after a failure, it finishes the job.
    /// Returns how many evaluations were removed.
    /// </summary>
    Task<int> Offboard();
    /// <summary>Hands out the next strategy id for the year, e.g. <c>NO-5034/strategy/2023-1</c> (a retried request gets the same).</summary>
    Task<string> ReserveStrategyId(int year);

    /// <summary>A new secret token for the kommune's calendar feed URL (its leaders); the old URL stops working.</summary>
    Task<KommuneView> RotateCalendarFeedToken(RotateCalendarFeedToken command);

    /// <summary>The system: sends the directory its entry again when it lists an older latest result (a store from before the directory held them).</summary>
    Task RefreshDirectory(LatestResultView? listed);

    /// <summary>Takes the kommune's one ADOPTED place for this strategy (CONFLICT naming the adopted one); idempotent for the same strategy.</summary>
    Task ClaimAdoption(Strategies.StrategyEntryView draft);

    /// <summary>Called by a strategy after every change; an older entry is ignored. A new strategy is owed the kommune's published results.</summary>
    Task TrackStrategy(Strategies.StrategyEntryView entry);

    /// <summary>The kommune's strategies, oldest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<Strategies.StrategyEntryView>> Strategies();
}

/// <summary>The registered kommuner of one country (key <c>NO</c> or <c>SE</c>), for listing without fan-out.</summary>
public interface IKommuneDirectoryGrain : IGrainWithStringKey
{
    Task Add(DirectoryEntryView entry);

    /// <summary>A page in number order, answered from the entries alone (read-only: pages do not queue behind each other).</summary>
    [ReadOnly]
    Task<DirectoryPage> List(int first, string? after);

    /// <summary>Unlists an offboarded kommune. Idempotent.</summary>
    Task Remove(string kommuneId);
}
