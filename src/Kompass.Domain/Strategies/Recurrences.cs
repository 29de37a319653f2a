using Cronos;

namespace Kompass.Domain.Strategies;

/// <summary>An årshjul occurrence: its stable id (<c>r7/2024-03-01</c>: activity and scheduled date) and date.</summary>
public sealed record Occurrence(string Id, string ActivityId, DateOnly Date);

/// <summary>
/// Generates an årshjul activity's occurrences over a period. A fixed recurrence steps whole months
/// from its first date (31 January monthly gives 29 February, 31 March, ...: the day is clamped,
/// never drifts); a cron expression (5 fields, Cronos) is read in the kommune's time zone and gives
/// at most one occurrence per local day. Ids are activity id and date, so they are stable as long as
/// the activity exists.
/// </summary>
public static class Recurrences
{
    public static int MonthsBetween(RecurrenceKind kind) => kind switch
    {
        RecurrenceKind.Monthly => 1,
        RecurrenceKind.Quarterly => 3,
        RecurrenceKind.Tertial => 4,
        RecurrenceKind.HalfYearly => 6,
        RecurrenceKind.Yearly => 12,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a fixed recurrence."),
    };

    public static string OccurrenceId(string activityId, DateOnly date) => $"{activityId}/{date:yyyy-MM-dd}";

    /// <summary>Splits an occurrence id into activity id and date; false for anything else.</summary>
    public static bool TryParseOccurrenceId(string? id, out string activityId, out DateOnly date)
    {
        activityId = "";
        date = default;
        var slash = id?.LastIndexOf('/') ?? -1;
        if (slash <= 0)
            return false;
        activityId = id![..slash];
        return DateOnly.TryParseExact(id[(slash + 1)..], "yyyy-MM-dd", out date);
    }

    /// <summary>Checks a recurrence's shape (a cron that parses, no cron on a fixed kind); VALIDATION_ERROR on <paramref name="field"/>.</summary>
    public static Recurrence Normalise(Recurrence recurrence, string field = "recurrence")
    {
        if (!Enum.IsDefined(recurrence.Kind))
            throw DomainException.Validation(field, $"Unknown recurrence '{recurrence.Kind}'.");
        if (recurrence.Kind != RecurrenceKind.Cron)
            return string.IsNullOrWhiteSpace(recurrence.Cron)
                ? recurrence with { Cron = null }
                : throw DomainException.Validation(field, $"A cron expression is given only with recurrence CRON, not {recurrence.Kind}.");
        ParseCron(recurrence.Cron, field);
        return recurrence with { Cron = recurrence.Cron!.Trim() };
    }

    public static CronExpression ParseCron(string? cron, string field = "recurrence")
    {
        if (string.IsNullOrWhiteSpace(cron))
            throw DomainException.Validation(field, "Recurrence CRON needs a cron expression.");
        if (cron.Length > StrategyLimits.MaxCronLength)
            throw DomainException.Validation(field, $"A cron expression has at most {StrategyLimits.MaxCronLength} characters.");
        try
        {
            return CronExpression.Parse(cron.Trim(), CronFormat.Standard);
        }
        catch (CronFormatException e)
        {
            throw DomainException.Validation(field, $"'{cron}' is not a cron expression (minute hour day-of-month month day-of-week): {e.Message}");
        }
    }

    /// <summary>
    /// The dates from <paramref name="startsOn"/> to <paramref name="end"/> (inclusive), only those on
    /// or after <paramref name="from"/> when it is given (the same dates, found without searching the
    /// ones before). Stops after <paramref name="limit"/> + 1 dates so a caller can tell "too many".
    /// </summary>
    public static IReadOnlyList<DateOnly> Dates(Recurrence recurrence, DateOnly startsOn, DateOnly end, TimeZoneInfo zone,
        int limit = StrategyLimits.MaxOccurrencesPerActivity, DateOnly? from = null)
    {
        var dates = new List<DateOnly>();
        if (recurrence.Kind != RecurrenceKind.Cron)
        {
            var step = MonthsBetween(recurrence.Kind);
            for (var k = 0; dates.Count <= limit; k++)
            {
                var date = startsOn.AddMonths(k * step);
                if (date > end)
                    break;
                if (from is null || date >= from)
                    dates.Add(date);
            }
            return dates;
        }

        var cron = ParseCron(recurrence.Cron);
        var day = from > startsOn ? from.Value : startsOn;
        while (day <= end && dates.Count <= limit)
        {
            // Searching from each day's local midnight, and moving on to the next day after a hit,
            // gives one occurrence per day however often the expression fires within it.
            var midnight = KommuneCalendar.StartOf(zone, day);
            var next = cron.GetNextOccurrence(midnight, zone, inclusive: true);
            if (next is null)
                break;
            var date = KommuneCalendar.LocalDate(zone, next.Value);
            if (date > end)
                break;
            dates.Add(date);
            day = date.AddDays(1);
        }
        return dates;
    }
}
