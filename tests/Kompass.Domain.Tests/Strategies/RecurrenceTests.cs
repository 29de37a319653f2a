using Kompass.Domain.Strategies;
using static Kompass.Domain.Tests.Strategies.StrategyFixtures;

namespace Kompass.Domain.Tests.Strategies;

public sealed class RecurrenceTests
{
    private static readonly TimeZoneInfo Oslo = KommuneCalendar.TimeZoneOf(KommuneId);

    private static IReadOnlyList<DateOnly> Dates(RecurrenceKind kind, string start, string end, string? cron = null) =>
        Recurrences.Dates(new Recurrence(kind, cron), DateOnly.Parse(start), DateOnly.Parse(end), Oslo);

    [Theory]
    [InlineData(RecurrenceKind.Monthly, 12)]
    [InlineData(RecurrenceKind.Quarterly, 4)]
    [InlineData(RecurrenceKind.Tertial, 3)]
    [InlineData(RecurrenceKind.HalfYearly, 2)]
    [InlineData(RecurrenceKind.Yearly, 1)]
    public void Fixed_recurrences_over_a_year(RecurrenceKind kind, int count) =>
        Assert.Equal(count, Dates(kind, "2024-01-15", "2024-12-31").Count);

    [Fact]
    public void Quarterly_steps_three_months_from_the_first_date()
    {
        Assert.Equal([new(2024, 1, 15), new(2024, 4, 15), new(2024, 7, 15), new(2024, 10, 15)],
            Dates(RecurrenceKind.Quarterly, "2024-01-15", "2024-12-31"));
    }

    [Fact]
    public void The_day_of_month_is_clamped_and_never_drifts()
    {
        Assert.Equal([new(2024, 1, 31), new(2024, 2, 29), new(2024, 3, 31), new(2024, 4, 30)],
            Dates(RecurrenceKind.Monthly, "2024-01-31", "2024-04-30"));
    }

    [Fact]
    public void A_cron_gives_one_occurrence_per_local_day()
    {
        var first = Dates(RecurrenceKind.Cron, "2024-01-01", "2024-03-31", "0 9 * * MON#1");
        var hourly = Dates(RecurrenceKind.Cron, "2024-01-01", "2024-01-03", "0 * * * *");

        Assert.Equal([new(2024, 1, 1), new(2024, 2, 5), new(2024, 3, 4)], first);
        Assert.Equal([new(2024, 1, 1), new(2024, 1, 2), new(2024, 1, 3)], hourly);
    }

    [Theory]
    [InlineData(RecurrenceKind.Monthly, null)]
    [InlineData(RecurrenceKind.Tertial, null)]
    [InlineData(RecurrenceKind.Cron, "0 9 * * MON#1")]
    [InlineData(RecurrenceKind.Cron, "0 8 * * MON")]
    public void A_window_gives_the_same_dates_as_filtering_the_whole_period(RecurrenceKind kind, string? cron)
    {
        var recurrence = new Recurrence(kind, cron);
        var all = Recurrences.Dates(recurrence, new DateOnly(2023, 1, 31), new DateOnly(2025, 12, 31), Oslo);
        var from = new DateOnly(2024, 2, 10);

        var window = Recurrences.Dates(recurrence, new DateOnly(2023, 1, 31), new DateOnly(2024, 11, 3), Oslo, from: from);

        Assert.Equal(all.Where(d => d >= from && d <= new DateOnly(2024, 11, 3)), window);
        Assert.NotEmpty(window);
    }

    [Fact]
    public void A_cron_is_read_in_the_kommunes_time_zone()
    {
        // 23:30 local on the last day of each month: in UTC that is still the same day (22:30 or 21:30) - local dates count.
        var dates = Dates(RecurrenceKind.Cron, "2024-06-01", "2024-08-31", "30 23 L * *");

        Assert.Equal([new(2024, 6, 30), new(2024, 7, 31), new(2024, 8, 31)], dates);
    }

    [Theory]
    [InlineData("not a cron")]
    [InlineData("61 * * * *")]
    [InlineData("* * *")]
    [InlineData("")]
    [InlineData(null)]
    public void An_unparseable_cron_is_a_validation_error_on_recurrence(string? cron)
    {
        var e = Assert.Throws<DomainException>(() => Recurrences.Normalise(new Recurrence(RecurrenceKind.Cron, cron)));
        Assert.Equal((ErrorKind.Validation, "recurrence"), (e.Code, e.Field));
    }

    [Fact]
    public void A_cron_on_a_fixed_kind_is_rejected_and_a_cron_is_trimmed()
    {
        var e = Assert.Throws<DomainException>(() => Recurrences.Normalise(new Recurrence(RecurrenceKind.Monthly, "0 9 * * *")));
        Assert.Equal("recurrence", e.Field);
        Assert.Equal("0 9 1 * *", Recurrences.Normalise(new Recurrence(RecurrenceKind.Cron, " 0 9 1 * * ")).Cron);
        Assert.Throws<DomainException>(() => Recurrences.Normalise(new Recurrence((RecurrenceKind)42)));
    }

    [Fact]
    public void Occurrence_ids_are_activity_and_date_and_parse_back()
    {
        var id = Recurrences.OccurrenceId("r7", new DateOnly(2024, 3, 1));

        Assert.Equal("r7/2024-03-01", id);
        Assert.True(Recurrences.TryParseOccurrenceId(id, out var activity, out var date));
        Assert.Equal(("r7", new DateOnly(2024, 3, 1)), (activity, date));
        Assert.False(Recurrences.TryParseOccurrenceId("r7", out _, out _));
        Assert.False(Recurrences.TryParseOccurrenceId("r7/2024-13-01", out _, out _));
        Assert.False(Recurrences.TryParseOccurrenceId(null, out _, out _));
    }

    [Fact]
    public void An_activity_gets_its_occurrences_over_the_period_with_stable_ids()
    {
        var s = Planned();
        var r = s.AddRecurringActivity(new ActivityInput("Koordineringsmøte", "Kommunedirektør", new Recurrence(RecurrenceKind.HalfYearly),
            new DateOnly(2023, 3, 20)), null);

        var ids = s.OccurrencesOf(r).Select(o => o.Id).ToList();

        Assert.Equal(["r3/2023-03-20", "r3/2023-09-20", "r3/2024-03-20", "r3/2024-09-20", "r3/2025-03-20", "r3/2025-09-20"], ids);
        Assert.Equal(ids, s.OccurrencesOf(r).Select(o => o.Id)); // generated again, the same
        Assert.Equal(PeriodStart, s.AddRecurringActivity(new ActivityInput("M", "L", new Recurrence(RecurrenceKind.Yearly)), null).StartsOn);
    }

    [Fact]
    public void Activity_rejections_name_their_field()
    {
        var s = Planned();
        Rejected(s, () => s.AddRecurringActivity(new ActivityInput(" ", "L", new Recurrence(RecurrenceKind.Monthly)), null), ErrorKind.Validation, "title");
        Rejected(s, () => s.AddRecurringActivity(new ActivityInput("M", "", new Recurrence(RecurrenceKind.Monthly)), null), ErrorKind.Validation, "owner");
        Rejected(s, () => s.AddRecurringActivity(new ActivityInput("M", "L", new Recurrence(RecurrenceKind.Cron, "hver mandag")), null),
            ErrorKind.Validation, "recurrence");
        Rejected(s, () => s.AddRecurringActivity(new ActivityInput("M", "L", new Recurrence(RecurrenceKind.Cron, "0 9 * * *")), null),
            ErrorKind.Validation, "recurrence"); // daily: too many
        Rejected(s, () => s.AddRecurringActivity(new ActivityInput("M", "L", new Recurrence(RecurrenceKind.Cron, "0 9 30 2 *")), null),
            ErrorKind.Validation, "recurrence"); // 30 February: never
        Rejected(s, () => s.AddRecurringActivity(new ActivityInput("M", "L", new Recurrence(RecurrenceKind.Monthly), new DateOnly(2026, 1, 1)), null),
            ErrorKind.Validation, "startsOn");
    }

    [Fact]
    public void A_weekly_cron_over_five_years_fits()
    {
        var s = Strategy.Create(new StrategyState(), Id, Basis(), "Fem år", null, PeriodStart, PeriodStart.AddYears(5).AddDays(-1), By, Now);

        var r = s.AddRecurringActivity(new ActivityInput("Ukemøte", "Leder", new Recurrence(RecurrenceKind.Cron, "0 8 * * MON")), null);

        Assert.Equal(261, s.OccurrencesOf(r).Count);
    }

    [Fact]
    public void Fifty_activities_fit_and_the_limit_holds()
    {
        var s = Planned();
        for (var n = 0; n < 50; n++)
            s.AddRecurringActivity(new ActivityInput($"Møte {n}", "Leder", new Recurrence(RecurrenceKind.Monthly)), null);
        while (s.State.Activities.Count < StrategyLimits.MaxActivities)
            s.AddRecurringActivity(new ActivityInput("Møte", "Leder", new Recurrence(RecurrenceKind.Yearly)), null);

        Rejected(s, () => s.AddRecurringActivity(new ActivityInput("Én til", "Leder", new Recurrence(RecurrenceKind.Yearly)), null),
            ErrorKind.Validation, "activities");
        Assert.Equal(50 * 36 + 10 * 3, s.Occurrences().Count);
    }

    [Fact]
    public void An_occurrence_is_recorded_held_or_missed_and_a_new_record_corrects_it()
    {
        var s = Planned();
        var r = s.AddRecurringActivity(new ActivityInput("Enhetsledermøte", "Kommunedirektør", new Recurrence(RecurrenceKind.Quarterly)), null);
        var later = Oslo(2023, 4, 10);

        s.RecordOccurrence("r3/2023-01-01", false, null, "Avlyst", By, later, null);
        s.RecordOccurrence("r3/2023-04-01", true, new DateOnly(2023, 4, 3), "Flyttet", By, later, null);
        s.RecordOccurrence("r3/2023-01-01", true, null, "Holdt likevel", By, later, null);

        Assert.Equal([(new DateOnly(2023, 1, 1), true, (DateOnly?)new DateOnly(2023, 1, 1)), (new DateOnly(2023, 4, 1), true, new DateOnly(2023, 4, 3))],
            r.Records.Select(x => (x.Date, x.Held, x.HeldOn)));
    }

    [Fact]
    public void Occurrence_rejections_name_their_field()
    {
        var s = Planned();
        s.AddRecurringActivity(new ActivityInput("Enhetsledermøte", "Kommunedirektør", new Recurrence(RecurrenceKind.Quarterly)), null);
        var now = Oslo(2023, 4, 10);
        Rejected(s, () => s.RecordOccurrence("r3/2023-01-02", true, null, null, By, now, null), ErrorKind.NotFound, "occurrenceId");
        Rejected(s, () => s.RecordOccurrence("r9/2023-01-01", true, null, null, By, now, null), ErrorKind.NotFound, "occurrenceId");
        Rejected(s, () => s.RecordOccurrence("nonsense", true, null, null, By, now, null), ErrorKind.NotFound, "occurrenceId");
        Rejected(s, () => s.RecordOccurrence("r3/2023-07-01", false, null, null, By, now, null), ErrorKind.Validation, "held");
        Rejected(s, () => s.RecordOccurrence("r3/2023-07-01", true, null, null, By, now, null), ErrorKind.Validation, "heldOn");
        Rejected(s, () => s.RecordOccurrence("r3/2023-01-01", false, new DateOnly(2023, 1, 2), null, By, now, null), ErrorKind.Validation, "heldOn");
        Rejected(s, () => s.RecordOccurrence("r3/2023-01-01", true, new DateOnly(2022, 12, 30), null, By, now, null), ErrorKind.Validation, "heldOn");
        Rejected(s, () => s.RecordOccurrence("r3/2023-01-01", true, null, null, "", now, null), ErrorKind.Unauthenticated, null);
    }

    [Fact]
    public void An_occurrence_may_be_held_early()
    {
        var s = Planned();
        s.AddRecurringActivity(new ActivityInput("Enhetsledermøte", "Kommunedirektør", new Recurrence(RecurrenceKind.Quarterly)), null);

        var record = s.RecordOccurrence("r3/2023-07-01", true, new DateOnly(2023, 6, 28), null, By, Oslo(2023, 6, 29), null);

        Assert.Equal(new DateOnly(2023, 6, 28), record.HeldOn);
    }
}
