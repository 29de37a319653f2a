using Kompass.Contracts;
using Kompass.Contracts.Analytics;
using Kompass.Contracts.Evaluations;
using Kompass.Contracts.Kommuner;
using Kompass.Domain.Analytics;
using Kompass.Domain.Evaluations;
using Kompass.Domain.Frameworks;
using Kompass.Domain.Kommuner;
using Kompass.Domain.Tenancy;
using Kompass.Grains.Analytics;
using Kompass.Storage;
using Kompass.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kompass.Grains.Tests;

/// <summary>A cluster of its own per test class: the analytics grain holds every result of its cluster, and these tests count them.</summary>
public sealed class AnalyticsClusterFixture : KompassClusterFixture
{
    protected override Task<KompassTestClusterOptions> StorageAsync() =>
        Task.FromResult(new KompassTestClusterOptions { Provider = KompassStorageProvider.Memory });
}

/// <summary>The analytics grain follows publications, amendments, imports and offboarding through the evaluations' outboxes.</summary>
public sealed class AnalyticsGrainTests(AnalyticsClusterFixture fixture) : IClassFixture<AnalyticsClusterFixture>
{
    private static readonly FrameworkCatalogue Catalogue = FrameworkCatalogue.LoadDirectory(FrameworkCatalogue.DefaultDirectory);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private IGrainFactory Grains => fixture.Client;
    private IAnalyticsGrain Analytics => Grains.GetGrain<IAnalyticsGrain>(IAnalyticsGrain.Key);

    internal static async Task<EvaluationView> Import(IGrainFactory grains, string kommuneId, DateOnly on, string version, int? areaScore, int? total = null)
    {
        var kommune = grains.GetGrain<IKommuneGrain>(kommuneId);
        if (await kommune.Get() is null)
            await kommune.Register(new RegisterKommune(kommuneId));
        var id = await kommune.ReserveEvaluationId(on.Year);
        AreaScoreInput[] areas = areaScore is { } s ? [.. Catalogue.Get(version).Areas.Select(a => new AreaScoreInput(a.Code, s))] : [];
        return await grains.GetGrain<IEvaluationGrain>(id).Import(new ImportHistoricalResult(kommuneId, version, on, areas, total, "analytics test"));
    }

    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Not within {Patience}: {what}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Publishing_amending_and_importing_update_the_statistics_counting_each_kommune_once_with_its_latest_result()
    {
        // Sweden, 2010: one kommune evaluated twice, one once; only the latest of each counts.
        await Import(Grains, "SE-0114", new DateOnly(2012, 5, 1), "2010", 40);
        var later = await Import(Grains, "SE-0114", new DateOnly(2016, 5, 1), "2010", 60);
        var other = await Import(Grains, "SE-0115", new DateOnly(2014, 5, 1), "2010", 50);
        var scope = new AnalyticsScope("2010", "SE");
        await Eventually(async () => (await Analytics.Benchmark(scope)).Kommuner == 2, "both Swedish kommuner are counted");

        var benchmark = await Analytics.Benchmark(scope);
        Assert.Equal(3, benchmark.Results);
        Assert.Equal(new SummaryView(2, 440m, 440m, 420m, 460m, 400, 480, 40m), benchmark.Total); // totals 480 and 400
        Assert.Equal(1, benchmark.Histogram.Single(h => h.Lower == 400).Count);
        Assert.Equal(1, benchmark.Histogram.Single(h => h.Lower == 450).Count);

        // Until 2015 the kommune counts with its 2012 result.
        var early = await Analytics.Benchmark(scope with { To = new DateOnly(2015, 12, 31) });
        Assert.Equal(new SummaryView(2, 360m, 360m, 340m, 380m, 320, 400, 40m), early.Total);

        var rank = await Analytics.RankOf(later.Id);
        Assert.Equal(new RankView(later.Id, null, 480, 1, 100m, 2), rank);

        // An amendment reaches the analytics: the other kommune's total goes from 400 to 450.
        await Grains.GetGrain<IEvaluationGrain>(other.Id).Amend(new AmendEvaluation(other.Id, "misread report", [], [new AreaScoreInput("1", 100)]));
        await Eventually(async () => (await Analytics.Benchmark(scope)).Total.Min == 450, "the amended total is counted");
        var ranking = await Analytics.Ranking(new RankingQuery(scope));
        Assert.Equal(["SE-0114", "SE-0115"], ranking.Rows.Select(r => r.KommuneId));
        Assert.Equal([1, 2], ranking.Rows.Select(r => r.Rank));
        Assert.Equal("Upplands Väsby", ranking.Rows[0].Name);

        var improvers = await Analytics.Improvers(new ImproversQuery(scope, First: 5));
        var step = Assert.Single(improvers);
        Assert.Equal(("SE-0114", 160), (step.KommuneId, step.Gain)); // 320 in 2012, 480 in 2016
    }

    [Fact]
    public async Task A_scored_evaluation_counts_when_published_and_not_as_a_draft()
    {
        var kommune = Grains.GetGrain<IKommuneGrain>("NO-3201");
        await kommune.Register(new RegisterKommune("NO-3201"));
        var id = await kommune.ReserveEvaluationId(2026);
        var grain = Grains.GetGrain<IEvaluationGrain>(id);
        var opened = await grain.Open(new OpenEvaluation("NO-3201", "2020", new DateOnly(2026, 2, 1), ["KS-Konsulent"]));
        var rated = await grain.Rate(new RateScoringPoints(id, EvaluationGrainTests.RateAll(Catalogue.Get("2020"), 3, 3, 2)));
        Assert.Null(await Analytics.RankOf(id));
        Assert.Empty((await Analytics.Trend("NO-3201")).Points);

        await grain.Publish(new PublishEvaluation(id, rated.Version));
        await Eventually(async () => await Analytics.RankOf(id) is not null, "the published evaluation is ranked");
        var point = Assert.Single((await Analytics.Trend("NO-3201")).Points);
        Assert.Equal((id, 536), (point.EvaluationId, point.Total));
        Assert.Null(opened.Total);
    }

    [Fact]
    public async Task Offboarding_takes_the_kommunes_results_out_and_a_late_delivery_cannot_bring_them_back()
    {
        await Import(Grains, "NO-4201", new DateOnly(2019, 3, 1), "2020", 70);
        var second = await Import(Grains, "NO-4201", new DateOnly(2023, 3, 1), "2020", 75);
        await Import(Grains, "NO-4202", new DateOnly(2023, 3, 1), "2020", 65);
        await Eventually(async () => (await Analytics.Trend("NO-4201")).Points.Count == 2, "the kommune's two results are held");

        Assert.Equal(2, await Grains.GetGrain<IKommuneGrain>("NO-4201").Offboard());

        Assert.Empty((await Analytics.Trend("NO-4201")).Points);
        Assert.Null(await Analytics.RankOf(second.Id));
        var ranking = await Analytics.Ranking(new RankingQuery(new AnalyticsScope("2020", "NO"), First: 500));
        Assert.DoesNotContain(ranking.Rows, r => r.KommuneId == "NO-4201");
        Assert.Contains(ranking.Rows, r => r.KommuneId == "NO-4202");

        // Nothing of the kommune stays in the analytics' state, its evaluation ids included.
        var state = await StoredStateAsync();
        Assert.DoesNotContain("NO-4201", state);
        Assert.Contains("NO-4202", state);
    }

    /// <summary>The analytics' state as the storage provider holds it, snapshot and journal, as JSON.</summary>
    private async Task<string> StoredStateAsync()
    {
        var silo = fixture.Cluster.Silos[0].ServiceProvider;
        var storage = silo.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>(StateNames.Storage);
        var state = new GrainState<AnalyticsState>();
        await storage.ReadStateAsync(StateNames.Analytics, GrainId.Create("analytics", IAnalyticsGrain.Key), state);
        var journal = new GrainState<Kompass.Domain.Journal.JournalState<HeldResult>>();
        await storage.ReadStateAsync(StateNames.AnalyticsJournal, GrainId.Create("analytics", IAnalyticsGrain.Key), journal);
        return System.Text.Json.JsonSerializer.Serialize(state.State) + System.Text.Json.JsonSerializer.Serialize(journal.State);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("DK")]
    [InlineData("no")]
    public async Task A_country_other_than_NO_or_SE_is_a_validation_error_on_country(string country)
    {
        var benchmark = await Assert.ThrowsAsync<KompassError>(() => Analytics.Benchmark(new AnalyticsScope("2020", country)));
        Assert.Equal((ErrorCodes.Validation, "country"), (benchmark.Code, benchmark.Field));
        var means = await Assert.ThrowsAsync<KompassError>(() => Analytics.MeansBeside("2020", country));
        Assert.Equal((ErrorCodes.Validation, "country"), (means.Code, means.Field));
    }

    [Fact]
    public async Task Only_the_system_delivers_and_only_platform_admins_import_published_means()
    {
        var analyst = new Principal("analyst@ks.no", Role.Analyst);
        CallerContext.Principal = analyst;
        try
        {
            var apply = await Assert.ThrowsAsync<KompassError>(() => Analytics.Remove("NO-5027/eval/2023-1"));
            Assert.Equal(ErrorCodes.Forbidden, apply.Code);
            var import = await Assert.ThrowsAsync<KompassError>(() => Analytics.ImportPublishedMean(
                new ImportPublishedMean(2023, "2020", "NO", [], 470m, "KS")));
            Assert.Equal(ErrorCodes.Forbidden, import.Code);
            // Reading aggregates is every role's.
            Assert.Equal("2020", (await Analytics.Benchmark(new AnalyticsScope("2020"))).FrameworkVersion);
        }
        finally
        {
            RequestContext.Clear();
        }
    }
}

/// <summary>Rebuilding from the results the evaluation grains store gives the numbers incremental delivery gave.</summary>
public sealed class AnalyticsRebuildTests(AnalyticsClusterFixture fixture) : IClassFixture<AnalyticsClusterFixture>
{
    private static readonly FrameworkCatalogue Catalogue = FrameworkCatalogue.LoadDirectory(FrameworkCatalogue.DefaultDirectory);

    [Fact]
    public async Task A_rebuild_from_the_stored_results_equals_the_aggregate_kept_by_deliveries()
    {
        var grains = fixture.Client;
        var random = new Random(9);
        var kommuner = new[] { "NO-5027", "NO-5001", "NO-3301", "NO-1101", "SE-0114", "SE-0115", "SE-0180", "SE-1280" };
        var ids = new List<string>();
        foreach (var kommune in kommuner)
            for (var year = 2012; year <= 2024; year += random.Next(3, 6))
            {
                var version = year < 2020 && random.Next(2) == 0 ? "2010" : "2020";
                var imported = await AnalyticsGrainTests.Import(grains, kommune, new DateOnly(year, random.Next(1, 12), 1), version,
                    random.Next(30, 90), null);
                ids.Add(imported.Id);
            }
        // Amend a few (new versions of the same results) and offboard one kommune.
        foreach (var id in ids.Where((_, i) => i % 4 == 0))
            await grains.GetGrain<IEvaluationGrain>(id).Amend(new AmendEvaluation(id, "corrected", [], [new AreaScoreInput("2", random.Next(20, 100))]));
        await grains.GetGrain<IKommuneGrain>("NO-3301").Offboard();

        // What the evaluations store now, each at its version.
        var stored = new List<VersionedResult>();
        foreach (var id in ids)
            if (await grains.GetGrain<IEvaluationGrain>(id).Get() is { } view)
                stored.Add(new VersionedResult(new PublishedResult(view.Id, view.KommuneId, view.FrameworkVersion, view.EvaluatedOn,
                    view.AreaScores.Where(a => a.Score is not null).ToDictionary(a => a.Code, a => a.Score!.Value), view.Total, view.Version), view.Version));
        var rebuilt = ResultAggregate.Rebuild(stored, Catalogue);

        var analytics = grains.GetGrain<IAnalyticsGrain>(IAnalyticsGrain.Key);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        foreach (var version in new[] { "2010", "2020" })
            foreach (var country in new string?[] { "NO", "SE", null })
                foreach (var (from, to) in new (DateOnly?, DateOnly?)[] { (null, null), (new DateOnly(2015, 1, 1), new DateOnly(2020, 12, 31)) })
                {
                    var scope = new AnalyticsScope(version, country, from, to);
                    var expected = Numbers(rebuilt.Benchmark(version, country is null ? null : Enum.Parse<Country>(country), Period.Of(from, to)));
                    // Deliveries run after each command answered: wait until the last has arrived.
                    while (Numbers(await analytics.Benchmark(scope)) != expected && DateTime.UtcNow < deadline)
                        await Task.Delay(100);
                    Assert.Equal(expected, Numbers(await analytics.Benchmark(scope)));

                    var ranking = await analytics.Ranking(new RankingQuery(scope, First: 500));
                    var rebuiltRanking = rebuilt.Ranking(version, country is null ? null : Enum.Parse<Country>(country), Period.Of(from, to), Measure.Total);
                    Assert.Equal(rebuiltRanking.Rows.Select(r => (r.Rank, r.Percentile, r.KommuneId, r.EvaluationId, r.Value)),
                        ranking.Rows.Select(r => (r.Rank, r.Percentile, r.KommuneId, r.EvaluationId, r.Value)));
                }
        foreach (var kommune in kommuner)
        {
            var expected = Trends.Of(KommuneId.Parse(kommune), rebuilt.ResultsOf(KommuneId.Parse(kommune)), Catalogue);
            var trend = await analytics.Trend(kommune);
            Assert.Equal(expected.Points.Select(p => (p.EvaluationId, p.Total, p.TotalDelta, p.Caveat)),
                trend.Points.Select(p => (p.EvaluationId, p.Total, p.TotalDelta, p.Caveat)));
            Assert.Equal(expected.Caveat, trend.Caveat);
        }
        foreach (var id in ids)
            Assert.Equal(rebuilt.RankOf(id, Measure.Total)?.Rank, (await analytics.RankOf(id))?.Rank);
        Assert.Empty(rebuilt.ResultsOf(KommuneId.Parse("NO-3301")));
        Assert.Equal(7, rebuilt.Benchmark("2020", null, Period.AllTime).Kommuner); // the comparisons were over real data
    }

    // The same numbers of the domain's answer and the grain's view, written alike.
    private static string Numbers(BenchmarkStatistics b) =>
        $"{b.Kommuner}/{b.Results} total {Of(b.Total.Count, b.Total.Mean, b.Total.Median, b.Total.Q1, b.Total.Q3, b.Total.Min, b.Total.Max, b.Total.StandardDeviation)} " +
        string.Join(" ", b.Areas.Select(a => $"{a.Code}: {Of(a.Summary.Count, a.Summary.Mean, a.Summary.Median, a.Summary.Q1, a.Summary.Q3, a.Summary.Min, a.Summary.Max, a.Summary.StandardDeviation)}")) +
        " bars " + string.Join(",", b.Histogram.Select(h => h.Count));

    private static string Numbers(BenchmarkStatisticsView b) =>
        $"{b.Kommuner}/{b.Results} total {Of(b.Total.Count, b.Total.Mean, b.Total.Median, b.Total.Q1, b.Total.Q3, b.Total.Min, b.Total.Max, b.Total.StandardDeviation)} " +
        string.Join(" ", b.Areas.Select(a => $"{a.Code}: {Of(a.Summary.Count, a.Summary.Mean, a.Summary.Median, a.Summary.Q1, a.Summary.Q3, a.Summary.Min, a.Summary.Max, a.Summary.StandardDeviation)}")) +
        " bars " + string.Join(",", b.Histogram.Select(h => h.Count));

    private static string Of(int count, decimal? mean, decimal? median, decimal? q1, decimal? q3, int? min, int? max, decimal? sd) =>
        $"count {count} mean {mean} median {median} q {q1}-{q3} range {min}-{max} sd {sd}";
}

/// <summary>An existing store upgraded: results held before the analytics followed them are read in once, at start-up.</summary>
public sealed class AnalyticsBackfillTests(AnalyticsClusterFixture fixture) : IClassFixture<AnalyticsClusterFixture>
{
    [Fact]
    public async Task Results_the_analytics_never_heard_of_are_read_in_once_through_the_directory()
    {
        var grains = fixture.Client;
        var analytics = grains.GetGrain<IAnalyticsGrain>(IAnalyticsGrain.Key);
        var scope = new AnalyticsScope("2020", "NO");
        var imported = new[]
        {
            await AnalyticsGrainTests.Import(grains, "NO-4601", new DateOnly(2021, 3, 1), "2020", 60),
            await AnalyticsGrainTests.Import(grains, "NO-4601", new DateOnly(2024, 3, 1), "2020", 70),
            await AnalyticsGrainTests.Import(grains, "NO-1103", new DateOnly(2022, 3, 1), "2020", 50),
        };
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await analytics.Benchmark(scope)).Results < 3 && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        // As a store from before the analytics: they hold none of it.
        foreach (var evaluation in imported)
            await analytics.Remove(evaluation.Id);
        Assert.Equal(0, (await analytics.Benchmark(scope)).Results);

        Assert.Equal(3, await AnalyticsBackfill.RunAsync(grains));

        var benchmark = await analytics.Benchmark(scope);
        Assert.Equal((2, 3), (benchmark.Kommuner, benchmark.Results));
        Assert.Equal(480m, benchmark.Total.Mean); // 560 (NO-4601's latest) and 400
        Assert.True(await analytics.IsBackfilled());
        Assert.Equal(0, await AnalyticsBackfill.RunAsync(grains)); // once per store

        // A directory entry that lists an older latest result (or none) is sent again; one that is current is left alone.
        async Task<DirectoryEntryView> Listed() => (await grains.GetGrain<IKommuneDirectoryGrain>("NO").List(500, null)).Items.Single(e => e.Id == "NO-4601");
        var current = await Listed();
        Assert.Equal((imported[1].Id, (int?)560), (current.LatestResult!.EvaluationId, current.LatestResult.Total));
        await grains.GetGrain<IKommuneGrain>("NO-4601").RefreshDirectory(current.LatestResult);
        Assert.Equal(current.Version, (await Listed()).Version);
        await grains.GetGrain<IKommuneGrain>("NO-4601").RefreshDirectory(null);
        deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await Listed()).Version == current.Version && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        Assert.Equal(current with { Version = current.Version + 1 }, await Listed());
    }
}
