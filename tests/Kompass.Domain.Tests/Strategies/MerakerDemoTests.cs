using System.Text.Json;
using Kompass.Domain.Strategies;
using static Kompass.Domain.Tests.Strategies.StrategyFixtures;

namespace Kompass.Domain.Tests.Strategies;

public sealed class MerakerDemoTests
{
    private static readonly DateTimeOffset SeededAt = Oslo(2023, 8, 1);

    private static StrategyBasis MerakerBasis() =>
        new("NO-5034/eval/2022-1", "NO-5034", TestFrameworks.V2020, true, new DateOnly(2022, 1, 1), new Dictionary<string, int>(),
            new Dictionary<string, IReadOnlyList<string>> { ["8"] = ["Forventningsavklaringer", "Relasjonsbygging"] });

    private static Strategy Build(bool adopt = true) =>
        MerakerDemoStrategy.Build(new StrategyState(), "NO-5034/strategy/2023-1", MerakerBasis(), SeededAt, adopt);

    [Fact]
    public void It_is_labelled_demo_data()
    {
        var s = Build();

        Assert.StartsWith("[DEMO DATA]", s.State.Title);
        Assert.Contains("Demodata", s.State.Description);
        Assert.Contains("demodata", s.State.Adoption!.Decision);
        Assert.Equal("demo-seed", s.State.CreatedBy);
    }

    [Fact]
    public void It_has_merakers_three_focus_areas_with_goals_sub_goals_actions_and_indicators()
    {
        var s = Build();

        Assert.Equal(["3", "6", "8"], s.State.FocusAreas.Select(f => f.AreaCode));
        Assert.All(s.State.FocusAreas, f => Assert.NotEmpty(f.Goals.SelectMany(g => g.SubGoals).SelectMany(sg => sg.Actions)));
        Assert.Equal(["Forventningsavklaringer", "Relasjonsbygging"], s.State.FocusAreas[2].StartingPoints);
        Assert.Equal(13, s.Actions().Count());
        Assert.Equal(3, s.Indicators().Count(i => i.Kind == IndicatorKind.AreaScore));
        Assert.Single(s.Indicators(), i => i.Kind == IndicatorKind.Measure);
        Assert.Equal(3, (s.State.PeriodEnd.DayNumber - s.State.PeriodStart.DayNumber + 1) / 365);
    }

    [Fact]
    public void Its_arshjul_has_four_unit_leader_meetings_a_year_one_coordination_meeting_each_half_year_and_monthly_short_meetings()
    {
        var s = Build();
        var perYear = s.State.Activities.ToDictionary(a => a.Recurrence.Kind,
            a => s.OccurrencesOf(a).Count(o => o.Date >= new DateOnly(2024, 1, 1) && o.Date <= new DateOnly(2024, 12, 31)));

        Assert.Equal(4, perYear[RecurrenceKind.Quarterly]);
        Assert.Equal(2, perYear[RecurrenceKind.HalfYearly]);
        Assert.Equal(12, perYear[RecurrenceKind.Cron]);
        Assert.All(s.Occurrences().Where(o => o.ActivityId == s.State.Activities[2].Id), o => Assert.Equal(DayOfWeek.Monday, o.Date.DayOfWeek));
    }

    [Fact]
    public void It_is_adopted_and_the_kommune_grants_it_the_adopted_place()
    {
        var draft = Build(adopt: false);
        var kommune = new KommuneStrategies(new KommuneStrategiesState());
        kommune.ClaimAdoption(draft.Entry());
        draft.Adopt(new Adoption("Kommunestyret", MerakerDemoStrategy.AdoptedOn, "DEMO-sak 00/23", "Vedtatt (demodata)."), SeededAt, null);
        kommune.Track(draft.Entry());

        Assert.Equal(StrategyStatus.Adopted, Build().State.Status);
        Assert.Equal(draft.State.Id, kommune.AdoptedStrategyId);
    }

    [Fact]
    public void It_survives_storage_and_its_follow_up_runs_to_the_end()
    {
        var s = Build();
        var json = JsonSerializer.Serialize(s.State, Json);
        var stored = new Strategy(JsonSerializer.Deserialize<StrategyState>(json, Json)!);
        var f = FollowUp.Start(new FollowUpState(), stored.State, SeededAt);

        var all = FollowUpTests.CatchUpAll(f, stored.State, Oslo(2027, 1, 1));

        Assert.Equal(json, JsonSerializer.Serialize(stored.State, Json));
        Assert.True(all.Finished);
        Assert.Equal(["T3 2023", "T1 2024", "T2 2024", "T3 2024", "T1 2025", "T2 2025", "T3 2025", "T1 2026", "T2 2026"],
            all.Reports.Where(r => r.Kind == ReportKind.Tertial).Select(r => r.Label));
        Assert.Equal(3, all.Reports.Count(r => r.Kind == ReportKind.CouncilStatus));
        Assert.Equal(13, all.Notifications.Count(n => n.Kind == NotificationKind.ActionOverdue)); // nothing was ever marked done
        Assert.Equal(all.Notifications.Count, all.Notifications.Select(n => n.Key).Distinct().Count());
    }

    [Fact]
    public void Its_basis_must_be_merakers_published_evaluation()
    {
        Assert.Throws<DomainException>(() => MerakerDemoStrategy.Build(new StrategyState(), "NO-5034/strategy/2023-1", MerakerBasis() with { IsPublished = false }, SeededAt));
        Assert.Throws<DomainException>(() => MerakerDemoStrategy.Build(new StrategyState(), "NO-5034/strategy/2023-1",
            MerakerBasis() with { KommuneId = "NO-5027", EvaluationId = "NO-5027/eval/2022-1" }, SeededAt));
    }
}
