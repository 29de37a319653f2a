using FluentValidation;
using Kompass.Domain.Strategies;

namespace Kompass.Contracts.Strategies;

// Shape rules of the strategy commands: what can be checked without the strategy's state. The gateway
// runs them before any grain is called, the grain again; the domain's rules (period, framework areas,
// dates inside the period, states) come after. Limits are the domain's (StrategyLimits).

internal static class StrategyRules
{
    public static IRuleBuilderOptions<T, string> MustBeStrategyId<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(StrategyIds.IsWellFormed).WithMessage("'{PropertyValue}' is not a strategy id such as NO-5034/strategy/2023-1.");

    public static IRuleBuilderOptions<T, string?> Text<T>(this IRuleBuilder<T, string?> rule, int max) => rule.MaximumLength(max);

    public static IRuleBuilderOptions<T, int?> Version<T>(this IRuleBuilder<T, int?> rule) => rule.GreaterThanOrEqualTo(1);
}

public sealed class CreateStrategyValidator : AbstractValidator<CreateStrategy>
{
    public static readonly CreateStrategyValidator Instance = new();

    public CreateStrategyValidator()
    {
        RuleFor(c => c.KommuneId).MustBeKommuneId();
        RuleFor(c => c.EvaluationId).MustBeEvaluationId();
        RuleFor(c => c.Title).NotEmpty().MaximumLength(StrategyLimits.MaxTitleLength);
        RuleFor(c => c.Description).Text(StrategyLimits.MaxTextLength);
        RuleFor(c => c.PeriodStart).MustBePlausibleDate();
        RuleFor(c => c.PeriodEnd).MustBePlausibleDate();
    }
}

public sealed class AdoptStrategyValidator : AbstractValidator<AdoptStrategy>
{
    public static readonly AdoptStrategyValidator Instance = new();

    public AdoptStrategyValidator()
    {
        RuleFor(c => c.StrategyId).MustBeStrategyId();
        RuleFor(c => c.Body).NotEmpty().MaximumLength(StrategyLimits.MaxNameLength);
        RuleFor(c => c.Date).MustBePlausibleDate();
        RuleFor(c => c.CaseNumber).NotEmpty().MaximumLength(StrategyLimits.MaxCaseNumberLength);
        RuleFor(c => c.Decision).NotEmpty().MaximumLength(StrategyLimits.MaxTextLength);
        RuleFor(c => c.ExpectedVersion).Version();
    }
}

public sealed class CompleteStrategyValidator : AbstractValidator<CompleteStrategy>
{
    public static readonly CompleteStrategyValidator Instance = new();

    public CompleteStrategyValidator()
    {
        RuleFor(c => c.StrategyId).MustBeStrategyId();
        RuleFor(c => c.Note).Text(StrategyLimits.MaxNoteLength);
        RuleFor(c => c.ExpectedVersion).Version();
    }
}

public sealed class AbandonStrategyValidator : AbstractValidator<AbandonStrategy>
{
    public static readonly AbandonStrategyValidator Instance = new();

    public AbandonStrategyValidator()
    {
        RuleFor(c => c.StrategyId).MustBeStrategyId();
        RuleFor(c => c.Reason).NotEmpty().MaximumLength(StrategyLimits.MaxNoteLength);
        RuleFor(c => c.ExpectedVersion).Version();
    }
}

public sealed class ChooseFocusAreaValidator : AbstractValidator<ChooseFocusArea>
{
    public static readonly ChooseFocusAreaValidator Instance = new();

    public ChooseFocusAreaValidator()
    {
        RuleFor(c => c.StrategyId).MustBeStrategyId();
        RuleFor(c => c.AreaCode).NotEmpty().MaximumLength(20);
        RuleFor(c => c.ExpectedVersion).Version();
    }
}

public sealed class RemoveFocusAreaValidator : AbstractValidator<RemoveFocusArea>
{
    public static readonly RemoveFocusAreaValidator Instance = new();

    public RemoveFocusAreaValidator()
    {
        RuleFor(c => c.StrategyId).MustBeStrategyId();
        RuleFor(c => c.AreaCode).NotEmpty().MaximumLength(20);
        RuleFor(c => c.ExpectedVersion).Version();
    }
}

public sealed class AddGoalValidator : AbstractValidator<AddGoal>
{
    public static readonly AddGoalValidator Instance = new();

    public AddGoalValidator()
    {
        RuleFor(c => c.StrategyId).MustBeStrategyId();
        RuleFor(c => c.AreaCode).NotEmpty().MaximumLength(20);
        RuleFor(c => c.Title).NotEmpty().MaximumLength(StrategyLimits.MaxTitleLength);
        RuleFor(c => c.Description).Text(StrategyLimits.MaxTextLength);
        RuleFor(c => c.ExpectedVersion).Version();
    }
}

public sealed class AddSubGoalValidator : AbstractValidator<AddSubGoal>
{
    public static readonly AddSubGoalValidator Instance = new();

    public AddSubGoalValidator()
    {
        RuleFor(c => c.StrategyId).MustBeStrategyId();
        RuleFor(c => c.GoalId).NotEmpty().MaximumLength(20);
        RuleFor(c => c.Title).NotEmpty().MaximumLength(StrategyLimits.MaxTitleLength);
        RuleFor(c => c.Description).Text(StrategyLimits.MaxTextLength);
        RuleFor(c => c.ExpectedVersion).Version();
    }
}

public sealed class AddIndicatorValidator : AbstractValidator<AddIndicator>
{
    public static readonly AddIndicatorValidator Instance = new();

    public AddIndicatorValidator()
    {
        RuleFor(c => c.StrategyId).MustBeStrategyId();
        RuleFor(c => c.SubGoalId).NotEmpty().MaximumLength(20);
        RuleFor(c => c.Kind).IsInEnum();
        RuleFor(c => c.Name).Text(StrategyLimits.MaxNameLength);
        RuleFor(c => c.Unit).Text(StrategyLimits.MaxUnitLength);
        RuleFor(c => c.ExpectedVersion).Version();
    }
}

public sealed class RecordMeasurementValidator : AbstractValidator<RecordMeasurement>
{
    public static readonly RecordMeasurementValidator Instance = new();

    public RecordMeasurementValidator()
    {
        RuleFor(c => c.StrategyId).MustBeStrategyId();
        RuleFor(c => c.IndicatorId).NotEmpty().MaximumLength(20);
        RuleFor(c => c.Date).MustBePlausibleDate();
        RuleFor(c => c.Note).Text(StrategyLimits.MaxNoteLength);
        RuleFor(c => c.ExpectedVersion).Version();
    }
}

public sealed class AddActionValidator : AbstractValidator<AddAction>
{
    public static readonly AddActionValidator Instance = new();

    public AddActionValidator()
    {
        RuleFor(c => c.StrategyId).MustBeStrategyId();
        RuleFor(c => c.SubGoalId).NotEmpty().MaximumLength(20);
        RuleFor(c => c.Title).NotEmpty().MaximumLength(StrategyLimits.MaxTitleLength);
        RuleFor(c => c.Description).Text(StrategyLimits.MaxTextLength);
        RuleFor(c => c.Owner).NotEmpty().MaximumLength(StrategyLimits.MaxNameLength);
        RuleFor(c => c.OwnerSubject).Text(StrategyLimits.MaxNameLength);
        RuleFor(c => c.ResponsibleUnit).Text(StrategyLimits.MaxNameLength);
        RuleFor(c => c.StartDate).MustBePlausibleDate();
        RuleFor(c => c.DueDate).MustBePlausibleDate().GreaterThanOrEqualTo(c => c.StartDate)
            .WithMessage("The due date is before the start date.");
        RuleFor(c => c.ExpectedVersion).Version();
    }
}

public sealed class UpdateActionValidator : AbstractValidator<UpdateAction>
{
    public static readonly UpdateActionValidator Instance = new();

    public UpdateActionValidator()
    {
        RuleFor(c => c.StrategyId).MustBeStrategyId();
        RuleFor(c => c.ActionId).NotEmpty().MaximumLength(20);
        RuleFor(c => c.Title).Text(StrategyLimits.MaxTitleLength);
        RuleFor(c => c.Description).Text(StrategyLimits.MaxTextLength);
        RuleFor(c => c.Owner).Text(StrategyLimits.MaxNameLength);
        RuleFor(c => c.OwnerSubject).Text(StrategyLimits.MaxNameLength);
        RuleFor(c => c.ResponsibleUnit).Text(StrategyLimits.MaxNameLength);
        RuleFor(c => c.DueDateReason).Text(StrategyLimits.MaxNoteLength);
        RuleFor(c => c.Status).IsInEnum().Must(s => s != ActionStatus.Overdue)
            .WithMessage("OVERDUE follows from the due date: it is not set.");
        RuleFor(c => c.PercentComplete).InclusiveBetween(0, 100);
        RuleFor(c => c.Note).Text(StrategyLimits.MaxNoteLength);
        RuleFor(c => c.ExpectedVersion).Version();
    }
}

public sealed class AddRecurringActivityValidator : AbstractValidator<AddRecurringActivity>
{
    public static readonly AddRecurringActivityValidator Instance = new();

    public AddRecurringActivityValidator()
    {
        RuleFor(c => c.StrategyId).MustBeStrategyId();
        RuleFor(c => c.Title).NotEmpty().MaximumLength(StrategyLimits.MaxTitleLength);
        RuleFor(c => c.Owner).NotEmpty().MaximumLength(StrategyLimits.MaxNameLength);
        RuleFor(c => c.Recurrence).IsInEnum();
        RuleFor(c => c.Cron).NotEmpty().When(c => c.Recurrence == RecurrenceKind.Cron)
            .OverridePropertyName("recurrence").WithMessage("Recurrence CRON needs a cron expression.");
        RuleFor(c => c.Cron).MaximumLength(StrategyLimits.MaxCronLength).OverridePropertyName("recurrence");
        RuleFor(c => c.ExpectedVersion).Version();
    }
}

public sealed class RecordOccurrenceValidator : AbstractValidator<RecordOccurrence>
{
    public static readonly RecordOccurrenceValidator Instance = new();

    public RecordOccurrenceValidator()
    {
        RuleFor(c => c.StrategyId).MustBeStrategyId();
        RuleFor(c => c.OccurrenceId).NotEmpty().MaximumLength(40);
        RuleFor(c => c.Note).Text(StrategyLimits.MaxNoteLength);
        RuleFor(c => c.ExpectedVersion).Version();
    }
}

public sealed class ChangeFollowUpSettingsValidator : AbstractValidator<ChangeFollowUpSettings>
{
    public static readonly ChangeFollowUpSettingsValidator Instance = new();

    public ChangeFollowUpSettingsValidator()
    {
        RuleFor(c => c.StrategyId).MustBeStrategyId();
        RuleFor(c => c.LeadTimeDays).InclusiveBetween(StrategyLimits.MinLeadTimeDays, StrategyLimits.MaxLeadTimeDays);
        RuleFor(c => c.OccurrenceLeadDays).InclusiveBetween(StrategyLimits.MinLeadTimeDays, StrategyLimits.MaxLeadTimeDays);
        RuleFor(c => c.MissedAfterDays).InclusiveBetween(StrategyLimits.MinLeadTimeDays, StrategyLimits.MaxLeadTimeDays);
    }
}

public sealed class AcknowledgeNotificationValidator : AbstractValidator<AcknowledgeNotification>
{
    public static readonly AcknowledgeNotificationValidator Instance = new();

    public AcknowledgeNotificationValidator()
    {
        RuleFor(c => c.KommuneId).MustBeKommuneId();
        RuleFor(c => c.Key).NotEmpty().MaximumLength(300);
    }
}

public sealed class ShareStrategyValidator : AbstractValidator<ShareStrategy>
{
    public static readonly ShareStrategyValidator Instance = new();

    public ShareStrategyValidator()
    {
        RuleFor(c => c.StrategyId).MustBeStrategyId();
        RuleFor(c => c.ExpectedVersion).Version();
    }
}
