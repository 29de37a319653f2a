using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Kompass.Contracts.Kommuner;
using Kompass.Contracts.Strategies;

namespace Kompass.Gateway.Types.Strategies;

/// <summary>
/// A kommune's calendar feed (RFC 5545): every open action's deadline and every årshjul occurrence of its
/// strategies that are not abandoned, as all-day events. UIDs are the domain's stable ids
/// (<c>&lt;strategyId&gt;/&lt;actionId&gt;</c>, <c>&lt;strategyId&gt;/&lt;occurrenceId&gt;</c>), so a calendar
/// client updates an event whose date moves instead of adding a second one.
/// </summary>
public static class CalendarFeed
{
    public const string ContentType = "text/calendar; charset=utf-8";

    /// <summary>The feed's URL path with its secret token (calendar clients cannot send a bearer token).</summary>
    public static string PathOf(KommuneView kommune, Gateway.Tenancy.AuthSettings auth) =>
        $"/kommuner/{kommune.Id}/calendar.ics?token={auth.FeedTokenOf(kommune.Id, kommune.FeedTokenGeneration)}";

    public static string Render(KommuneView kommune, IReadOnlyList<StrategyView> strategies, DateTimeOffset now)
    {
        var swedish = kommune.Country == "SE";
        var calendar = new Calendar { ProductId = "-//Kompass Cloud//Utviklingsstrategi//NB", Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", $"{kommune.Name}: {(swedish ? "utvecklingsstrategi" : "utviklingsstrategi")}");
        var stamp = new CalDateTime(now.UtcDateTime);
        foreach (var strategy in strategies.Where(s => s.Status != StrategyStatus.Abandoned))
        {
            var actions = strategy.FocusAreas.SelectMany(f => f.Goals).SelectMany(g => g.SubGoals).SelectMany(s => s.Actions);
            foreach (var action in actions.Where(a => a.Status is not (ActionStatus.Done or ActionStatus.Cancelled)))
                calendar.Events.Add(AllDay($"{strategy.Id}/{action.Id}", action.DueDate, stamp,
                    $"{(swedish ? "Slutdatum" : "Frist")}: {action.Title}",
                    $"{strategy.Title}\n{(swedish ? "Ansvarig" : "Ansvarlig")}: {action.Owner}\n{action.PercentComplete} %"));
            foreach (var activity in strategy.Activities)
                foreach (var occurrence in activity.Occurrences)
                    calendar.Events.Add(AllDay($"{strategy.Id}/{occurrence.Id}", occurrence.Date, stamp, activity.Title,
                        $"{strategy.Title}\n{(swedish ? "Årshjul" : "Årshjul")}: {activity.Owner}"));
        }
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    private static CalendarEvent AllDay(string uid, DateOnly date, CalDateTime stamp, string summary, string description) => new()
    {
        Uid = uid + "@kompass.cloud",
        DtStamp = stamp,
        DtStart = new CalDateTime(date),
        DtEnd = new CalDateTime(date.AddDays(1)),
        Summary = summary,
        Description = description,
        Transparency = "TRANSPARENT",
    };
}
