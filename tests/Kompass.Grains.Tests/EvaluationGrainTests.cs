using Kompass.Domain.Tenancy;
using Kompass.Contracts;
using Kompass.Contracts.Benchmarks;
using Kompass.Contracts.Evaluations;
using Kompass.Contracts.Kommuner;
using Kompass.Domain.Frameworks;

namespace Kompass.Grains.Tests;

[Collection(MemoryCluster.Name)]
public sealed class EvaluationGrainTestsOnMemory(MemoryClusterFixture fixture) : EvaluationGrainTests(fixture);

[Collection(PostgresCluster.Name)]
public sealed class EvaluationGrainTestsOnPostgres(PostgresClusterFixture fixture) : EvaluationGrainTests(fixture);

public abstract class EvaluationGrainTests(KompassClusterFixture fixture)
{
    private static readonly FrameworkDefinition V2020 = FrameworkCatalogue.LoadDirectory(FrameworkCatalogue.DefaultDirectory).Get("2020");

    private IGrainFactory Grains => fixture.Client;

    internal static IReadOnlyList<ScoringPointRating> RateAll(FrameworkDefinition framework, int system, int scope, int result) =>
        [.. framework.ScoringPoints.Select(p => new ScoringPointRating(p.Code, system, scope, result))];

    private async Task<EvaluationView> Open(string kommuneId, DateOnly on, string version = "2020")
    {
        if (await Grains.GetGrain<IKommuneGrain>(kommuneId).Get() is null)
            await Grains.GetGrain<IKommuneGrain>(kommuneId).Register(new RegisterKommune(kommuneId));
        var id = await Grains.GetGrain<IKommuneGrain>(kommuneId).ReserveEvaluationId(on.Year);
        return await Grains.GetGrain<IEvaluationGrain>(id).Open(new OpenEvaluation(kommuneId, version, on, ["KS-Konsulent"]));
    }

    [Fact]
    public async Task Open_rate_everything_and_publish_gives_published_scores_and_feeds_kommune()
    {
        var opened = await Open("NO-1101", new DateOnly(2026, 2, 1));
        Assert.Equal("NO-1101/eval/2026-1", opened.Id);
        Assert.Equal(EvaluationStatus.Draft, opened.Status);
        Assert.Equal(37, opened.MissingScoringPoints.Count);

        var grain = Grains.GetGrain<IEvaluationGrain>(opened.Id);
        var rated = await grain.Rate(new RateScoringPoints(opened.Id, RateAll(V2020, 3, 3, 2)));
        Assert.Empty(rated.MissingScoringPoints);
        // Every point at 8/12 of its max: each area 66.67 -> published 67; total is the sum of published areas.
        Assert.All(rated.AreaScores, a => Assert.Equal(67, a.Score));
        Assert.Equal(8 * 67, rated.Total);

        var published = await grain.Publish(new PublishEvaluation(opened.Id, rated.Version));
        Assert.Equal(EvaluationStatus.Published, published.Status);
        Assert.Equal(fixture.Time.GetUtcNow(), published.PublishedAt);

        var kommune = await Grains.GetGrain<IKommuneGrain>("NO-1101").Get();
        var entry = Assert.Single(kommune!.Evaluations);
        Assert.Equal(536, entry.Result!.Total);
        Assert.Equal(67, entry.Result.AreaScores["4"]);
    }

    [Fact]
    public async Task A_rating_off_the_scale_is_rejected_with_its_field_and_changes_nothing()
    {
        var opened = await Open("NO-1103", new DateOnly(2026, 2, 1));
        var grain = Grains.GetGrain<IEvaluationGrain>(opened.Id);
        var error = await Assert.ThrowsAsync<KompassError>(() => grain.Rate(new RateScoringPoints(opened.Id,
            [new ScoringPointRating("1.1", 4, 4, 4), new ScoringPointRating("1.2", 2, 5, 1)])));
        Assert.Equal(ErrorCodes.Validation, error.Code);
        Assert.Equal("ratings[1].scope", error.Field);
        Assert.Equal("Rating 5 is off the scale 0-4.", error.Message); // the reason survives the grain boundary

        var after = await grain.Get();
        Assert.Empty(after!.Ratings);
        Assert.Equal(opened.Version, after.Version);
    }

    [Fact]
    public async Task An_unknown_scoring_point_is_a_validation_error()
    {
        var opened = await Open("NO-1106", new DateOnly(2026, 2, 1));
        var error = await Assert.ThrowsAsync<KompassError>(() => Grains.GetGrain<IEvaluationGrain>(opened.Id)
            .Rate(new RateScoringPoints(opened.Id, [new ScoringPointRating("9.9", 1, 1, 1)])));
        Assert.Equal(ErrorCodes.Validation, error.Code);
        Assert.Equal("ratings[0].code", error.Field);
    }

    [Fact]
    public async Task Publishing_with_unrated_points_is_a_conflict_listing_them()
    {
        var opened = await Open("NO-1108", new DateOnly(2026, 2, 1));
        var grain = Grains.GetGrain<IEvaluationGrain>(opened.Id);
        await grain.Rate(new RateScoringPoints(opened.Id, [new ScoringPointRating("1.1", 2, 2, 2)]));
        var error = await Assert.ThrowsAsync<KompassError>(() => grain.Publish(new PublishEvaluation(opened.Id)));
        Assert.Equal(ErrorCodes.Conflict, error.Code);
        Assert.Equal(36, error.Details.Count);
        Assert.Contains("6.3.1", error.Details);
        Assert.Equal(EvaluationStatus.Draft, (await grain.Get())!.Status);
    }

    [Fact]
    public async Task A_published_evaluation_is_frozen_and_an_amendment_is_audited()
    {
        var opened = await Open("NO-1111", new DateOnly(2026, 2, 1));
        var grain = Grains.GetGrain<IEvaluationGrain>(opened.Id);
        await grain.Rate(new RateScoringPoints(opened.Id, RateAll(V2020, 2, 2, 2)));
        await grain.Publish(new PublishEvaluation(opened.Id));

        var frozen = await Assert.ThrowsAsync<KompassError>(() =>
            grain.Rate(new RateScoringPoints(opened.Id, [new ScoringPointRating("1.1", 4, 4, 4)])));
        Assert.Equal(ErrorCodes.Conflict, frozen.Code);
        var findings = await Assert.ThrowsAsync<KompassError>(() =>
            grain.RecordFindings(new RecordFindings(opened.Id, "1", ["Gode nettsider"], [], [])));
        Assert.Equal(ErrorCodes.Conflict, findings.Code);

        CallerContext.Principal = new Principal("evaluator@ks.no", Role.PlatformAdmin);
        EvaluationView amended;
        try
        {
            amended = await grain.Amend(new AmendEvaluation(opened.Id, "Typo in 1.1", [new ScoringPointRating("1.1", 4, 4, 4)], []));
        }
        finally
        {
            RequestContext.Clear();
        }
        var amendment = Assert.Single(amended.Amendments);
        Assert.Equal("evaluator@ks.no", amendment.By);
        Assert.Equal("Typo in 1.1", amendment.Reason);
        var change = Assert.Single(amendment.Changes);
        Assert.Equal(("ratings.1.1", "2/2/2", "4/4/4"), (change.Field, change.OldValue, change.NewValue));
        // Area 1 has five 20-point sub-areas: 4 x 10 + 20 = 60.
        Assert.Equal(60, amended.AreaScores.Single(a => a.Code == "1").Score);
        var kommune = await Grains.GetGrain<IKommuneGrain>("NO-1111").Get();
        Assert.Equal(60, kommune!.Evaluations.Single().Result!.AreaScores["1"]);
    }

    [Fact]
    public async Task A_stale_expected_version_is_a_conflict()
    {
        var opened = await Open("NO-1112", new DateOnly(2026, 2, 1));
        var grain = Grains.GetGrain<IEvaluationGrain>(opened.Id);
        await grain.RecordInterview(new RecordInterview(opened.Id, "Ordfører", new DateOnly(2026, 1, 20), 1, opened.Version));
        var error = await Assert.ThrowsAsync<KompassError>(() =>
            grain.RecordInterview(new RecordInterview(opened.Id, "Kommunedirektør", new DateOnly(2026, 1, 20), 1, opened.Version)));
        Assert.Equal(ErrorCodes.Conflict, error.Code);
        Assert.Equal("expectedVersion", error.Field);
        Assert.Single((await grain.Get())!.Interviews);
    }

    [Fact]
    public async Task Imports_take_part_in_comparisons_with_previous_and_country_mean()
    {
        var kommune = Grains.GetGrain<IKommuneGrain>("SE-0115");
        await kommune.Register(new RegisterKommune("SE-0115"));
        var earlierId = await kommune.ReserveEvaluationId(2014);
        await Grains.GetGrain<IEvaluationGrain>(earlierId).Import(new ImportHistoricalResult("SE-0115", "2010", new DateOnly(2014, 5, 1),
            [new AreaScoreInput("1", 40), new AreaScoreInput("2", 50)], null, "SKR report 2014"));
        var laterId = await kommune.ReserveEvaluationId(2018);
        await Grains.GetGrain<IEvaluationGrain>(laterId).Import(new ImportHistoricalResult("SE-0115", "2010", new DateOnly(2018, 5, 1),
            [new AreaScoreInput("1", 60)], 480, "SKR report 2018"));

        var comparison = await Grains.GetGrain<IEvaluationGrain>(laterId).Compare();
        Assert.Equal(earlierId, comparison.PreviousEvaluationId);
        var area1 = comparison.Areas.Single(a => a.Code == "1");
        Assert.Equal(20, area1.DeltaToPrevious);
        Assert.Equal(50m, area1.Mean);           // (40 + 60) / 2 over Sweden's 2010 results
        Assert.Equal(10m, area1.DeltaToMean);
        Assert.Equal(480, comparison.Total);
        Assert.Null(comparison.DeltaToPrevious); // the earlier result has no total
        Assert.Equal(2, comparison.MeanBasedOn);

        var benchmark = await Grains.GetGrain<IBenchmarkGrain>(IBenchmarkGrain.KeyOf("SE", "2010")).Get();
        Assert.Equal(480m, benchmark.Total!.Value);
    }

    [Fact]
    public async Task An_import_with_an_area_over_100_is_rejected()
    {
        var kommune = Grains.GetGrain<IKommuneGrain>("NO-1114");
        await kommune.Register(new RegisterKommune("NO-1114"));
        var id = await kommune.ReserveEvaluationId(2019);
        var error = await Assert.ThrowsAsync<KompassError>(() => Grains.GetGrain<IEvaluationGrain>(id).Import(
            new ImportHistoricalResult("NO-1114", "2010", new DateOnly(2019, 1, 1), [new AreaScoreInput("1", 101)], null, "report")));
        Assert.Equal(ErrorCodes.Validation, error.Code);
        Assert.Null(await Grains.GetGrain<IEvaluationGrain>(id).Get());
    }

    [Fact]
    public async Task An_amendment_naming_an_area_twice_is_a_validation_error_and_changes_nothing()
    {
        var kommune = Grains.GetGrain<IKommuneGrain>("NO-1122");
        await kommune.Register(new RegisterKommune("NO-1122"));
        var id = await kommune.ReserveEvaluationId(2018);
        var imported = await Grains.GetGrain<IEvaluationGrain>(id).Import(
            new ImportHistoricalResult("NO-1122", "2010", new DateOnly(2018, 1, 1), [new AreaScoreInput("1", 40)], null, "report"));

        CallerContext.Principal = new Principal("a@ks.no", Role.PlatformAdmin);
        try
        {
            var error = await Assert.ThrowsAsync<KompassError>(() => Grains.GetGrain<IEvaluationGrain>(id).Amend(
                new AmendEvaluation(id, "fix", [], [new AreaScoreInput("1", 50), new AreaScoreInput("1", 60)])));
            Assert.Equal(ErrorCodes.Validation, error.Code);
            Assert.Equal("areaScores", error.Field);
        }
        finally
        {
            RequestContext.Clear();
        }
        Assert.Equal(imported.Version, (await Grains.GetGrain<IEvaluationGrain>(id).Get())!.Version);
    }

    [Fact]
    public async Task An_evaluation_cannot_be_opened_for_another_kommune_than_its_key()
    {
        var error = await Assert.ThrowsAsync<KompassError>(() => Grains.GetGrain<IEvaluationGrain>("NO-1119/eval/2026-1")
            .Open(new OpenEvaluation("NO-1120", "2020", new DateOnly(2026, 1, 1), ["x"])));
        Assert.Equal(ErrorCodes.Validation, error.Code);
        Assert.Equal("kommuneId", error.Field);
    }
}
