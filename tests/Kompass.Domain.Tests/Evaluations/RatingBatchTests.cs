using Kompass.Domain.Evaluations;
using Kompass.Domain.Scoring;
using static Kompass.Domain.Tests.Evaluations.EvaluationFixtures;
using static Kompass.Domain.Tests.TestFrameworks;

namespace Kompass.Domain.Tests.Evaluations;

/// <summary>A batch of ratings is checked as a whole: one bad rating rejects the batch, and nothing of it is kept.</summary>
public sealed class RatingBatchTests
{
    private static PointRating R(string code, int system, int scope, int result) => new(code, new Rating(system, scope, result));

    private static DomainException Rejected(Evaluation evaluation, params PointRating[] batch)
    {
        var before = Snapshot(evaluation.State);
        var ex = Assert.Throws<DomainException>(() => evaluation.Rate(batch, evaluation.State.Version));
        Assert.Equal(before, Snapshot(evaluation.State));
        return ex;
    }

    [Theory]
    [InlineData(5, 0, 0, "ratings[0].system")]
    [InlineData(-1, 0, 0, "ratings[0].system")]
    [InlineData(0, 5, 0, "ratings[0].scope")]
    [InlineData(0, 0, 7, "ratings[0].result")]
    public void Rating_off_the_0_to_4_scale_names_the_dimension(int system, int scope, int result, string field)
    {
        var ex = Rejected(Open(), R("1.1", system, scope, result));

        Assert.Equal(ErrorKind.Validation, ex.Code);
        Assert.Equal(field, ex.Field);
    }

    [Fact]
    public void The_field_names_the_position_of_the_bad_rating_in_the_batch()
    {
        var ex = Rejected(Open(), R("1.1", 4, 4, 4), R("1.2", 3, 3, 3), R("1.3", 2, 9, 2));

        Assert.Equal("ratings[2].scope", ex.Field);
    }

    [Theory]
    [InlineData("9.1")]
    [InlineData("6.3")]   // a sub-area rated through its questions
    [InlineData("1")]     // a focus area with sub-areas
    [InlineData("6.3.3")]
    [InlineData("")]
    [InlineData("1.1 ")]
    public void Unknown_scoring_point_is_a_validation_error_on_its_code(string code)
    {
        var ex = Rejected(Open(), R("1.1", 4, 4, 4), R(code, 1, 1, 1));

        Assert.Equal(ErrorKind.Validation, ex.Code);
        Assert.Equal("ratings[1].code", ex.Field);
    }

    [Fact]
    public void Version_2010_scores_its_areas_and_knows_no_sub_areas()
    {
        var evaluation = Open(V2010);
        evaluation.Rate([R("1", 2, 2, 2), R("8", 4, 4, 4)], null);

        var ex = Rejected(evaluation, R("1.1", 2, 2, 2));

        Assert.Equal("ratings[0].code", ex.Field);
        Assert.Equal(new Rating(4, 4, 4), evaluation.State.Ratings["8"]);
    }

    [Fact]
    public void The_same_point_twice_in_one_batch_is_a_validation_error()
    {
        var ex = Rejected(Open(), R("1.1", 4, 4, 4), R("1.2", 1, 1, 1), R("1.1", 0, 0, 0));

        Assert.Equal(ErrorKind.Validation, ex.Code);
        Assert.Equal("ratings[2].code", ex.Field);
    }

    [Fact]
    public void An_empty_batch_is_a_validation_error()
    {
        var ex = Rejected(Open());

        Assert.Equal(ErrorKind.Validation, ex.Code);
        Assert.Equal("ratings", ex.Field);
    }

    [Fact]
    public void A_rejected_batch_keeps_earlier_ratings_and_applies_none_of_its_good_ones()
    {
        var evaluation = Open();
        evaluation.Rate([R("1.1", 1, 1, 1), R("1.2", 2, 2, 2)], 1);

        Rejected(evaluation, R("1.1", 4, 4, 4), R("1.3", 4, 4, 4), R("1.4", 4, 4, 5));

        Assert.Equal(2, evaluation.State.Version);
        Assert.Equal(new Rating(1, 1, 1), evaluation.State.Ratings["1.1"]);
        Assert.False(evaluation.State.Ratings.ContainsKey("1.3"));
        Assert.Equal(2, evaluation.State.Ratings.Count);
    }

    [Fact]
    public void Rating_the_same_point_in_separate_batches_is_fine()
    {
        var evaluation = Open();

        evaluation.Rate([R("7.3.2", 1, 1, 1)], null);
        evaluation.Rate([R("7.3.2", 2, 2, 2)], null);

        Assert.Equal(new Rating(2, 2, 2), evaluation.State.Ratings["7.3.2"]);
        Assert.Equal(3, evaluation.State.Version);
    }
}
