using Kompass.Contracts.Analytics;
using Kompass.Contracts.Kommuner;
using Kompass.Domain;
using Kompass.Domain.Analytics;
using Kompass.Domain.Frameworks;
using Kompass.Domain.Journal;
using Kompass.Domain.Kommuner;
using Kompass.Grains.Journal;
using Orleans.Concurrency;

namespace Kompass.Grains.Analytics;

/// <summary>
/// Every published and imported result as <see cref="ResultAggregate"/> keeps it (key <c>all</c>), followed
/// through the evaluations' outboxes. Reentrant, so that a read never waits for a write's storage round trip:
/// every change and every read runs within one turn (the aggregate is not thread-safe, and needs not be), and
/// the writes go out one at a time, a burst of changes in one (<see cref="CoalescedWrites"/>). A change writes
/// the evaluations it touched to the journal, the whole state only every so many (<see cref="SnapshotJournal{TState, TRecord}"/>);
/// published means and the backfill's batches write a snapshot. A read may so see a delivered change a moment
/// before it is stored here; it was stored by its evaluation first, which delivers it again if this write fails.
/// </summary>
[Reentrant]
public sealed class AnalyticsGrain : Grain, IAnalyticsGrain, IAuthorizedGrain
{
    private readonly SnapshotJournal<AnalyticsState, HeldResult> _state;
    private readonly FrameworkCatalogue _catalogue;
    private readonly KommuneReference _reference;
    private readonly CoalescedWrites _writes;
    private ResultAggregate? _aggregate;

    public AnalyticsGrain(
        [PersistentState(StateNames.Analytics, StateNames.Storage)] IPersistentState<AnalyticsState> state,
        [PersistentState(StateNames.AnalyticsJournal, StateNames.Storage)] IPersistentState<JournalState<HeldResult>> journal,
        FrameworkCatalogue catalogue,
        KommuneReference reference)
    {
        _state = new SnapshotJournal<AnalyticsState, HeldResult>(this, state, journal, reloaded: () => _aggregate = null);
        _catalogue = catalogue;
        _reference = reference;
        _writes = new CoalescedWrites(_state.WriteAsync);
    }

    /// <summary>The aggregate over the state held now: a failed write reads the state back into a new object, and the indexes follow it.</summary>
    private ResultAggregate Aggregate =>
        _aggregate is { } a && ReferenceEquals(a.State, _state.State) ? a : _aggregate = new ResultAggregate(_state.State, _catalogue);

    public void Authorize(Principal caller, string method) => Access.Demand(method switch
    {
        nameof(Apply) or nameof(Remove) or nameof(IsBackfilled) or nameof(Backfill) => caller.Role == Role.System,
        nameof(ImportPublishedMean) => Access.MayImportResults(caller),
        // Aggregates and trends of published results only: every role.
        nameof(Benchmark) or nameof(Ranking) or nameof(RankOf) or nameof(Improvers) or nameof(Peers) or nameof(Trend)
            or nameof(MeansBeside) or nameof(ExportCsv) or nameof(ExportTrendCsv) => true,
        _ => false,
    }, caller, $"call {method} on the analytics");

    public Task Apply(ResultMessage result) =>
        Aggregate.Apply(result.ToDomain(), result.Version) ? Changed(result.EvaluationId) : Task.CompletedTask;

    public Task Remove(string evaluationId) =>
        Aggregate.Forget(evaluationId) ? Changed(evaluationId) : Task.CompletedTask;

    private Task Changed(string evaluationId)
    {
        _state.Changed(evaluationId);
        return _writes.WriteAsync();
    }

    public Task<bool> IsBackfilled() => Task.FromResult(_state.State.Backfilled);

    public Task Backfill(IReadOnlyList<ResultMessage> results, bool done)
    {
        var changed = false;
        foreach (var result in results)
            if (Aggregate.Apply(result.ToDomain(), result.Version))
            {
                // Journaled too, so that a journal older than this snapshot never holds an older record of them.
                _state.Changed(result.EvaluationId);
                changed = true;
            }
        if (done && !_state.State.Backfilled)
            changed = _state.State.Backfilled = true;
        if (!changed)
            return Task.CompletedTask;
        _state.AskSnapshot();
        return _writes.WriteAsync();
    }

    public async Task<PublishedMeanView> ImportPublishedMean(ImportPublishedMean command)
    {
        ImportPublishedMeanValidator.Instance.EnsureValid(command);
        var mean = command.ToMean();
        Aggregate.RecordPublishedMean(mean);
        _state.AskSnapshot(); // the journal carries results only
        await _writes.WriteAsync();
        return mean.ToView();
    }

    public Task<BenchmarkStatisticsView> Benchmark(AnalyticsScope scope) => Task.FromResult(Statistics(scope).ToView());

    public Task<RankingPage> Ranking(RankingQuery query)
    {
        RankingQueryValidator.Instance.EnsureValid(query);
        var ranking = RankingOf(query.Scope, query.Area);
        // Rows are in ranking order: a row's position, zero-padded, is its cursor key.
        var page = Paging.Slice(Enumerable.Range(0, ranking.Rows.Count).ToList(), i => i.ToString("D6"), query.First, query.After);
        var scope = query.Scope;
        return Task.FromResult(new RankingPage(ranking.FrameworkVersion, scope.Country, scope.From, scope.To, query.Area,
            [.. page.Items.Select(i => ranking.Rows[i].ToView(_reference))], page.Cursors, page.TotalCount, page.HasNextPage, ranking.WithoutValue, page.HasPreviousPage));
    }

    public Task<RankView?> RankOf(string evaluationId, string? area) =>
        Task.FromResult(Aggregate.RankOf(evaluationId, AnalyticsMapping.MeasureOf(area))?.ToView());

    public Task<IReadOnlyList<ImprovementView>> Improvers(ImproversQuery query)
    {
        AnalyticsScopeValidator.Instance.EnsureValid(query.Scope);
        ImproversQueryValidator.Instance.EnsureValid(query);
        var s = query.Scope;
        var steps = Aggregate.Improvers(s.FrameworkVersion, AnalyticsMapping.CountryOf(s.Country), s.PeriodOf(), AnalyticsMapping.MeasureOf(query.Area), query.First);
        return Task.FromResult<IReadOnlyList<ImprovementView>>([.. steps.Select(i => i.ToView(_reference))]);
    }

    public Task<PeersView> Peers(PeersQuery query)
    {
        PeersQueryValidator.Instance.EnsureValid(query);
        return Task.FromResult(Aggregate.Peers(KommuneId.Parse(query.KommuneId), query.FrameworkVersion, _reference, query.SameCounty).ToView());
    }

    public Task<TrendView> Trend(string kommuneId, string? frameworkVersion) => Task.FromResult(TrendOf(kommuneId, frameworkVersion).ToView());

    public Task<MeanComparisonView> MeansBeside(string frameworkVersion, string country, int? year)
    {
        if (!Countries.IsKnown(country))
            throw DomainException.Validation("country", $"'{country}' is not a country: NO or SE.");
        AnalyticsScopeValidator.Instance.EnsureValid(new AnalyticsScope(frameworkVersion, country));
        return Task.FromResult(Aggregate.MeansBeside(frameworkVersion, Enum.Parse<Country>(country), year).ToView());
    }

    public Task<string> ExportCsv(AnalyticsExportKind kind, AnalyticsScope scope, string? area)
    {
        using var csv = new StringWriter();
        switch (kind)
        {
            case AnalyticsExportKind.Benchmark:
                AnalyticsCsv.WriteBenchmark(csv, Statistics(scope));
                break;
            case AnalyticsExportKind.Histogram:
                AnalyticsCsv.WriteHistogram(csv, Statistics(scope));
                break;
            case AnalyticsExportKind.Ranking:
                AnalyticsCsv.WriteRanking(csv, RankingOf(scope, area), _reference);
                break;
            default:
                throw DomainException.Validation("kind", $"Unknown export '{kind}'.");
        }
        return Task.FromResult(csv.ToString());
    }

    public Task<string> ExportTrendCsv(string kommuneId, string? frameworkVersion)
    {
        using var csv = new StringWriter();
        AnalyticsCsv.WriteTrend(csv, TrendOf(kommuneId, frameworkVersion));
        return Task.FromResult(csv.ToString());
    }

    private BenchmarkStatistics Statistics(AnalyticsScope scope)
    {
        AnalyticsScopeValidator.Instance.EnsureValid(scope);
        return Aggregate.Benchmark(scope.FrameworkVersion, AnalyticsMapping.CountryOf(scope.Country), scope.PeriodOf());
    }

    private Ranking RankingOf(AnalyticsScope scope, string? area)
    {
        AnalyticsScopeValidator.Instance.EnsureValid(scope);
        return Aggregate.Ranking(scope.FrameworkVersion, AnalyticsMapping.CountryOf(scope.Country), scope.PeriodOf(), AnalyticsMapping.MeasureOf(area));
    }

    private KommuneTrend TrendOf(string kommuneId, string? frameworkVersion)
    {
        if (!KommuneId.TryParse(kommuneId, out var kommune))
            throw DomainException.Validation("kommuneId", $"'{kommuneId}' is not a kommune id: expected country and 4-digit number, e.g. NO-5027.");
        return Trends.Of(kommune, Aggregate.ResultsOf(kommune), _catalogue, frameworkVersion);
    }
}
