using Kompass.Domain.Strategies;
using static Kompass.Domain.Tests.Strategies.StrategyFixtures;

namespace Kompass.Domain.Tests.Strategies;

public sealed class TextLimitTests
{
    private static string Long(int length) => new('x', length + 1);

    public static TheoryData<string> Fields => new()
    {
        "body", "caseNumber", "decision", "goalTitle", "subGoalDescription", "indicatorName", "unit", "measurementNote",
        "actionTitle", "actionDescription", "owner", "responsibleUnit", "updateNote", "dueDateReason", "activityTitle", "cron", "occurrenceNote",
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public void Text_past_its_limit_is_rejected_naming_the_field(string what)
    {
        var s = Planned();
        var a = s.AddAction(SubGoalId, ActionIn(), By, Now, null);
        var i = s.AddIndicator(SubGoalId, new IndicatorInput(IndicatorKind.Measure, "Sykefravær", "%", 7.5m, 6m, new DateOnly(2025, 12, 31)), null);
        var r = s.AddRecurringActivity(new ActivityInput("Møte", "Leder", new Recurrence(RecurrenceKind.Monthly)), null);
        var adoption = Adoption();
        (Action Command, string Field) c = what switch
        {
            "body" => (() => s.Adopt(adoption with { Body = Long(StrategyLimits.MaxNameLength) }, Now, null), "body"),
            "caseNumber" => (() => s.Adopt(adoption with { CaseNumber = Long(StrategyLimits.MaxCaseNumberLength) }, Now, null), "caseNumber"),
            "decision" => (() => s.Adopt(adoption with { Decision = Long(StrategyLimits.MaxTextLength) }, Now, null), "decision"),
            "goalTitle" => (() => s.AddGoal("3", Long(StrategyLimits.MaxTitleLength), null, null), "title"),
            "subGoalDescription" => (() => s.AddSubGoal("g1", "Delmål", Long(StrategyLimits.MaxTextLength), null), "description"),
            "indicatorName" => (() => s.AddIndicator(SubGoalId, new IndicatorInput(IndicatorKind.AreaScore, Long(StrategyLimits.MaxNameLength)), null), "name"),
            "unit" => (() => s.AddIndicator(SubGoalId, new IndicatorInput(IndicatorKind.Measure, "M", Long(StrategyLimits.MaxUnitLength), 1, 2, new DateOnly(2024, 1, 1)), null), "unit"),
            "measurementNote" => (() => s.RecordMeasurement(i.Id, new DateOnly(2023, 1, 5), 7, Long(StrategyLimits.MaxNoteLength), By, Now, null), "note"),
            "actionTitle" => (() => s.AddAction(SubGoalId, ActionIn(title: Long(StrategyLimits.MaxTitleLength)), By, Now, null), "title"),
            "actionDescription" => (() => s.AddAction(SubGoalId, ActionIn() with { Description = Long(StrategyLimits.MaxTextLength) }, By, Now, null), "description"),
            "owner" => (() => s.UpdateAction(a.Id, new ActionUpdate { Owner = Long(StrategyLimits.MaxNameLength) }, By, Now, null), "owner"),
            "responsibleUnit" => (() => s.UpdateAction(a.Id, new ActionUpdate { ResponsibleUnit = Long(StrategyLimits.MaxNameLength) }, By, Now, null), "responsibleUnit"),
            "updateNote" => (() => s.UpdateAction(a.Id, new ActionUpdate { Note = Long(StrategyLimits.MaxNoteLength) }, By, Now, null), "note"),
            "dueDateReason" => (() => s.UpdateAction(a.Id, new ActionUpdate { DueDate = new DateOnly(2023, 8, 1), DueDateReason = Long(StrategyLimits.MaxNoteLength) }, By, Now, null), "dueDateReason"),
            "activityTitle" => (() => s.AddRecurringActivity(new ActivityInput(Long(StrategyLimits.MaxTitleLength), "Leder", new Recurrence(RecurrenceKind.Monthly)), null), "title"),
            "cron" => (() => s.AddRecurringActivity(new ActivityInput("Møte", "Leder", new Recurrence(RecurrenceKind.Cron, "0 9 1 * *" + new string(' ', StrategyLimits.MaxCronLength) + "x")), null), "recurrence"),
            _ => (() => s.RecordOccurrence($"{r.Id}/2023-01-01", true, null, Long(StrategyLimits.MaxNoteLength), By, Now, null), "note"),
        };

        var e = Rejected(s, c.Command, ErrorKind.Validation, c.Field);
        Assert.Contains("at most", e.Message);
    }

    [Fact]
    public void Text_at_its_limit_is_accepted()
    {
        var s = Planned();

        var goal = s.AddGoal("3", new string('x', StrategyLimits.MaxTitleLength), new string('y', StrategyLimits.MaxTextLength), null);

        Assert.Equal(StrategyLimits.MaxTitleLength, goal.Title.Length);
    }
}
