using Kompass.Domain.Frameworks;
using Kompass.Domain.Scoring;
using static Kompass.Domain.Tests.TestFrameworks;

namespace Kompass.Domain.Tests.Scoring;

/// <summary>A point scores maxPoints x mean(system, scope, result) / scale max: the formula Compute uses.</summary>
public sealed class PointScoreTests
{
    private static readonly RatingScale Scale = new(0, 4);

    private static ScoringPoint Point(decimal maxPoints) => new("x", "1", Name("x"), maxPoints);

    [Fact]
    public void Twenty_point_sub_area_rated_4_4_4_scores_all_20()
    {
        Assert.Equal(20m, ScoringRules.ExactScore([(Point(20), new Rating(4, 4, 4))], Scale));
    }

    [Fact]
    public void Twenty_point_sub_area_rated_2_3_1_scores_half_of_20()
    {
        // mean(2, 3, 1) = 2, and 2 / 4 of 20 is 10
        Assert.Equal(10m, ScoringRules.ExactScore([(Point(20), new Rating(2, 3, 1))], Scale));
    }

    [Fact]
    public void Question_of_12_5_points_rated_3_3_2_scores_eight_twelfths_of_it()
    {
        var score = ScoringRules.ExactScore([(Point(12.5m), new Rating(3, 3, 2))], Scale);

        Assert.Equal(12.5m * 8 / 12, score);
        Assert.Equal(8.333333m, Math.Round(score, 6));
    }

    [Fact]
    public void All_zeros_score_nothing()
    {
        Assert.Equal(0m, ScoringRules.ExactScore([(Point(25), new Rating(0, 0, 0))], Scale));
    }

    [Theory]
    [InlineData(4, 0, 0)]
    [InlineData(0, 4, 0)]
    [InlineData(0, 0, 4)]
    public void Each_dimension_weighs_the_same(int system, int scope, int result)
    {
        // one dimension at the top, two at zero: a third of the points
        Assert.Equal(25m / 3, ScoringRules.ExactScore([(Point(25), new Rating(system, scope, result))], Scale));
    }

    [Fact]
    public void The_divisor_is_the_scale_maximum()
    {
        // On a 0-5 scale a mean of 4 is four fifths, not all of the points.
        Assert.Equal(16m, ScoringRules.ExactScore([(Point(20), new Rating(4, 4, 4))], new RatingScale(0, 5)));
    }

    [Fact]
    public void Comment_does_not_change_the_score()
    {
        Assert.Equal(
            ScoringRules.ExactScore([(Point(20), new Rating(1, 2, 3))], Scale),
            ScoringRules.ExactScore([(Point(20), new Rating(1, 2, 3, "Godt dokumentert, lite brukt"))], Scale));
    }

    [Fact]
    public void Several_points_are_summed_before_the_one_division()
    {
        // (25 + 25 + 100) x 8 / 12 is exactly 100; the three quotients (16.67, 16.67, 66.67) are repeating decimals
        var rated = new[] { (Point(25), new Rating(3, 3, 2)), (Point(25), new Rating(3, 3, 2)), (Point(100), new Rating(3, 3, 2)) };
        Assert.Equal(100m, ScoringRules.ExactScore(rated, Scale));
    }
}
