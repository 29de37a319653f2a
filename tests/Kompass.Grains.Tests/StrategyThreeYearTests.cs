using Kompass.Contracts.Evaluations;
using Kompass.Contracts.Kommuner;
using Kompass.Contracts.Strategies;
using Kompass.Domain.Frameworks;
using Kompass.Domain.Kommuner;
using Kompass.Domain.Strategies;
using Kompass.Storage;
using Kompass.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using ActionStatus = Kompass.Contracts.Strategies.ActionStatus;
using IndicatorKind = Kompass.Contracts.Strategies.IndicatorKind;
using NotificationKind = Kompass.Contracts.Strategies.NotificationKind;
using RecurrenceKind = Kompass.Contracts.Strategies.RecurrenceKind;
using ReportKind = Kompass.Contracts.Strategies.ReportKind;

namespace Kompass.Grains.Tests;

/// <summary>
/// One strategy lived through in the real runtime on real PostgreSQL, from adoption to its last day on the
/// strategies' fake clock: ticks every other day, a week with no ticks at all, the whole cluster stopped and a
/// new one started on the same database half-way, the kommune's next evaluation published near the end. Each
/// notification and each report must exist exactly once, and the next evaluation must fill the indicator.
/// </summary>
public sealed class StrategyThreeYearTests : IAsyncLifetime
{
    private const string K = "NO-1520";
    private static readonly FrameworkCatalogue Catalogue = FrameworkCatalogue.LoadDirectory(FrameworkCatalogue.DefaultDirectory);
    private static readonly KommuneReference Reference = KommuneReference.Load(KommuneReference.DefaultDirectory);
    private readonly PostgresServer _postgres = new();
    // 06:00 in Oslo on 10 January 2023; only the strategies' clock is fake (Orleans and evaluations keep real time).
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2023, 1, 10, 5, 0, 0, TimeSpan.Zero));

    public Task InitializeAsync() => _postgres.InitializeAsync();

    public Task DisposeAsync() => _postgres.DisposeAsync();

    private InProcessTestCluster Cluster(string database) => KompassTestCluster.Create(new KompassTestClusterOptions
    {
        Provider = KompassStorageProvider.Postgres,
        PostgresConnectionString = database,
        ConfigureSilo = silo =>
        {
            silo.Services.AddSingleton(new Strategies.StrategyClock(_time));
            silo.AddKompassGrains(Catalogue, Reference);
        },
    });

    private DateOnly Today() => KommuneCalendar.Today(K, _time.GetUtcNow());

    private static async Task<EvaluationView> Publish(IGrainFactory grains, DateOnly on, int system)
    {
        var id = await grains.GetGrain<IKommuneGrain>(K).ReserveEvaluationId(on.Year);
        var grain = grains.GetGrain<IEvaluationGrain>(id);
        await grain.Open(new OpenEvaluation(K, "2020", on, ["KS-Konsulent"]));
        await grain.Rate(new RateScoringPoints(id, EvaluationGrainTests.RateAll(Catalogue.Get("2020"), system, 2, 2)));
        return await grain.Publish(new PublishEvaluation(id));
    }

    [Fact]
    public async Task A_three_year_strategy_survives_a_cluster_restart_and_a_week_of_downtime_with_every_notification_and_report_once()
    {
        var database = _postgres.CreateDatabase("threeyears");
        var cluster = Cluster(database);
        await cluster.DeployAsync();
        try
        {
            var grains = cluster.Client;
            await grains.GetGrain<IKommuneGrain>(K).Register(new RegisterKommune(K));
            var basis = await Publish(grains, new DateOnly(2022, 11, 1), system: 1);
            var strategyId = await grains.GetGrain<IKommuneGrain>(K).ReserveStrategyId(2023);
            IStrategyGrain Strategy() => cluster.Client.GetGrain<IStrategyGrain>(strategyId);
            var start = Today();
            var end = new DateOnly(2026, 1, 15); // three years and a few days: the third anniversary falls inside
            await Strategy().Create(new CreateStrategy(K, basis.Id, "Utviklingsstrategi 2023-2026", start, end));
            await Strategy().ChooseFocusArea(new ChooseFocusArea(strategyId, "3"));
            var goalId = (await Strategy().AddGoal(new AddGoal(strategyId, "3", "Bedre samspill"))).FocusAreas[0].Goals[0].Id;
            var subGoalId = (await Strategy().AddSubGoal(new AddSubGoal(strategyId, goalId, "Tydelige planer"))).FocusAreas[0].Goals[0].SubGoals[0].Id;
            await Strategy().AddAction(new AddAction(strategyId, subGoalId, "Delegasjonsreglement", "Kommunedirektør", start, new DateOnly(2023, 6, 30)));
            await Strategy().AddAction(new AddAction(strategyId, subGoalId, "Temamøter", "Ordfører", start, new DateOnly(2023, 9, 30)));
            var planned = await Strategy().AddAction(new AddAction(strategyId, subGoalId, "Lederavtaler", "Kommunedirektør", start, new DateOnly(2024, 2, 14)));
            var (a, b, d) = planned.FocusAreas[0].Goals[0].SubGoals[0].Actions switch { var x => (x[0].Id, x[1].Id, x[2].Id) };
            await Strategy().AddRecurringActivity(new AddRecurringActivity(strategyId, "Koordineringsmøte", "Kommunedirektør", RecurrenceKind.HalfYearly,
                StartsOn: new DateOnly(2023, 3, 15)));
            await Strategy().AddIndicator(new AddIndicator(strategyId, subGoalId, IndicatorKind.AreaScore, Target: 1));
            await Strategy().Adopt(new AdoptStrategy(strategyId, "Kommunestyret", start, "K-sak 4/23", "Vedtatt."));
            EvaluationView? next = null;

            for (var day = start; day <= new DateOnly(2026, 5, 10); day = day.AddDays(1), _time.Advance(TimeSpan.FromDays(1)))
            {
                var down = day >= new DateOnly(2024, 2, 10) && day <= new DateOnly(2024, 2, 17);
                if (!down && (day.DayNumber % 2 == 0 || day == new DateOnly(2026, 5, 10)))
                    await cluster.Client.GetGrain<IFollowUpGrain>(strategyId).Tick();
                if (day == new DateOnly(2023, 6, 20))
                    await Strategy().UpdateAction(new UpdateAction(strategyId, a, Status: ActionStatus.Done));
                if (day == new DateOnly(2024, 3, 1))
                    await Strategy().UpdateAction(new UpdateAction(strategyId, d, Status: ActionStatus.Done));
                if (day == new DateOnly(2024, 6, 1))
                {
                    // Every silo goes; a new cluster takes over the same database (reminders, state, inbox, reports).
                    await cluster.StopAllSilosAsync();
                    await cluster.DisposeAsync();
                    cluster = Cluster(database);
                    await cluster.DeployAsync();
                }
                if (day == new DateOnly(2025, 10, 1))
                    next = await Publish(cluster.Client, new DateOnly(2025, 9, 15), system: 3);
            }

            var client = cluster.Client;
            var followUp = await client.GetGrain<IFollowUpGrain>(strategyId).Get();
            Assert.True(followUp.Finished, followUp.ToString());
            // It runs on to the end of the tertial the period ends in, for the final tertial report.
            Assert.Equal(new DateOnly(2026, 5, 1), followUp.ProcessedThrough);

            // Every tertial's end and each adoption anniversary, exactly once.
            var reports = (await client.GetGrain<IStrategyReportsGrain>(strategyId).List()).OrderBy(r => r.AsOf).ToList();
            var tertialEnds = new List<DateOnly>();
            for (var tertialEnd = Tertials.EndOf(start); tertialEnd <= Tertials.EndOf(end); tertialEnd = Tertials.EndOf(tertialEnd.AddDays(1)))
                tertialEnds.Add(tertialEnd);
            Assert.Equal(10, tertialEnds.Count);
            Assert.Equal(tertialEnds, reports.Where(r => r.Kind == ReportKind.Tertial).Select(r => r.AsOf));
            Assert.Equal([start.AddYears(1), start.AddYears(2), start.AddYears(3)],
                reports.Where(r => r.Kind == ReportKind.CouncilStatus).Select(r => r.IssuedOn));
            Assert.Equal(reports.Count, reports.Select(r => r.Key).Distinct().Count());

            // Every notification once, on its day: the due and overdue ones, each meeting's reminder, each report's.
            var inbox = await client.GetGrain<IInboxGrain>(K).List(500, null, false);
            var notes = inbox.Items.Select(i => i.Notification).ToList();
            Assert.Equal(notes.Count, notes.Select(n => n.Key).Distinct().Count());
            Assert.Equal(
                [(NotificationKind.ActionDueSoon, a, new DateOnly(2023, 6, 16)),
                 (NotificationKind.ActionDueSoon, b, new DateOnly(2023, 9, 16)),
                 (NotificationKind.ActionOverdue, b, new DateOnly(2023, 10, 1)),
                 (NotificationKind.ActionDueSoon, d, new DateOnly(2024, 1, 31)),
                 (NotificationKind.ActionOverdue, d, new DateOnly(2024, 2, 15))], // raised for its own day, during the downtime
                notes.Where(n => n.Kind is NotificationKind.ActionDueSoon or NotificationKind.ActionOverdue)
                    .Select(n => (n.Kind, n.SubjectId, n.On)).OrderBy(n => n.On));
            Assert.Equal(6, notes.Count(n => n.Kind == NotificationKind.OccurrenceUpcoming));
            Assert.Equal(6, notes.Count(n => n.Kind == NotificationKind.OccurrenceMissed)); // nobody recorded a meeting
            Assert.Equal(reports.Select(r => r.Key).Order(StringComparer.Ordinal),
                notes.Where(n => n.Kind is NotificationKind.TertialReportIssued or NotificationKind.CouncilStatusIssued)
                    .Select(n => n.Key).Order(StringComparer.Ordinal));

            // The next evaluation filled the area-score indicator, and the last tertial report froze it.
            var indicator = (await client.GetGrain<IStrategyGrain>(strategyId).Get())!.FocusAreas[0].Goals[0].SubGoals[0].Indicators[0];
            Assert.Equal(next!.AreaScores.Single(s => s.Code == "3").Score, (int?)indicator.Value);
            var last = reports.Last(r => r.Kind == ReportKind.Tertial);
            Assert.Equal(indicator.Value, Assert.Single(last.Indicators).Value);
            Assert.Null(Assert.Single(reports.First(r => r.Kind == ReportKind.CouncilStatus).Indicators).Value);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}
