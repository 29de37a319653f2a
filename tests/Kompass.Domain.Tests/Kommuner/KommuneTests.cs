using Kompass.Domain.Evaluations;
using Kompass.Domain.Kommuner;

namespace Kompass.Domain.Tests.Kommuner;

public sealed class KommuneTests
{
    private static readonly Lazy<KommuneReference> Reference = new(() => KommuneReference.Load(KommuneReference.DefaultDirectory));
    private static readonly DateTimeOffset Now = new(2024, 5, 6, 10, 0, 0, TimeSpan.Zero);
    private static readonly KommuneId MidtreGauldal = KommuneId.Parse("NO-5027");

    private static Kommune Registered(string id = "NO-5027") =>
        Kommune.Register(new KommuneState(), KommuneId.Parse(id), null, null, null, Reference.Value, Now);

    private static EvaluationEntry Entry(string id, DateOnly on, PublishedResult? result = null, int version = 1) => new(id, "2020", on, result, version);

    [Fact]
    public void Register_fills_name_county_and_population_from_the_official_list()
    {
        var s = Registered().State;

        Assert.Equal("NO-5027", s.Id);
        Assert.Equal("Midtre Gauldal", s.Name);
        Assert.Equal("Trøndelag", s.CountyName);
        Assert.Equal(6140, s.Population);
        Assert.Equal(2024, s.PopulationYear);
        Assert.Equal(Now, s.RegisteredAt);
        Assert.Equal(1, s.Version);
        Assert.Equal([Kommune.DirectoryFollower], s.Outbox.Pending.Keys);
        Assert.True(s.Exists);
    }

    [Fact]
    public void Register_a_Swedish_kommune_without_a_known_population()
    {
        var s = Registered("SE-0115").State;

        Assert.Equal("Vallentuna", s.Name);
        Assert.Equal("Stockholms län", s.CountyName);
        Assert.Null(s.Population);
        Assert.Null(s.PopulationYear);
    }

    [Fact]
    public void Values_given_win_over_the_list_and_are_trimmed()
    {
        var s = Kommune.Register(new KommuneState(), MidtreGauldal, "  Midtre Gauldal kommune ", " Sør-Trøndelag ", 6200,
            Reference.Value, Now).State;

        Assert.Equal("Midtre Gauldal kommune", s.Name);
        Assert.Equal("Sør-Trøndelag", s.CountyName);
        Assert.Equal(6200, s.Population);
        Assert.Null(s.PopulationYear); // a population given by hand has no counted year
    }

    [Fact]
    public void Blank_name_and_county_fall_back_to_the_list()
    {
        var s = Kommune.Register(new KommuneState(), MidtreGauldal, "  ", "", null, Reference.Value, Now).State;

        Assert.Equal("Midtre Gauldal", s.Name);
        Assert.Equal("Trøndelag", s.CountyName);
    }

    [Fact]
    public void Registering_twice_is_a_conflict_and_keeps_the_first()
    {
        var kommune = Registered();

        var ex = Assert.Throws<DomainException>(() =>
            Kommune.Register(kommune.State, MidtreGauldal, "Other", null, 1, Reference.Value, Now.AddDays(1)));

        Assert.Equal(ErrorKind.Conflict, ex.Code);
        Assert.Equal("kommuneId", ex.Field);
        Assert.Equal("Midtre Gauldal", kommune.State.Name);
        Assert.Equal(Now, kommune.State.RegisteredAt);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_number_missing_from_the_list_must_be_given_a_name(string? name)
    {
        var state = new KommuneState();

        var ex = Assert.Throws<DomainException>(() =>
            Kommune.Register(state, KommuneId.Parse("NO-9999"), name, null, null, Reference.Value, Now));

        Assert.Equal(ErrorKind.Validation, ex.Code);
        Assert.Equal("name", ex.Field);
        Assert.False(state.Exists);
        Assert.Empty(state.Outbox.Pending);
    }

    [Fact]
    public void A_number_missing_from_the_list_registers_with_the_name_given()
    {
        var s = Kommune.Register(new KommuneState(), KommuneId.Parse("NO-9999"), "Nykommune", null, null, Reference.Value, Now).State;

        Assert.Equal("NO-9999", s.Id);
        Assert.Equal("Nykommune", s.Name);
        Assert.Null(s.CountyName);
        Assert.Null(s.Population);
    }

    [Fact]
    public void With_an_empty_reference_every_kommune_needs_a_name()
    {
        Assert.Equal("name", Assert.Throws<DomainException>(() =>
            Kommune.Register(new KommuneState(), MidtreGauldal, null, null, null, KommuneReference.Empty, Now)).Field);

        var s = Kommune.Register(new KommuneState(), MidtreGauldal, "Midtre Gauldal", "Trøndelag", 6140, KommuneReference.Empty, Now).State;
        Assert.Equal("Midtre Gauldal", s.Name);
        Assert.Equal(6140, s.Population);
    }

    [Fact]
    public void Negative_population_is_a_validation_error()
    {
        var state = new KommuneState();

        var ex = Assert.Throws<DomainException>(() =>
            Kommune.Register(state, MidtreGauldal, null, null, -1, Reference.Value, Now));

        Assert.Equal(ErrorKind.Validation, ex.Code);
        Assert.Equal("population", ex.Field);
        Assert.False(state.Exists);
    }

    [Fact]
    public void Evaluation_ids_are_numbered_per_year()
    {
        var kommune = Registered();

        Assert.Equal("NO-5027/eval/2023-1", kommune.ReserveEvaluationId(2023));
        Assert.Equal("NO-5027/eval/2023-2", kommune.ReserveEvaluationId(2023));
        Assert.Equal("NO-5027/eval/2024-1", kommune.ReserveEvaluationId(2024));
        Assert.Equal("NO-5027/eval/2023-3", kommune.ReserveEvaluationId(2023));
        Assert.Equal(3, kommune.State.EvaluationsPerYear[2023]);
    }

    [Fact]
    public void A_reserved_id_is_owned_by_its_kommune()
    {
        var kommune = Registered("SE-0115");

        Assert.Equal(KommuneId.Parse("SE-0115"), KommuneId.OwnerOf(kommune.ReserveEvaluationId(2012)));
    }

    [Fact]
    public void An_unregistered_kommune_hands_out_no_ids_and_tracks_nothing()
    {
        var kommune = new Kommune(new KommuneState());

        var reserve = Assert.Throws<DomainException>(() => kommune.ReserveEvaluationId(2023));
        var track = Assert.Throws<DomainException>(() => kommune.Track(Entry("NO-5027/eval/2023-1", new DateOnly(2023, 1, 1))));

        Assert.Equal(ErrorKind.NotFound, reserve.Code);
        Assert.Equal("kommuneId", reserve.Field);
        Assert.Equal(ErrorKind.NotFound, track.Code);
        Assert.Empty(kommune.State.EvaluationsPerYear);
        Assert.Empty(kommune.State.Evaluations);
    }

    [Fact]
    public void Track_is_idempotent()
    {
        var kommune = Registered();
        var entry = Entry("NO-5027/eval/2023-1", new DateOnly(2023, 1, 16));

        Assert.True(kommune.Track(entry));
        Assert.False(kommune.Track(entry));

        Assert.Equal([entry], kommune.State.Evaluations);
    }

    [Fact]
    public void An_older_entry_arriving_after_a_newer_one_is_ignored()
    {
        var kommune = Registered();
        var result = new PublishedResult("NO-5027/eval/2023-1", "NO-5027", "2020", new DateOnly(2023, 1, 16),
            new Dictionary<string, int> { ["1"] = 61 }, null, Version: 5);
        var published = Entry(result.EvaluationId, result.EvaluatedOn, result, version: 5);
        var opened = Entry(result.EvaluationId, result.EvaluatedOn, version: 1);

        Assert.True(kommune.Track(published));
        Assert.False(kommune.Track(opened));

        Assert.Equal([published], kommune.State.Evaluations);
    }

    [Fact]
    public void A_retried_request_key_is_given_the_evaluation_id_it_was_given_first()
    {
        var kommune = Registered();

        var first = kommune.ReserveEvaluationId(2023, "key-1");
        var other = kommune.ReserveEvaluationId(2023, "key-2");
        var again = kommune.ReserveEvaluationId(2023, "key-1");
        var keyless = kommune.ReserveEvaluationId(2023);

        Assert.Equal("NO-5027/eval/2023-1", first);
        Assert.Equal("NO-5027/eval/2023-2", other);
        Assert.Equal(first, again);
        Assert.Equal("NO-5027/eval/2023-3", keyless);
        Assert.Equal(3, kommune.State.EvaluationsPerYear[2023]);
    }

    [Fact]
    public void Only_the_newest_request_keys_are_remembered()
    {
        var kommune = Registered();
        for (var i = 0; i < Kommune.MaxRememberedRequests + 1; i++)
            kommune.ReserveEvaluationId(1900 + i % 15, $"key-{i}");

        Assert.Equal(Kommune.MaxRememberedRequests, kommune.State.RequestedIds.Count);
        Assert.DoesNotContain(kommune.State.RequestedIds, r => r.RequestKey == "key-0");
        Assert.Contains(kommune.State.RequestedIds, r => r.RequestKey == $"key-{Kommune.MaxRememberedRequests}");
    }

    [Fact]
    public void A_year_holds_at_most_the_maximum_number_of_evaluations()
    {
        var kommune = Registered();
        for (var i = 0; i < Kommune.MaxEvaluationsPerYear; i++)
            kommune.ReserveEvaluationId(2023);

        var ex = Assert.Throws<DomainException>(() => kommune.ReserveEvaluationId(2023));

        Assert.Equal(ErrorKind.Validation, ex.Code);
        Assert.Equal("evaluatedOn", ex.Field);
        Assert.Equal(Kommune.MaxEvaluationsPerYear, kommune.State.EvaluationsPerYear[2023]);
        Assert.Equal("NO-5027/eval/2024-1", kommune.ReserveEvaluationId(2024));
    }

    [Fact]
    public void Track_replaces_an_entry_with_its_newer_state()
    {
        var kommune = Registered();
        var draft = Entry("NO-5027/eval/2023-1", new DateOnly(2023, 1, 16));
        var result = new PublishedResult(draft.Id, "NO-5027", "2020", draft.EvaluatedOn, new Dictionary<string, int> { ["1"] = 61 }, null);

        Assert.True(kommune.Track(draft));
        Assert.True(kommune.Track(draft with { Result = result, Version = 2 }));

        var tracked = Assert.Single(kommune.State.Evaluations);
        Assert.Same(result, tracked.Result);
        Assert.Equal([result], kommune.PublishedResults);
    }

    [Fact]
    public void Tracked_evaluations_are_ordered_by_date_then_id()
    {
        var kommune = Registered();
        var e2023b = Entry("NO-5027/eval/2023-2", new DateOnly(2023, 1, 16));
        var e2023a = Entry("NO-5027/eval/2023-1", new DateOnly(2023, 1, 16));
        var e2010 = Entry("NO-5027/eval/2010-1", new DateOnly(2010, 4, 1));
        var e2015 = Entry("NO-5027/eval/2015-1", new DateOnly(2015, 9, 30));

        foreach (var e in new[] { e2023b, e2015, e2023a, e2010 })
            kommune.Track(e);

        Assert.Equal([e2010, e2015, e2023a, e2023b], kommune.State.Evaluations);
    }

    [Fact]
    public void A_replaced_entry_with_a_new_date_moves_to_its_place()
    {
        var kommune = Registered();
        var a = Entry("NO-5027/eval/2015-1", new DateOnly(2015, 9, 30));
        var b = Entry("NO-5027/eval/2023-1", new DateOnly(2023, 1, 16));
        kommune.Track(a);
        kommune.Track(b);

        var moved = a with { EvaluatedOn = new DateOnly(2024, 1, 1), Version = 2 };
        kommune.Track(moved);

        Assert.Equal([b, moved], kommune.State.Evaluations);
    }

    [Fact]
    public void Published_results_are_those_of_the_published_entries_in_date_order()
    {
        var kommune = Registered();
        PublishedResult Result(string id, DateOnly on, int total) =>
            new(id, "NO-5027", "2020", on, new Dictionary<string, int>(), total);
        var r2015 = Result("NO-5027/eval/2015-1", new DateOnly(2015, 9, 30), 420);
        var r2010 = Result("NO-5027/eval/2010-1", new DateOnly(2010, 4, 1), 380);

        kommune.Track(Entry(r2015.EvaluationId, r2015.EvaluatedOn, r2015));
        kommune.Track(Entry("NO-5027/eval/2023-1", new DateOnly(2023, 1, 16)));
        kommune.Track(Entry(r2010.EvaluationId, r2010.EvaluatedOn, r2010));

        Assert.Equal([r2010, r2015], kommune.PublishedResults);
    }

    [Fact]
    public void The_latest_result_is_the_newest_published_one_by_date_whatever_the_order_it_was_tracked_in()
    {
        var kommune = Registered();
        Assert.Null(kommune.Latest);
        PublishedResult Result(string id, DateOnly on, int? total) => new(id, "NO-5027", "2020", on, new Dictionary<string, int>(), total, 3);

        kommune.Track(Entry("NO-5027/eval/2021-1", new(2021, 5, 1), Result("NO-5027/eval/2021-1", new(2021, 5, 1), 480), 3));
        kommune.Track(Entry("NO-5027/eval/2017-1", new(2017, 5, 1), Result("NO-5027/eval/2017-1", new(2017, 5, 1), 430), 3));
        kommune.Track(Entry("NO-5027/eval/2026-1", new(2026, 2, 1))); // a draft, newer: not a result
        kommune.Track(Entry("NO-5027/eval/2022-1", new(2022, 9, 1), Result("NO-5027/eval/2022-1", new(2022, 9, 1), null), 3)); // scores not held: not a result

        Assert.Equal(new LatestResult("NO-5027/eval/2021-1", "2020", new(2021, 5, 1), 480), kommune.Latest);
        var entry = kommune.ToDirectoryEntry();
        Assert.Equal(("Midtre Gauldal", "Trøndelag", 6140, 2024), (entry.Name, entry.CountyName, entry.Population, entry.PopulationYear));
        Assert.Equal(kommune.Latest, entry.Latest);
    }

    [Fact]
    public void Owing_the_directory_bumps_the_version_it_is_owed_at()
    {
        var kommune = Registered();
        Domain.Delivery.Outbox.Delivered(kommune.State.Outbox, Kommune.DirectoryFollower, 1);

        kommune.OweDirectory();

        Assert.Equal(2, kommune.State.Version);
        Assert.Equal(2, kommune.State.Outbox.Pending[Kommune.DirectoryFollower].Version);
        Assert.Equal(2, kommune.ToDirectoryEntry().Version);
    }

    [Fact]
    public void The_directory_keeps_the_newest_entry_of_a_kommune()
    {
        var state = new KommuneDirectoryState();
        var newer = new DirectoryEntry("NO-5027", "Midtre Gauldal", 3, "Trøndelag", 6140, 2024, new LatestResult("NO-5027/eval/2023-1", "2020", new(2023, 3, 2), null));

        Assert.True(KommuneDirectory.Add(state, newer));
        Assert.False(KommuneDirectory.Add(state, new DirectoryEntry("NO-5027", "Midtre Gauldal", 1)));
        Assert.Equal(newer, state.Entries["NO-5027"]);
    }
}
