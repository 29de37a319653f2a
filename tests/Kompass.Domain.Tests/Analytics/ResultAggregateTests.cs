using System.Text.Json;
using Kompass.Domain.Analytics;
using Kompass.Domain.Evaluations;
using Kompass.Domain.Kommuner;
using static Kompass.Domain.Tests.Analytics.AnalyticsFixtures;

namespace Kompass.Domain.Tests.Analytics;

/// <summary>Writes by events (idempotent, ordered by the sender's version) and the latest-per-kommune benchmark.</summary>
public sealed class ResultAggregateTests
{
    private static BenchmarkStatistics AllTime(ResultAggregate a, Country? country = Country.NO) =>
        a.Benchmark("2020", country, Period.AllTime);

    [Fact]
    public void A_kommune_counts_once_with_its_latest_result()
    {
        var a = With(R("NO-5027", 2015, 400), R("NO-5027", 2023, 500), R("NO-5034", 2022, 300));

        var b = AllTime(a);
        Assert.Equal(2, b.Kommuner);
        Assert.Equal(3, b.Results);
        Assert.Equal(400m, b.Total.Mean); // (500 + 300) / 2, not (400 + 500 + 300) / 3
        Assert.Equal(2, b.Total.Count);
    }

    [Fact]
    public void The_latest_result_within_the_period_stands_for_the_kommune()
    {
        var a = With(R("NO-5027", 2015, 400), R("NO-5027", 2023, 500), R("NO-5034", 2022, 300));

        var until2020 = a.Benchmark("2020", Country.NO, Period.Of(null, new DateOnly(2020, 12, 31)));
        Assert.Equal(1, until2020.Kommuner);
        Assert.Equal(400, until2020.Total.Max);

        var from2022 = a.Benchmark("2020", Country.NO, Period.Of(new DateOnly(2022, 1, 1), null));
        Assert.Equal(800m / 2, from2022.Total.Mean);

        var onlyThe2015s = a.Benchmark("2020", Country.NO, Period.Of(new DateOnly(2015, 1, 1), new DateOnly(2015, 1, 1)));
        Assert.Equal(1, onlyThe2015s.Kommuner);

        var nothing = a.Benchmark("2020", Country.NO, Period.Of(new DateOnly(2030, 1, 1), null));
        Assert.Equal(0, nothing.Kommuner);
        Assert.Equal(Summary.Empty, nothing.Total);
        Assert.All(nothing.Areas, x => Assert.Equal(0, x.Summary.Count));
    }

    [Fact]
    public void Two_results_on_the_same_day_are_ordered_by_their_ids()
    {
        var day = new DateOnly(2023, 5, 1);
        var a = With(
            R("NO-5027", day, 600) with { EvaluationId = "NO-5027/eval/2023-10" },
            R("NO-5027", day, 500) with { EvaluationId = "NO-5027/eval/2023-2" });

        Assert.Equal(600, AllTime(a).Total.Max); // 2023-10 was handed out after 2023-2
    }

    [Fact]
    public void Both_countries_together_and_each_apart()
    {
        var a = With(R("NO-5027", 2023, 500), R("SE-0115", 2023, 300), R("SE-0180", 2022, 400));

        Assert.Equal(1, AllTime(a, Country.NO).Kommuner);
        Assert.Equal(350m, AllTime(a, Country.SE).Total.Mean);
        var both = AllTime(a, null);
        Assert.Null(both.Country);
        Assert.Equal(3, both.Kommuner);
        Assert.Equal(400m, both.Total.Mean);
    }

    [Fact]
    public void Areas_count_the_latest_results_that_score_them()
    {
        var a = With(
            R("NO-5027", 2023, null, ("1", 62), ("4", 68)),
            R("NO-5034", 2022, 500),
            R("NO-1804", 2021, null, ("1", 70)));

        var b = AllTime(a);
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "8"], b.Areas.Select(x => x.Code));
        Assert.Equal(new Summary(2, 66m, 66m, 64m, 68m, 62, 70, 4m), b.Areas[0].Summary);
        Assert.Equal(1, b.Areas[3].Summary.Count);
        Assert.Equal(0, b.Areas[1].Summary.Count);
        Assert.Equal("Offentlighet og demokrati", b.Areas[0].Name.Nb);
        Assert.Equal(1, b.Total.Count);
        Assert.Equal(1, b.Histogram.Single(h => h.Lower == 500).Count);
    }

    [Fact]
    public void Versions_are_kept_apart()
    {
        var a = With(R("NO-5027", 2023, 500), R("NO-5027", 2015, 300) with { FrameworkVersion = "2010" });

        Assert.Equal(500, AllTime(a).Total.Max);
        Assert.Equal(300, a.Benchmark("2010", Country.NO, Period.AllTime).Total.Max);
    }

    [Fact]
    public void The_same_message_twice_changes_nothing()
    {
        var a = NewAggregate();
        Assert.True(a.Apply(R("NO-5027", 2023, 500), 3));
        var before = JsonSerializer.Serialize(a.State);

        Assert.False(a.Apply(R("NO-5027", 2023, 500), 3));
        Assert.Equal(before, JsonSerializer.Serialize(a.State));
        Assert.Equal(1, AllTime(a).Kommuner);
    }

    [Fact]
    public void An_older_message_is_ignored_and_a_newer_one_replaces()
    {
        var a = NewAggregate();
        a.Apply(R("NO-5027", 2023, 500), 3);

        Assert.False(a.Apply(R("NO-5027", 2023, 400), 2));
        Assert.Equal(500, AllTime(a).Total.Max);

        Assert.True(a.Apply(R("NO-5027", 2023, 450), 4));
        Assert.Equal(450, AllTime(a).Total.Max);
        Assert.Equal(1, AllTime(a).Results);
    }

    [Fact]
    public void A_removed_result_leaves_every_answer_and_a_late_older_message_does_not_bring_it_back()
    {
        var a = With(R("NO-5027", 2015, 400), R("NO-5027", 2023, 500));
        _ = AllTime(a); // cache the all-time answer first

        Assert.True(a.Remove("NO-5027/eval/2023-1", 2));
        Assert.Equal(400, AllTime(a).Total.Max);

        Assert.False(a.Apply(R("NO-5027", 2023, 500), 1));
        Assert.Equal(400, AllTime(a).Total.Max);
        Assert.Null(a.RankOf("NO-5027/eval/2023-1", Measure.Total));

        Assert.True(a.Apply(R("NO-5027", 2023, 510), 3)); // restored by a newer message
        Assert.Equal(510, AllTime(a).Total.Max);
    }

    [Fact]
    public void A_forgotten_result_leaves_every_answer_and_the_state_keeps_nothing_of_it()
    {
        var a = With(R("NO-5027", 2015, 400), R("NO-5027", 2023, 500), R("NO-5034", 2023, 450));
        _ = AllTime(a);
        Assert.True(a.Remove("NO-5027/eval/2015-1", 2)); // a tombstone is forgotten too

        Assert.True(a.Forget("NO-5027/eval/2023-1"));
        Assert.True(a.Forget("NO-5027/eval/2015-1"));
        Assert.False(a.Forget("NO-5027/eval/2015-1"));

        Assert.Equal(["NO-5034/eval/2023-1"], a.State.Results.Keys);
        Assert.Equal(1, AllTime(a).Kommuner);
        Assert.Empty(a.ResultsOf(KommuneId.Parse("NO-5027")));
        // The id may be handed out again (the kommune registered anew): its first result counts.
        Assert.True(a.Apply(R("NO-5027", 2023, 300), 1));
        Assert.Equal(300, AllTime(a).Total.Min);
    }

    [Fact]
    public void A_removal_that_arrives_first_still_wins_over_the_older_publication()
    {
        var a = NewAggregate();
        Assert.True(a.Remove("NO-5027/eval/2023-1", 5));
        Assert.False(a.Apply(R("NO-5027", 2023, 500), 4));
        Assert.Equal(0, AllTime(a).Kommuner);
    }

    [Fact]
    public void A_cached_answer_follows_every_write()
    {
        var a = With(R("NO-5027", 2023, 500));
        Assert.Equal(500m, AllTime(a).Total.Mean);
        Assert.Equal(500m, AllTime(a, null).Total.Mean);

        a.Apply(R("NO-5034", 2022, 300), 1);
        Assert.Equal(400m, AllTime(a).Total.Mean);
        Assert.Equal(400m, AllTime(a, null).Total.Mean);

        a.Apply(R("NO-5027", 2023, 700), 2);
        Assert.Equal(500m, AllTime(a).Total.Mean);
    }

    [Fact]
    public void A_cached_period_answer_follows_every_write_too()
    {
        var period = Period.Of(new DateOnly(2020, 1, 1), new DateOnly(2023, 12, 31));
        var a = With(R("NO-5027", 2023, 500));
        Assert.Equal(1, a.Benchmark("2020", Country.NO, period).Kommuner);
        Assert.Same(a.Benchmark("2020", Country.NO, period), a.Benchmark("2020", Country.NO, Period.Of(new DateOnly(2020, 1, 1), new DateOnly(2023, 12, 31))));

        a.Apply(R("NO-5034", 2022, 300), 1);
        Assert.Equal(2, a.Benchmark("2020", Country.NO, period).Kommuner);
        a.Apply(R("SE-0115", 2022, 300), 1);
        Assert.Equal(3, a.Benchmark("2020", null, period).Kommuner);

        for (var year = 1980; year < 2020; year++) // more periods than are kept: the oldest go, answers stay right
            Assert.Equal(0, a.Benchmark("2020", Country.NO, Period.Of(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31))).Kommuner);
        Assert.Equal(2, a.Benchmark("2020", Country.NO, period).Kommuner);
    }

    [Fact]
    public void A_changed_version_or_date_moves_the_result()
    {
        var a = With(R("NO-5027", 2015, 400), R("NO-5027", 2023, 500));
        a.Apply(R("NO-5027", 2023, 500) with { EvaluatedOn = new DateOnly(2010, 1, 1) }, 2);
        Assert.Equal(400, AllTime(a).Total.Max);

        a.Apply(R("NO-5027", 2023, 500) with { FrameworkVersion = "2010" }, 3);
        Assert.Equal(1, AllTime(a).Results);
        Assert.Equal(1, a.Benchmark("2010", Country.NO, Period.AllTime).Results);
    }

    [Fact]
    public void The_aggregate_keeps_its_own_copy_of_the_area_scores()
    {
        var areas = new Dictionary<string, int> { ["1"] = 60 };
        var a = NewAggregate();
        a.Apply(new PublishedResult("NO-5027/eval/2023-1", "NO-5027", "2020", new DateOnly(2023, 1, 1), areas, null), 1);
        areas["1"] = 10;
        Assert.Equal(60, AllTime(a).Areas[0].Summary.Max);
    }

    [Fact]
    public void A_result_under_another_kommunes_id_is_rejected()
    {
        var ex = Assert.Throws<DomainException>(() =>
            NewAggregate().Apply(R("NO-5027", 2023, 500) with { KommuneId = "NO-5034" }, 1));
        Assert.Equal("evaluationId", ex.Field);
    }

    [Theory]
    [InlineData("2030", 500, "frameworkVersion")]
    [InlineData("2020", 900, "total")]
    public void A_result_that_breaks_the_rules_of_a_published_one_is_rejected_and_changes_nothing(string version, int? total, string field)
    {
        var a = With(R("NO-5034", 2022, 300));
        var before = JsonSerializer.Serialize(a.State);

        var ex = Assert.Throws<DomainException>(() => a.Apply(R("NO-5027", 2023, total) with { FrameworkVersion = version }, 1));

        Assert.Equal(field, ex.Field);
        Assert.Equal(before, JsonSerializer.Serialize(a.State));
        Assert.Equal(300, AllTime(a).Total.Max);
    }

    [Fact]
    public void A_kommune_holds_at_most_the_limit_of_results()
    {
        var a = NewAggregate();
        for (var i = 1; i <= ResultAggregate.MaxEntriesPerKommune; i++)
            a.Apply(R("NO-5027", 2023, 500) with { EvaluationId = $"NO-5027/eval/2023-{i}" }, 1);

        var ex = Assert.Throws<DomainException>(() =>
            a.Apply(R("NO-5027", 2023, 500) with { EvaluationId = "NO-5027/eval/2024-1" }, 1));
        Assert.Equal("evaluationId", ex.Field);
        Assert.True(a.Apply(R("NO-5027", 2023, 501) with { EvaluationId = "NO-5027/eval/2023-1" }, 2)); // known ones still change
        Assert.True(a.Apply(R("NO-5034", 2023, 500), 1)); // other kommuner are not affected
    }

    [Fact]
    public void The_aggregate_holds_at_most_the_limit_of_results_in_all()
    {
        var a = NewAggregate();
        var kommune = 0;
        while (a.State.Results.Count < ResultAggregate.MaxEntries)
        {
            var id = $"SE-{kommune++:0000}";
            for (var i = 1; i <= ResultAggregate.MaxEntriesPerKommune && a.State.Results.Count < ResultAggregate.MaxEntries; i++)
                a.Remove($"{id}/eval/2020-{i}", 1); // tombstones count too, and they are the cheapest to make
        }

        Assert.Equal("evaluationId", Assert.Throws<DomainException>(() => a.Apply(R("NO-5027", 2023, 500), 1)).Field);
        Assert.True(a.Apply(R("SE-0000", 2020, 500), 2)); // a held evaluation can still change
    }

    [Fact]
    public void An_unknown_version_and_an_area_not_in_the_version_are_validation_errors()
    {
        var a = With(R("NO-5027", 2023, 500));
        Assert.Equal("frameworkVersion", Assert.Throws<DomainException>(() => a.Benchmark("2030", Country.NO, Period.AllTime)).Field);
        Assert.Equal("area", Assert.Throws<DomainException>(() => a.Ranking("2020", Country.NO, Period.AllTime, Measure.Area("9"))).Field);
    }

    [Fact]
    public void From_after_to_is_a_validation_error()
    {
        var ex = Assert.Throws<DomainException>(() => Period.Of(new DateOnly(2024, 1, 1), new DateOnly(2023, 1, 1)));
        Assert.Equal("from", ex.Field);
        Assert.Same(Period.AllTime, Period.Of(null, null));
    }

    [Fact]
    public void The_state_read_back_from_json_answers_the_same()
    {
        var a = With(R("NO-5027", 2015, 400, ("1", 50)), R("NO-5027", 2023, 500, ("1", 60)), R("SE-0115", 2022, 300));
        a.Remove("NO-5034/eval/2022-1", 1);
        a.RecordPublishedMean(new PublishedMean(2023, "2020", Country.NO, new Dictionary<string, decimal> { ["1"] = 57.1m }, 452.4m, "KS 2023"));

        // as the grain storage writes state: web names, enums by name
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
        var json = JsonSerializer.Serialize(a.State, options);
        var back = new ResultAggregate(JsonSerializer.Deserialize<AnalyticsState>(json, options)!, Catalogue);

        Assert.Equal(Describe(a), Describe(back));
        Assert.Equal(JsonSerializer.Serialize(a.MeansBeside("2020", Country.NO, null)), JsonSerializer.Serialize(back.MeansBeside("2020", Country.NO, null)));
        Assert.Contains("\"country\":\"NO\"", json);
        Assert.False(back.Apply(R("NO-5034", 2022, 1), 1)); // the removal's version survived
    }

    [Fact]
    public void A_rebuild_from_the_stored_results_equals_the_incremental_state()
    {
        var random = new Random(20231);
        var kommuner = Enumerable.Range(0, 40).Select(i => i % 4 == 0 ? $"SE-{1000 + i}" : $"NO-{3000 + i}").ToList();
        var stored = new Dictionary<string, VersionedResult?>(); // what the evaluation grains hold at the end
        var messages = new List<Action<ResultAggregate>>();

        for (var step = 0; step < 600; step++)
        {
            var kommune = kommuner[random.Next(kommuner.Count)];
            var id = $"{kommune}/eval/{2010 + random.Next(14)}-{1 + random.Next(2)}";
            var version = stored.TryGetValue(id, out var held) ? (held?.Version ?? step) + 1 : 1;
            if (held is not null && random.Next(6) == 0)
            {
                stored[id] = null;
                messages.Add(x => x.Remove(id, version));
                continue;
            }
            var areas = Enumerable.Range(1, 8).Where(_ => random.Next(3) > 0).ToDictionary(a => $"{a}", _ => random.Next(101));
            var total = random.Next(4) == 0 ? (int?)null : areas.Values.Sum() + (8 - areas.Count) * random.Next(101);
            var result = new PublishedResult(id, kommune, random.Next(5) == 0 ? "2010" : "2020",
                new DateOnly(int.Parse(id.Split('/')[2][..4]), 1 + random.Next(12), 1), areas, total);
            stored[id] = new VersionedResult(result, version);
            messages.Add(x => x.Apply(result, version));
        }

        // delivered out of order, a third of them twice: the versions sort it out
        var incremental = NewAggregate();
        foreach (var deliver in messages.Concat(messages.Where((_, i) => i % 3 == 0)).OrderBy(_ => random.Next()))
            deliver(incremental);

        var rebuilt = ResultAggregate.Rebuild(stored.Values.OfType<VersionedResult>(), Catalogue);

        Assert.Equal(Describe(rebuilt), Describe(incremental));
        // the same results at the same versions; the incremental state also keeps the removals' tombstones
        var live = incremental.State.Results.Where(r => r.Value.Result is not null).OrderBy(r => r.Key, StringComparer.Ordinal);
        Assert.Equal(JsonSerializer.Serialize(rebuilt.State.Results.OrderBy(r => r.Key, StringComparer.Ordinal)), JsonSerializer.Serialize(live));
        Assert.Equal(stored.Count(s => s.Value is null), incremental.State.Results.Count(r => r.Value.Result is null));
        Assert.NotEqual(0, rebuilt.Benchmark("2020", null, Period.AllTime).Kommuner);
    }

    [Fact]
    public void The_statistics_give_todays_benchmark_shape_over_the_latest_results()
    {
        var a = With(R("NO-5027", 2015, 400, ("1", 50)), R("NO-5027", 2023, 500, ("1", 60)), R("NO-5034", 2022, 300));

        var snapshot = AllTime(a).ToSnapshot();
        Assert.Equal(2, snapshot.Evaluations);
        Assert.Equal(new Kompass.Domain.Benchmarks.Mean(400m, 2), snapshot.Total);
        Assert.Equal(new Kompass.Domain.Benchmarks.Mean(60m, 1), snapshot.Areas["1"]);
        Assert.Single(snapshot.Areas);
    }

    /// <summary>Every answer the aggregate gives, as JSON, for comparing two aggregates.</summary>
    private static string Describe(ResultAggregate a)
    {
        var answers = new List<object>();
        foreach (var version in new[] { "2010", "2020" })
            foreach (var country in new Country?[] { Country.NO, Country.SE, null })
                foreach (var period in new[] { Period.AllTime, Period.Of(new DateOnly(2012, 1, 1), new DateOnly(2019, 6, 30)) })
                {
                    answers.Add(a.Benchmark(version, country, period));
                    answers.Add(a.Ranking(version, country, period, Measure.Total));
                    answers.Add(a.Ranking(version, country, period, Measure.Area("3")));
                    answers.Add(a.Improvers(version, country, period, Measure.Total, 500));
                }
        return JsonSerializer.Serialize(answers);
    }

    [Fact]
    public void An_evaluation_whose_scores_are_not_held_is_no_result_and_leaves_the_earlier_one_standing()
    {
        var a = With(R("NO-5034", 2015, 400), R("NO-5027", 2023, 500));
        var notHeld = R("NO-5034", 2022, null);

        Assert.True(a.Apply(notHeld, 1));
        var b = AllTime(a);
        Assert.Equal((2, 450m), (b.Kommuner, b.Total.Mean!.Value)); // Meråker still counts with its 2015 total
        Assert.False(a.Apply(notHeld, 1)); // the same message again changes nothing
    }
}
