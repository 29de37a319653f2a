using System.Data;
using System.Diagnostics;
using Kompass.Contracts;
using Kompass.Contracts.Evaluations;
using Kompass.Contracts.Kommuner;
using Kompass.Contracts.Strategies;
using Kompass.Domain.Kommuner;
using KommuneCalendar = Kompass.Domain.Strategies.KommuneCalendar;
using Kompass.Domain.Tenancy;
using Kompass.Grains;
using Kompass.Grains.Strategies;
using Kompass.Storage;
using Kompass.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Kompass.Benchmarks;

/// <summary>
/// The strategy follow-up (issue 6): one silo on SQLite (the default store), the real grains, the strategies'
/// clock moved a day at a time. (1) Strategies of 50, 100, 200 and 500 actions (a tenth as many årshjul
/// activities, 50 at 500) side by side: each simulated day every one of them ticks once, so noise falls on all
/// sizes alike; then action updates, with the bytes each one writes. (2) The daily ticks of 400 kommuner,
/// each with a strategy of 25 actions and 5 activities, all ticked for the same day as a scheduler would.
/// </summary>
internal sealed class StrategyTickBenchmark(BenchmarkOptions options)
{
    private static readonly int[] Sizes = [50, 100, 200, 500];
    private const int Fleet = 400;
    private static readonly DateOnly PeriodStart = new(2026, 1, 1);
    private static readonly DateOnly PeriodEnd = new(2028, 12, 31);

    // 06:00 in Oslo on the day of adoption; only the strategies' clock: Orleans keeps real time.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 5, 5, 0, 0, TimeSpan.Zero));
    private readonly WorkloadDefinition _work = new(1);

    public async Task RunAsync()
    {
        var folder = Directory.CreateTempSubdirectory("kompass-strategy-bench-");
        var database = Path.Combine(folder.FullName, "kompass.db");
        var cluster = KompassTestCluster.Create(new KompassTestClusterOptions
        {
            Provider = KompassStorageProvider.Sqlite,
            SqlitePath = database,
            ConfigureSilo = silo =>
            {
                silo.Services.AddSingleton(new StrategyClock(_clock));
                silo.AddKompassGrains(_work.Catalogue, _work.Reference);
            },
        });
        await cluster.DeployAsync();
        try
        {
            CallerContext.Principal = Principal.System; // as the follow-up's reminder runs
            var grains = cluster.Silos[0].ServiceProvider.GetRequiredService<IGrainFactory>();
            var kommuner = _work.Reference.All(Country.NO).Concat(_work.Reference.All(Country.SE)).Select(k => k.Id.ToString()).ToList();
            await GrowthAsync(grains, kommuner.Take(Sizes.Length).ToList(), database);
            await FleetAsync(grains, kommuner.Skip(Sizes.Length).Take(Fleet).ToList());
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
            folder.Delete(recursive: true);
        }
    }

    private async Task GrowthAsync(IGrainFactory grains, List<string> kommuner, string database)
    {
        var days = Math.Max(20, options.Runs * 12);
        Report.Heading("Strategy follow-up: one tick, by the size of the strategy");
        Report.Progress("strategies of " + string.Join(", ", Sizes) + " actions");
        var strategies = new List<string>();
        for (var i = 0; i < Sizes.Length; i++)
            strategies.Add(await AdoptedStrategyAsync(grains, kommuner[i], Sizes[i], Sizes[i] == 500 ? 50 : Sizes[i] / 10));
        foreach (var id in strategies)
            await grains.GetGrain<IFollowUpGrain>(id).Tick();

        var ticks = Sizes.Select(_ => new List<double>()).ToArray();
        for (var day = 0; day < days; day++)
        {
            _clock.Advance(TimeSpan.FromDays(1));
            for (var i = 0; i < Sizes.Length; i++)
            {
                var clock = Stopwatch.StartNew();
                await grains.GetGrain<IFollowUpGrain>(strategies[i]).Tick();
                ticks[i].Add(clock.Elapsed.TotalMilliseconds);
            }
        }
        var notified = (await Task.WhenAll(kommuner.Select(k => grains.GetGrain<IInboxGrain>(k).List(1, null, false)))).Select(p => p.TotalCount).ToArray();

        // An action update writes the whole strategy state (one row): its size is what each update costs in I/O.
        var updates = Sizes.Select(_ => new List<double>()).ToArray();
        var bytes = new long[Sizes.Length];
        var actionIds = new List<string[]>();
        foreach (var id in strategies)
            actionIds.Add([.. (await grains.GetGrain<IStrategyGrain>(id).Get())!.FocusAreas.SelectMany(f => f.Goals).SelectMany(g => g.SubGoals)
                .SelectMany(s => s.Actions).Select(a => a.Id).Take(20)]);
        for (var round = 0; round < 20; round++)
            for (var i = 0; i < Sizes.Length; i++)
            {
                var clock = Stopwatch.StartNew();
                await grains.GetGrain<IStrategyGrain>(strategies[i]).UpdateAction(new UpdateAction(strategies[i], actionIds[i][round],
                    PercentComplete: 10 + round, Note: $"Statusmøte {round}: fremdrift som planlagt."));
                updates[i].Add(clock.Elapsed.TotalMilliseconds);
            }
        using (var connection = SqliteDatabase.Open(database))
            for (var i = 0; i < Sizes.Length; i++)
                bytes[i] = PayloadBytes(connection, strategies[i]);

        Report.Line($"{days} simulated days; each day every strategy ticks once (one day to catch up), sizes in turn. " +
                    "A tick reads the strategy's state from its grain, computes the day's notifications and reports, delivers them and writes the follow-up's state.");
        Report.Table(["actions", "årshjul activities", "tick p50 ms", "tick p99 ms", "notifications raised", "update p50 ms", "state written per update (bytes)", "bytes per action"],
            Sizes.Select((size, i) => (IReadOnlyList<string>)[
                size.ToString(), (size == 500 ? 50 : size / 10).ToString(),
                Stats.F(Stats.Median(ticks[i]), 2), Stats.F(P99(ticks[i]), 2), notified[i].ToString(),
                Stats.F(Stats.Median(updates[i]), 2), bytes[i].ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                Stats.F((double)bytes[i] / size, 0)]));
        Report.Line($"From 50 to 500 actions (10x): tick p50 x{Stats.F(Stats.Median(ticks[^1]) / Stats.Median(ticks[0]), 2)}, " +
                    $"update p50 x{Stats.F(Stats.Median(updates[^1]) / Stats.Median(updates[0]), 2)}, state written x{Stats.F((double)bytes[^1] / bytes[0], 2)}.");
    }

    private async Task FleetAsync(IGrainFactory grains, List<string> kommuner)
    {
        Report.Heading($"Strategy follow-up: the daily ticks of {kommuner.Count} kommuner");
        Report.Progress($"{kommuner.Count} strategies of 25 actions");
        var strategies = new List<string>();
        foreach (var batch in kommuner.Chunk(16))
            strategies.AddRange(await Task.WhenAll(batch.Select(k => AdoptedStrategyAsync(grains, k, 25, 5))));
        await Parallel.ForEachAsync(strategies, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, _) => await grains.GetGrain<IFollowUpGrain>(id).Tick());

        var days = Math.Max(5, options.Runs * 2);
        var walls = new List<double>();
        var latencies = new List<double>();
        var cpu = TimeSpan.Zero;
        for (var day = 0; day < days; day++)
        {
            _clock.Advance(TimeSpan.FromDays(1));
            var cpuBefore = Cpu.ThisProcess();
            var wall = Stopwatch.StartNew();
            var perTick = new System.Collections.Concurrent.ConcurrentBag<double>();
            await Parallel.ForEachAsync(strategies, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, _) =>
            {
                var clock = Stopwatch.StartNew();
                await grains.GetGrain<IFollowUpGrain>(id).Tick();
                perTick.Add(clock.Elapsed.TotalMilliseconds);
            });
            walls.Add(wall.Elapsed.TotalMilliseconds);
            cpu += Cpu.ThisProcess() - cpuBefore;
            latencies.AddRange(perTick);
        }
        Report.Line($"{days} simulated days; each day all {strategies.Count} follow-ups tick once, 16 at a time (CPU: this process, silo and SQLite together). " +
                    $"Load average at the end: {Stats.F(Cpu.LoadAverage(), 2)}.");
        Report.Table(["kommuner", "a day's ticks, wall ms (median)", "slowest day ms", "tick p50 ms", "tick p99 ms", "CPU per tick µs"],
        [[
            strategies.Count.ToString(), Stats.F(Stats.Median(walls), 0), Stats.F(walls.Max(), 0),
            Stats.F(Stats.Median(latencies), 2), Stats.F(P99(latencies), 2), Stats.F(cpu.TotalMicroseconds / (days * strategies.Count), 0),
        ]]);
    }

    /// <summary>
    /// A published evaluation of the kommune and an adopted strategy on it: 3 focus areas, a goal each, sub-goals
    /// of at most 50 actions, due dates spread over the period (some due each week), and årshjul activities of
    /// every recurrence.
    /// </summary>
    private async Task<string> AdoptedStrategyAsync(IGrainFactory grains, string kommuneId, int actions, int activities)
    {
        var kommune = grains.GetGrain<IKommuneGrain>(kommuneId);
        await kommune.Register(new RegisterKommune(kommuneId));
        var evaluationId = await kommune.ReserveEvaluationId(2025);
        var evaluation = grains.GetGrain<IEvaluationGrain>(evaluationId);
        await evaluation.Open(new OpenEvaluation(kommuneId, WorkloadDefinition.FrameworkVersion, new DateOnly(2025, 10, 1), ["KS-Konsulent"]));
        await evaluation.Rate(new RateScoringPoints(evaluationId, [.. _work.AllPoints().Select(r => new ScoringPointRating(r.Code, r.Rating.System, r.Rating.Scope, r.Rating.Result, null))]));
        await evaluation.Publish(new PublishEvaluation(evaluationId));

        var id = await kommune.ReserveStrategyId(PeriodStart.Year);
        var strategy = grains.GetGrain<IStrategyGrain>(id);
        await strategy.Create(new CreateStrategy(kommuneId, evaluationId, "Utviklingsstrategi (benchmark)", PeriodStart, PeriodEnd));
        var subGoals = new List<string>();
        string[] areas = ["3", "6", "8"];
        var perSubGoal = 50;
        var subGoalCount = (actions + perSubGoal - 1) / perSubGoal;
        foreach (var area in areas)
            await strategy.ChooseFocusArea(new ChooseFocusArea(id, area));
        var goals = new List<string>();
        foreach (var area in areas)
            goals.Add((await strategy.AddGoal(new AddGoal(id, area, $"Mål for område {area}"))).FocusAreas.First(f => f.AreaCode == area).Goals[0].Id);
        for (var s = 0; s < subGoalCount; s++)
        {
            var view = await strategy.AddSubGoal(new AddSubGoal(id, goals[s % goals.Count], $"Delmål {s + 1}"));
            subGoals.Add(view.FocusAreas.SelectMany(f => f.Goals).SelectMany(g => g.SubGoals).Single(g => g.Title == $"Delmål {s + 1}").Id);
        }
        var span = PeriodEnd.DayNumber - PeriodStart.DayNumber;
        for (var a = 0; a < actions; a++)
            await strategy.AddAction(new AddAction(id, subGoals[a / perSubGoal], $"Tiltak {a + 1}", "Kommunedirektør",
                PeriodStart, DateOnly.FromDayNumber(PeriodStart.DayNumber + 20 + (int)((long)a * (span - 20) / actions)), ResponsibleUnit: "Stab"));
        RecurrenceKind[] kinds = [RecurrenceKind.Monthly, RecurrenceKind.Quarterly, RecurrenceKind.Tertial, RecurrenceKind.HalfYearly, RecurrenceKind.Yearly];
        for (var r = 0; r < activities; r++)
            await strategy.AddRecurringActivity(r % 10 == 9
                ? new AddRecurringActivity(id, $"Ukemøte {r + 1}", "Kommunedirektør", RecurrenceKind.Cron, Cron: "0 9 * * 1", StartsOn: PeriodStart)
                : new AddRecurringActivity(id, $"Møte {r + 1}", "Kommunedirektør", kinds[r % kinds.Length], StartsOn: PeriodStart.AddDays(r % 28)));
        await strategy.Adopt(new AdoptStrategy(id, "Kommunestyret", KommuneCalendar.Today(kommuneId, _clock.GetUtcNow()), "K-sak 1/26", "Vedtatt."));
        return id;
    }

    private static long PayloadBytes(System.Data.Common.DbConnection connection, string strategyId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(LENGTH(PayloadBinary)), 0) FROM OrleansStorage WHERE GrainTypeString = @StateName AND GrainIdExtensionString = @Key";
        command.Add("StateName", DbType.String, StateNames.Strategy);
        command.Add("Key", DbType.String, strategyId);
        return Convert.ToInt64(command.ExecuteScalar());
    }

    private static double P99(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return Stats.Percentile(sorted, 0.99);
    }
}
