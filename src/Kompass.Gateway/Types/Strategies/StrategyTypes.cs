using GraphQL;
using GraphQL.Types;
using Kompass.Gateway.Tenancy;
using Kompass.Contracts.Kommuner;
using Kompass.Contracts.Strategies;

namespace Kompass.Gateway.Types.Strategies;

public sealed class StrategyStatusType : EnumerationGraphType<StrategyStatus>
{
    public StrategyStatusType()
    {
        Name = "StrategyStatus";
        Description = "DRAFT while planned; ADOPTED after political processing (one per kommune at a time); then COMPLETED or ABANDONED, frozen.";
    }
}

public sealed class ActionStatusType : EnumerationGraphType<ActionStatus>
{
    public ActionStatusType()
    {
        Name = "ActionStatus";
        Description = "OVERDUE is never set: it replaces NOT_STARTED and IN_PROGRESS once the due date (the kommune's local date) has passed.";
    }
}

public sealed class IndicatorKindType : EnumerationGraphType<IndicatorKind>
{
    public IndicatorKindType()
    {
        Name = "IndicatorKind";
        Description = "AREA_SCORE: the focus area's score at the next evaluation (filled in when it is published). MEASURE: a value the kommune records.";
    }
}

public sealed class RecurrenceKindType : EnumerationGraphType<RecurrenceKind>
{
    public RecurrenceKindType()
    {
        Name = "RecurrenceKind";
        Description = "Whole months from the first date (the day clamped, never drifting), or CRON: a 5-field expression in the kommune's time zone.";
    }
}

public sealed class NotificationKindType : EnumerationGraphType<NotificationKind>
{
    public NotificationKindType() => Name = "NotificationKind";
}

public sealed class ReportKindType : EnumerationGraphType<ReportKind>
{
    public ReportKindType()
    {
        Name = "ReportKind";
        Description = "TERTIAL: after 30 April, 31 August and 31 December. COUNCIL_STATUS: the yearly status to the council, at each adoption anniversary.";
    }
}

public sealed class AdoptionType : ObjectGraphType<AdoptionView>
{
    public AdoptionType()
    {
        Name = "Adoption";
        this.AllowFields(FieldRules.ThroughParent);
        Description = "The political processing: body (kommunestyret, formannskapet, ...), date, case number as written (\"K-sak 33/18\"), decision.";
        Field(a => a.Body);
        Field(a => a.Date, type: typeof(NonNullGraphType<DateOnlyGraphType>));
        Field(a => a.CaseNumber);
        Field(a => a.Decision);
    }
}

public sealed class MeasurementType : ObjectGraphType<MeasurementView>
{
    public MeasurementType()
    {
        Name = "Measurement";
        this.AllowFields(FieldRules.ThroughParent);
        Field(m => m.Date, type: typeof(NonNullGraphType<DateOnlyGraphType>));
        Field(m => m.Value);
        Field(m => m.Note, nullable: true);
        Field(m => m.By);
        Field(m => m.EvaluationId, type: typeof(IdGraphType)).Description("For an area score: the evaluation it comes from.");
    }
}

public sealed class IndicatorType : ObjectGraphType<IndicatorView>
{
    public IndicatorType()
    {
        Name = "Indicator";
        this.AllowFields(FieldRules.ThroughParent);
        Field(i => i.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(i => i.Kind, type: typeof(NonNullGraphType<IndicatorKindType>));
        Field(i => i.Name);
        Field(i => i.AreaCode);
        Field(i => i.Unit, nullable: true);
        Field(i => i.Baseline, nullable: true).Description("For an area score: the basis evaluation's score of the area.");
        Field(i => i.Target, nullable: true);
        Field(i => i.TargetDate, type: typeof(DateOnlyGraphType));
        Field(i => i.Value, nullable: true).Description("The latest value as of today.");
        Field(i => i.ValueDate, type: typeof(DateOnlyGraphType));
        Field(i => i.Met, nullable: true).Description("Reached the target in the direction baseline to target (an area score without target: above the baseline); null while no value is known.");
        Field(i => i.Measurements, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<MeasurementType>>>))
            .WithComplexityImpact(1, 3);
    }
}

public sealed class ActionLogEntryType : ObjectGraphType<ActionLogEntryView>
{
    public ActionLogEntryType()
    {
        Name = "ActionLogEntry";
        this.AllowFields(FieldRules.ThroughParent);
        Field(l => l.Seq);
        Field(l => l.At, type: typeof(NonNullGraphType<DateTimeOffsetGraphType>));
        Field(l => l.By);
        Field(l => l.What);
    }
}

public sealed class ActionType : ObjectGraphType<ActionView>
{
    public ActionType()
    {
        Name = "Action";
        this.AllowFields(FieldRules.ThroughParent);
        Description = "A tiltak under a sub-goal.";
        Field(a => a.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(a => a.Title);
        Field(a => a.Description, nullable: true);
        Field(a => a.Owner).Description("A person or a role, as people read it.");
        Field(a => a.OwnerSubject, nullable: true).Description("The owner's user id (a token subject): the member who may update the action once authentication lands.");
        Field(a => a.ResponsibleUnit, nullable: true);
        Field(a => a.StartDate, type: typeof(NonNullGraphType<DateOnlyGraphType>));
        Field(a => a.DueDate, type: typeof(NonNullGraphType<DateOnlyGraphType>));
        Field(a => a.Status, type: typeof(NonNullGraphType<ActionStatusType>));
        Field<NonNullGraphType<BooleanGraphType>>("overdue").Resolve(ctx => ctx.Source.Status == ActionStatus.Overdue);
        Field(a => a.PercentComplete);
        Field(a => a.CompletedOn, type: typeof(DateOnlyGraphType));
        Field(a => a.Log, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<ActionLogEntryType>>>))
            .Description("The newest log entries (when, who, what); older ones are kept in history pages.")
            .WithComplexityImpact(1, 3);
        Field(a => a.LogCount).Description("How many log entries the action has in all.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ActionLogEntryType>>>>("olderLog")
            .Description("The log entries older than `log`, oldest first, read from the history pages.")
            .ResolveAsync(async ctx => await StrategyType.Api(ctx).OlderLog(ctx.Source))
            .WithComplexityImpact(5, 10);
    }
}

public sealed class SubGoalType : ObjectGraphType<SubGoalView>
{
    public SubGoalType()
    {
        Name = "SubGoal";
        this.AllowFields(FieldRules.ThroughParent);
        Description = "A delmål: carried out by its actions, measured by its indicators.";
        Field(s => s.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(s => s.Title);
        Field(s => s.Description, nullable: true);
        Field(s => s.Progress, nullable: true).Description("The mean percent complete of its actions (cancelled ones left out); null without any.");
        Field(s => s.Indicators, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<IndicatorType>>>))
            .WithComplexityImpact(1, 1);
        Field(s => s.Actions, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<ActionType>>>))
            .WithComplexityImpact(1, 3);
    }
}

public sealed class GoalType : ObjectGraphType<GoalView>
{
    public GoalType()
    {
        Name = "Goal";
        this.AllowFields(FieldRules.ThroughParent);
        Field(g => g.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(g => g.Title);
        Field(g => g.Description, nullable: true);
        Field(g => g.Progress, nullable: true).Description("The mean of its sub-goals with progress (for display).");
        Field(g => g.SubGoals, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<SubGoalType>>>))
            .WithComplexityImpact(1, 2);
    }
}

public sealed class StrategyFocusAreaType : ObjectGraphType<FocusAreaView>
{
    public StrategyFocusAreaType()
    {
        Name = "StrategyFocusArea";
        this.AllowFields(FieldRules.ThroughParent);
        Description = "A framework area chosen as one of the strategy's focus areas (fokusområder).";
        Field(f => f.AreaCode);
        Field(f => f.BasisScore, nullable: true).Description("The area's score in the evaluation the strategy builds on.");
        Field(f => f.StartingPoints).Description("The basis evaluation's improvement areas (forbedringsområder) for this area.");
        Field(f => f.Progress, nullable: true).Description("The mean of all its sub-goals with progress, each sub-goal weighing the same.");
        Field(f => f.Goals, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<GoalType>>>))
            .WithComplexityImpact(1, 2);
    }
}

public sealed class OccurrenceType : ObjectGraphType<OccurrenceView>
{
    public OccurrenceType()
    {
        Name = "Occurrence";
        this.AllowFields(FieldRules.ThroughParent);
        Field(o => o.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("Stable: activity and date, e.g. r7/2024-03-01.");
        Field(o => o.Date, type: typeof(NonNullGraphType<DateOnlyGraphType>));
        Field(o => o.Held, nullable: true).Description("true held, false missed, null not recorded.");
        Field(o => o.HeldOn, type: typeof(DateOnlyGraphType));
        Field(o => o.Note, nullable: true);
    }
}

public sealed class RecurringActivityType : ObjectGraphType<RecurringActivityView>
{
    public RecurringActivityType()
    {
        Name = "RecurringActivity";
        this.AllowFields(FieldRules.ThroughParent);
        Description = "An årshjul activity and its occurrences over the strategy's period.";
        Field(a => a.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(a => a.Title);
        Field(a => a.Owner);
        Field(a => a.Recurrence, type: typeof(NonNullGraphType<RecurrenceKindType>));
        Field(a => a.Cron, nullable: true);
        Field(a => a.StartsOn, type: typeof(NonNullGraphType<DateOnlyGraphType>));
        Field(a => a.Occurrences, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<OccurrenceType>>>))
            .WithComplexityImpact(1, 10);
    }
}

public sealed class AgendaActionType : ObjectGraphType<AgendaActionView>
{
    public AgendaActionType()
    {
        Name = "AgendaAction";
        this.AllowFields(FieldRules.ThroughParent);
        Field(a => a.StrategyId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(a => a.AreaCode);
        Field(a => a.SubGoalId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(a => a.ActionId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(a => a.Title);
        Field(a => a.Owner);
        Field(a => a.DueDate, type: typeof(NonNullGraphType<DateOnlyGraphType>));
        Field(a => a.Status, type: typeof(NonNullGraphType<ActionStatusType>));
        Field(a => a.PercentComplete);
    }
}

public sealed class AgendaOccurrenceType : ObjectGraphType<AgendaOccurrenceView>
{
    public AgendaOccurrenceType()
    {
        Name = "AgendaOccurrence";
        this.AllowFields(FieldRules.ThroughParent);
        Field(o => o.StrategyId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(o => o.OccurrenceId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(o => o.ActivityId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(o => o.Title);
        Field(o => o.Owner);
        Field(o => o.Date, type: typeof(NonNullGraphType<DateOnlyGraphType>));
        Field(o => o.Held, nullable: true);
        Field(o => o.HeldOn, type: typeof(DateOnlyGraphType));
    }
}

public sealed class AgendaType : ObjectGraphType<AgendaView>
{
    public AgendaType()
    {
        Name = "Agenda";
        this.AllowFields(FieldRules.ThroughParent);
        Description = "What is due in the window, what is late today (whatever its due date), and the årshjul occurrences in the window.";
        Field(a => a.From, type: typeof(NonNullGraphType<DateOnlyGraphType>));
        Field(a => a.To, type: typeof(NonNullGraphType<DateOnlyGraphType>));
        Field(a => a.Today, type: typeof(NonNullGraphType<DateOnlyGraphType>)).Description("The kommune's local date the statuses are as of.");
        Field(a => a.Due, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<AgendaActionType>>>));
        Field(a => a.Overdue, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<AgendaActionType>>>));
        Field(a => a.Occurrences, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<AgendaOccurrenceType>>>))
            .WithComplexityImpact(1, 10);
    }
}

public sealed class FollowUpType : ObjectGraphType<FollowUpView>
{
    public FollowUpType()
    {
        Name = "FollowUp";
        this.AllowFields(FieldRules.ThroughParent);
        Description = "The scheduled follow-up of an adopted strategy and its settings (0-120 days each).";
        Field(f => f.Started);
        Field(f => f.StartedOn, type: typeof(DateOnlyGraphType));
        Field(f => f.ProcessedThrough, type: typeof(DateOnlyGraphType)).Description("The last local day the follow-up has processed.");
        Field(f => f.Finished);
        Field(f => f.LeadTimeDays).Description("How many days before its due date an action is announced (default 14).");
        Field(f => f.OccurrenceLeadDays).Description("How many days before an årshjul occurrence it is announced (default 7).");
        Field(f => f.MissedAfterDays).Description("How many days after its date an occurrence not recorded held counts as missed (default 7).");
    }
}

public sealed class NotificationType : ObjectGraphType<NotificationView>
{
    public NotificationType()
    {
        Name = "Notification";
        this.AllowFields(FieldRules.ThroughParent);
        Field<NonNullGraphType<IdGraphType>>("key").Description("Deterministic: the same event always has the same key.").Resolve(ctx => ctx.Source.Notification.Key);
        Field<NonNullGraphType<NotificationKindType>>("kind").Resolve(ctx => ctx.Source.Notification.Kind);
        Field<NonNullGraphType<IdGraphType>>("strategyId").Resolve(ctx => ctx.Source.Notification.StrategyId);
        Field<NonNullGraphType<DateOnlyGraphType>>("on").Description("The kommune's local date it was raised for.").Resolve(ctx => ctx.Source.Notification.On);
        Field<NonNullGraphType<StringGraphType>>("subjectId").Description("The action, occurrence, indicator or report it is about.").Resolve(ctx => ctx.Source.Notification.SubjectId);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(ctx => ctx.Source.Notification.Title);
        Field<NonNullGraphType<DateOnlyGraphType>>("subjectDate").Description("The due date, occurrence date, target date or report date.").Resolve(ctx => ctx.Source.Notification.SubjectDate);
        Field(n => n.ReceivedAt, type: typeof(NonNullGraphType<DateTimeOffsetGraphType>));
        Field<NonNullGraphType<BooleanGraphType>>("acknowledged").Resolve(ctx => ctx.Source.AcknowledgedAt is not null);
        Field(n => n.AcknowledgedAt, type: typeof(DateTimeOffsetGraphType));
        Field(n => n.AcknowledgedBy, nullable: true);
    }
}

/// <summary>A notification with the cursor that points at it.</summary>
public sealed record NotificationEdge(string Cursor, NotificationView Node);

public sealed class NotificationEdgeType : ObjectGraphType<NotificationEdge>
{
    public NotificationEdgeType()
    {
        Name = "NotificationEdge";
        this.AllowFields(FieldRules.ThroughParent);
        Field(e => e.Cursor);
        Field(e => e.Node, type: typeof(NonNullGraphType<NotificationType>));
    }
}

public sealed class NotificationConnectionType : ObjectGraphType<NotificationPage>
{
    public NotificationConnectionType()
    {
        Name = "NotificationConnection";
        this.AllowFields(FieldRules.ThroughParent);
        Description = "A kommune's inbox, newest first.";
        Field(p => p.TotalCount);
        Field(p => p.UnacknowledgedCount).Description("Unacknowledged notifications in the inbox, whatever the filter.");
        Field<NonNullGraphType<PageInfoType>>("pageInfo")
            .Resolve(ctx => new DirectoryPage([], ctx.Source.Cursors, ctx.Source.TotalCount, ctx.Source.HasNextPage, ctx.Source.HasPreviousPage));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<NotificationEdgeType>>>>("edges")
            .Resolve(ctx => ctx.Source.Items.Select((n, i) => new NotificationEdge(ctx.Source.Cursors[i], n)).ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<NotificationType>>>>("nodes").Resolve(ctx => ctx.Source.Items);
    }
}

public sealed class ActionCountsType : ObjectGraphType<ActionCountsView>
{
    public ActionCountsType()
    {
        Name = "ActionCounts";
        this.AllowFields(FieldRules.ThroughParent);
        Description = "Actions by stored status; overdue counts the open ones past their due date.";
        Field(c => c.NotStarted);
        Field(c => c.InProgress);
        Field(c => c.Done);
        Field(c => c.Cancelled);
        Field(c => c.Overdue);
    }
}

public sealed class FocusAreaSnapshotType : ObjectGraphType<FocusAreaSnapshotView>
{
    public FocusAreaSnapshotType()
    {
        Name = "FocusAreaSnapshot";
        this.AllowFields(FieldRules.ThroughParent);
        Field(f => f.AreaCode);
        Field(f => f.Progress, nullable: true);
        Field(f => f.Actions, type: typeof(NonNullGraphType<ActionCountsType>));
    }
}

public sealed class OverdueActionType : ObjectGraphType<OverdueActionView>
{
    public OverdueActionType()
    {
        Name = "OverdueAction";
        this.AllowFields(FieldRules.ThroughParent);
        Field(o => o.ActionId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(o => o.AreaCode);
        Field(o => o.Title);
        Field(o => o.Owner);
        Field(o => o.DueDate, type: typeof(NonNullGraphType<DateOnlyGraphType>));
        Field(o => o.DaysOverdue);
        Field(o => o.PercentComplete);
    }
}

public sealed class IndicatorValueType : ObjectGraphType<IndicatorValueView>
{
    public IndicatorValueType()
    {
        Name = "IndicatorValue";
        this.AllowFields(FieldRules.ThroughParent);
        Field(i => i.IndicatorId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(i => i.AreaCode);
        Field(i => i.Kind, type: typeof(NonNullGraphType<IndicatorKindType>));
        Field(i => i.Name);
        Field(i => i.Unit, nullable: true);
        Field(i => i.Baseline, nullable: true);
        Field(i => i.Target, nullable: true);
        Field(i => i.TargetDate, type: typeof(DateOnlyGraphType));
        Field(i => i.Value, nullable: true);
        Field(i => i.ValueDate, type: typeof(DateOnlyGraphType));
        Field(i => i.EvaluationId, type: typeof(IdGraphType));
        Field(i => i.Met, nullable: true);
    }
}

public sealed class OccurrenceCountsType : ObjectGraphType<OccurrenceCountsView>
{
    public OccurrenceCountsType()
    {
        Name = "OccurrenceCounts";
        this.AllowFields(FieldRules.ThroughParent);
        Field(o => o.Scheduled);
        Field(o => o.Held);
        Field(o => o.Missed);
        Field(o => o.Unrecorded);
    }
}

public sealed class StrategyReportType : ObjectGraphType<ReportView>
{
    public StrategyReportType()
    {
        Name = "StrategyReport";
        this.AllowFields(FieldRules.ThroughParent);
        Description = "A frozen snapshot as of the end of a tertial (tertialrapport) or the day before an adoption anniversary (status to the council).";
        Field(r => r.Key, type: typeof(NonNullGraphType<IdGraphType>));
        Field(r => r.Kind, type: typeof(NonNullGraphType<ReportKindType>));
        Field(r => r.Label);
        Field(r => r.IssuedOn, type: typeof(NonNullGraphType<DateOnlyGraphType>));
        Field(r => r.PeriodFrom, type: typeof(NonNullGraphType<DateOnlyGraphType>));
        Field(r => r.AsOf, type: typeof(NonNullGraphType<DateOnlyGraphType>));
        Field(r => r.Status, type: typeof(NonNullGraphType<StrategyStatusType>));
        Field(r => r.Progress, nullable: true);
        Field(r => r.FocusAreas, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<FocusAreaSnapshotType>>>));
        Field(r => r.Actions, type: typeof(NonNullGraphType<ActionCountsType>));
        Field(r => r.DoneInPeriod);
        Field(r => r.Overdue, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<OverdueActionType>>>));
        Field(r => r.Indicators, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<IndicatorValueType>>>));
        Field(r => r.Occurrences, type: typeof(NonNullGraphType<OccurrenceCountsType>));
        Field<NonNullGraphType<StringGraphType>>("htmlUrl")
            .Description("The printable page (nb or sv by the kommune's country), relative to the service's address.")
            .Resolve(ctx => ReportPage.PathOf(ctx.Source.Key));
    }
}

public sealed class StrategyType : ObjectGraphType<StrategyView>
{
    public StrategyType()
    {
        Name = "Strategy";
        this.AllowFields(FieldRules.ReadStrategy);
        Description = "A development strategy (utviklingsstrategi) built on a published evaluation, followed up over its period.";
        Field(s => s.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field<NonNullGraphType<KommuneType>>("kommune").ResolveAsync(async ctx =>
            await ctx.RequestServices!.GetRequiredService<KompassApi>().Kommune(ctx.Source.KommuneId));
        Field(s => s.Title);
        Field(s => s.Description, nullable: true);
        Field<EvaluationType>("basis").Description("The published evaluation the strategy builds on.").ResolveAsync(async ctx =>
            await ctx.RequestServices!.GetRequiredService<KompassApi>().Evaluation(ctx.Source.BasisEvaluationId));
        Field(s => s.BasisEvaluationId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(s => s.FrameworkVersion);
        Field(s => s.PeriodStart, type: typeof(NonNullGraphType<DateOnlyGraphType>));
        Field(s => s.PeriodEnd, type: typeof(NonNullGraphType<DateOnlyGraphType>));
        Field(s => s.Status, type: typeof(NonNullGraphType<StrategyStatusType>));
        Field(s => s.Adoption, type: typeof(AdoptionType));
        Field(s => s.CreatedAt, type: typeof(NonNullGraphType<DateTimeOffsetGraphType>));
        Field(s => s.CreatedBy);
        Field(s => s.ClosedAt, type: typeof(DateTimeOffsetGraphType));
        Field(s => s.ClosedBy, nullable: true);
        Field(s => s.ClosingNote, nullable: true);
        Field(s => s.Progress, nullable: true)
            .Description("Percent: the mean of its focus areas with progress; a focus area is the mean of its sub-goals, a sub-goal of its actions (DONE = 100, CANCELLED left out).");
        Field(s => s.Today, type: typeof(NonNullGraphType<DateOnlyGraphType>)).Description("The kommune's local date OVERDUE and the values are as of.");
        Field(s => s.FocusAreas, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<StrategyFocusAreaType>>>))
            .WithComplexityImpact(1, 3);
        Field(s => s.Activities, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<RecurringActivityType>>>)).Description("The årshjul.")
            .WithComplexityImpact(1, 3);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ActionType>>>>("overdueActions")
            .Resolve(ctx => ctx.Source.FocusAreas.SelectMany(f => f.Goals).SelectMany(g => g.SubGoals).SelectMany(s => s.Actions)
                .Where(a => a.Status == ActionStatus.Overdue).OrderBy(a => a.DueDate).ToList());
        Field<NonNullGraphType<AgendaType>>("agenda")
            .Description("What is due from..to (default today and 30 days on), what is late today, and the årshjul occurrences in the window.")
            .Argument<DateOnlyGraphType>("from")
            .Argument<DateOnlyGraphType>("to")
            .ResolveAsync(async ctx =>
            {
                var from = ctx.GetArgument<DateOnly?>("from") ?? ctx.Source.Today;
                var to = ctx.GetArgument<DateOnly?>("to") ?? from.AddDays(30);
                return await Api(ctx).Agenda(ctx.Source.Id, from, to);
            });
        Field<NonNullGraphType<FollowUpType>>("followUp").ResolveAsync(async ctx => await Api(ctx).FollowUp(ctx.Source.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StrategyReportType>>>>("tertialReports")
            .ResolveAsync(async ctx => (await Api(ctx).Reports(ctx.Source.Id)).Where(r => r.Kind == ReportKind.Tertial).ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StrategyReportType>>>>("councilStatuses")
            .ResolveAsync(async ctx => (await Api(ctx).Reports(ctx.Source.Id)).Where(r => r.Kind == ReportKind.CouncilStatus).ToList());
        Field(s => s.Version).Description("Bumped on every change; pass it as expectedVersion to detect a concurrent change.");
        Field(s => s.Shared).Description("Shared by its kommune with every role (analysts); otherwise only the kommune reads it.");
    }

    internal static StrategyApi Api(IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<KompassApi>().Strategies;
}
