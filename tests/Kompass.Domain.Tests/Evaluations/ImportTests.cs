using Kompass.Domain.Evaluations;
using Kompass.Domain.Scoring;
using static Kompass.Domain.Tests.Evaluations.EvaluationFixtures;
using static Kompass.Domain.Tests.TestFrameworks;

namespace Kompass.Domain.Tests.Evaluations;

/// <summary>Historical results known only as area scores and/or a total.</summary>
public sealed class ImportTests
{
    private static readonly Dictionary<string, int> NoAreas = [];

    private static DomainException Invalid(IReadOnlyDictionary<string, int> areaScores, int? total)
    {
        var ex = Assert.Throws<DomainException>(() => Evaluation.CheckPublishedScores(V2020, areaScores, total));
        Assert.Equal(ErrorKind.Validation, ex.Code);
        return ex;
    }

    [Fact]
    public void Imported_result_is_published_as_it_comes()
    {
        var s = Imported(EightAreas(), 474).State;

        Assert.Equal(Id, s.Id);
        Assert.Equal("NO-5027", s.KommuneId);
        Assert.Equal("2020", s.FrameworkVersion);
        Assert.Equal(EvaluatedOn, s.EvaluatedOn);
        Assert.Equal(EvaluationStatus.Published, s.Status);
        Assert.Equal(EvaluationOrigin.Imported, s.Origin);
        Assert.Equal("KS-rapport 2015", s.Source);
        Assert.Equal(OpenedAt, s.PublishedAt);
        Assert.Equal(1, s.Version);
        Assert.Equal([Evaluation.AnalyticsFollower, Evaluation.BenchmarkFollower, Evaluation.KommuneFollower], s.Outbox.Pending.Keys.Order());
        Assert.Empty(s.Ratings);
    }

    [Fact]
    public void Imported_result_carries_its_area_scores_and_total()
    {
        var result = Imported(EightAreas(), 474).Result();

        Assert.Equal(EightAreas(), result.AreaScores);
        Assert.Equal(474, result.Total);
        Assert.Equal(Id, result.EvaluationId);
        Assert.Equal("NO-5027", result.KommuneId);
    }

    [Fact]
    public void Import_copies_the_area_scores_it_is_given()
    {
        var areas = EightAreas();
        var evaluation = Imported(areas, 474);

        areas["1"] = 0;

        Assert.Equal(61, evaluation.Result().AreaScores["1"]);
    }

    [Fact]
    public void All_areas_without_a_total_publish_their_sum()
    {
        var evaluation = Imported(EightAreas(), null);

        Assert.Null(evaluation.State.ImportedTotal);
        Assert.Equal(474, evaluation.Result().Total);
    }

    [Fact]
    public void Only_a_total_is_fine()
    {
        var result = Imported(NoAreas, 512).Result();

        Assert.Empty(result.AreaScores);
        Assert.Equal(512, result.Total);
    }

    [Fact]
    public void Only_some_areas_are_fine_and_the_total_stays_unknown()
    {
        var result = Imported(Areas(("1", 61), ("6", 52)), null).Result();

        Assert.Equal(Areas(("1", 61), ("6", 52)), result.AreaScores);
        Assert.Null(result.Total);
    }

    [Fact]
    public void Version_2010_results_import_too()
    {
        var result = Imported(Areas(("1", 48), ("8", 55)), 430, V2010).Result();

        Assert.Equal("2010", result.FrameworkVersion);
        Assert.Equal(430, result.Total);
    }

    [Fact]
    public void Nothing_at_all_is_a_validation_error()
    {
        Assert.Equal("areaScores", Invalid(NoAreas, null).Field);
    }

    [Theory]
    [InlineData(101)]
    [InlineData(-1)]
    [InlineData(800)]
    public void Area_score_outside_0_to_100_is_a_validation_error_on_that_area(int score)
    {
        Assert.Equal("areaScores[1].score", Invalid(Areas(("1", 50), ("3", score)), null).Field);
    }

    [Fact]
    public void Area_scores_at_the_ends_of_the_range_are_fine()
    {
        Evaluation.CheckPublishedScores(V2020, Areas(("1", 0), ("2", 100)), null);
        Evaluation.CheckPublishedScores(V2020, NoAreas, 0);
        Evaluation.CheckPublishedScores(V2020, NoAreas, 800);
    }

    [Theory]
    [InlineData("9")]
    [InlineData("1.1")]
    [InlineData("A")]
    public void Unknown_area_is_a_validation_error_on_that_code(string code)
    {
        Assert.Equal("areaScores[0].code", Invalid(Areas((code, 50)), null).Field);
    }

    [Theory]
    [InlineData(801)]
    [InlineData(-1)]
    public void Total_outside_0_to_800_is_a_validation_error(int total)
    {
        Assert.Equal("total", Invalid(NoAreas, total).Field);
    }

    [Theory]
    [InlineData(473)]
    [InlineData(475)]
    [InlineData(0)]
    public void Total_that_is_not_the_sum_of_all_eight_areas_is_a_validation_error(int total)
    {
        Assert.Equal("total", Invalid(EightAreas(), total).Field);
    }

    [Fact]
    public void Total_smaller_than_the_given_areas_is_a_validation_error()
    {
        // 61 + 55 = 116 already
        Assert.Equal("total", Invalid(Areas(("1", 61), ("2", 55)), 115).Field);
    }

    [Fact]
    public void Total_larger_than_the_given_areas_plus_100_per_unknown_area_is_a_validation_error()
    {
        // 116 + 6 x 100 = 716 at most
        Assert.Equal("total", Invalid(Areas(("1", 61), ("2", 55)), 717).Field);
    }

    [Theory]
    [InlineData(116)]
    [InlineData(400)]
    [InlineData(716)]
    public void Total_within_what_the_unknown_areas_can_add_is_fine(int total)
    {
        Evaluation.CheckPublishedScores(V2020, Areas(("1", 61), ("2", 55)), total);
    }

    [Fact]
    public void A_rejected_import_leaves_nothing_behind()
    {
        var state = new EvaluationState();

        Assert.Throws<DomainException>(() =>
            Evaluation.Import(state, Id, V2020, EvaluatedOn, Areas(("1", 120)), null, "rapport", OpenedAt));

        Assert.False(state.Exists);
        Assert.Equal(0, state.Version);
        Assert.Empty(state.ImportedAreaScores);
    }

    [Fact]
    public void Import_with_an_id_no_kommune_owns_leaves_nothing_behind()
    {
        var state = new EvaluationState();

        var ex = Assert.Throws<DomainException>(() =>
            Evaluation.Import(state, "XX-5027/eval/2015-1", V2020, EvaluatedOn, EightAreas(), 474, "rapport", OpenedAt));

        Assert.Equal(ErrorKind.Validation, ex.Code);
        Assert.Equal("id", ex.Field);
        Assert.False(state.Exists);
        Assert.Equal(EvaluationStatus.Draft, state.Status);
    }

    [Fact]
    public void Import_onto_an_existing_evaluation_is_a_conflict()
    {
        var evaluation = Open();
        var before = Snapshot(evaluation.State);

        var ex = Assert.Throws<DomainException>(() =>
            Evaluation.Import(evaluation.State, Id, V2020, EvaluatedOn, EightAreas(), 474, "rapport", OpenedAt));

        Assert.Equal(ErrorKind.Conflict, ex.Code);
        Assert.Equal(before, Snapshot(evaluation.State));
    }

    [Fact]
    public void An_imported_result_cannot_be_rated()
    {
        var evaluation = Imported(EightAreas(), 474);

        var ex = Assert.Throws<DomainException>(() => evaluation.Rate([new PointRating("1.1", new Rating(4, 4, 4))], null));

        Assert.Equal(ErrorKind.Conflict, ex.Code);
    }

    // ---- amending an imported result ----

    private const string By = "KS analyst";
    private const string Reason = "Typo in the 2015 report transcription";

    [Fact]
    public void Amending_an_area_and_the_total_records_both_changes()
    {
        var evaluation = Imported(EightAreas(), 474);
        evaluation.State.Outbox.Pending.Clear();

        evaluation.Amend(By, Reason, [], Areas(("3", 80)), 484, AmendedAt, 1);

        var amendment = Assert.Single(evaluation.State.Amendments);
        Assert.Equal(By, amendment.By);
        Assert.Equal(AmendedAt, amendment.At);
        Assert.Equal(Reason, amendment.Reason);
        Assert.Equal([new AmendedValue("areaScores.3", "70", "80"), new AmendedValue("total", "474", "484")], amendment.Changes);
        Assert.Equal(80, evaluation.Result().AreaScores["3"]);
        Assert.Equal(484, evaluation.Result().Total);
        Assert.Equal(2, evaluation.State.Version);
        Assert.Equal([Evaluation.AnalyticsFollower, Evaluation.BenchmarkFollower, Evaluation.KommuneFollower], evaluation.State.Outbox.Pending.Keys.Order());
        Assert.Equal(EvaluationStatus.Published, evaluation.State.Status);
    }

    [Fact]
    public void A_kept_total_that_no_longer_fits_the_areas_is_a_validation_error()
    {
        var evaluation = Imported(EightAreas(), 474);
        var before = Snapshot(evaluation.State);

        var ex = Assert.Throws<DomainException>(() => evaluation.Amend(By, Reason, [], Areas(("3", 80)), null, AmendedAt, null));

        Assert.Equal(ErrorKind.Validation, ex.Code);
        Assert.Equal("total", ex.Field);
        Assert.Equal(before, Snapshot(evaluation.State));
    }

    [Fact]
    public void Adding_an_area_to_a_total_only_result_keeps_the_total()
    {
        var evaluation = Imported(NoAreas, 512);

        evaluation.Amend(By, Reason, [], Areas(("5", 70)), null, AmendedAt, null);

        Assert.Equal([new AmendedValue("areaScores.5", null, "70")], evaluation.State.Amendments[0].Changes);
        Assert.Equal(Areas(("5", 70)), evaluation.Result().AreaScores);
        Assert.Equal(512, evaluation.Result().Total);
    }

    [Fact]
    public void Amending_only_the_total_of_an_area_only_result()
    {
        var evaluation = Imported(Areas(("1", 61), ("2", 55)), null);

        evaluation.Amend(By, Reason, [], NoAreas, 480, AmendedAt, null);

        Assert.Equal([new AmendedValue("total", null, "480")], evaluation.State.Amendments[0].Changes);
        Assert.Equal(480, evaluation.Result().Total);
    }

    [Fact]
    public void Amending_an_imported_result_with_a_total_out_of_reach_is_a_validation_error()
    {
        var evaluation = Imported(Areas(("1", 61), ("2", 55)), 480);

        var ex = Assert.Throws<DomainException>(() => evaluation.Amend(By, Reason, [], NoAreas, 717, AmendedAt, null));

        Assert.Equal("total", ex.Field);
        Assert.Equal(480, evaluation.Result().Total);
        Assert.Empty(evaluation.State.Amendments);
    }

    [Theory]
    [InlineData("3", 101, "areaScores[0].score")]
    [InlineData("9", 50, "areaScores[0].code")]
    public void Amended_area_scores_are_checked_like_an_import(string code, int score, string field)
    {
        var evaluation = Imported(Areas(("1", 61)), null);

        var ex = Assert.Throws<DomainException>(() => evaluation.Amend(By, Reason, [], Areas((code, score)), null, AmendedAt, null));

        Assert.Equal(ErrorKind.Validation, ex.Code);
        Assert.Equal(field, ex.Field);
        Assert.Equal(Areas(("1", 61)), evaluation.State.ImportedAreaScores);
    }

    [Fact]
    public void An_imported_result_has_no_ratings_to_amend()
    {
        var evaluation = Imported(EightAreas(), 474);

        var ex = Assert.Throws<DomainException>(() =>
            evaluation.Amend(By, Reason, [new PointRating("1.1", new Rating(4, 4, 4))], NoAreas, null, AmendedAt, null));

        Assert.Equal(ErrorKind.Validation, ex.Code);
        Assert.Equal("ratings", ex.Field);
    }

    [Fact]
    public void An_amendment_of_an_imported_result_must_change_something()
    {
        var evaluation = Imported(EightAreas(), 474);

        var ex = Assert.Throws<DomainException>(() => evaluation.Amend(By, Reason, [], NoAreas, null, AmendedAt, null));

        Assert.Equal(ErrorKind.Validation, ex.Code);
        Assert.Equal("areaScores", ex.Field);
        Assert.Equal(1, evaluation.State.Version);
    }

    [Fact]
    public void Amending_an_imported_result_still_needs_who_and_why()
    {
        var evaluation = Imported(EightAreas(), 474);

        var ex = Assert.Throws<DomainException>(() => evaluation.Amend(By, "", [], Areas(("3", 80)), 484, AmendedAt, null));

        Assert.Equal("reason", ex.Field);
        Assert.Equal(474, evaluation.Result().Total);
    }

    [Fact]
    public void An_evaluation_whose_scores_the_source_does_not_give_is_published_without_a_result_value()
    {
        var s = Evaluation.Import(new EvaluationState(), Id, V2020, EvaluatedOn, NoAreas, null, "Notat om Kommunekompasset 2022", OpenedAt,
            scoresNotHeld: true).State;

        Assert.Equal((EvaluationStatus.Published, EvaluationOrigin.Imported), (s.Status, s.Origin));
        Assert.Empty(s.ImportedAreaScores);
        Assert.Null(s.ImportedTotal);
    }

    [Fact]
    public void Scores_not_held_with_scores_given_is_refused_and_no_scores_without_it_too()
    {
        var state = new EvaluationState();
        var ex = Assert.Throws<DomainException>(() =>
            Evaluation.Import(state, Id, V2020, EvaluatedOn, NoAreas, 474, "rapport", OpenedAt, scoresNotHeld: true));
        Assert.Equal((ErrorKind.Validation, "scoresNotHeld"), (ex.Code, ex.Field));
        Assert.False(state.Exists);

        var none = Assert.Throws<DomainException>(() => Evaluation.Import(state, Id, V2020, EvaluatedOn, NoAreas, null, "rapport", OpenedAt));
        Assert.Equal("areaScores", none.Field);
        Assert.False(state.Exists);
    }
}
