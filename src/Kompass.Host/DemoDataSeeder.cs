using Kompass.Domain.Tenancy;
using System.Text.Json;
using Kompass.Contracts;
using Kompass.Contracts.Evaluations;
using Kompass.Contracts.Kommuner;
using Kompass.Contracts.Strategies;
using Kompass.Domain.Strategies;
using Kompass.Gateway;

namespace Kompass.Host;

/// <summary>
/// Seeds the labelled demo data (demo/demo-data.json) into an empty store, once, through the same
/// API the GraphQL mutations use. Off with Kompass:Demo:Seed=false.
/// </summary>
internal sealed class DemoDataSeeder(KompassApi api, IGrainFactory grains, IConfiguration config, ILogger<DemoDataSeeder> logger)
    : BackgroundService
{
    public const string DemoLabel = "[DEMO DATA] ";
    public const string SeedKey = "Kompass:Demo:Seed";
    public const string PathKey = "Kompass:Demo:Path";

    private sealed record DemoFile(string Label, List<DemoKommune> Kommuner, List<DemoResult> HistoricalResults);
    private sealed record DemoKommune(string Id);
    private sealed record DemoResult(string KommuneId, string FrameworkVersion, DateOnly EvaluatedOn, Dictionary<string, int> AreaScores, int? Total, string Source,
        bool ScoresNotHeld = false);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!config.GetValue(SeedKey, true))
            return;
        var path = config[PathKey] ?? Path.Combine(AppContext.BaseDirectory, "demo", "demo-data.json");
        if (!File.Exists(path))
        {
            logger.LogWarning("No demo data at {Path}; nothing seeded.", path);
            return;
        }
        CallerContext.Principal = Principal.System; // seeding is the service's own work (async-local: this flow only)
        if (!await IsEmpty())
            return;

        try
        {
            await SeedAsync(path, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Demo data is a convenience: failing to seed it must never take the service down.
            logger.LogError(e, "Seeding demo data from {Path} failed.", path);
        }
    }

    private async Task SeedAsync(string path, CancellationToken stoppingToken)
    {
        await using var stream = File.OpenRead(path);
        var demo = await JsonSerializer.DeserializeAsync<DemoFile>(stream, JsonSerializerOptions.Web, stoppingToken)
            ?? throw new InvalidDataException($"{path} is empty.");
        var seeded = new HashSet<string>();
        foreach (var k in demo.Kommuner)
        {
            try
            {
                await api.RegisterKommune(new RegisterKommune(k.Id), Principal.System);
                seeded.Add(k.Id);
            }
            catch (KompassError e) when (e.Code == ErrorCodes.Conflict)
            {
                // Another silo of the cluster, starting at the same time, is seeding this kommune.
            }
        }
        var results = demo.HistoricalResults.Where(r => seeded.Contains(r.KommuneId)).ToList();
        var imported = new List<EvaluationView>();
        foreach (var r in results)
            imported.Add(await api.ImportHistoricalResult(new ImportHistoricalResult(
                r.KommuneId, r.FrameworkVersion, r.EvaluatedOn,
                [.. r.AreaScores.Select(a => new AreaScoreInput(a.Key, a.Value))], r.Total, DemoLabel + r.Source, r.ScoresNotHeld), Principal.System));
        var meraker = imported.FirstOrDefault(e => e.KommuneId == MerakerDemoStrategy.KommuneId);
        if (meraker is not null)
        {
            var id = await grains.GetGrain<IKommuneGrain>(MerakerDemoStrategy.KommuneId).ReserveStrategyId(MerakerDemoStrategy.PeriodStart.Year);
            var strategy = await grains.GetGrain<IStrategyGrain>(id).SeedMerakerDemo(meraker.Id);
            logger.LogInformation("Seeded demo strategy {Strategy} ({Status}).", id, strategy.Status);
        }
        logger.LogInformation("Seeded demo data: {Kommuner} kommuner, {Results} historical results. {Label}",
            seeded.Count, results.Count, demo.Label);
    }

    private async Task<bool> IsEmpty()
    {
        foreach (var country in new[] { "NO", "SE" })
            if ((await grains.GetGrain<IKommuneDirectoryGrain>(country).List(0, null)).TotalCount > 0)
                return false;
        return true;
    }
}
