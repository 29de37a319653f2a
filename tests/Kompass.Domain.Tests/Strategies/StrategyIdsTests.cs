using Kompass.Domain.Strategies;

namespace Kompass.Domain.Tests.Strategies;

public sealed class StrategyIdsTests
{
    [Fact]
    public void Format_puts_the_strategy_under_its_kommune() =>
        Assert.Equal("NO-5034/strategy/2023-1", StrategyIds.Format("NO-5034", 2023, 1));

    [Theory]
    [InlineData("NO-5034/strategy/2023-1")]
    [InlineData("SE-0115/strategy/2024-12")]
    public void Well_formed_ids(string id) => Assert.True(StrategyIds.IsWellFormed(id));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("NO-5034/eval/2023-1")]
    [InlineData("NO-503/strategy/2023-1")]
    [InlineData("XX-5034/strategy/2023-1")]
    [InlineData("NO-5034/strategy/2023")]
    [InlineData("NO-5034/strategy/23-1")]
    [InlineData("NO-5034/strategy/2023-x")]
    [InlineData("NO-5034/strategy/2023-1-2")]
    public void Malformed_ids(string? id) => Assert.False(StrategyIds.IsWellFormed(id));
}
