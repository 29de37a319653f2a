using Kompass.Domain.Evaluations;
using Kompass.Domain.Scoring;
using static Kompass.Domain.Tests.Evaluations.EvaluationFixtures;
using static Kompass.Domain.Tests.TestFrameworks;

namespace Kompass.Domain.Tests.Evaluations;

/// <summary>Open, rate, interview, findings and publish: a draft's life up to publication.</summary>
public sealed class EvaluationLifecycleTests
{
    private static readonly Interview Interview = new("kommunedirektør", new DateOnly(2023, 1, 17), 2);

    private static readonly AreaFindings Findings = new(
        ["Godt utviklet kommunikasjonsstrategi"], ["Lite dialog med innbyggerne"], ["Publiser resultater åpent"]);

    [Fact]
    public void Open_starts_a_draft_at_version_1_and_asks_for_notification()
    {
        var s = Open().State;

        Assert.Equal(Id, s.Id);
        Assert.Equal("NO-5027", s.KommuneId);
        Assert.Equal("2020", s.FrameworkVersion);
        Assert.Equal(EvaluatedOn, s.EvaluatedOn);
        Assert.Equal(EvaluationStatus.Draft, s.Status);
        Assert.Equal(EvaluationOrigin.Scored, s.Origin);
        Assert.Equal(["Kari Nordmann", "Ola Hansen"], s.Evaluators);
        Assert.Equal(OpenedAt, s.OpenedAt);
        Assert.Null(s.PublishedAt);
        Assert.Equal(1, s.Version);
        Assert.Equal([Evaluation.KommuneFollower], s.Outbox.Pending.Keys);
        Assert.True(s.Exists);
        Assert.Empty(s.Ratings);
    }

    [Fact]
    public void Open_copies_the_evaluators()
    {
        var evaluators = new List<string> { "Kari Nordmann" };
        var evaluation = Evaluation.Open(new EvaluationState(), Id, V2020, EvaluatedOn, evaluators, OpenedAt);

        evaluators.Add("Someone else");

        Assert.Equal(["Kari Nordmann"], evaluation.State.Evaluators);
    }

    [Fact]
    public void Open_a_Swedish_evaluation_under_the_2010_version()
    {
        var s = Evaluation.Open(new EvaluationState(), "SE-0115/eval/2012-1", V2010, new DateOnly(2012, 5, 2), [], OpenedAt).State;

        Assert.Equal("SE-0115", s.KommuneId);
        Assert.Equal("2010", s.FrameworkVersion);
    }

    [Fact]
    public void Open_twice_is_a_conflict_and_keeps_the_first()
    {
        var evaluation = Open();
        evaluation.Rate([new PointRating("1.1", new Rating(1, 1, 1))], null);
        var before = Snapshot(evaluation.State);

        var ex = Assert.Throws<DomainException>(() =>
            Evaluation.Open(evaluation.State, Id, V2010, new DateOnly(2024, 1, 1), ["Other"], PublishedAt));

        Assert.Equal(ErrorKind.Conflict, ex.Code);
        Assert.Equal("evaluationId", ex.Field);
        Assert.Equal(before, Snapshot(evaluation.State));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("no-5027/eval/2023-1")]
    [InlineData("DK-1234/eval/2023-1")]
    [InlineData("/eval/2023-1")]
    public void Open_with_an_id_no_kommune_owns_is_rejected_and_leaves_the_state_empty(string id)
    {
        var state = new EvaluationState();

        var ex = Assert.Throws<DomainException>(() => Evaluation.Open(state, id, V2020, EvaluatedOn, [], OpenedAt));

        Assert.Equal(ErrorKind.Validation, ex.Code);
        Assert.Equal("id", ex.Field);
        Assert.False(state.Exists);
        Assert.Equal(0, state.Version);
        Assert.Empty(state.Outbox.Pending);
    }

    [Fact]
    public void Each_accepted_change_bumps_the_version_by_one()
    {
        var evaluation = Open();
        evaluation.State.Outbox.Pending.Clear();

        evaluation.Rate([new PointRating("1.1", new Rating(1, 2, 3)), new PointRating("1.2", new Rating(3, 2, 1))], 1);
        Assert.Equal(2, evaluation.State.Version);

        evaluation.RecordInterview(Interview, 2);
        Assert.Equal(3, evaluation.State.Version);

        evaluation.RecordFindings("1", Findings, 3);
        Assert.Equal(4, evaluation.State.Version);

        evaluation.Rate([new PointRating("1.1", new Rating(4, 4, 4))], null);
        Assert.Equal(5, evaluation.State.Version);
    }

    [Fact]
    public void Rate_stores_the_ratings_and_a_later_batch_replaces_a_rating()
    {
        var evaluation = Open();

        evaluation.Rate([new PointRating("1.1", new Rating(1, 2, 3, "første runde")), new PointRating("6.3.1", new Rating(3, 3, 2))], null);
        evaluation.Rate([new PointRating("1.1", new Rating(4, 4, 4))], null);

        Assert.Equal(new Rating(4, 4, 4), evaluation.State.Ratings["1.1"]);
        Assert.Equal(new Rating(3, 3, 2), evaluation.State.Ratings["6.3.1"]);
        Assert.Equal(2, evaluation.State.Ratings.Count);
        Assert.Equal(EvaluationStatus.Draft, evaluation.State.Status);
    }

    [Fact]
    public void Score_of_a_draft_follows_its_ratings()
    {
        var evaluation = Open();
        evaluation.Rate(BatchOfAll(V2020, new Rating(2, 2, 2), "8.4"), null);

        var card = evaluation.Score();

        Assert.Equal(["8.4"], card.MissingScoringPoints);
        Assert.Equal(50, card.Areas[0].Score);
        Assert.Null(card.Areas[7].Score);
        Assert.Null(card.Total);
    }

    [Fact]
    public void Stale_expected_version_is_a_conflict_on_expectedVersion_and_changes_nothing()
    {
        var evaluation = Open();
        evaluation.Rate([new PointRating("1.1", new Rating(1, 1, 1))], 1);
        var before = Snapshot(evaluation.State);

        var rate = Assert.Throws<DomainException>(() => evaluation.Rate([new PointRating("1.2", new Rating(1, 1, 1))], 1));
        var interview = Assert.Throws<DomainException>(() => evaluation.RecordInterview(Interview, 3));
        var findings = Assert.Throws<DomainException>(() => evaluation.RecordFindings("1", Findings, 0));
        var publish = Assert.Throws<DomainException>(() => evaluation.Publish(PublishedAt, 1));

        Assert.All(new[] { rate, interview, findings, publish }, ex =>
        {
            Assert.Equal(ErrorKind.Conflict, ex.Code);
            Assert.Equal("expectedVersion", ex.Field);
        });
        Assert.Equal(before, Snapshot(evaluation.State));
    }

    [Fact]
    public void Commands_on_an_evaluation_never_opened_are_not_found()
    {
        var evaluation = new Evaluation(new EvaluationState(), V2020);

        Assert.Equal(ErrorKind.NotFound, Assert.Throws<DomainException>(() =>
            evaluation.Rate([new PointRating("1.1", new Rating(1, 1, 1))], null)).Code);
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<DomainException>(() => evaluation.RecordInterview(Interview, null)).Code);
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<DomainException>(() => evaluation.Publish(PublishedAt, null)).Code);
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<DomainException>(() =>
            evaluation.Amend("x", "y", [new PointRating("1.1", new Rating(1, 1, 1))], new Dictionary<string, int>(), null, AmendedAt, null)).Code);
        Assert.Equal(0, evaluation.State.Version);
    }

    [Fact]
    public void Interview_is_recorded()
    {
        var evaluation = Open();

        evaluation.RecordInterview(Interview, null);
        evaluation.RecordInterview(new Interview("hovedtillitsvalgt", new DateOnly(2023, 1, 18), 1), null);

        Assert.Equal([Interview, new Interview("hovedtillitsvalgt", new DateOnly(2023, 1, 18), 1)], evaluation.State.Interviews);
    }

    [Fact]
    public void Interviews_stop_at_the_limit_with_nothing_changed()
    {
        var evaluation = Open();
        for (var i = 0; i < Evaluation.MaxInterviews; i++)
            evaluation.RecordInterview(Interview, null);
        var version = evaluation.State.Version;

        var ex = Assert.Throws<DomainException>(() => evaluation.RecordInterview(Interview, null));

        Assert.Equal(ErrorKind.Validation, ex.Code);
        Assert.Equal(Evaluation.MaxInterviews, evaluation.State.Interviews.Count);
        Assert.Equal(version, evaluation.State.Version);
    }

    [Fact]
    public void A_stale_expected_version_is_a_retryable_conflict()
    {
        var evaluation = Open();

        var ex = Assert.Throws<DomainException>(() => evaluation.RecordInterview(Interview, 7));

        Assert.Equal(ErrorKind.Conflict, ex.Code);
        Assert.Equal("expectedVersion", ex.Field);
        Assert.True(ex.Retryable);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Interview_without_people_is_a_validation_error_and_changes_nothing(int people)
    {
        var evaluation = Open();
        var before = Snapshot(evaluation.State);

        var ex = Assert.Throws<DomainException>(() =>
            evaluation.RecordInterview(new Interview("ordfører", new DateOnly(2023, 1, 17), people), null));

        Assert.Equal(ErrorKind.Validation, ex.Code);
        Assert.Equal("people", ex.Field);
        Assert.Equal(before, Snapshot(evaluation.State));
    }

    [Fact]
    public void Findings_are_kept_per_area_and_replaced_when_written_again()
    {
        var evaluation = Open();
        var revised = new AreaFindings(["Ny styrke"], [], []);

        evaluation.RecordFindings("6", Findings, null);
        evaluation.RecordFindings("7", Findings, null);
        evaluation.RecordFindings("6", revised, null);

        Assert.Equal(revised, evaluation.State.Findings["6"]);
        Assert.Equal(Findings, evaluation.State.Findings["7"]);
        Assert.Equal(2, evaluation.State.Findings.Count);
    }

    [Theory]
    [InlineData("9")]
    [InlineData("6.3")] // a sub-area, not a focus area
    [InlineData("")]
    [InlineData("A")]   // a perspective, not a focus area
    public void Findings_for_an_unknown_area_are_a_validation_error_on_areaCode(string areaCode)
    {
        var evaluation = Open();
        var before = Snapshot(evaluation.State);

        var ex = Assert.Throws<DomainException>(() => evaluation.RecordFindings(areaCode, Findings, null));

        Assert.Equal(ErrorKind.Validation, ex.Code);
        Assert.Equal("areaCode", ex.Field);
        Assert.Equal(before, Snapshot(evaluation.State));
    }

    [Fact]
    public void Publish_with_unrated_points_is_a_conflict_listing_them_and_changes_nothing()
    {
        var evaluation = Open();
        evaluation.Rate(BatchOfAll(V2020, new Rating(3, 3, 3), "6.3.1", "8.4", "2.2"), null);
        evaluation.State.Outbox.Pending.Clear();
        var before = Snapshot(evaluation.State);

        var ex = Assert.Throws<DomainException>(() => evaluation.Publish(PublishedAt, 2));

        Assert.Equal(ErrorKind.Conflict, ex.Code);
        Assert.Equal(["2.2", "6.3.1", "8.4"], ex.Details);
        Assert.Equal(before, Snapshot(evaluation.State));
        Assert.Equal(EvaluationStatus.Draft, evaluation.State.Status);
        Assert.Null(evaluation.State.PublishedAt);
    }

    [Fact]
    public void Publish_with_nothing_rated_lists_all_37_points()
    {
        var ex = Assert.Throws<DomainException>(() => Open().Publish(PublishedAt, null));

        Assert.Equal(V2020.ScoringPoints.Select(p => p.Code), ex.Details);
    }

    [Fact]
    public void Publish_complete_evaluation_freezes_it_and_records_when()
    {
        var evaluation = Open();
        evaluation.Rate(BatchOfAll(V2020, new Rating(4, 4, 4)), 1);
        evaluation.State.Outbox.Pending.Clear();

        evaluation.Publish(PublishedAt, 2);

        Assert.Equal(EvaluationStatus.Published, evaluation.State.Status);
        Assert.Equal(PublishedAt, evaluation.State.PublishedAt);
        Assert.Equal(3, evaluation.State.Version);
        Assert.Equal([Evaluation.AnalyticsFollower, Evaluation.BenchmarkFollower, Evaluation.KommuneFollower], evaluation.State.Outbox.Pending.Keys.Order());
        Assert.Equal(800, evaluation.Score().Total);
    }

    [Fact]
    public void Published_result_carries_the_evaluation_and_its_scores()
    {
        var result = Published().Result();

        Assert.Equal(Id, result.EvaluationId);
        Assert.Equal("NO-5027", result.KommuneId);
        Assert.Equal("2020", result.FrameworkVersion);
        Assert.Equal(EvaluatedOn, result.EvaluatedOn);
        Assert.Equal(790, result.Total);
        Assert.Equal(8, result.AreaScores.Count);
        Assert.Equal(90, result.AreaScores["1"]);
        Assert.Equal(100, result.AreaScores["8"]);
    }

    [Fact]
    public void A_published_evaluation_is_frozen_against_every_draft_command()
    {
        var evaluation = Published();
        var before = Snapshot(evaluation.State);

        var errors = new[]
        {
            Assert.Throws<DomainException>(() => evaluation.Rate([new PointRating("1.1", new Rating(4, 4, 4))], null)),
            Assert.Throws<DomainException>(() => evaluation.RecordInterview(Interview, null)),
            Assert.Throws<DomainException>(() => evaluation.RecordFindings("1", Findings, null)),
            Assert.Throws<DomainException>(() => evaluation.Publish(AmendedAt, null)),
        };

        Assert.All(errors, ex => Assert.Equal(ErrorKind.Conflict, ex.Code));
        Assert.Equal(before, Snapshot(evaluation.State));
        Assert.Equal(PublishedAt, evaluation.State.PublishedAt);
    }
}
