using Kompass.Domain.Strategies;

namespace Kompass.Domain.Tests.Strategies;

public sealed class KommuneStrategiesTests
{
    private static StrategyEntry Entry(string id, StrategyStatus status, int version = 1) =>
        new(id, "Strategi", status, new DateOnly(2023, 1, 1), new DateOnly(2025, 12, 31), version);

    private const string First = "NO-5034/strategy/2023-1";
    private const string Second = "NO-5034/strategy/2023-2";

    [Fact]
    public void Ids_are_handed_out_per_year()
    {
        var k = new KommuneStrategies(new KommuneStrategiesState());

        Assert.Equal([First, Second, "NO-5034/strategy/2026-1"],
            new[] { k.ReserveId("NO-5034", 2023), k.ReserveId("NO-5034", 2023), k.ReserveId("NO-5034", 2026) });
    }

    [Fact]
    public void Ids_are_limited_per_kommune()
    {
        var k = new KommuneStrategies(new KommuneStrategiesState());
        for (var n = 0; n < StrategyLimits.MaxStrategiesPerKommune; n++)
            k.ReserveId("NO-5034", 2000 + n % 30);

        var e = Assert.Throws<DomainException>(() => k.ReserveId("NO-5034", 2040));
        Assert.Equal("strategies", e.Field);
    }

    [Fact]
    public void A_second_adopted_strategy_is_a_conflict_naming_the_first()
    {
        var k = new KommuneStrategies(new KommuneStrategiesState());
        k.Track(Entry(First, StrategyStatus.Adopted, 3));
        k.Track(Entry(Second, StrategyStatus.Draft, 2));

        var e = Assert.Throws<DomainException>(() => k.ClaimAdoption(Entry(Second, StrategyStatus.Draft, 2)));

        Assert.Equal((ErrorKind.Conflict, "strategyId"), (e.Code, e.Field));
        Assert.Equal([First], e.Details);
        Assert.Equal(StrategyStatus.Draft, k.State.Strategies[1].Status);
    }

    [Fact]
    public void Claiming_is_idempotent_for_the_same_strategy_and_the_check_passes_for_it()
    {
        var k = new KommuneStrategies(new KommuneStrategiesState());
        k.ClaimAdoption(Entry(First, StrategyStatus.Draft, 4));
        k.ClaimAdoption(Entry(First, StrategyStatus.Draft, 4));

        k.EnsureCanAdopt(First);
        Assert.Equal(First, k.AdoptedStrategyId);
        Assert.Single(k.State.Strategies);
    }

    [Fact]
    public void Completing_or_abandoning_frees_the_place()
    {
        var k = new KommuneStrategies(new KommuneStrategiesState());
        k.ClaimAdoption(Entry(First, StrategyStatus.Draft, 4));
        k.Track(Entry(First, StrategyStatus.Adopted, 5));
        k.Track(Entry(First, StrategyStatus.Completed, 9));

        k.ClaimAdoption(Entry(Second, StrategyStatus.Draft, 2));

        Assert.Equal(Second, k.AdoptedStrategyId);
    }

    [Fact]
    public void A_claim_whose_adoption_was_not_stored_is_released_by_the_strategys_actual_entry()
    {
        var k = new KommuneStrategies(new KommuneStrategiesState());
        k.ClaimAdoption(Entry(First, StrategyStatus.Draft, 4));

        Assert.True(k.Track(Entry(First, StrategyStatus.Draft, 4)));

        Assert.Null(k.AdoptedStrategyId);
    }

    [Fact]
    public void A_late_delivery_of_an_older_entry_changes_nothing()
    {
        var k = new KommuneStrategies(new KommuneStrategiesState());
        k.Track(Entry(First, StrategyStatus.Adopted, 5));

        Assert.False(k.Track(Entry(First, StrategyStatus.Draft, 4)));
        Assert.Equal(StrategyStatus.Adopted, k.State.Strategies[0].Status);
    }
}
