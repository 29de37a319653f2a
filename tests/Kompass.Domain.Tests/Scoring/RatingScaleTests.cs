using Kompass.Domain.Frameworks;
using Kompass.Domain.Scoring;

namespace Kompass.Domain.Tests.Scoring;

public sealed class RatingScaleTests
{
    private static readonly RatingScale Scale = new(0, 4);

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(4, 4, 4)]
    [InlineData(0, 2, 4)]
    public void Ratings_on_the_scale_including_its_ends_are_accepted(int system, int scope, int result)
    {
        ScoringRules.EnsureOnScale(new Rating(system, scope, result), Scale, "ratings[0]");
    }

    [Theory]
    [InlineData(5, 0, 0, "ratings[3].system")]
    [InlineData(-1, 0, 0, "ratings[3].system")]
    [InlineData(0, 5, 0, "ratings[3].scope")]
    [InlineData(0, -1, 0, "ratings[3].scope")]
    [InlineData(0, 0, 5, "ratings[3].result")]
    [InlineData(0, 0, 100, "ratings[3].result")]
    public void Rating_off_the_scale_is_a_validation_error_naming_the_dimension(int system, int scope, int result, string field)
    {
        var ex = Assert.Throws<DomainException>(() =>
            ScoringRules.EnsureOnScale(new Rating(system, scope, result), Scale, "ratings[3]"));

        Assert.Equal(ErrorKind.Validation, ex.Code);
        Assert.Equal(field, ex.Field);
    }

    [Fact]
    public void The_first_dimension_off_the_scale_is_reported()
    {
        var ex = Assert.Throws<DomainException>(() =>
            ScoringRules.EnsureOnScale(new Rating(9, 9, 9), Scale, "ratings[0]"));

        Assert.Equal("ratings[0].system", ex.Field);
    }

    [Fact]
    public void A_scale_that_starts_above_zero_rejects_zero()
    {
        var ex = Assert.Throws<DomainException>(() =>
            ScoringRules.EnsureOnScale(new Rating(1, 0, 1), new RatingScale(1, 5), "ratings[0]"));

        Assert.Equal("ratings[0].scope", ex.Field);
        ScoringRules.EnsureOnScale(new Rating(5, 5, 1), new RatingScale(1, 5), "ratings[0]");
    }
}
