using Kompass.Testing;
using Orleans.Storage;
using static Kompass.Storage.Tests.TestSupport;

namespace Kompass.Storage.Tests;

/// <summary>
/// The storage contract, plus what the SQL stores add: the schema migrator, and state keyed by
/// (ServiceId, state name, grain key) only, as Orleans' ADO.NET provider keys it.
/// </summary>
public abstract class SqlStorageContractTests : StorageContractTests
{
    protected abstract Task<SchemaMigrationResult> MigrateAsync(KompassTestClusterOptions database);

    /// <summary>Rows of KompassSchemaVersion: (version, name), in version order.</summary>
    protected abstract Task<IReadOnlyList<(int Version, string Name)>> ReadSchemaVersionsAsync(KompassTestClusterOptions database);

    [Fact]
    public async Task Migrator_is_idempotent_and_safe_from_concurrent_callers()
    {
        var database = NewDatabase("migrate");
        var expected = KompassSchemaMigrator.Migrations(Provider).Select(m => m.Version).ToArray();
        Assert.NotEmpty(expected);

        // Four silos starting at once against an empty database.
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => MigrateAsync(database))));

        var appliers = results.Where(r => r.Applied.Count > 0).ToArray();
        Assert.Single(appliers);
        Assert.Equal(expected, appliers[0].Applied);
        Assert.All(results, r => Assert.Equal(expected[^1], r.SchemaVersion));

        // And again, later.
        var again = await MigrateAsync(database);
        Assert.Empty(again.Applied);
        Assert.Equal(expected[^1], again.SchemaVersion);

        var recorded = await ReadSchemaVersionsAsync(database);
        Assert.Equal(expected, recorded.Select(r => r.Version));
        Assert.Equal(KompassSchemaMigrator.Migrations(Provider).Select(m => m.Name), recorded.Select(r => r.Name));
    }

    [Fact]
    public async Task Grain_classes_sharing_a_state_name_share_one_row_and_the_stale_one_is_rejected()
    {
        // The ADO.NET provider keys state by (ServiceId, state name, grain key) only: this is why every
        // grain class needs its own state name. Optimistic concurrency at least turns the silent
        // overwrite into an InconsistentStateException.
        var database = NewDatabase("collision");
        const string key = "NO-1103";
        var cluster = await StartAsync(database);
        try
        {
            var alpha = cluster.Client.GetGrain<IAlphaGrain>(key);
            var twin = cluster.Client.GetGrain<IAlphaTwinGrain>(key);

            await alpha.Set("written by alpha");
            Assert.Equal("written by alpha", await twin.Get()); // a different class reads alpha's state

            await twin.Set("written by twin");                   // and overwrites it
            await Assert.ThrowsAsync<InconsistentStateException>(() => alpha.Set("alpha again")); // alpha's version is stale

            // The runtime deactivates alpha after the conflict; its next activation sees the twin's write.
            await WaitForAsync(() => alpha.Get(), text => text == "written by twin", TimeSpan.FromSeconds(10), "alpha to reload");
        }
        finally
        {
            await StopAsync(cluster);
        }
    }
}
