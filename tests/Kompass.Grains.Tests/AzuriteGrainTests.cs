using Kompass.Contracts.Evaluations;
using Kompass.Contracts.Kommuner;
using Kompass.Domain.Evaluations;
using Kompass.Storage;
using Kompass.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;

namespace Kompass.Grains.Tests;

/// <summary>The grain suite on Azure Storage: an Azurite started for this fixture, grain state in blobs.</summary>
public sealed class AzuriteClusterFixture : KompassClusterFixture
{
    public AzuriteServer Azurite { get; } = new();

    protected override async Task<KompassTestClusterOptions> StorageAsync()
    {
        await Azurite.InitializeAsync();
        return new KompassTestClusterOptions
        {
            Provider = KompassStorageProvider.AzureStorage,
            AzureStorageConnectionString = Azurite.ConnectionString,
            AzureContainerName = Azurite.NewContainerName("grains"),
        };
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCluster : ICollectionFixture<AzuriteClusterFixture>
{
    public const string Name = "grains on Azure Storage (Azurite)";
}

[Collection(AzuriteCluster.Name)]
public sealed class EvaluationGrainTestsOnAzurite(AzuriteClusterFixture fixture) : EvaluationGrainTests(fixture);

[Collection(AzuriteCluster.Name)]
public sealed class KommuneGrainTestsOnAzurite(AzuriteClusterFixture fixture) : KommuneGrainTests(fixture);

/// <summary>
/// The API puts no limit on how many findings an area holds (each at most 2,000 characters), so an
/// evaluation's state can outgrow the 1 MiB of an Azure Table entity: in a blob it is kept whole.
/// </summary>
[Collection(AzuriteCluster.Name)]
public sealed class LargeEvaluationOnAzuriteTests(AzuriteClusterFixture fixture)
{
    [Fact]
    public async Task An_evaluation_larger_than_a_table_entity_is_stored_and_read_back_whole()
    {
        const string kommune = "NO-3301";
        await fixture.Client.GetGrain<IKommuneGrain>(kommune).Register(new RegisterKommune(kommune));
        var id = await fixture.Client.GetGrain<IKommuneGrain>(kommune).ReserveEvaluationId(2026);
        var grain = fixture.Client.GetGrain<IEvaluationGrain>(id);
        await grain.Open(new OpenEvaluation(kommune, "2020", new DateOnly(2026, 5, 1), ["KS-Konsulent"]));

        // Findings of the maximum length, in Norwegian: 8 areas x 3 lists x 20 = 480 x 2,000 characters.
        string Finding(string area, string kind, int i) => $"{area}.{kind}.{i} " + string.Concat(Enumerable.Repeat("Styrke på området ", 120))[..1990];
        foreach (var area in Enumerable.Range(1, 8).Select(a => a.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            await grain.RecordFindings(new RecordFindings(id, area,
                [.. Enumerable.Range(0, 20).Select(i => Finding(area, "s", i))],
                [.. Enumerable.Range(0, 20).Select(i => Finding(area, "c", i))],
                [.. Enumerable.Range(0, 20).Select(i => Finding(area, "i", i))]));
        }

        // Read straight from storage (not the activation's memory).
        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(KompassStorage.StorageName);
        var stored = new GrainState<EvaluationState>();
        await storage.ReadStateAsync(StateNames.Evaluation, GrainId.Create("evaluation", id), stored);
        Assert.Equal(8, stored.State!.Findings.Count);
        Assert.All(stored.State.Findings, f => Assert.Equal(
            [.. Enumerable.Range(0, 20).Select(i => Finding(f.Key, "c", i))], f.Value.Challenges));
        var bytes = new KompassJsonGrainStorageSerializer().Serialize(stored.State).ToMemory().Length;
        Assert.True(bytes > 1024 * 1024, $"the state is {bytes} bytes, not more than a table entity holds");
    }
}
