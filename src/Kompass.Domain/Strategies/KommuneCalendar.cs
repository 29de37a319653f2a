using Kompass.Domain.Kommuner;

namespace Kompass.Domain.Strategies;

/// <summary>
/// A kommune's local calendar: due dates, OVERDUE and the follow-up's days are local dates in the
/// kommune's own time zone (Europe/Oslo for NO, Europe/Stockholm for SE), never UTC dates, so an
/// action due on 30 April is not overdue at 01:30 on 30 April in Oslo.
/// </summary>
public static class KommuneCalendar
{
    private static readonly TimeZoneInfo Oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");
    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    public static TimeZoneInfo TimeZoneOf(Country country) => country switch
    {
        Country.NO => Oslo,
        Country.SE => Stockholm,
        _ => throw new ArgumentOutOfRangeException(nameof(country), country, "No time zone for this country."),
    };

    /// <summary>The time zone of the kommune owning a grain key such as <c>NO-5034/strategy/2023-1</c> (or a kommune id).</summary>
    public static TimeZoneInfo TimeZoneOf(string kommuneIdOrKey) => TimeZoneOf(KommuneId.OwnerOf(kommuneIdOrKey).Country);

    /// <summary>The kommune's local date at <paramref name="now"/>.</summary>
    public static DateOnly Today(string kommuneIdOrKey, DateTimeOffset now) => LocalDate(TimeZoneOf(kommuneIdOrKey), now);

    public static DateOnly LocalDate(TimeZoneInfo zone, DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>The instant a local date begins in the kommune (midnight local, whatever the UTC offset that day).</summary>
    public static DateTimeOffset StartOf(string kommuneIdOrKey, DateOnly date) => StartOf(TimeZoneOf(kommuneIdOrKey), date);

    public static DateTimeOffset StartOf(TimeZoneInfo zone, DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
