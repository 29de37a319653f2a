using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using Kompass.Contracts.Kommuner;
using Kompass.Contracts.Strategies;
using Kompass.Gateway.Tenancy;

namespace Kompass.Gateway.Types.Strategies;

/// <summary>The strategy fields of Query, Mutation and Kommune, kept here beside their types.</summary>
internal static class StrategyFields
{
    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<StrategyType>("strategy")
            .Allow(FieldRules.ReadStrategy)
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx => await StrategyType.Api(ctx).Strategy(ctx.GetArgument<string>("id")));
        query.Field<NonNullGraphType<AgendaType>>("followUp")
            .Description("Due, overdue and årshjul occurrences across the kommune's strategies (not abandoned) in a window of at most 366 days.")
            .Allow(FieldRules.KommuneInternals)
            .Argument<NonNullGraphType<IdGraphType>>("kommuneId")
            .Argument<NonNullGraphType<DateOnlyGraphType>>("from")
            .Argument<NonNullGraphType<DateOnlyGraphType>>("to")
            .ResolveAsync(async ctx => await StrategyType.Api(ctx).KommuneAgenda(ctx.GetArgument<string>("kommuneId"),
                ctx.GetArgument<DateOnly>("from"), ctx.GetArgument<DateOnly>("to")));
        InboxField(query.Field<NonNullGraphType<NotificationConnectionType>>("notifications")
                .Description(InboxDescription)
                .Allow(FieldRules.KommuneInternals)
                .Argument<NonNullGraphType<IdGraphType>>("kommuneId"),
            ctx => ctx.GetArgument<string>("kommuneId"));
    }

    public static void AddKommuneFields(ObjectGraphType<KommuneView> kommune)
    {
        kommune.Field<NonNullGraphType<ListGraphType<NonNullGraphType<StrategyType>>>>("strategies")
            .Description("Its development strategies, oldest first (at most one ADOPTED): all for its own kommune, the shared ones for others.")
            .Allow(FieldRules.SignedIn)
            .ResolveAsync(async ctx => await StrategyType.Api(ctx).KommuneStrategies(ctx.Source.Id));
        kommune.Field<NonNullGraphType<StringGraphType>>("calendarFeedUrl")
            .Allow(FieldRules.KommuneInternals)
            .Description("The calendar feed (iCalendar) of its action deadlines and årshjul occurrences, relative to the service's address: subscribe to it in a calendar client.")
            .Resolve(ctx => CalendarFeed.PathOf(ctx.Source, ctx.RequestServices!.GetRequiredService<AuthSettings>()));
        InboxField(kommune.Field<NonNullGraphType<NotificationConnectionType>>("inbox").Description(InboxDescription).Allow(FieldRules.KommuneInternals),
            ctx => ctx.Source.Id);
    }

    private const string InboxDescription = "The kommune's notifications, newest first. Past the newest 500 the list goes on into the archived ones, "
        + "which are history: they can't be acknowledged, and unacknowledgedOnly lists the newest 500 only.";

    private static void InboxField<TSource>(FieldBuilder<TSource, object> field, Func<IResolveFieldContext<TSource>, string> kommuneId) => field
        .Argument<IntGraphType>("first", a => a.DefaultValue = 20)
        .Argument<StringGraphType>("after")
        .Argument<BooleanGraphType>("unacknowledgedOnly", a => a.DefaultValue = false)
        .ResolveAsync(async ctx => await StrategyType.Api(ctx).Notifications(kommuneId(ctx), ctx.GetArgument<int>("first"),
            ctx.GetArgument<string?>("after"), ctx.GetArgument<bool>("unacknowledgedOnly")));

    public static void AddMutations(KompassMutation m)
    {
        m.Command<CreateStrategy, CreateStrategyInputType, StrategyType, StrategyView>("createStrategy", FieldRules.ChangeStrategy,
            (api, c, caller) => Api(api).CreateStrategy(c, caller), "A new DRAFT strategy on a published evaluation of the same kommune; the id is handed out by the kommune.");
        m.Command<AdoptStrategy, AdoptStrategyInputType, StrategyType, StrategyView>("adoptStrategy", FieldRules.ChangeStrategy,
            (api, c, caller) => Api(api).AdoptStrategy(c, caller), "Record the political adoption; a kommune has one ADOPTED strategy at a time. Starts the follow-up.");
        m.Command<CompleteStrategy, CompleteStrategyInputType, StrategyType, StrategyView>("completeStrategy", FieldRules.ChangeStrategy, (api, c, caller) => Api(api).CompleteStrategy(c, caller));
        m.Command<ShareStrategy, ShareStrategyInputType, StrategyType, StrategyView>("shareStrategy", FieldRules.ChangeStrategy,
            (api, c, caller) => Api(api).ShareStrategy(c, caller), "Share the strategy with every role (KS analysts), or take it back.");
        m.Command<AbandonStrategy, AbandonStrategyInputType, StrategyType, StrategyView>("abandonStrategy", FieldRules.ChangeStrategy, (api, c, caller) => Api(api).AbandonStrategy(c, caller));
        m.Command<ChooseFocusArea, ChooseFocusAreaInputType, StrategyType, StrategyView>("chooseFocusArea", FieldRules.ChangeStrategy, (api, c, caller) => Api(api).ChooseFocusArea(c, caller));
        m.Command<RemoveFocusArea, RemoveFocusAreaInputType, StrategyType, StrategyView>("removeFocusArea", FieldRules.ChangeStrategy, (api, c, caller) => Api(api).RemoveFocusArea(c, caller));
        m.Command<AddGoal, AddGoalInputType, StrategyType, StrategyView>("addGoal", FieldRules.ChangeStrategy, (api, c, caller) => Api(api).AddGoal(c, caller));
        m.Command<AddSubGoal, AddSubGoalInputType, StrategyType, StrategyView>("addSubGoal", FieldRules.ChangeStrategy, (api, c, caller) => Api(api).AddSubGoal(c, caller));
        m.Command<AddIndicator, AddIndicatorInputType, StrategyType, StrategyView>("addIndicator", FieldRules.ChangeStrategy, (api, c, caller) => Api(api).AddIndicator(c, caller));
        m.Command<RecordMeasurement, RecordMeasurementInputType, StrategyType, StrategyView>("recordMeasurement", FieldRules.ChangeStrategy, (api, c, caller) => Api(api).RecordMeasurement(c, caller));
        m.Command<AddAction, AddActionInputType, StrategyType, StrategyView>("addAction", FieldRules.ChangeStrategy, (api, c, caller) => Api(api).AddAction(c, caller));
        m.Command<UpdateAction, UpdateActionInputType, StrategyType, StrategyView>("updateAction", FieldRules.UpdateAction, (api, c, caller) => Api(api).UpdateAction(c, caller));
        m.Command<AddRecurringActivity, AddRecurringActivityInputType, StrategyType, StrategyView>("addRecurringActivity", FieldRules.ChangeStrategy,
            (api, c, caller) => Api(api).AddRecurringActivity(c, caller));
        m.Command<RecordOccurrence, RecordOccurrenceInputType, StrategyType, StrategyView>("recordOccurrence", FieldRules.ChangeStrategy, (api, c, caller) => Api(api).RecordOccurrence(c, caller));
        m.Command<ChangeFollowUpSettings, ChangeFollowUpSettingsInputType, FollowUpType, FollowUpView>("changeFollowUpSettings", FieldRules.ChangeStrategy,
            (api, c, caller) => Api(api).ChangeFollowUpSettings(c, caller));
        m.Command<RotateCalendarFeedToken, RotateCalendarFeedTokenInputType, KommuneType, KommuneView>("rotateCalendarFeedToken", FieldRules.ChangeStrategy,
            (api, c, caller) => Api(api).RotateCalendarFeedToken(c, caller),
            "A new secret token in the kommune's calendarFeedUrl (its leaders): the URL handed out before stops working, so subscribe again with the new one.");
        m.Command<AcknowledgeNotification, AcknowledgeNotificationInputType, NotificationType, NotificationView>("acknowledgeNotification", FieldRules.AcknowledgeNotification,
            (api, c, caller) => Api(api).AcknowledgeNotification(c, caller), "Mark a notification read; acknowledging it again keeps the first acknowledgement.");
    }

    private static StrategyApi Api(KompassApi api) => api.Strategies;
}
