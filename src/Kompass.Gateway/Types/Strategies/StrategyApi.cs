using Kompass.Contracts;
using Kompass.Contracts.Evaluations;
using Kompass.Contracts.Kommuner;
using Kompass.Contracts.Strategies;
using Kompass.Domain;
using Kompass.Domain.Kommuner;
using Kompass.Domain.Strategies;
using Kompass.Domain.Tenancy;

namespace Kompass.Gateway.Types.Strategies;

/// <summary>
/// The strategy side of <see cref="KompassApi"/>: every strategy, follow-up and inbox operation goes
/// through here to the grains. Commands are validated before any grain is called, the caller attached.
/// </summary>
public sealed class StrategyApi(IGrainFactory grains)
{
    public Task<StrategyView?> Strategy(string id) =>
        StrategyIds.IsWellFormed(id) ? grains.GetGrain<IStrategyGrain>(id).Get() : Task.FromResult<StrategyView?>(null);

    /// <summary>The kommune's strategies the caller may read: all of them for its own kommune, the shared ones for others.</summary>
    public async Task<IReadOnlyList<StrategyView>> KommuneStrategies(string kommuneId)
    {
        var entries = await grains.GetGrain<IKommuneGrain>(kommuneId).Strategies();
        var views = await Task.WhenAll(entries.Select(async e =>
        {
            try
            {
                return await Strategy(e.Id);
            }
            catch (KompassError refused) when (refused.Code == ErrorCodes.Forbidden)
            {
                return null; // not shared: not listed, rather than refused one by one
            }
        }));
        return [.. views.OfType<StrategyView>()];
    }

    /// <summary>The user id of an action's owner, read as the system (the gateway's rule needs the fact whoever asks).</summary>
    public async Task<string?> ActionOwnerOf(string strategyId, string actionId)
    {
        if (!StrategyIds.IsWellFormed(strategyId))
            return null;
        var view = await KompassApi.As(Principal.System, () => grains.GetGrain<IStrategyGrain>(strategyId).Get());
        return view?.FocusAreas.SelectMany(f => f.Goals).SelectMany(g => g.SubGoals).SelectMany(s => s.Actions)
            .FirstOrDefault(a => a.Id == actionId)?.OwnerSubject;
    }

    public Task<NotificationPage> Notifications(string kommuneId, int first, string? after, bool unacknowledgedOnly)
    {
        var id = KommuneId.Parse(kommuneId).ToString();
        return grains.GetGrain<IInboxGrain>(id).List(first, after, unacknowledgedOnly);
    }

    public Task<IReadOnlyList<ReportView>> Reports(string strategyId) => grains.GetGrain<IStrategyReportsGrain>(strategyId).List();

    public async Task<ReportView?> Report(string strategyId, string reportKey) =>
        StrategyIds.IsWellFormed(strategyId) ? (await Reports(strategyId)).FirstOrDefault(r => r.Key == reportKey) : null;

    /// <summary>
    /// An action's log lines older than those kept in the strategy's state, oldest first, from the history
    /// pages (fixed ranges of 100). Lines still on their way to the pages are not listed yet.
    /// </summary>
    public async Task<IReadOnlyList<ActionLogEntryView>> OlderLog(ActionView action)
    {
        var lastArchived = (action.Log.Count > 0 ? action.Log[0].Seq : action.LogCount + 1) - 1;
        if (lastArchived < 1)
            return [];
        var stream = Domain.Strategies.Strategy.LogStream(action.Id);
        var pages = await Task.WhenAll(Enumerable.Range(0, Archive.PageIndexOf(lastArchived) + 1)
            .Select(p => grains.GetGrain<IHistoryPageGrain>(Archive.PageKey(action.StrategyId, stream, p)).Get()));
        return [.. pages.SelectMany(p => p).Where(e => e.Seq <= lastArchived)
            .Select(e => Storage.KompassJsonGrainStorageSerializer.FromJson<ActionLogEntry>(e.Json))
            .Select(l => new ActionLogEntryView(l.Seq, l.At, l.By, l.What))];
    }

    public Task<FollowUpView> FollowUp(string strategyId) => grains.GetGrain<IFollowUpGrain>(strategyId).Get();

    public Task<AgendaView> Agenda(string strategyId, DateOnly from, DateOnly to)
    {
        CheckWindow(from, to);
        return grains.GetGrain<IStrategyGrain>(strategyId).Agenda(from, to);
    }

    /// <summary>Due, overdue and årshjul occurrences across the kommune's strategies that are not abandoned.</summary>
    public async Task<AgendaView> KommuneAgenda(string kommuneId, DateOnly from, DateOnly to)
    {
        CheckWindow(from, to);
        var id = KommuneId.Parse(kommuneId, "kommuneId").ToString();
        var entries = await grains.GetGrain<IKommuneGrain>(id).Strategies();
        var agendas = await Task.WhenAll(entries.Where(e => e.Status != Contracts.Strategies.StrategyStatus.Abandoned)
            .Select(e => grains.GetGrain<IStrategyGrain>(e.Id).Agenda(from, to)));
        var today = KommuneCalendar.Today(id, DateTimeOffset.UtcNow);
        return new AgendaView(from, to, agendas.FirstOrDefault()?.Today ?? today,
            [.. agendas.SelectMany(a => a.Due).OrderBy(a => a.DueDate).ThenBy(a => a.StrategyId, StringComparer.Ordinal)],
            [.. agendas.SelectMany(a => a.Overdue).OrderBy(a => a.DueDate).ThenBy(a => a.StrategyId, StringComparer.Ordinal)],
            [.. agendas.SelectMany(a => a.Occurrences).OrderBy(o => o.Date).ThenBy(o => o.StrategyId, StringComparer.Ordinal)]);
    }

    // The grain applies the same rule; checked here too so a kommune without strategies answers the same.
    private static void CheckWindow(DateOnly from, DateOnly to)
    {
        if (to < from)
            throw DomainException.Validation("to", $"The window ends {to:yyyy-MM-dd}, before it starts ({from:yyyy-MM-dd}).");
        if (to.DayNumber - from.DayNumber + 1 > StrategyAgenda.MaxWindowDays)
            throw DomainException.Validation("to", $"A follow-up window is at most {StrategyAgenda.MaxWindowDays} days.");
    }

    /// <summary>
    /// Checks what can be checked before an id is reserved (the evaluation exists, is published, is the
    /// kommune's own; the period), so a strategy id is handed out only for a strategy that will be created.
    /// </summary>
    public Task<StrategyView> CreateStrategy(CreateStrategy command, Caller caller)
    {
        CreateStrategyValidator.Instance.EnsureValid(command);
        return KompassApi.As(caller, async () =>
        {
            var evaluation = await grains.GetGrain<IEvaluationGrain>(command.EvaluationId).Get()
                ?? throw DomainException.NotFound($"No evaluation {command.EvaluationId}.", "evaluationId");
            if (evaluation.KommuneId != command.KommuneId)
                throw DomainException.Validation("evaluationId",
                    $"Evaluation {evaluation.Id} is an evaluation of {evaluation.KommuneId}; a strategy of {command.KommuneId} builds on its own kommune's evaluation.");
            if (evaluation.Status != EvaluationStatus.Published)
                throw DomainException.Conflict($"Evaluation {evaluation.Id} is a draft: a strategy builds on a published evaluation.", "evaluationId");
            Domain.Strategies.Strategy.CheckPeriod(command.PeriodStart, command.PeriodEnd, evaluation.EvaluatedOn);
            var id = await grains.GetGrain<IKommuneGrain>(command.KommuneId).ReserveStrategyId(command.PeriodStart.Year);
            return await grains.GetGrain<IStrategyGrain>(id).Create(command);
        });
    }

    public Task<StrategyView> AdoptStrategy(AdoptStrategy c, Caller caller) => Run(AdoptStrategyValidator.Instance, c, c.StrategyId, caller, g => g.Adopt(c));
    public Task<StrategyView> CompleteStrategy(CompleteStrategy c, Caller caller) => Run(CompleteStrategyValidator.Instance, c, c.StrategyId, caller, g => g.Complete(c));
    public Task<StrategyView> ShareStrategy(ShareStrategy c, Caller caller) => Run(ShareStrategyValidator.Instance, c, c.StrategyId, caller, g => g.Share(c));
    public Task<StrategyView> AbandonStrategy(AbandonStrategy c, Caller caller) => Run(AbandonStrategyValidator.Instance, c, c.StrategyId, caller, g => g.Abandon(c));
    public Task<StrategyView> ChooseFocusArea(ChooseFocusArea c, Caller caller) => Run(ChooseFocusAreaValidator.Instance, c, c.StrategyId, caller, g => g.ChooseFocusArea(c));
    public Task<StrategyView> RemoveFocusArea(RemoveFocusArea c, Caller caller) => Run(RemoveFocusAreaValidator.Instance, c, c.StrategyId, caller, g => g.RemoveFocusArea(c));
    public Task<StrategyView> AddGoal(AddGoal c, Caller caller) => Run(AddGoalValidator.Instance, c, c.StrategyId, caller, g => g.AddGoal(c));
    public Task<StrategyView> AddSubGoal(AddSubGoal c, Caller caller) => Run(AddSubGoalValidator.Instance, c, c.StrategyId, caller, g => g.AddSubGoal(c));
    public Task<StrategyView> AddIndicator(AddIndicator c, Caller caller) => Run(AddIndicatorValidator.Instance, c, c.StrategyId, caller, g => g.AddIndicator(c));
    public Task<StrategyView> RecordMeasurement(RecordMeasurement c, Caller caller) => Run(RecordMeasurementValidator.Instance, c, c.StrategyId, caller, g => g.RecordMeasurement(c));
    public Task<StrategyView> AddAction(AddAction c, Caller caller) => Run(AddActionValidator.Instance, c, c.StrategyId, caller, g => g.AddAction(c));
    public Task<StrategyView> UpdateAction(UpdateAction c, Caller caller) => Run(UpdateActionValidator.Instance, c, c.StrategyId, caller, g => g.UpdateAction(c));
    public Task<StrategyView> AddRecurringActivity(AddRecurringActivity c, Caller caller) => Run(AddRecurringActivityValidator.Instance, c, c.StrategyId, caller, g => g.AddRecurringActivity(c));
    public Task<StrategyView> RecordOccurrence(RecordOccurrence c, Caller caller) => Run(RecordOccurrenceValidator.Instance, c, c.StrategyId, caller, g => g.RecordOccurrence(c));

    /// <summary>The settings live with the follow-up; a strategy that does not exist has none to change.</summary>
    public Task<FollowUpView> ChangeFollowUpSettings(ChangeFollowUpSettings command, Caller caller)
    {
        ChangeFollowUpSettingsValidator.Instance.EnsureValid(command);
        return KompassApi.As(caller, async () =>
        {
            var strategy = await grains.GetGrain<IStrategyGrain>(command.StrategyId).Get()
                ?? throw DomainException.NotFound($"No strategy {command.StrategyId}.", "strategyId");
            if (strategy.Status is Contracts.Strategies.StrategyStatus.Completed or Contracts.Strategies.StrategyStatus.Abandoned)
                throw DomainException.Conflict($"Strategy {strategy.Id} is {strategy.Status.ToString().ToUpperInvariant()}: it can no longer be changed.", "strategyId");
            return await grains.GetGrain<IFollowUpGrain>(command.StrategyId).ChangeSettings(command);
        });
    }

    public Task<KommuneView> RotateCalendarFeedToken(RotateCalendarFeedToken command, Caller caller)
    {
        RotateCalendarFeedTokenValidator.Instance.EnsureValid(command);
        return KompassApi.As(caller, () => grains.GetGrain<IKommuneGrain>(command.KommuneId).RotateCalendarFeedToken(command));
    }

    public Task<NotificationView> AcknowledgeNotification(AcknowledgeNotification command, Caller caller)
    {
        AcknowledgeNotificationValidator.Instance.EnsureValid(command);
        return KompassApi.As(caller, () => grains.GetGrain<IInboxGrain>(command.KommuneId).Acknowledge(command));
    }

    private Task<StrategyView> Run<T>(FluentValidation.IValidator<T> validator, T command, string strategyId, Caller caller,
        Func<IStrategyGrain, Task<StrategyView>> call)
    {
        validator.EnsureValid(command);
        return KompassApi.As(caller, () => call(grains.GetGrain<IStrategyGrain>(strategyId)));
    }
}
