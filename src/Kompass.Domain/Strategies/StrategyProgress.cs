namespace Kompass.Domain.Strategies;

public sealed record SubGoalProgress(string SubGoalId, decimal? Percent, int CountedActions);

public sealed record GoalProgress(string GoalId, decimal? Percent, IReadOnlyList<SubGoalProgress> SubGoals);

public sealed record FocusAreaProgress(string AreaCode, decimal? Percent, IReadOnlyList<GoalProgress> Goals);

public sealed record StrategyProgress(decimal? Percent, IReadOnlyList<FocusAreaProgress> FocusAreas);

/// <summary>
/// How far a strategy has come (docs/strategy-rules.md, "Progress"):
/// <list type="bullet">
/// <item>an action counts with its percent complete (DONE is 100); a CANCELLED action does not count;</item>
/// <item>a sub-goal is the plain mean of its counted actions: each action weighs the same within its sub-goal;</item>
/// <item>a focus area is the plain mean of its sub-goals that have progress, whichever goal they sit under,
/// so a sub-goal split into 20 small actions weighs no more than one with 2 large ones;</item>
/// <item>the strategy is the plain mean of its focus areas that have progress: the areas were chosen as equals;</item>
/// <item>a goal's figure is the mean of its sub-goals, for display only (the focus area does not average goals);</item>
/// <item>a level with nothing counted has no progress (null), and is left out of the level above rather than counted as 0.</item>
/// </list>
/// Means are computed exactly and rounded to one decimal (half away from zero) only in what is returned.
/// Indicators do not count: they measure the effect, progress measures the execution.
/// </summary>
public static class ProgressRules
{
    public static decimal? ActionPercent(ActionState action) => action.Status switch
    {
        ActionStatus.Cancelled => null,
        ActionStatus.Done => 100m,
        _ => action.PercentComplete,
    };

    public static StrategyProgress Of(StrategyState state)
    {
        var areas = new List<FocusAreaProgress>();
        var areaExact = new List<decimal>();
        foreach (var area in state.FocusAreas)
        {
            var goals = new List<GoalProgress>();
            var subGoalExact = new List<decimal>();
            foreach (var goal in area.Goals)
            {
                var subGoals = new List<SubGoalProgress>();
                var goalExact = new List<decimal>();
                foreach (var subGoal in goal.SubGoals)
                {
                    var counted = subGoal.Actions.Select(ActionPercent).OfType<decimal>().ToList();
                    decimal? exact = counted.Count == 0 ? null : counted.Average();
                    subGoals.Add(new SubGoalProgress(subGoal.Id, Round(exact), counted.Count));
                    if (exact is { } e)
                        goalExact.Add(e);
                }
                subGoalExact.AddRange(goalExact);
                goals.Add(new GoalProgress(goal.Id, Round(Mean(goalExact)), subGoals));
            }
            var areaMean = Mean(subGoalExact);
            if (areaMean is { } m)
                areaExact.Add(m);
            areas.Add(new FocusAreaProgress(area.AreaCode, Round(areaMean), goals));
        }
        return new StrategyProgress(Round(Mean(areaExact)), areas);
    }

    private static decimal? Mean(List<decimal> values) => values.Count == 0 ? null : values.Average();

    public static decimal? Round(decimal? exact) => exact is { } e ? Math.Round(e, 1, MidpointRounding.AwayFromZero) : null;
}
