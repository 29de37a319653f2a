using Kompass.Domain.Analytics;
using Kompass.Domain.Kommuner;
using static Kompass.Domain.Tests.Analytics.AnalyticsFixtures;

namespace Kompass.Domain.Tests.Analytics;

/// <summary>Rank (standard competition ranking), percentile (share of the others below) and improvers.</summary>
public sealed class RankingTests
{
    private static ResultAggregate FourKommuner() => With(
        R("NO-5027", 2023, 480, ("1", 62)),
        R("NO-5034", 2022, 500, ("1", 50)),
        R("NO-1804", 2021, 470, ("1", 62)),
        R("NO-0301", 2020, 480));

    [Fact]
    public void Ties_share_a_rank_and_the_next_rank_skips()
    {
        var ranking = FourKommuner().Ranking("2020", Country.NO, Period.AllTime, Measure.Total);

        Assert.Equal([1, 2, 2, 4], ranking.Rows.Select(r => r.Rank));
        Assert.Equal(["NO-5034", "NO-0301", "NO-5027", "NO-1804"], ranking.Rows.Select(r => r.KommuneId)); // ties by id
        Assert.Equal([500, 480, 480, 470], ranking.Rows.Select(r => r.Value));
        Assert.Equal(0, ranking.WithoutValue);
    }

    [Fact]
    public void The_percentile_is_the_share_of_the_others_below()
    {
        var ranking = FourKommuner().Ranking("2020", Country.NO, Period.AllTime, Measure.Total);

        // 3 others each: 3 below the top, 1 below the tied pair, none below the last
        Assert.Equal([100m, 33.33m, 33.33m, 0m], ranking.Rows.Select(r => r.Percentile));
    }

    [Fact]
    public void One_ranked_kommune_has_rank_1_and_no_percentile()
    {
        var row = Assert.Single(With(R("NO-5027", 2023, 480)).Ranking("2020", Country.NO, Period.AllTime, Measure.Total).Rows);
        Assert.Equal(1, row.Rank);
        Assert.Null(row.Percentile);
    }

    [Fact]
    public void Nobody_to_rank()
    {
        var ranking = NewAggregate().Ranking("2020", Country.SE, Period.AllTime, Measure.Total);
        Assert.Empty(ranking.Rows);
    }

    [Fact]
    public void Ranking_by_an_area_leaves_out_results_without_it()
    {
        var ranking = FourKommuner().Ranking("2020", Country.NO, Period.AllTime, Measure.Area("1"));

        Assert.Equal([1, 1, 3], ranking.Rows.Select(r => r.Rank));
        Assert.Equal(["NO-1804", "NO-5027", "NO-5034"], ranking.Rows.Select(r => r.KommuneId));
        Assert.Equal(1, ranking.WithoutValue);
    }

    [Fact]
    public void Rank_of_a_latest_evaluation_is_its_place_in_the_ranking()
    {
        var a = FourKommuner();
        var ranking = a.Ranking("2020", Country.NO, Period.AllTime, Measure.Total);

        foreach (var row in ranking.Rows)
        {
            var rank = a.RankOf(row.EvaluationId, Measure.Total)!;
            Assert.Equal((row.Rank, row.Percentile, 4), (rank.Rank, rank.Percentile, rank.OutOf));
        }
    }

    [Fact]
    public void An_earlier_evaluation_is_ranked_standing_in_for_its_kommune()
    {
        var a = FourKommuner();
        a.Apply(R("NO-5027", 2015, 490), 1);

        var rank = a.RankOf("NO-5027/eval/2015-1", Measure.Total)!;

        // against 500, 480 (Oslo) and 470: the kommune's own 480 of 2023 is not counted
        Assert.Equal(2, rank.Rank);
        Assert.Equal(4, rank.OutOf);
        Assert.Equal(66.67m, rank.Percentile);
        Assert.Equal(490, rank.Value);
    }

    [Fact]
    public void Rank_is_among_the_same_country_only()
    {
        var a = FourKommuner();
        a.Apply(R("SE-0115", 2023, 700), 1);

        Assert.Equal(1, a.RankOf("NO-5034/eval/2022-1", Measure.Total)!.Rank);
        Assert.Equal(1, a.RankOf("SE-0115/eval/2023-1", Measure.Total)!.OutOf);
        Assert.Equal(1, a.Ranking("2020", null, Period.AllTime, Measure.Total).Rows[0].Rank);
        Assert.Equal("SE-0115", a.Ranking("2020", null, Period.AllTime, Measure.Total).Rows[0].KommuneId);
    }

    [Fact]
    public void No_rank_for_an_unknown_evaluation_or_one_without_the_measure()
    {
        var a = FourKommuner();
        Assert.Null(a.RankOf("NO-9999/eval/2023-1", Measure.Total));
        Assert.Null(a.RankOf("NO-0301/eval/2020-1", Measure.Area("1")));
        Assert.Equal("area", Assert.Throws<DomainException>(() => a.RankOf("NO-0301/eval/2020-1", Measure.Area("9"))).Field);
    }

    [Fact]
    public void Rank_by_an_area_with_ties()
    {
        var rank = FourKommuner().RankOf("NO-1804/eval/2021-1", Measure.Area("1"))!;
        Assert.Equal((1, 50m, 3), (rank.Rank, rank.Percentile, rank.OutOf));
    }

    [Fact]
    public void Improvers_are_the_latest_steps_largest_gain_first()
    {
        var a = With(
            R("NO-5027", 2010, 300), R("NO-5027", 2015, 350), R("NO-5027", 2023, 450), // latest step +100
            R("NO-5034", 2012, 500), R("NO-5034", 2022, 480),                          // -20
            R("NO-1804", 2021, 470),                                                  // one result: no step
            R("NO-0301", 2014, 400), R("NO-0301", 2020, 500));                        // +100, ties by id

        var improvers = a.Improvers("2020", Country.NO, Period.AllTime, Measure.Total, 10);

        Assert.Equal(["NO-0301", "NO-5027", "NO-5034"], improvers.Select(i => i.KommuneId));
        Assert.Equal([100, 100, -20], improvers.Select(i => i.Gain));
        Assert.Equal(("NO-5027/eval/2015-1", 350, "NO-5027/eval/2023-1", 450),
            (improvers[1].FromEvaluationId, improvers[1].FromValue, improvers[1].ToEvaluationId, improvers[1].ToValue));
        Assert.Single(a.Improvers("2020", Country.NO, Period.AllTime, Measure.Total, 1));
    }

    [Fact]
    public void Improvers_within_a_period_and_by_an_area_skip_results_without_it()
    {
        var a = With(
            R("NO-5027", 2010, 300, ("1", 20)), R("NO-5027", 2015, 350), R("NO-5027", 2023, 450, ("1", 70)),
            R("NO-5034", 2012, 500, ("1", 40)), R("NO-5034", 2022, 480, ("1", 45)));

        var byArea = a.Improvers("2020", Country.NO, Period.AllTime, Measure.Area("1"), 10);
        Assert.Equal([("NO-5027", 50), ("NO-5034", 5)], byArea.Select(i => (i.KommuneId, i.Gain)));

        var untilThe2015s = a.Improvers("2020", Country.NO, Period.Of(null, new DateOnly(2019, 12, 31)), Measure.Total, 10);
        Assert.Equal([("NO-5027", 50)], untilThe2015s.Select(i => (i.KommuneId, i.Gain)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public void Improvers_take_1_to_500(int first)
    {
        var ex = Assert.Throws<DomainException>(() => NewAggregate().Improvers("2020", Country.NO, Period.AllTime, Measure.Total, first));
        Assert.Equal("first", ex.Field);
    }

    [Fact]
    public void Rank_and_percentile_agree_with_counting_by_hand_on_random_data()
    {
        var random = new Random(9);
        var a = NewAggregate();
        var all = new List<Kompass.Domain.Evaluations.PublishedResult>();
        for (var k = 0; k < 60; k++)
            for (var y = 0; y < 1 + random.Next(3); y++)
            {
                var r = R($"NO-{1000 + k}", 2012 + 4 * y, random.Next(8) * 100 + random.Next(3)); // many ties
                all.Add(r);
                a.Apply(r, 1);
            }

        foreach (var r in all)
        {
            // the set: every other kommune's latest, and r for its own kommune
            var others = all.Where(x => x.KommuneId != r.KommuneId)
                .GroupBy(x => x.KommuneId).Select(g => g.MaxBy(x => x.EvaluatedOn)!.Total!.Value).ToList();
            var value = r.Total!.Value;
            var rank = a.RankOf(r.EvaluationId, Measure.Total)!;
            Assert.Equal(1 + others.Count(v => v > value), rank.Rank);
            Assert.Equal(others.Count + 1, rank.OutOf);
            Assert.Equal(Math.Round(100m * others.Count(v => v < value) / others.Count, 2, MidpointRounding.AwayFromZero), rank.Percentile);
        }

        var ranking = a.Ranking("2020", Country.NO, Period.AllTime, Measure.Total);
        Assert.Equal(60, ranking.Rows.Count);
        Assert.All(ranking.Rows, row =>
        {
            var rank = a.RankOf(row.EvaluationId, Measure.Total)!;
            Assert.Equal((rank.Rank, rank.Percentile), (row.Rank, row.Percentile));
        });
    }
}
