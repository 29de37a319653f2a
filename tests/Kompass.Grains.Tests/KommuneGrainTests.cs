using Kompass.Contracts;
using Kompass.Contracts.Kommuner;

namespace Kompass.Grains.Tests;

[Collection(MemoryCluster.Name)]
public sealed class KommuneGrainTestsOnMemory(MemoryClusterFixture fixture) : KommuneGrainTests(fixture);

[Collection(PostgresCluster.Name)]
public sealed class KommuneGrainTestsOnPostgres(PostgresClusterFixture fixture) : KommuneGrainTests(fixture);

public abstract class KommuneGrainTests(KompassClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task Registering_fills_in_the_official_name_county_and_population()
    {
        var view = await Grains.GetGrain<IKommuneGrain>("NO-5027").Register(new RegisterKommune("NO-5027"));
        Assert.Equal("Midtre Gauldal", view.Name);
        Assert.Equal("Trøndelag", view.CountyName);
        Assert.Equal("NO", view.Country);
        Assert.Equal("5027", view.Number);
        Assert.True(view.Population > 5000);
        Assert.Equal(2024, view.PopulationYear);
    }

    [Fact]
    public async Task A_late_older_message_does_not_overwrite_a_newer_one()
    {
        var kommune = Grains.GetGrain<IKommuneGrain>("NO-1124");
        await kommune.Register(new RegisterKommune("NO-1124"));
        var on = new DateOnly(2025, 5, 1);
        var published = new EvaluationEntryView("NO-1124/eval/2025-1", "2020", on,
            new ResultMessage("NO-1124/eval/2025-1", "NO-1124", "2020", on, new Dictionary<string, int> { ["1"] = 70 }, null, Version: 4), Version: 4);
        var opened = new EvaluationEntryView("NO-1124/eval/2025-1", "2020", on, null, Version: 1);

        await kommune.Track(published);
        await kommune.Track(opened); // delivered late, after the publication

        var entry = Assert.Single((await kommune.Get())!.Evaluations);
        Assert.Equal(4, entry.Version);
        Assert.Equal(70, entry.Result!.AreaScores["1"]);
    }

    [Fact]
    public async Task Registering_twice_is_a_conflict()
    {
        var grain = Grains.GetGrain<IKommuneGrain>("NO-5034");
        await grain.Register(new RegisterKommune("NO-5034"));
        var error = await Assert.ThrowsAsync<KompassError>(() => grain.Register(new RegisterKommune("NO-5034", "Meråker")));
        Assert.Equal(ErrorCodes.Conflict, error.Code);
    }

    [Fact]
    public async Task A_kommune_outside_the_official_list_needs_a_name()
    {
        var error = await Assert.ThrowsAsync<KompassError>(() =>
            Grains.GetGrain<IKommuneGrain>("NO-9998").Register(new RegisterKommune("NO-9998")));
        Assert.Equal(ErrorCodes.Validation, error.Code);
        Assert.Equal("name", error.Field);
        Assert.Null(await Grains.GetGrain<IKommuneGrain>("NO-9998").Get());
    }

    [Fact]
    public async Task Reserving_an_evaluation_id_of_an_unregistered_kommune_is_not_found()
    {
        var error = await Assert.ThrowsAsync<KompassError>(() => Grains.GetGrain<IKommuneGrain>("NO-9997").ReserveEvaluationId(2026));
        Assert.Equal(ErrorCodes.NotFound, error.Code);
    }

    [Fact]
    public async Task The_directory_lists_registered_kommuner_in_number_order_page_by_page()
    {
        foreach (var id in new[] { "SE-0120", "SE-0114", "SE-0117" })
            await Grains.GetGrain<IKommuneGrain>(id).Register(new RegisterKommune(id));
        var directory = Grains.GetGrain<IKommuneDirectoryGrain>("SE");

        var all = await directory.List(500, null);
        Assert.True(all.TotalCount >= 3);
        Assert.Equal(all.Items.Select(i => i.Id).OrderBy(i => i, StringComparer.Ordinal), all.Items.Select(i => i.Id));
        Assert.Contains(all.Items, i => i.Id == "SE-0117" && i.Name == "Österåker");

        var first = await directory.List(2, null);
        Assert.Equal(all.Items.Take(2).Select(i => i.Id), first.Items.Select(i => i.Id));
        Assert.True(first.HasNextPage);
        Assert.False(first.HasPreviousPage);
        var next = await directory.List(500, first.Cursors[^1]);
        Assert.Equal(all.Items.Skip(2).Select(i => i.Id), next.Items.Select(i => i.Id));
    }
}
