using GraphQL.Types;
using Kompass.Contracts.Strategies;

namespace Kompass.Gateway.Types.Strategies;

// Input objects map one to one onto the contracts' strategy commands; the validators beside those
// commands check them before any grain is called. Who makes a change is the caller, never a field.

public sealed class CreateStrategyInputType : InputObjectGraphType<CreateStrategy>
{
    public CreateStrategyInputType()
    {
        Name = "CreateStrategyInput";
        Description = "A new DRAFT strategy of a kommune, built on one of its published evaluations, over 1-5 years.";
        Field(c => c.KommuneId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.EvaluationId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.Title);
        Field(c => c.Description, nullable: true);
        Field(c => c.PeriodStart, type: typeof(NonNullGraphType<DateOnlyGraphType>));
        Field(c => c.PeriodEnd, type: typeof(NonNullGraphType<DateOnlyGraphType>));
    }
}

public sealed class AdoptStrategyInputType : InputObjectGraphType<AdoptStrategy>
{
    public AdoptStrategyInputType()
    {
        Name = "AdoptStrategyInput";
        Field(c => c.StrategyId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.Body).Description("Kommunestyret, formannskapet, ...");
        Field(c => c.Date, type: typeof(NonNullGraphType<DateOnlyGraphType>));
        Field(c => c.CaseNumber).Description("As the kommune writes it, e.g. \"K-sak 33/18\".");
        Field(c => c.Decision);
        Field(c => c.ExpectedVersion, nullable: true);
    }
}

public sealed class CompleteStrategyInputType : InputObjectGraphType<CompleteStrategy>
{
    public CompleteStrategyInputType()
    {
        Name = "CompleteStrategyInput";
        Field(c => c.StrategyId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.Note, nullable: true);
        Field(c => c.ExpectedVersion, nullable: true);
    }
}

public sealed class AbandonStrategyInputType : InputObjectGraphType<AbandonStrategy>
{
    public AbandonStrategyInputType()
    {
        Name = "AbandonStrategyInput";
        Field(c => c.StrategyId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.Reason);
        Field(c => c.ExpectedVersion, nullable: true);
    }
}

public sealed class ChooseFocusAreaInputType : InputObjectGraphType<ChooseFocusArea>
{
    public ChooseFocusAreaInputType()
    {
        Name = "ChooseFocusAreaInput";
        Field(c => c.StrategyId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.AreaCode).Description("An area of the basis evaluation's framework; 1-8 per strategy, each once.");
        Field(c => c.ExpectedVersion, nullable: true);
    }
}

public sealed class RemoveFocusAreaInputType : InputObjectGraphType<RemoveFocusArea>
{
    public RemoveFocusAreaInputType()
    {
        Name = "RemoveFocusAreaInput";
        Field(c => c.StrategyId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.AreaCode);
        Field(c => c.ExpectedVersion, nullable: true);
    }
}

public sealed class AddGoalInputType : InputObjectGraphType<AddGoal>
{
    public AddGoalInputType()
    {
        Name = "AddGoalInput";
        Field(c => c.StrategyId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.AreaCode);
        Field(c => c.Title);
        Field(c => c.Description, nullable: true);
        Field(c => c.ExpectedVersion, nullable: true);
    }
}

public sealed class AddSubGoalInputType : InputObjectGraphType<AddSubGoal>
{
    public AddSubGoalInputType()
    {
        Name = "AddSubGoalInput";
        Field(c => c.StrategyId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.GoalId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.Title);
        Field(c => c.Description, nullable: true);
        Field(c => c.ExpectedVersion, nullable: true);
    }
}

public sealed class AddIndicatorInputType : InputObjectGraphType<AddIndicator>
{
    public AddIndicatorInputType()
    {
        Name = "AddIndicatorInput";
        Description = "AREA_SCORE takes an optional name and whole-number target; MEASURE needs unit, baseline, target and target date.";
        Field(c => c.StrategyId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.SubGoalId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.Kind, type: typeof(NonNullGraphType<IndicatorKindType>));
        Field(c => c.Name, nullable: true);
        Field(c => c.Unit, nullable: true);
        Field(c => c.Baseline, nullable: true);
        Field(c => c.Target, nullable: true);
        Field(c => c.TargetDate, type: typeof(DateOnlyGraphType));
        Field(c => c.ExpectedVersion, nullable: true);
    }
}

public sealed class RecordMeasurementInputType : InputObjectGraphType<RecordMeasurement>
{
    public RecordMeasurementInputType()
    {
        Name = "RecordMeasurementInput";
        Field(c => c.StrategyId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.IndicatorId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.Date, type: typeof(NonNullGraphType<DateOnlyGraphType>));
        Field(c => c.Value);
        Field(c => c.Note, nullable: true);
        Field(c => c.ExpectedVersion, nullable: true);
    }
}

public sealed class AddActionInputType : InputObjectGraphType<AddAction>
{
    public AddActionInputType()
    {
        Name = "AddActionInput";
        Field(c => c.StrategyId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.SubGoalId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.Title);
        Field(c => c.Description, nullable: true);
        Field(c => c.Owner).Description("A person or a role.");
        Field(c => c.OwnerSubject, nullable: true).Description("The owner's user id (a token subject), if the owner has an account.");
        Field(c => c.ResponsibleUnit, nullable: true);
        Field(c => c.StartDate, type: typeof(NonNullGraphType<DateOnlyGraphType>));
        Field(c => c.DueDate, type: typeof(NonNullGraphType<DateOnlyGraphType>));
        Field(c => c.ExpectedVersion, nullable: true);
    }
}

public sealed class UpdateActionInputType : InputObjectGraphType<UpdateAction>
{
    public UpdateActionInputType()
    {
        Name = "UpdateActionInput";
        Description = "Only the fields given change, and every change is logged. A new due date needs dueDateReason; DONE means 100 %.";
        Field(c => c.StrategyId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.ActionId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.Title, nullable: true);
        Field(c => c.Description, nullable: true);
        Field(c => c.Owner, nullable: true);
        Field(c => c.OwnerSubject, nullable: true).Description("An empty string clears it.");
        Field(c => c.ResponsibleUnit, nullable: true);
        Field(c => c.StartDate, type: typeof(DateOnlyGraphType));
        Field(c => c.DueDate, type: typeof(DateOnlyGraphType));
        Field(c => c.DueDateReason, nullable: true);
        Field(c => c.Status, type: typeof(ActionStatusType));
        Field(c => c.PercentComplete, nullable: true);
        Field(c => c.Note, nullable: true);
        Field(c => c.ExpectedVersion, nullable: true);
    }
}

public sealed class AddRecurringActivityInputType : InputObjectGraphType<AddRecurringActivity>
{
    public AddRecurringActivityInputType()
    {
        Name = "AddRecurringActivityInput";
        Description = "An årshjul activity; startsOn (its first occurrence) defaults to the period's start.";
        Field(c => c.StrategyId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.Title);
        Field(c => c.Owner);
        Field(c => c.Recurrence, type: typeof(NonNullGraphType<RecurrenceKindType>));
        Field(c => c.Cron, nullable: true).Description("With CRON only: 5 fields (minute hour day-of-month month day-of-week), e.g. \"0 9 * * MON#1\".");
        Field(c => c.StartsOn, type: typeof(DateOnlyGraphType));
        Field(c => c.ExpectedVersion, nullable: true);
    }
}

public sealed class RecordOccurrenceInputType : InputObjectGraphType<RecordOccurrence>
{
    public RecordOccurrenceInputType()
    {
        Name = "RecordOccurrenceInput";
        Description = "Marks an årshjul occurrence held (heldOn defaults to its date) or missed; recording again corrects it.";
        Field(c => c.StrategyId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.OccurrenceId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.Held);
        Field(c => c.HeldOn, type: typeof(DateOnlyGraphType));
        Field(c => c.Note, nullable: true);
        Field(c => c.ExpectedVersion, nullable: true);
    }
}

public sealed class ChangeFollowUpSettingsInputType : InputObjectGraphType<ChangeFollowUpSettings>
{
    public ChangeFollowUpSettingsInputType()
    {
        Name = "ChangeFollowUpSettingsInput";
        Field(c => c.StrategyId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.LeadTimeDays, nullable: true);
        Field(c => c.OccurrenceLeadDays, nullable: true);
        Field(c => c.MissedAfterDays, nullable: true);
    }
}

public sealed class AcknowledgeNotificationInputType : InputObjectGraphType<AcknowledgeNotification>
{
    public AcknowledgeNotificationInputType()
    {
        Name = "AcknowledgeNotificationInput";
        Field(c => c.KommuneId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.Key, type: typeof(NonNullGraphType<IdGraphType>));
    }
}

public sealed class RotateCalendarFeedTokenInputType : InputObjectGraphType<Contracts.Kommuner.RotateCalendarFeedToken>
{
    public RotateCalendarFeedTokenInputType()
    {
        Name = "RotateCalendarFeedTokenInput";
        Field(c => c.KommuneId, type: typeof(NonNullGraphType<IdGraphType>));
    }
}

public sealed class ShareStrategyInputType : InputObjectGraphType<ShareStrategy>
{
    public ShareStrategyInputType()
    {
        Name = "ShareStrategyInput";
        Field(c => c.StrategyId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.Shared).Description("true: every role may read it (KS analysts compare strategies); false: the kommune's own again.");
        Field(c => c.ExpectedVersion, nullable: true);
    }
}
