using Kompass.Domain.Strategies;
using static Kompass.Domain.Tests.Strategies.StrategyFixtures;

namespace Kompass.Domain.Tests.Strategies;

/// <summary>The rejections not already covered beside their rule.</summary>
public sealed class MoreRejectionTests
{
    [Fact]
    public void An_unknown_indicator_kind_is_rejected()
    {
        var s = Planned();
        Rejected(s, () => s.AddIndicator(SubGoalId, new IndicatorInput((IndicatorKind)7, "X"), null), ErrorKind.Validation, "kind");
    }

    [Fact]
    public void A_new_start_date_outside_the_period_is_rejected()
    {
        var s = Planned();
        var a = s.AddAction(SubGoalId, ActionIn(), By, Now, null);
        Rejected(s, () => s.UpdateAction(a.Id, new ActionUpdate { StartDate = new DateOnly(2022, 12, 31) }, By, Now, null), ErrorKind.Validation, "startDate");
    }

    [Fact]
    public void A_kommune_tracks_at_most_its_limit_of_strategies()
    {
        var k = new KommuneStrategies(new KommuneStrategiesState());
        for (var n = 1; n <= StrategyLimits.MaxStrategiesPerKommune; n++)
            k.Track(new StrategyEntry(StrategyIds.Format("NO-5034", 2023, n), "S", StrategyStatus.Abandoned, PeriodStart, PeriodEnd, 2));

        var extra = new StrategyEntry(StrategyIds.Format("NO-5034", 2024, 1), "S", StrategyStatus.Draft, PeriodStart, PeriodEnd, 1);
        Assert.Equal("strategies", Assert.Throws<DomainException>(() => k.Track(extra)).Field);
        Assert.Equal("strategies", Assert.Throws<DomainException>(() => k.ClaimAdoption(extra)).Field);
        Assert.True(k.Track(k.State.Strategies[0] with { Version = 3 })); // a known one still updates
        Assert.Null(k.AdoptedStrategyId);
    }

    [Fact]
    public void The_reports_store_has_a_guard_limit()
    {
        var store = new StrategyReports(new StrategyReportsState());
        var snapshot = StrategySnapshot.Take(Adopted(), PeriodStart, new DateOnly(2023, 4, 30));
        for (var n = 0; n < StrategyReports.MaxReports; n++)
            store.Add(new StrategyReport($"k{n}", Id, KommuneId, ReportKind.Tertial, $"T{n}", PeriodStart.AddDays(n), snapshot));

        var e = Assert.Throws<DomainException>(() => store.Add(new StrategyReport("one more", Id, KommuneId, ReportKind.Tertial, "X", PeriodEnd, snapshot)));
        Assert.Equal("reports", e.Field);
        Assert.Equal(StrategyReports.MaxReports, store.State.Reports.Count);
    }

    [Fact]
    public void An_inbox_for_a_malformed_kommune_id_is_rejected()
    {
        var inbox = new NotificationInbox(new InboxState());
        var e = Assert.Throws<DomainException>(() => inbox.Deliver("Meråker", [], Now));
        Assert.Equal((ErrorKind.Validation, "kommuneId"), (e.Code, e.Field));
        Assert.Equal("", inbox.State.KommuneId);
    }

    [Fact]
    public void Measurements_and_occurrences_of_a_draft_are_recorded_too()
    {
        var s = Planned();
        var i = s.AddIndicator(SubGoalId, new IndicatorInput(IndicatorKind.Measure, "Sykefravær", "%", 7.5m, 6m, new DateOnly(2025, 12, 31)), null);
        var r = s.AddRecurringActivity(new ActivityInput("Møte", "Leder", new Recurrence(RecurrenceKind.Monthly)), null);

        s.RecordMeasurement(i.Id, new DateOnly(2023, 1, 5), 7.4m, null, By, Now, null);
        s.RecordOccurrence($"{r.Id}/2023-01-01", true, null, null, By, Now, null);

        Assert.Equal(StrategyStatus.Draft, s.State.Status);
        Assert.Single(i.Measurements);
        Assert.Single(r.Records);
    }
}
