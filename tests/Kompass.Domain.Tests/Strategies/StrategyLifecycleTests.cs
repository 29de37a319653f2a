using System.Text.Json;
using Kompass.Domain.Evaluations;
using Kompass.Domain.Scoring;
using Kompass.Domain.Strategies;
using static Kompass.Domain.Tests.Strategies.StrategyFixtures;

namespace Kompass.Domain.Tests.Strategies;

public sealed class StrategyLifecycleTests
{
    [Fact]
    public void Create_starts_a_draft_at_version_1_with_what_it_needs_of_the_basis()
    {
        var s = Draft();

        Assert.Equal(Id, s.State.Id);
        Assert.Equal(KommuneId, s.State.KommuneId);
        Assert.Equal(StrategyStatus.Draft, s.State.Status);
        Assert.Equal(1, s.State.Version);
        Assert.Equal(EvaluationId, s.State.BasisEvaluationId);
        Assert.Equal("2020", s.State.FrameworkVersion);
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "8"], s.State.FrameworkAreas.Select(a => a.Code));
        Assert.Equal(52, s.State.BasisAreaScores["3"]);
        Assert.Equal(By, s.State.CreatedBy);
        Assert.Equal(Now, s.State.CreatedAt);
    }

    [Fact]
    public void Create_trims_the_title()
    {
        var s = Strategy.Create(new StrategyState(), Id, Basis(), "  Strategi  ", "  ", PeriodStart, PeriodEnd, By, Now);

        Assert.Equal("Strategi", s.State.Title);
        Assert.Null(s.State.Description);
    }

    [Fact]
    public void Basis_of_a_published_evaluation_carries_its_scores_and_improvement_areas()
    {
        var evaluation = Evaluation.Import(new EvaluationState(), EvaluationId, TestFrameworks.V2020, EvaluatedOn,
            new Dictionary<string, int> { ["3"] = 61, ["6"] = 50 }, null, "KS-rapport", Now);

        var basis = StrategyBasis.Of(evaluation);

        Assert.True(basis.IsPublished);
        Assert.Equal(KommuneId, basis.KommuneId);
        Assert.Equal(61, basis.AreaScores["3"]);
        Assert.Equal(EvaluatedOn, basis.EvaluatedOn);
    }

    [Fact]
    public void Basis_of_a_draft_evaluation_is_not_published_and_a_strategy_on_it_is_rejected()
    {
        var evaluation = Evaluation.Open(new EvaluationState(), EvaluationId, TestFrameworks.V2020, EvaluatedOn, ["Evaluator"], Now);
        evaluation.RecordFindings("3", new AreaFindings([], [], ["Tydelige rolleavklaringer"]), null);
        var basis = StrategyBasis.Of(evaluation);
        var state = new StrategyState();

        Assert.False(basis.IsPublished);
        Assert.Equal(["Tydelige rolleavklaringer"], basis.ImprovementAreas["3"]);
        var e = Assert.Throws<DomainException>(() =>
            Strategy.Create(state, Id, basis, "Strategi", null, PeriodStart, PeriodEnd, By, Now));
        Assert.Equal(ErrorKind.Conflict, e.Code);
        Assert.Equal("evaluationId", e.Field);
        Assert.False(state.Exists);
    }

    [Fact]
    public void A_strategy_on_another_kommunes_evaluation_is_rejected()
    {
        var state = new StrategyState();
        var e = Assert.Throws<DomainException>(() => Strategy.Create(state, Id, Basis(kommuneId: "NO-5027", evaluationId: "NO-5027/eval/2023-1"),
            "Strategi", null, PeriodStart, PeriodEnd, By, Now));

        Assert.Equal(ErrorKind.Validation, e.Code);
        Assert.Equal("evaluationId", e.Field);
        Assert.Contains("NO-5027", e.Message);
        Assert.False(state.Exists);
    }

    [Theory]
    [InlineData("NO-5034/eval/2023-1")]
    [InlineData("NO-5034")]
    [InlineData("bad")]
    public void A_malformed_id_is_rejected(string id)
    {
        var e = Assert.Throws<DomainException>(() => Strategy.Create(new StrategyState(), id, Basis(), "Strategi", null, PeriodStart, PeriodEnd, By, Now));
        Assert.Equal("strategyId", e.Field);
    }

    [Fact]
    public void Creating_twice_is_a_conflict()
    {
        var s = Draft();
        Rejected(s, () => Strategy.Create(s.State, Id, Basis(), "Again", null, PeriodStart, PeriodEnd, By, Now), ErrorKind.Conflict, "strategyId");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_title_is_required(string title)
    {
        var e = Assert.Throws<DomainException>(() => Strategy.Create(new StrategyState(), Id, Basis(), title, null, PeriodStart, PeriodEnd, By, Now));
        Assert.Equal("title", e.Field);
    }

    [Fact]
    public void A_title_longer_than_the_limit_is_rejected()
    {
        var e = Assert.Throws<DomainException>(() => Strategy.Create(new StrategyState(), Id, Basis(), new string('x', StrategyLimits.MaxTitleLength + 1),
            null, PeriodStart, PeriodEnd, By, Now));
        Assert.Equal("title", e.Field);
    }

    [Fact]
    public void An_unidentified_creator_is_unauthenticated()
    {
        var e = Assert.Throws<DomainException>(() => Strategy.Create(new StrategyState(), Id, Basis(), "Strategi", null, PeriodStart, PeriodEnd, " ", Now));
        Assert.Equal(ErrorKind.Unauthenticated, e.Code);
    }

    [Theory]
    [InlineData("2023-01-01", "2023-12-31")] // exactly 1 year
    [InlineData("2023-01-01", "2027-12-31")] // exactly 5 years
    [InlineData("2023-03-15", "2026-03-14")] // 3 years, mid-month
    public void Periods_of_1_to_5_years_are_accepted(string start, string end) =>
        Strategy.CheckPeriod(DateOnly.Parse(start), DateOnly.Parse(end), EvaluatedOn);

    [Theory]
    [InlineData("2023-01-01", "2023-12-30", "periodEnd")] // a day short of a year
    [InlineData("2023-01-01", "2028-01-01", "periodEnd")] // a day over 5 years
    [InlineData("2023-01-01", "2022-12-31", "periodEnd")] // ends before it starts
    [InlineData("2022-10-14", "2025-10-13", "periodStart")] // before the evaluation
    public void Periods_outside_the_rules_are_rejected(string start, string end, string field)
    {
        var e = Assert.Throws<DomainException>(() => Strategy.CheckPeriod(DateOnly.Parse(start), DateOnly.Parse(end), EvaluatedOn));
        Assert.Equal(ErrorKind.Validation, e.Code);
        Assert.Equal(field, e.Field);
    }

    [Fact]
    public void Adopt_records_the_political_processing_and_bumps_the_version()
    {
        var s = Planned();
        var version = s.State.Version;

        s.Adopt(new Adoption(" Kommunestyret ", new DateOnly(2023, 1, 5), " K-sak 33/23 ", "Vedtatt."), Now, version);

        Assert.Equal(StrategyStatus.Adopted, s.State.Status);
        Assert.Equal(new Adoption("Kommunestyret", new DateOnly(2023, 1, 5), "K-sak 33/23", "Vedtatt."), s.State.Adoption);
        Assert.Equal(version + 1, s.State.Version);
    }

    [Fact]
    public void A_strategy_without_a_focus_area_is_not_adopted()
    {
        var s = Draft();
        Rejected(s, () => s.Adopt(Adoption(), Now, null), ErrorKind.Conflict, "focusAreas");
    }

    [Fact]
    public void Adopting_twice_is_a_conflict()
    {
        var s = Adopted();
        Rejected(s, () => s.Adopt(Adoption(), Now, null), ErrorKind.Conflict, "strategyId");
    }

    [Theory]
    [InlineData("", "K-sak 1/23", "Vedtatt", "body")]
    [InlineData("Kommunestyret", " ", "Vedtatt", "caseNumber")]
    [InlineData("Kommunestyret", "K-sak 1/23", "", "decision")]
    public void Adoption_needs_body_case_number_and_decision(string body, string caseNumber, string decision, string field)
    {
        var s = Planned();
        Rejected(s, () => s.Adopt(new Adoption(body, new DateOnly(2023, 1, 5), caseNumber, decision), Now, null), ErrorKind.Validation, field);
    }

    [Theory]
    [InlineData("2023-01-11")] // tomorrow in Oslo
    [InlineData("2022-10-14")] // before the evaluation
    [InlineData("2026-01-01")] // after the period
    public void Adoption_dates_outside_the_rules_are_rejected(string date)
    {
        var s = Planned();
        var now = date == "2026-01-01" ? Oslo(2026, 2, 1) : Now;
        Rejected(s, () => s.Adopt(Adoption(DateOnly.Parse(date)), now, null), ErrorKind.Validation, "date");
    }

    [Fact]
    public void CheckAdoption_changes_nothing()
    {
        var s = Planned();
        var before = Snapshot(s.State);

        var clean = s.CheckAdoption(Adoption() with { Body = "  Formannskapet " }, Now, null);

        Assert.Equal("Formannskapet", clean.Body);
        Assert.Equal(before, Snapshot(s.State));
    }

    [Fact]
    public void A_stale_expected_version_is_a_conflict()
    {
        var s = Planned();
        Rejected(s, () => s.Adopt(Adoption(), Now, s.State.Version - 1), ErrorKind.Conflict, "expectedVersion");
    }

    [Fact]
    public void Complete_closes_an_adopted_strategy()
    {
        var s = Adopted();

        s.Complete(By, "Gjennomført", Oslo(2025, 12, 31), null);

        Assert.Equal(StrategyStatus.Completed, s.State.Status);
        Assert.Equal("Gjennomført", s.State.ClosingNote);
        Assert.Equal(By, s.State.ClosedBy);
    }

    [Fact]
    public void A_draft_is_not_completed()
    {
        var s = Planned();
        Rejected(s, () => s.Complete(By, null, Now, null), ErrorKind.Conflict, "strategyId");
    }

    [Fact]
    public void Abandon_needs_a_reason_and_works_on_a_draft_and_an_adopted_strategy()
    {
        var draft = Planned();
        Rejected(draft, () => draft.Abandon(By, " ", Now, null), ErrorKind.Validation, "reason");

        draft.Abandon(By, "Ny kommunedirektør", Now, null);
        var adopted = Adopted();
        adopted.Abandon(By, "Erstattet", Now, null);

        Assert.Equal(StrategyStatus.Abandoned, draft.State.Status);
        Assert.Equal(StrategyStatus.Abandoned, adopted.State.Status);
    }

    public static TheoryData<string> Commands => new()
    {
        "adopt", "complete", "abandon", "choose", "remove", "goal", "subGoal", "indicator", "measurement", "action", "update", "activity", "occurrence",
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_completed_or_abandoned_strategy_refuses_every_change(string command)
    {
        foreach (var close in new Action<Strategy>[] { s => s.Complete(By, null, Oslo(2023, 7, 1), null), s => s.Abandon(By, "Stopp", Oslo(2023, 7, 1), null) })
        {
            var s = Adopted();
            var goalId = s.Goals().First().Id;
            var indicator = s.AddIndicator(SubGoalId, new IndicatorInput(IndicatorKind.Measure, "Sykefravær", "%", 7.5m, 6.0m, new DateOnly(2025, 12, 31)), null);
            var activity = s.AddRecurringActivity(new ActivityInput("Enhetsledermøte", "Kommunedirektør", new Recurrence(RecurrenceKind.Quarterly)), null);
            close(s);
            var later = Oslo(2023, 8, 1);
            Action act = command switch
            {
                "adopt" => () => s.Adopt(Adoption(), later, null),
                "complete" => () => s.Complete(By, null, later, null),
                "abandon" => () => s.Abandon(By, "Igjen", later, null),
                "choose" => () => s.ChooseFocusArea("6", null),
                "remove" => () => s.RemoveFocusArea("3", null),
                "goal" => () => s.AddGoal("3", "Mål", null, null),
                "subGoal" => () => s.AddSubGoal(goalId, "Delmål", null, null),
                "indicator" => () => s.AddIndicator(SubGoalId, new IndicatorInput(IndicatorKind.AreaScore), null),
                "measurement" => () => s.RecordMeasurement(indicator.Id, new DateOnly(2023, 6, 1), 7m, null, By, later, null),
                "action" => () => s.AddAction(SubGoalId, ActionIn(), By, later, null),
                "update" => () => s.UpdateAction("a3", new ActionUpdate { PercentComplete = 50 }, By, later, null),
                "activity" => () => s.AddRecurringActivity(new ActivityInput("Møte", "Leder", new Recurrence(RecurrenceKind.Monthly)), null),
                "occurrence" => () => s.RecordOccurrence($"{activity.Id}/2023-01-01", true, null, null, By, later, null),
                _ => throw new ArgumentOutOfRangeException(nameof(command)),
            };
            Rejected(s, act, ErrorKind.Conflict, "strategyId");
        }
    }

    [Fact]
    public void Commands_on_a_strategy_that_does_not_exist_are_not_found()
    {
        var s = new Strategy(new StrategyState());
        Rejected(s, () => s.ChooseFocusArea("3", null), ErrorKind.NotFound, "strategyId");
        Rejected(s, () => s.Adopt(Adoption(), Now, null), ErrorKind.NotFound, "strategyId");
    }

    [Fact]
    public void Every_accepted_change_bumps_the_version_by_one()
    {
        var s = Draft();
        var versions = new List<int> { s.State.Version };
        s.ChooseFocusArea("3", 1); versions.Add(s.State.Version);
        var goal = s.AddGoal("3", "Mål", null, 2); versions.Add(s.State.Version);
        var sub = s.AddSubGoal(goal.Id, "Delmål", null, 3); versions.Add(s.State.Version);
        s.AddAction(sub.Id, ActionIn(), By, Now, 4); versions.Add(s.State.Version);
        s.Adopt(Adoption(), Now, 5); versions.Add(s.State.Version);

        Assert.Equal([1, 2, 3, 4, 5, 6], versions);
    }

    [Fact]
    public void The_state_survives_a_json_round_trip()
    {
        var s = Adopted();
        s.AddIndicator(SubGoalId, new IndicatorInput(IndicatorKind.Measure, "Sykefravær", "%", 7.5m, 6.0m, new DateOnly(2025, 12, 31)), null);
        s.AddRecurringActivity(new ActivityInput("Møte", "Leder", new Recurrence(RecurrenceKind.Cron, "0 9 * * MON#1")), null);
        s.RecordOccurrence(s.Occurrences()[0].Id, true, null, "Holdt", By, Oslo(2023, 2, 10), null);
        var json = Snapshot(s.State);

        var back = JsonSerializer.Deserialize<StrategyState>(json, Json)!;

        Assert.Equal(json, Snapshot(back));
        Assert.Equal(StrategyStatus.Adopted, back.Status);
        Assert.Contains("\"Adopted\"", json);
    }

    [Fact]
    public void Entry_is_what_the_kommune_tracks()
    {
        var s = Adopted();

        Assert.Equal(new StrategyEntry(Id, s.State.Title, StrategyStatus.Adopted, PeriodStart, PeriodEnd, s.State.Version), s.Entry());
    }
}
