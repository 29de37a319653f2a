using Kompass.Domain.Evaluations;
using Kompass.Domain.Strategies;
using static Kompass.Domain.Tests.Strategies.StrategyFixtures;

namespace Kompass.Domain.Tests.Strategies;

public sealed class IndicatorTests
{
    private static IndicatorInput SickLeave(decimal baseline = 7.5m, decimal target = 6.0m, DateOnly? date = null) =>
        new(IndicatorKind.Measure, "Sykefravær", "%", baseline, target, date ?? new DateOnly(2025, 12, 31));

    private static PublishedResult Result(string evaluationId, DateOnly on, int area3, string version = "2020", string kommune = KommuneId) =>
        new(evaluationId, kommune, version, on, new Dictionary<string, int> { ["3"] = area3, ["6"] = 50 }, null);

    [Fact]
    public void An_area_score_indicator_takes_the_basis_score_as_baseline()
    {
        var s = Planned();

        var i = s.AddIndicator(SubGoalId, new IndicatorInput(IndicatorKind.AreaScore, Target: 65), null);

        Assert.Equal(IndicatorKind.AreaScore, i.Kind);
        Assert.Equal("3", i.AreaCode);
        Assert.Equal(52m, i.Baseline);
        Assert.Equal(65m, i.Target);
        Assert.Contains("3", i.Name);
    }

    [Fact]
    public void An_area_score_of_an_area_without_a_basis_score_has_no_baseline()
    {
        var s = Draft();
        s.ChooseFocusArea("1", null);
        var g = s.AddGoal("1", "Mål", null, null);
        var sg = s.AddSubGoal(g.Id, "Delmål", null, null);

        Assert.Null(s.AddIndicator(sg.Id, new IndicatorInput(IndicatorKind.AreaScore), null).Baseline);
    }

    [Theory]
    [InlineData("unit")]
    [InlineData("baseline")]
    [InlineData("targetDate")]
    [InlineData("target")]
    public void An_area_score_rejects_what_it_does_not_take(string field)
    {
        var s = Planned();
        var input = field switch
        {
            "unit" => new IndicatorInput(IndicatorKind.AreaScore, Unit: "%"),
            "baseline" => new IndicatorInput(IndicatorKind.AreaScore, Baseline: 3),
            "targetDate" => new IndicatorInput(IndicatorKind.AreaScore, TargetDate: new DateOnly(2025, 1, 1)),
            _ => new IndicatorInput(IndicatorKind.AreaScore, Target: 101),
        };
        Rejected(s, () => s.AddIndicator(SubGoalId, input, null), ErrorKind.Validation, field);
    }

    [Fact]
    public void A_sub_goal_follows_its_area_score_once()
    {
        var s = Planned();
        s.AddIndicator(SubGoalId, new IndicatorInput(IndicatorKind.AreaScore), null);
        Rejected(s, () => s.AddIndicator(SubGoalId, new IndicatorInput(IndicatorKind.AreaScore), null), ErrorKind.Validation, "kind");
    }

    [Fact]
    public void A_measure_keeps_unit_baseline_target_and_date()
    {
        var s = Planned();

        var i = s.AddIndicator(SubGoalId, SickLeave(), null);

        Assert.Equal(("%", 7.5m, 6.0m, new DateOnly(2025, 12, 31)), (i.Unit, i.Baseline, i.Target, i.TargetDate));
    }

    [Theory]
    [InlineData("name")]
    [InlineData("unit")]
    [InlineData("baseline")]
    [InlineData("target")]
    [InlineData("targetDate")]
    [InlineData("sameTarget")]
    [InlineData("dateOutside")]
    public void A_measure_needs_everything_in_range(string missing)
    {
        var s = Planned();
        var ok = SickLeave();
        var (input, field) = missing switch
        {
            "name" => (ok with { Name = " " }, "name"),
            "unit" => (ok with { Unit = null }, "unit"),
            "baseline" => (ok with { Baseline = null }, "baseline"),
            "target" => (ok with { Target = null }, "target"),
            "targetDate" => (ok with { TargetDate = null }, "targetDate"),
            "sameTarget" => (ok with { Target = 7.5m }, "target"),
            _ => (ok with { TargetDate = new DateOnly(2026, 1, 1) }, "targetDate"),
        };
        Rejected(s, () => s.AddIndicator(SubGoalId, input, null), ErrorKind.Validation, field);
    }

    [Fact]
    public void An_indicator_needs_a_known_sub_goal()
    {
        var s = Planned();
        Rejected(s, () => s.AddIndicator("s9", SickLeave(), null), ErrorKind.NotFound, "subGoalId");
    }

    [Fact]
    public void Measurements_are_dated_sorted_and_a_second_value_on_a_date_corrects_the_first()
    {
        var s = Planned();
        var i = s.AddIndicator(SubGoalId, SickLeave(), null);

        s.RecordMeasurement(i.Id, new DateOnly(2023, 6, 30), 7.1m, null, By, Oslo(2023, 7, 1), null);
        s.RecordMeasurement(i.Id, new DateOnly(2023, 3, 31), 7.4m, "Q1", By, Oslo(2023, 7, 1), null);
        s.RecordMeasurement(i.Id, new DateOnly(2023, 6, 30), 7.0m, "rettet", By, Oslo(2023, 7, 2), null);

        Assert.Equal([(new DateOnly(2023, 3, 31), 7.4m), (new DateOnly(2023, 6, 30), 7.0m)], i.Measurements.Select(m => (m.Date, m.Value)));
        Assert.Equal("rettet", i.Measurements[1].Note);
    }

    [Fact]
    public void Measurements_in_the_future_or_before_the_basis_are_rejected()
    {
        var s = Planned();
        var i = s.AddIndicator(SubGoalId, SickLeave(), null);
        Rejected(s, () => s.RecordMeasurement(i.Id, new DateOnly(2023, 1, 11), 7m, null, By, Now, null), ErrorKind.Validation, "date");
        Rejected(s, () => s.RecordMeasurement(i.Id, EvaluatedOn.AddDays(-1), 7m, null, By, Now, null), ErrorKind.Validation, "date");
        Rejected(s, () => s.RecordMeasurement("i9", new DateOnly(2023, 1, 5), 7m, null, By, Now, null), ErrorKind.NotFound, "indicatorId");
    }

    [Fact]
    public void An_area_score_is_not_measured_by_hand()
    {
        var s = Planned();
        var i = s.AddIndicator(SubGoalId, new IndicatorInput(IndicatorKind.AreaScore), null);
        Rejected(s, () => s.RecordMeasurement(i.Id, new DateOnly(2023, 1, 5), 60, null, By, Now, null), ErrorKind.Validation, "indicatorId");
    }

    [Fact]
    public void Measurements_are_limited_per_indicator()
    {
        var s = Planned();
        var i = s.AddIndicator(SubGoalId, SickLeave(), null);
        var now = Oslo(2025, 12, 31);
        for (var d = 0; d < StrategyLimits.MaxMeasurementsPerIndicator; d++)
            s.RecordMeasurement(i.Id, PeriodStart.AddDays(d), 7m, null, By, now, null);

        Rejected(s, () => s.RecordMeasurement(i.Id, PeriodStart.AddDays(500), 7m, null, By, now, null), ErrorKind.Validation, "measurements");
        s.RecordMeasurement(i.Id, PeriodStart, 6.9m, null, By, now, null); // a correction still fits
    }

    [Fact]
    public void The_next_published_evaluation_fills_the_area_score()
    {
        var s = Planned();
        var i = s.AddIndicator(SubGoalId, new IndicatorInput(IndicatorKind.AreaScore, Target: 60), null);
        var version = s.State.Version;

        var filled = s.ApplyPublishedResult(Result("NO-5034/eval/2025-1", new DateOnly(2025, 10, 1), 63));

        Assert.Equal(1, filled);
        var m = Assert.Single(i.Measurements);
        Assert.Equal((new DateOnly(2025, 10, 1), 63m, "NO-5034/eval/2025-1"), (m.Date, m.Value, m.EvaluationId));
        Assert.Equal(version + 1, s.State.Version);
        Assert.True(IndicatorRules.ValueAsOf(i, new DateOnly(2025, 12, 31)).Met);
    }

    [Fact]
    public void The_same_result_twice_changes_nothing_and_an_amendment_updates_it()
    {
        var s = Planned();
        var i = s.AddIndicator(SubGoalId, new IndicatorInput(IndicatorKind.AreaScore), null);
        s.ApplyPublishedResult(Result("NO-5034/eval/2025-1", new DateOnly(2025, 10, 1), 63));
        var version = s.State.Version;

        Assert.Equal(0, s.ApplyPublishedResult(Result("NO-5034/eval/2025-1", new DateOnly(2025, 10, 1), 63)));
        Assert.Equal(version, s.State.Version);
        Assert.Equal(1, s.ApplyPublishedResult(Result("NO-5034/eval/2025-1", new DateOnly(2025, 10, 1), 64)));
        Assert.Equal(64m, Assert.Single(i.Measurements).Value);
    }

    [Fact]
    public void The_earliest_evaluation_after_the_basis_is_the_next_one()
    {
        var s = Planned();
        var i = s.AddIndicator(SubGoalId, new IndicatorInput(IndicatorKind.AreaScore), null);
        s.ApplyPublishedResult(Result("NO-5034/eval/2027-1", new DateOnly(2027, 3, 1), 70));

        Assert.Equal(1, s.ApplyPublishedResult(Result("NO-5034/eval/2025-1", new DateOnly(2025, 10, 1), 63)));
        Assert.Equal(0, s.ApplyPublishedResult(Result("NO-5034/eval/2027-1", new DateOnly(2027, 3, 1), 70)));
        Assert.Equal("NO-5034/eval/2025-1", Assert.Single(i.Measurements).EvaluationId);
    }

    [Theory]
    [InlineData("other kommune")]
    [InlineData("basis")]
    [InlineData("older")]
    [InlineData("other version")]
    [InlineData("area missing")]
    public void Results_that_are_not_the_next_comparable_evaluation_are_ignored(string why)
    {
        var s = Planned();
        s.AddIndicator(SubGoalId, new IndicatorInput(IndicatorKind.AreaScore), null);
        var result = why switch
        {
            "other kommune" => Result("NO-5027/eval/2025-1", new DateOnly(2025, 10, 1), 63, kommune: "NO-5027"),
            "basis" => Result(EvaluationId, new DateOnly(2025, 10, 1), 63),
            "older" => Result("NO-5034/eval/2021-1", new DateOnly(2021, 10, 1), 63),
            "other version" => Result("NO-5034/eval/2025-1", new DateOnly(2025, 10, 1), 63, version: "2030"),
            _ => Result("NO-5034/eval/2025-1", new DateOnly(2025, 10, 1), 63) with { AreaScores = new Dictionary<string, int> { ["6"] = 50 } },
        };
        var before = Snapshot(s.State);

        Assert.Equal(0, s.ApplyPublishedResult(result));
        Assert.Equal(before, Snapshot(s.State));
    }

    [Fact]
    public void A_declared_mapping_lets_another_version_fill_the_score()
    {
        var s = Planned();
        var i = s.AddIndicator(SubGoalId, new IndicatorInput(IndicatorKind.AreaScore), null);
        var result = new PublishedResult("NO-5034/eval/2026-1", KommuneId, "2030", new DateOnly(2026, 2, 1),
            new Dictionary<string, int> { ["4"] = 58 }, null);

        Assert.Equal(0, s.ApplyPublishedResult(result, new AreaVersionMapping("2010", "2030", new Dictionary<string, string> { ["3"] = "4" })));
        Assert.Equal(1, s.ApplyPublishedResult(result, new AreaVersionMapping("2020", "2030", new Dictionary<string, string> { ["3"] = "4" })));
        Assert.Equal(58m, Assert.Single(i.Measurements).Value);
    }

    [Fact]
    public void A_completed_strategy_still_learns_the_next_result_and_an_abandoned_one_does_not()
    {
        var completed = Adopted();
        var ci = completed.AddIndicator(SubGoalId, new IndicatorInput(IndicatorKind.AreaScore), null);
        completed.Complete(By, null, Oslo(2025, 12, 31), null);
        var abandoned = Adopted();
        abandoned.AddIndicator(SubGoalId, new IndicatorInput(IndicatorKind.AreaScore), null);
        abandoned.Abandon(By, "Stopp", Now, null);
        var result = Result("NO-5034/eval/2026-1", new DateOnly(2026, 3, 1), 66);

        Assert.Equal(1, completed.ApplyPublishedResult(result));
        Assert.Equal(66m, Assert.Single(ci.Measurements).Value);
        Assert.Equal(0, abandoned.ApplyPublishedResult(result));
    }

    [Theory]
    [InlineData(7.5, 6.0, 6.0, true)]
    [InlineData(7.5, 6.0, 6.1, false)]
    [InlineData(7.5, 6.0, 5.2, true)]
    [InlineData(40, 60, 60, true)]
    [InlineData(40, 60, 59.9, false)]
    public void A_measure_is_met_in_the_direction_of_its_target(double baseline, double target, double value, bool met)
    {
        var i = new IndicatorState { Kind = IndicatorKind.Measure, Baseline = (decimal)baseline, Target = (decimal)target };

        Assert.Equal(met, IndicatorRules.IsMet(i, (decimal)value));
    }

    [Fact]
    public void An_area_score_without_target_is_met_when_it_rose()
    {
        var i = new IndicatorState { Kind = IndicatorKind.AreaScore, Baseline = 52 };

        Assert.True(IndicatorRules.IsMet(i, 53));
        Assert.False(IndicatorRules.IsMet(i, 52));
        Assert.Null(IndicatorRules.IsMet(i, null));
        Assert.Null(IndicatorRules.IsMet(new IndicatorState { Kind = IndicatorKind.AreaScore }, 60));
    }

    [Fact]
    public void Indicators_are_limited()
    {
        var s = Planned();
        var goal = s.Goals().First();
        var subs = Enumerable.Range(0, 20).Select(n => s.AddSubGoal(goal.Id, $"Delmål {n}", null, null)).ToList();
        for (var n = 0; n < StrategyLimits.MaxIndicators; n++)
            s.AddIndicator(subs[n % subs.Count].Id, SickLeave(), null);

        Rejected(s, () => s.AddIndicator(SubGoalId, SickLeave(), null), ErrorKind.Validation, "indicators");
    }
}
