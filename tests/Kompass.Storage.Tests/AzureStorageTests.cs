using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Kompass.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;
using Xunit.Abstractions;
using static Kompass.Storage.Tests.TestSupport;

namespace Kompass.Storage.Tests;

/// <summary>The storage contract against Azurite: grain state in blobs, reminders in a table.</summary>
[Collection(AzuriteServer.Collection)]
public sealed class AzureStorageTests(AzuriteServer azurite) : StorageContractTests
{
    protected override KompassStorageProvider Provider => KompassStorageProvider.AzureStorage;

    protected override KompassTestClusterOptions NewDatabase(string name) => new()
    {
        Provider = KompassStorageProvider.AzureStorage,
        AzureStorageConnectionString = azurite.ConnectionString,
        AzureContainerName = azurite.NewContainerName(name),
        // Reminders are keyed by ServiceId in the one shared table: a service of its own per test.
        ServiceId = $"kompass-test-{name}-{Guid.NewGuid():N}"[..40],
        ConfigureSilo = ConfigureTestSilo,
    };

    protected override Task<IReadOnlyList<StorageHit>> ScanAsync(KompassTestClusterOptions database, string text) =>
        StorageScan.AzureAsync(azurite.ConnectionString, text);

    protected override async Task<string?> ReadStoredJsonAsync(KompassTestClusterOptions database, string stateName, string grainKey)
    {
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(database.AzureContainerName);
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, stateName, CancellationToken.None))
        {
            if (blob.Name.Contains(grainKey, StringComparison.Ordinal))
            {
                return (await container.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString();
            }
        }

        return null;
    }

    [Fact]
    public async Task A_state_larger_than_a_table_entity_allows_is_kept_whole_in_a_blob()
    {
        // An Azure Table entity holds at most 1 MiB; Orleans' table provider refuses more. The blob provider
        // must store and read back a 3 MB state exactly, never cut.
        var database = NewDatabase("large");
        var cluster = await StartAsync(database);
        try
        {
            var storage = cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(KompassStorage.StorageName);
            var grainId = GrainId.Create("kompass-direct", "NO-5027/eval/2026-1");
            var tags = Enumerable.Range(0, 1500).Select(i => $"{i:D4} " + new string('ø', 1000)).ToList();
            var large = new GrainState<ProbeState>(new ProbeState { Text = "stor", Tags = tags });
            await storage.WriteStateAsync("large", grainId, large);

            var read = new GrainState<ProbeState>();
            await storage.ReadStateAsync("large", grainId, read);
            Assert.True(read.RecordExists);
            Assert.Equal(large.ETag, read.ETag);
            Assert.Equal(tags, read.State!.Tags);

            var json = await ReadStoredJsonAsync(database, "large", "NO-5027") ?? "";
            Assert.True(Encoding.UTF8.GetByteCount(json) > 3_000_000, $"stored {json.Length} characters");
        }
        finally
        {
            await StopAsync(cluster);
        }
    }

    [Fact]
    public async Task Grain_classes_sharing_a_state_name_are_still_kept_apart_as_blobs_are_named_by_grain_id()
    {
        // Unlike the ADO.NET tables, the blob name holds the whole grain id (type and key). Kompass still
        // gives every grain class its own state name, so the SQL stores behave the same.
        var database = NewDatabase("twins");
        var cluster = await StartAsync(database);
        try
        {
            await cluster.Client.GetGrain<IAlphaGrain>("NO-1103").Set("written by alpha");
            Assert.Null(await cluster.Client.GetGrain<IAlphaTwinGrain>("NO-1103").Get());
        }
        finally
        {
            await StopAsync(cluster);
        }
    }

    [Fact]
    public async Task Start_up_creates_the_container_and_the_silo_registers_in_the_membership_table()
    {
        var database = NewDatabase("created");
        var cluster = await StartAsync(database);
        try
        {
            var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(database.AzureContainerName);
            Assert.True((await container.ExistsAsync()).Value);
            var tables = new TableServiceClient(azurite.ConnectionString);
            var names = new List<string>();
            await foreach (var table in tables.QueryAsync())
            {
                names.Add(table.Name);
            }

            Assert.Contains("OrleansReminders", names);
        }
        finally
        {
            await StopAsync(cluster);
        }
    }
}

/// <summary>Two silos on Azure Storage membership (a table in Azurite), one killed.</summary>
[Collection(AzuriteServer.Collection)]
public sealed class AzureClusterTests(AzuriteServer azurite, ITestOutputHelper output) : ClusterFailoverTests(output)
{
    protected override TestClusterBuilder Builder() => AzureTestCluster.Builder(azurite.ConnectionString, azurite.NewContainerName("cluster"));

    protected override async Task<Dictionary<int, string>> MembershipStatusesAsync(string clusterId)
    {
        // Orleans' table: one entity per silo, partitioned by cluster id, its status by name.
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient("OrleansSiloInstances");
        var statuses = new Dictionary<int, string>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == clusterId))
        {
            if (entity.TryGetValue("Port", out var port) && entity.TryGetValue("Status", out var status))
            {
                statuses[int.Parse(port!.ToString()!, System.Globalization.CultureInfo.InvariantCulture)] = status!.ToString()!;
            }
        }

        return statuses;
    }
}
