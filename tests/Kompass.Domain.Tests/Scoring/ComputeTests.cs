using Kompass.Domain.Scoring;
using static Kompass.Domain.Tests.TestFrameworks;

namespace Kompass.Domain.Tests.Scoring;

/// <summary>Area scores, the total and the missing points computed from ratings.</summary>
public sealed class ComputeTests
{
    private static AreaResult Area(ScoreCard card, string code) => card.Areas.Single(a => a.Code == code);

    /// <summary>A rating whose three dimensions add up to <paramref name="sum"/> (0-12).</summary>
    private static Rating WithSum(int sum) => new(Math.Min(sum, 4), Math.Clamp(sum - 4, 0, 4), Math.Max(sum - 8, 0));

    [Fact]
    public void Version_2020_rated_4_everywhere_scores_100_per_area_and_800_in_all()
    {
        var card = ScoringRules.Compute(V2020, RateAll(V2020, new Rating(4, 4, 4)));

        Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "8"], card.Areas.Select(a => a.Code));
        Assert.All(card.Areas, a =>
        {
            Assert.Equal(100, a.Score);
            Assert.Equal(100m, a.ExactScore);
            Assert.Equal(100m, a.MaxScore);
            Assert.Equal(a.ScoringPoints, a.RatedPoints);
        });
        Assert.Equal(800, card.Total);
        Assert.Empty(card.MissingScoringPoints);
        Assert.True(card.IsComplete);
    }

    [Fact]
    public void Version_2020_rated_0_everywhere_scores_0_which_is_a_result_not_a_missing_one()
    {
        var card = ScoringRules.Compute(V2020, RateAll(V2020, new Rating(0, 0, 0)));

        Assert.All(card.Areas, a => Assert.Equal(0, a.Score));
        Assert.Equal(0, card.Total);
        Assert.True(card.IsComplete);
    }

    [Fact]
    public void Version_2020_areas_have_their_number_of_scoring_points()
    {
        var card = ScoringRules.Compute(V2020, RateAll(V2020, new Rating(1, 1, 1)));

        // sub-areas 6.3 and 7.3 are rated through their two questions each
        Assert.Equal([5, 4, 4, 5, 5, 5, 5, 4], card.Areas.Select(a => a.ScoringPoints));
    }

    [Fact]
    public void Version_2010_areas_are_their_own_scoring_points()
    {
        var all4 = ScoringRules.Compute(V2010, RateAll(V2010, new Rating(4, 4, 4)));
        var all2 = ScoringRules.Compute(V2010, RateAll(V2010, new Rating(2, 2, 2)));
        var mixed = ScoringRules.Compute(V2010, ZerosExcept(V2010, new Dictionary<string, Rating> { ["3"] = new(2, 3, 1) }));

        Assert.Equal(800, all4.Total);
        Assert.Equal(400, all2.Total);
        Assert.All(all4.Areas, a => Assert.Equal(1, a.ScoringPoints));
        Assert.Equal(50, Area(mixed, "3").Score);
        Assert.Equal(50, mixed.Total);
    }

    [Fact]
    public void Area_score_is_the_sum_of_its_points()
    {
        // 1.1 rated 2/3/1 is 10 of its 20 points; 1.2-1.5 at the top are 80
        var card = ScoringRules.Compute(V2020, ZerosExcept(V2020, new Dictionary<string, Rating>
        {
            ["1.1"] = new(2, 3, 1), ["1.2"] = new(4, 4, 4), ["1.3"] = new(4, 4, 4), ["1.4"] = new(4, 4, 4), ["1.5"] = new(4, 4, 4),
        }));

        Assert.Equal(90m, Area(card, "1").ExactScore);
        Assert.Equal(90, Area(card, "1").Score);
        Assert.Equal(90, card.Total);
    }

    [Fact]
    public void Area_with_questions_adds_the_questions_not_the_sub_area()
    {
        // 6.3.1 rated 3/3/2 is 12.5 x 8/12 = 8.333..; 6.3.2 at the top 12.5; 6.1, 6.2, 6.4 at the top 75
        var card = ScoringRules.Compute(V2020, ZerosExcept(V2020, new Dictionary<string, Rating>
        {
            ["6.1"] = new(4, 4, 4), ["6.2"] = new(4, 4, 4), ["6.3.1"] = new(3, 3, 2), ["6.3.2"] = new(4, 4, 4), ["6.4"] = new(4, 4, 4),
        }));

        var area = Area(card, "6");
        Assert.Equal(95.833333m, Math.Round(area.ExactScore!.Value, 6));
        Assert.Equal(96, area.Score);
    }

    [Theory]
    // area 2 (four sub-areas of 25): 25 x (4 + 1 + 1) / 12 = 12.5; each point's share alone is a repeating decimal
    [InlineData("2", new[] { "2.1", "2.2", "2.3" }, new[] { 4, 1, 1 }, 13)]
    [InlineData("2", new[] { "2.1", "2.2", "2.3" }, new[] { 10, 7, 1 }, 38)]
    [InlineData("2", new[] { "2.1" }, new[] { 6 }, 13)]
    // area 6: 25 x (4 + 1) / 12 + 12.5 x (1 + 1) / 12 = 12.5
    [InlineData("6", new[] { "6.1", "6.2", "6.3.1", "6.3.2" }, new[] { 4, 1, 1, 1 }, 13)]
    public void Area_exactly_at_a_half_publishes_rounded_up(string areaCode, string[] codes, int[] ratingSums, int published)
    {
        var given = codes.Zip(ratingSums).ToDictionary(p => p.First, p => WithSum(p.Second));

        var area = Area(ScoringRules.Compute(V2020, ZerosExcept(V2020, given)), areaCode);

        Assert.Equal(published - 0.5m, area.ExactScore);
        Assert.Equal(published, area.Score);
    }

    [Fact]
    public void Every_rating_of_an_area_of_four_25_point_sub_areas_publishes_the_exactly_rounded_score()
    {
        // exact = 25 x K / 12 for the rating sum K; rounded half up in whole-number arithmetic: (50K + 12) div 24
        var framework = Tiny(AreaWithSubAreas("1", 25, 25, 25, 25));
        var wrong = new List<string>();
        for (var a = 0; a <= 12; a++)
        for (var b = 0; b <= 12; b++)
        for (var c = 0; c <= 12; c++)
        for (var d = 0; d <= 12; d++)
        {
            var card = ScoringRules.Compute(framework, new Dictionary<string, Rating>
            {
                ["1.1"] = WithSum(a), ["1.2"] = WithSum(b), ["1.3"] = WithSum(c), ["1.4"] = WithSum(d),
            });
            var k = a + b + c + d;
            if (card.Areas[0].Score != (50 * k + 12) / 24)
                wrong.Add($"{a},{b},{c},{d}: {card.Areas[0].ExactScore} -> {card.Areas[0].Score}");
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public void Total_is_the_sum_of_the_published_area_scores_not_the_rounded_exact_sum()
    {
        // areas 2, 3 and 8 each at exactly 12.5 publish 13: the total is 39, though 3 x 12.5 = 37.5 rounds to 38
        var card = ScoringRules.Compute(V2020, ZerosExcept(V2020, new Dictionary<string, Rating>
        {
            ["2.1"] = new(2, 2, 2), ["3.1"] = new(2, 2, 2), ["8.1"] = new(2, 2, 2),
        }));

        Assert.Equal(37.5m, card.Areas.Sum(a => a.ExactScore!.Value));
        Assert.Equal([0, 13, 13, 0, 0, 0, 0, 13], card.Areas.Select(a => a.Score!.Value));
        Assert.Equal(39, card.Total);
    }

    [Fact]
    public void Total_of_areas_each_rounded_down_is_below_the_exact_sum()
    {
        // areas 1, 4 and 5: 20 x 2 / 12 = 3.33.. each, published 3; the exact sum is 10
        var card = ScoringRules.Compute(V2020, ZerosExcept(V2020, new Dictionary<string, Rating>
        {
            ["1.1"] = new(1, 1, 0), ["4.1"] = new(1, 0, 1), ["5.1"] = new(0, 1, 1),
        }));

        Assert.Equal(10m, Math.Round(card.Areas.Sum(a => a.ExactScore!.Value), 20));
        Assert.Equal(9, card.Total);
    }

    [Fact]
    public void Nothing_rated_lists_every_scoring_point_as_missing_in_framework_order()
    {
        var card = ScoringRules.Compute(V2020, new Dictionary<string, Rating>());

        Assert.Equal(37, card.MissingScoringPoints.Count);
        Assert.Equal(V2020.ScoringPoints.Select(p => p.Code), card.MissingScoringPoints);
        Assert.Equal("1.1", card.MissingScoringPoints[0]);
        Assert.Contains("6.3.1", card.MissingScoringPoints);
        Assert.Contains("7.3.2", card.MissingScoringPoints);
        Assert.DoesNotContain("6.3", card.MissingScoringPoints);
        Assert.All(card.Areas, a =>
        {
            Assert.Null(a.Score);
            Assert.Null(a.ExactScore);
            Assert.Equal(0, a.RatedPoints);
        });
        Assert.Null(card.Total);
        Assert.False(card.IsComplete);
        Assert.Empty(card.KnownAreaScores);
    }

    [Fact]
    public void One_unrated_question_leaves_its_area_and_the_total_unknown()
    {
        var ratings = RateAll(V2020, new Rating(4, 4, 4));
        ratings.Remove("6.3.1");

        var card = ScoringRules.Compute(V2020, ratings);

        Assert.Equal(["6.3.1"], card.MissingScoringPoints);
        var area6 = Area(card, "6");
        Assert.Null(area6.Score);
        Assert.Equal(87.5m, area6.ExactScore); // the rated part so far
        Assert.Equal(4, area6.RatedPoints);
        Assert.Equal(5, area6.ScoringPoints);
        Assert.Null(card.Total);
        Assert.False(card.IsComplete);
        Assert.Equal(["1", "2", "3", "4", "5", "7", "8"], card.KnownAreaScores.Keys.Order());
        Assert.All(card.KnownAreaScores.Values, s => Assert.Equal(100, s));
    }

    [Fact]
    public void Missing_points_of_several_areas_are_listed_in_framework_order()
    {
        var ratings = RateAll(V2020, new Rating(2, 2, 2));
        foreach (var code in new[] { "8.4", "1.1", "6.3.2", "3.2" })
            ratings.Remove(code);

        var card = ScoringRules.Compute(V2020, ratings);

        Assert.Equal(["1.1", "3.2", "6.3.2", "8.4"], card.MissingScoringPoints);
        Assert.Equal(["2", "4", "5", "7"], card.KnownAreaScores.Keys.Order());
    }

    [Fact]
    public void Ratings_of_codes_the_framework_does_not_score_are_ignored()
    {
        var ratings = RateAll(V2020, new Rating(1, 2, 3));
        var baseline = ScoringRules.Compute(V2020, ratings);
        ratings["6.3"] = new Rating(4, 4, 4);
        ratings["9.1"] = new Rating(4, 4, 4);

        var card = ScoringRules.Compute(V2020, ratings);

        Assert.Equal(baseline.Total, card.Total);
        Assert.Equal(baseline.Areas, card.Areas);
    }

    [Fact]
    public void Tiny_framework_with_areas_of_different_size()
    {
        var framework = Tiny(FlatArea("A", 40), AreaWithSubAreas("B", 30, 30));
        var card = ScoringRules.Compute(framework, new Dictionary<string, Rating>
        {
            ["A"] = new(3, 3, 3), ["B.1"] = new(4, 4, 4), ["B.2"] = new(1, 1, 1),
        });

        Assert.Equal(30, Area(card, "A").Score);      // 40 x 3/4
        Assert.Equal(37.5m, Area(card, "B").ExactScore); // 30 + 7.5
        Assert.Equal(38, Area(card, "B").Score);
        Assert.Equal(68, card.Total);
        Assert.Equal(100m, framework.MaxTotal);
    }
}
