using Kompass.Domain.Strategies;
using static Kompass.Domain.Tests.Strategies.StrategyFixtures;

namespace Kompass.Domain.Tests.Strategies;

public sealed class ProgressTests
{
    private static ActionState Act(Strategy s, string subGoalId, ActionStatus status, int percent)
    {
        var a = s.AddAction(subGoalId, ActionIn(), By, Now, null);
        if (status != ActionStatus.NotStarted || percent != 0)
            s.UpdateAction(a.Id, new ActionUpdate { Status = status, PercentComplete = status == ActionStatus.Done ? null : percent }, By, Now, null);
        return a;
    }

    [Fact]
    public void A_strategy_with_nothing_to_count_has_no_progress()
    {
        var s = Planned();

        var p = ProgressRules.Of(s.State);

        Assert.Null(p.Percent);
        Assert.Null(p.FocusAreas[0].Percent);
        Assert.Equal(0, p.FocusAreas[0].Goals[0].SubGoals[0].CountedActions);
    }

    [Fact]
    public void A_sub_goal_is_the_mean_of_its_actions_done_counts_100_cancelled_not_at_all()
    {
        var s = Planned();
        Act(s, SubGoalId, ActionStatus.Done, 100);
        Act(s, SubGoalId, ActionStatus.InProgress, 40);
        Act(s, SubGoalId, ActionStatus.NotStarted, 0);
        Act(s, SubGoalId, ActionStatus.Cancelled, 10);

        var sub = ProgressRules.Of(s.State).FocusAreas[0].Goals[0].SubGoals[0];

        Assert.Equal(46.7m, sub.Percent); // (100 + 40 + 0) / 3
        Assert.Equal(3, sub.CountedActions);
    }

    [Fact]
    public void A_focus_area_weighs_each_sub_goal_the_same_however_many_actions_it_has()
    {
        var s = Planned();
        var goal = s.Goals().First();
        var small = s.AddSubGoal(goal.Id, "Lite", null, null);
        for (var n = 0; n < 9; n++)
            Act(s, SubGoalId, ActionStatus.NotStarted, 0);
        Act(s, SubGoalId, ActionStatus.Done, 100); // s2: 10 actions, mean 10
        Act(s, small.Id, ActionStatus.InProgress, 50); // 1 action, 50

        var area = ProgressRules.Of(s.State).FocusAreas[0];

        Assert.Equal(30m, area.Percent); // (10 + 50) / 2, not 150 / 11
    }

    [Fact]
    public void A_focus_area_averages_sub_goals_across_goals_and_goals_show_their_own_mean()
    {
        var s = Planned();
        var g2 = s.AddGoal("3", "Mål 2", null, null);
        var a = s.AddSubGoal(g2.Id, "A", null, null);
        var b = s.AddSubGoal(g2.Id, "B", null, null);
        Act(s, SubGoalId, ActionStatus.Done, 100);
        Act(s, a.Id, ActionStatus.InProgress, 20);
        Act(s, b.Id, ActionStatus.InProgress, 40);

        var area = ProgressRules.Of(s.State).FocusAreas[0];

        Assert.Equal(53.3m, area.Percent); // (100 + 20 + 40) / 3
        Assert.Equal([100m, 30m], area.Goals.Select(g => g.Percent));
    }

    [Fact]
    public void The_strategy_is_the_mean_of_its_focus_areas_with_progress()
    {
        var s = Planned();
        s.ChooseFocusArea("6", null);
        s.ChooseFocusArea("8", null);
        var g6 = s.AddGoal("6", "Kvalitet", null, null);
        var s6 = s.AddSubGoal(g6.Id, "Compilo", null, null);
        Act(s, SubGoalId, ActionStatus.Done, 100);
        Act(s, s6.Id, ActionStatus.InProgress, 25);

        var p = ProgressRules.Of(s.State);

        Assert.Equal(62.5m, p.Percent); // area 8 has nothing counted and is left out
        Assert.Equal([100m, 25m, null], p.FocusAreas.Select(f => f.Percent));
    }

    [Fact]
    public void Means_are_exact_until_rounded_once()
    {
        var s = Planned();
        var goal = s.Goals().First();
        var others = Enumerable.Range(0, 2).Select(n => s.AddSubGoal(goal.Id, $"D{n}", null, null)).ToList();
        Act(s, SubGoalId, ActionStatus.InProgress, 1);
        Act(s, SubGoalId, ActionStatus.InProgress, 0);
        Act(s, SubGoalId, ActionStatus.InProgress, 0); // 1/3
        Act(s, others[0].Id, ActionStatus.InProgress, 1);
        Act(s, others[0].Id, ActionStatus.InProgress, 0);
        Act(s, others[0].Id, ActionStatus.InProgress, 0); // 1/3
        Act(s, others[1].Id, ActionStatus.InProgress, 1);
        Act(s, others[1].Id, ActionStatus.InProgress, 0);
        Act(s, others[1].Id, ActionStatus.InProgress, 0); // 1/3

        var area = ProgressRules.Of(s.State).FocusAreas[0];

        Assert.Equal(0.3m, area.Percent);
        Assert.All(area.Goals[0].SubGoals, sg => Assert.Equal(0.3m, sg.Percent));
    }

    [Fact]
    public void Rounding_is_half_away_from_zero()
    {
        Assert.Equal(12.4m, ProgressRules.Round(12.35m));
        Assert.Equal(12.3m, ProgressRules.Round(12.34999m));
        Assert.Null(ProgressRules.Round(null));
    }
}
