using Kompass.Domain.Evaluations;
using Kompass.Domain.Scoring;
using static Kompass.Domain.Tests.Evaluations.EvaluationFixtures;
using static Kompass.Domain.Tests.TestFrameworks;

namespace Kompass.Domain.Tests.Evaluations;

/// <summary>Audited corrections of a published scored evaluation.</summary>
public sealed class AmendmentTests
{
    private const string By = "Per Evaluator";
    private const string Reason = "1.1 was rated from an outdated communication strategy";
    private static readonly Dictionary<string, int> NoAreas = [];

    private static PointRating R(string code, int system, int scope, int result) => new(code, new Rating(system, scope, result));

    private static DomainException Rejected(Evaluation evaluation, Action amend)
    {
        var before = Snapshot(evaluation.State);
        var ex = Assert.Throws<DomainException>(amend);
        Assert.Equal(before, Snapshot(evaluation.State));
        return ex;
    }

    [Fact]
    public void Amending_a_rating_records_who_when_why_and_the_old_and_new_value()
    {
        var evaluation = Published();
        Assert.Equal(790, evaluation.Score().Total);
        var version = evaluation.State.Version;
        evaluation.State.Outbox.Pending.Clear();

        evaluation.Amend(By, Reason, [R("1.1", 4, 4, 4)], NoAreas, null, AmendedAt, version);

        var amendment = Assert.Single(evaluation.State.Amendments);
        Assert.Equal(By, amendment.By);
        Assert.Equal(AmendedAt, amendment.At);
        Assert.Equal(Reason, amendment.Reason);
        Assert.Equal([new AmendedValue("ratings.1.1", "2/3/1", "4/4/4")], amendment.Changes);
        Assert.Equal(version + 1, evaluation.State.Version);
        Assert.Equal([Evaluation.AnalyticsFollower, Evaluation.BenchmarkFollower, Evaluation.KommuneFollower], evaluation.State.Outbox.Pending.Keys.Order());
    }

    [Fact]
    public void Amending_changes_the_score_and_keeps_the_evaluation_published()
    {
        var evaluation = Published();
        Assert.Equal(90, evaluation.Result().AreaScores["1"]);

        evaluation.Amend(By, Reason, [R("1.1", 4, 4, 4)], NoAreas, null, AmendedAt, null);

        Assert.Equal(100, evaluation.Result().AreaScores["1"]);
        Assert.Equal(800, evaluation.Result().Total);
        Assert.Equal(EvaluationStatus.Published, evaluation.State.Status);
        Assert.Equal(PublishedAt, evaluation.State.PublishedAt);
    }

    [Fact]
    public void Amendments_accumulate_in_order_with_every_changed_rating()
    {
        var evaluation = Published();

        evaluation.Amend(By, Reason, [R("1.1", 4, 4, 4), R("6.3.1", 3, 3, 2)], NoAreas, null, AmendedAt, null);
        evaluation.Amend("Kari", "Back to the first reading", [R("1.1", 2, 3, 1)], NoAreas, null, AmendedAt.AddDays(1), null);

        Assert.Equal(2, evaluation.State.Amendments.Count);
        Assert.Equal(
            [new AmendedValue("ratings.1.1", "2/3/1", "4/4/4"), new AmendedValue("ratings.6.3.1", "4/4/4", "3/3/2")],
            evaluation.State.Amendments[0].Changes);
        Assert.Equal([new AmendedValue("ratings.1.1", "4/4/4", "2/3/1")], evaluation.State.Amendments[1].Changes);
        Assert.Equal("Kari", evaluation.State.Amendments[1].By);
        // area 6: 75 + 8.33 + 12.5 = 95.83 -> 96; area 1 back to 90
        Assert.Equal(786, evaluation.Score().Total);
    }

    [Fact]
    public void Amending_a_draft_is_a_conflict()
    {
        var evaluation = Open();
        evaluation.Rate(BatchOfAll(V2020, new Rating(4, 4, 4)), null);

        var ex = Rejected(evaluation, () => evaluation.Amend(By, Reason, [R("1.1", 1, 1, 1)], NoAreas, null, AmendedAt, null));

        Assert.Equal(ErrorKind.Conflict, ex.Code);
        Assert.Empty(evaluation.State.Amendments);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Amendment_by_an_unidentified_caller_is_unauthenticated(string by)
    {
        var evaluation = Published();

        var ex = Rejected(evaluation, () => evaluation.Amend(by, Reason, [R("1.1", 4, 4, 4)], NoAreas, null, AmendedAt, null));

        Assert.Equal(ErrorKind.Unauthenticated, ex.Code);
    }

    [Theory]
    [InlineData(By, "", "reason")]
    [InlineData(By, " \t", "reason")]
    public void Amendment_must_say_who_and_why(string by, string reason, string field)
    {
        var evaluation = Published();

        var ex = Rejected(evaluation, () => evaluation.Amend(by, reason, [R("1.1", 4, 4, 4)], NoAreas, null, AmendedAt, null));

        Assert.Equal(ErrorKind.Validation, ex.Code);
        Assert.Equal(field, ex.Field);
    }

    [Fact]
    public void Amendment_without_by_or_reason_at_all_is_rejected()
    {
        var evaluation = Published();

        Assert.Equal(ErrorKind.Unauthenticated, Rejected(evaluation, () =>
            evaluation.Amend(null!, Reason, [R("1.1", 4, 4, 4)], NoAreas, null, AmendedAt, null)).Code);
        Assert.Equal("reason", Rejected(evaluation, () =>
            evaluation.Amend(By, null!, [R("1.1", 4, 4, 4)], NoAreas, null, AmendedAt, null)).Field);
    }

    [Fact]
    public void Area_scores_cannot_be_amended_on_a_scored_evaluation()
    {
        var evaluation = Published();

        var withAreas = Rejected(evaluation, () =>
            evaluation.Amend(By, Reason, [R("1.1", 4, 4, 4)], Areas(("1", 100)), null, AmendedAt, null));
        var withTotal = Rejected(evaluation, () =>
            evaluation.Amend(By, Reason, [], NoAreas, 800, AmendedAt, null));

        Assert.Equal(ErrorKind.Validation, withAreas.Code);
        Assert.Equal("areaScores", withAreas.Field);
        Assert.Equal(ErrorKind.Validation, withTotal.Code);
    }

    [Fact]
    public void Amendment_of_a_scored_evaluation_needs_a_rating()
    {
        var evaluation = Published();

        var ex = Rejected(evaluation, () => evaluation.Amend(By, Reason, [], NoAreas, null, AmendedAt, null));

        Assert.Equal(ErrorKind.Validation, ex.Code);
        Assert.Equal("ratings", ex.Field);
    }

    [Theory]
    [InlineData("1.1", 5, "ratings[1].system")]
    [InlineData("6.3", 4, "ratings[1].code")]
    [InlineData("1.2", 4, "ratings[1].code")] // the same point twice
    public void Amended_ratings_are_checked_like_any_batch(string code, int system, string field)
    {
        var evaluation = Published();

        var ex = Rejected(evaluation, () =>
            evaluation.Amend(By, Reason, [R("1.2", 1, 1, 1), R(code, system, 4, 4)], NoAreas, null, AmendedAt, null));

        Assert.Equal(ErrorKind.Validation, ex.Code);
        Assert.Equal(field, ex.Field);
    }

    [Fact]
    public void Amendment_with_a_stale_version_is_a_conflict()
    {
        var evaluation = Published();

        var ex = Rejected(evaluation, () =>
            evaluation.Amend(By, Reason, [R("1.1", 4, 4, 4)], NoAreas, null, AmendedAt, evaluation.State.Version - 1));

        Assert.Equal(ErrorKind.Conflict, ex.Code);
        Assert.Equal("expectedVersion", ex.Field);
    }
    [Fact]
    public void Amendments_stop_at_the_limit_as_a_conflict_that_changes_nothing()
    {
        var evaluation = Published();
        for (var i = 0; i < Evaluation.MaxAmendments; i++)
            evaluation.Amend(By, Reason, [R("1.1", i % 2 == 0 ? 4 : 3, 4, 4)], NoAreas, null, AmendedAt, null);

        var ex = Rejected(evaluation, () => evaluation.Amend(By, Reason, [R("1.1", 0, 0, 0)], NoAreas, null, AmendedAt, null));

        Assert.Equal(ErrorKind.Conflict, ex.Code);
        Assert.False(ex.Retryable);
        Assert.Equal(Evaluation.MaxAmendments, evaluation.State.Amendments.Count);
    }

}

public sealed class AmendmentThatChangesNothingTests
{
    [Fact]
    public void An_amendment_that_repeats_the_current_ratings_is_rejected_and_records_nothing()
    {
        var catalogue = Kompass.Domain.Frameworks.FrameworkCatalogue.LoadDirectory(Kompass.Domain.Frameworks.FrameworkCatalogue.DefaultDirectory);
        var framework = catalogue.Get("2010");
        var evaluation = Evaluation.Open(new EvaluationState(), "NO-5027/eval/2019-1", framework, new DateOnly(2019, 1, 1), ["KS"], DateTimeOffset.UnixEpoch);
        evaluation.Rate([.. framework.ScoringPoints.Select(p => new PointRating(p.Code, new Kompass.Domain.Scoring.Rating(2, 2, 2)))], null);
        evaluation.Publish(DateTimeOffset.UnixEpoch, null);
        var version = evaluation.State.Version;

        var ex = Assert.Throws<DomainException>(() => evaluation.Amend("a@ks.no", "No-op",
            [new PointRating("1", new Kompass.Domain.Scoring.Rating(2, 2, 2))], new Dictionary<string, int>(), null, DateTimeOffset.UnixEpoch, null));

        Assert.Equal(ErrorKind.Validation, ex.Code);
        Assert.Equal("ratings", ex.Field);
        Assert.Empty(evaluation.State.Amendments);
        Assert.Equal(version, evaluation.State.Version);
    }

}
