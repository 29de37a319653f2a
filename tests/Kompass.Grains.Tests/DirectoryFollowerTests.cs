using System.Diagnostics;
using Kompass.Contracts.Kommuner;

namespace Kompass.Grains.Tests;

[Collection(MemoryCluster.Name)]
public sealed class DirectoryFollowerTestsOnMemory(MemoryClusterFixture fixture) : DirectoryFollowerTests(fixture);

[Collection(PostgresCluster.Name)]
public sealed class DirectoryFollowerTestsOnPostgres(PostgresClusterFixture fixture) : DirectoryFollowerTests(fixture);

/// <summary>The country directory follows each kommune: county, population and the latest result, versioned.</summary>
public abstract class DirectoryFollowerTests(KompassClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task The_directory_lists_a_kommunes_latest_result_by_date_whatever_the_order_results_arrive_in()
    {
        var kommune = Grains.GetGrain<IKommuneGrain>("NO-1144");
        await kommune.Register(new RegisterKommune("NO-1144"));
        Assert.Null((await EntryAsync("NO-1144"))!.LatestResult);

        await kommune.Track(Published("NO-1144/eval/2019-1", new DateOnly(2019, 5, 1), 480, version: 3));
        await kommune.Track(Published("NO-1144/eval/2015-1", new DateOnly(2015, 5, 1), 430, version: 3)); // older, arrives later
        await kommune.Track(new EvaluationEntryView("NO-1144/eval/2026-1", "2020", new DateOnly(2026, 2, 1), null, 1)); // a draft: no result

        var entry = await EventuallyAsync("NO-1144", e => e.LatestResult?.EvaluationId == "NO-1144/eval/2019-1");
        Assert.Equal(new LatestResultView("NO-1144/eval/2019-1", "2020", new DateOnly(2019, 5, 1), 480), entry.LatestResult);
        Assert.Equal("Kvitsøy", entry.Name);
        Assert.Equal("Rogaland", entry.CountyName);
        Assert.True(entry.Population > 0);
        Assert.Equal(2024, entry.PopulationYear);
        // The kommune's own view agrees with its directory entry.
        Assert.Equal(entry.LatestResult, (await kommune.Get())!.LatestResult);

        // An amendment of the latest result reaches the directory too.
        await kommune.Track(Published("NO-1144/eval/2019-1", new DateOnly(2019, 5, 1), 485, version: 4));
        await EventuallyAsync("NO-1144", e => e.LatestResult?.Total == 485);
    }

    [Fact]
    public async Task A_late_delivery_of_an_older_entry_changes_nothing()
    {
        var kommune = Grains.GetGrain<IKommuneGrain>("NO-1145");
        await kommune.Register(new RegisterKommune("NO-1145"));
        await kommune.Track(Published("NO-1145/eval/2021-1", new DateOnly(2021, 5, 1), 500, version: 3));
        var current = await EventuallyAsync("NO-1145", e => e.LatestResult is not null);

        // The registration's entry (version 1, no result) delivered again, late, by a retry.
        await Grains.GetGrain<IKommuneDirectoryGrain>("NO").Add(new DirectoryEntryView("NO-1145", "Bokn", 1, "Rogaland", 800, 2024));

        Assert.Equal(current, await EntryAsync("NO-1145"));
        Assert.True(current.Version > 1);
    }

    private static EvaluationEntryView Published(string id, DateOnly on, int total, int version) => new(id, "2020", on,
        new ResultMessage(id, id[..7], "2020", on, new Dictionary<string, int>(), total, version), version);

    private async Task<DirectoryEntryView?> EntryAsync(string id) =>
        (await Grains.GetGrain<IKommuneDirectoryGrain>(id[..2]).List(500, null)).Items.SingleOrDefault(e => e.Id == id);

    private async Task<DirectoryEntryView> EventuallyAsync(string id, Func<DirectoryEntryView, bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await EntryAsync(id) is { } entry && condition(entry))
                return entry;
            if (clock.Elapsed > TimeSpan.FromSeconds(15))
                throw new TimeoutException($"The directory's entry of {id} is not as expected: {await EntryAsync(id)}");
            await Task.Delay(50);
        }
    }
}
