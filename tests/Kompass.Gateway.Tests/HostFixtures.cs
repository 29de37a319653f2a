using System.Diagnostics;

namespace Kompass.Gateway.Tests;

// Two hosts for the whole project, each started once (a start costs seconds): the two collections
// run in parallel, the classes inside a collection one after another.

/// <summary>
/// A host with an empty store (no demo data). Tests that share it each use their own kommune
/// numbers, so they do not depend on each other or on their order.
/// </summary>
public sealed class SharedHostFixture : IAsyncLifetime
{
    public KompassTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await KompassTestHost.StartAsync("Kompass:Demo:Seed=false");

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SharedHostCollection : ICollectionFixture<SharedHostFixture>
{
    public const string Name = "Shared host";
}

/// <summary>
/// A host with the demo data seeded, as a fresh <c>dotnet run</c> has it: NO-5027 Midtre Gauldal with
/// imported results 2010-1, 2015-1 (version 2010) and 2023-1 (version 2020, areas 1, 3, 4, 7), and
/// NO-5034 Meråker with its 2022 evaluation, whose scores the source does not give, and its demo strategy. In this collection only <see cref="FullFlowTests"/> writes
/// (one 2020 evaluation of NO-5027); nothing registers kommuner, so the directory holds exactly the two.
/// </summary>
public sealed class DemoHostFixture : IAsyncLifetime
{
    public KompassTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await KompassTestHost.StartAsync("Kompass:Demo:Seed=true");
        await WaitForSeedAsync();
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>The seeder is a background service: wait until its last result has reached the kommune.</summary>
    private async Task WaitForSeedAsync()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var data = await Host.OkAsync("""{ kommune(id: "NO-5027") { evaluations { id } } m: kommune(id: "NO-5034") { evaluations { id } strategies { id } } }""",
                token: Host.Token("kommune-leader", "NO-5034"));
            if (data["kommune"]?["evaluations"]?.AsArray().Count == 3 && data["m"]?["evaluations"]?.AsArray().Count == 1
                && data["m"]?["strategies"]?.AsArray().Count == 1)
                return;
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
                throw new TimeoutException($"The demo data was not seeded within 30 s: {data.ToJsonString()}");
            await Task.Delay(100);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DemoHostCollection : ICollectionFixture<DemoHostFixture>
{
    public const string Name = "Demo host";
}
