using Kompass.Domain.Strategies;
using static Kompass.Domain.Tests.Strategies.StrategyFixtures;

namespace Kompass.Domain.Tests.Strategies;

public sealed class FocusAreaTests
{
    [Fact]
    public void A_chosen_area_is_offered_the_evaluations_improvement_areas()
    {
        var s = Draft();

        var area = s.ChooseFocusArea("3", null);

        Assert.Equal("3", area.AreaCode);
        Assert.Equal(["Samspill politikk og administrasjon", "Revidering av delegasjonsreglement"], area.StartingPoints);
    }

    [Fact]
    public void An_area_without_findings_starts_with_no_starting_points()
    {
        var s = Draft();

        Assert.Empty(s.ChooseFocusArea("8", null).StartingPoints);
    }

    [Fact]
    public void Focus_areas_are_kept_in_the_frameworks_order()
    {
        var s = Draft();
        s.ChooseFocusArea("8", null);
        s.ChooseFocusArea("3", null);
        s.ChooseFocusArea("6", null);

        Assert.Equal(["3", "6", "8"], s.State.FocusAreas.Select(f => f.AreaCode));
    }

    [Theory]
    [InlineData("9")]
    [InlineData("0")]
    [InlineData("6.3")]
    [InlineData("")]
    public void An_area_not_in_the_framework_is_rejected(string code)
    {
        var s = Draft();
        var e = Rejected(s, () => s.ChooseFocusArea(code, null), ErrorKind.Validation, "areaCode");
        Assert.Contains("2020", e.Message);
    }

    [Fact]
    public void An_area_chosen_twice_is_rejected()
    {
        var s = Draft();
        s.ChooseFocusArea("6", null);
        Rejected(s, () => s.ChooseFocusArea("6", null), ErrorKind.Validation, "areaCode");
    }

    [Fact]
    public void All_eight_areas_fit()
    {
        var s = Draft();
        foreach (var code in new[] { "1", "2", "3", "4", "5", "6", "7", "8" })
            s.ChooseFocusArea(code, null);

        Assert.Equal(8, s.State.FocusAreas.Count);
    }

    [Fact]
    public void A_draft_may_remove_any_focus_area()
    {
        var s = Planned();

        s.RemoveFocusArea("3", null);

        Assert.Empty(s.State.FocusAreas);
    }

    [Fact]
    public void Removing_an_area_not_chosen_is_not_found()
    {
        var s = Planned();
        Rejected(s, () => s.RemoveFocusArea("6", null), ErrorKind.NotFound, "areaCode");
    }

    [Fact]
    public void An_adopted_strategy_keeps_an_area_with_goals_and_its_last_area()
    {
        var s = Adopted();
        Rejected(s, () => s.RemoveFocusArea("3", null), ErrorKind.Conflict, "areaCode");

        s.ChooseFocusArea("6", null);
        s.RemoveFocusArea("6", null); // empty: fine
        Assert.Equal(["3"], s.State.FocusAreas.Select(f => f.AreaCode));
    }

    [Fact]
    public void The_last_empty_area_of_an_adopted_strategy_stays()
    {
        var s = Draft();
        s.ChooseFocusArea("3", null);
        s.Adopt(Adoption(), Now, null);
        Rejected(s, () => s.RemoveFocusArea("3", null), ErrorKind.Conflict, "areaCode");
    }

    [Fact]
    public void Goals_and_sub_goals_get_stable_ids_never_reused()
    {
        var s = Draft();
        s.ChooseFocusArea("3", null);
        s.ChooseFocusArea("6", null);
        var g1 = s.AddGoal("3", "Mål 1", null, null);
        var sg = s.AddSubGoal(g1.Id, "Delmål", "Beskrivelse", null);
        var g2 = s.AddGoal("6", "Mål 2", null, null);
        s.RemoveFocusArea("6", null);
        var g3 = s.AddGoal("3", "Mål 3", null, null);

        Assert.Equal(["g1", "s2", "g3", "g4"], new[] { g1.Id, sg.Id, g2.Id, g3.Id });
        Assert.Equal("Beskrivelse", sg.Description);
    }

    [Fact]
    public void A_goal_needs_a_chosen_area_and_a_title()
    {
        var s = Draft();
        s.ChooseFocusArea("3", null);
        Rejected(s, () => s.AddGoal("6", "Mål", null, null), ErrorKind.NotFound, "areaCode");
        Rejected(s, () => s.AddGoal("3", " ", null, null), ErrorKind.Validation, "title");
        Rejected(s, () => s.AddGoal("3", "Mål", new string('x', StrategyLimits.MaxTextLength + 1), null), ErrorKind.Validation, "description");
    }

    [Fact]
    public void A_sub_goal_needs_a_known_goal_and_a_title()
    {
        var s = Planned();
        Rejected(s, () => s.AddSubGoal("g9", "Delmål", null, null), ErrorKind.NotFound, "goalId");
        Rejected(s, () => s.AddSubGoal("g1", "", null, null), ErrorKind.Validation, "title");
    }

    [Fact]
    public void Goals_are_limited()
    {
        var s = Draft();
        s.ChooseFocusArea("3", null);
        for (var i = 0; i < StrategyLimits.MaxGoals; i++)
            s.AddGoal("3", $"Mål {i}", null, null);

        Rejected(s, () => s.AddGoal("3", "Ett for mye", null, null), ErrorKind.Validation, "goals");
    }

    [Fact]
    public void Sub_goals_are_limited()
    {
        var s = Draft();
        s.ChooseFocusArea("3", null);
        var goals = Enumerable.Range(0, 10).Select(i => s.AddGoal("3", $"Mål {i}", null, null)).ToList();
        for (var i = 0; i < StrategyLimits.MaxSubGoals; i++)
            s.AddSubGoal(goals[i % goals.Count].Id, $"Delmål {i}", null, null);

        Rejected(s, () => s.AddSubGoal(goals[0].Id, "Ett for mye", null, null), ErrorKind.Validation, "subGoals");
    }

    [Fact]
    public void Starting_points_are_capped_and_blank_ones_dropped()
    {
        var many = Enumerable.Range(0, StrategyLimits.MaxStartingPointsPerArea + 5).Select(i => $"Punkt {i}").Append(" ").ToList();
        var basis = Basis() with { ImprovementAreas = new Dictionary<string, IReadOnlyList<string>> { ["3"] = many, ["99"] = ["ukjent"] } };
        var s = Strategy.Create(new StrategyState(), Id, basis, "Strategi", null, PeriodStart, PeriodEnd, By, Now);

        Assert.Equal(StrategyLimits.MaxStartingPointsPerArea, s.ChooseFocusArea("3", null).StartingPoints.Count);
        Assert.False(s.State.BasisImprovementAreas.ContainsKey("99"));
    }
}
