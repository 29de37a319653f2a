using Kompass.Domain.Scoring;

namespace Kompass.Domain.Tests.Scoring;

/// <summary>A published area score is the exact score rounded to a whole number, half away from zero.</summary>
public sealed class PublishRoundingTests
{
    [Theory]
    [InlineData("12.5", 13)]   // banker's rounding would give 12
    [InlineData("13.5", 14)]
    [InlineData("0.5", 1)]
    [InlineData("99.5", 100)]
    [InlineData("37.5", 38)]
    [InlineData("12.4999", 12)]
    [InlineData("12.5001", 13)]
    [InlineData("8.3333333333333333333333333333", 8)]
    [InlineData("91.6666666666666666666666666667", 92)]
    [InlineData("0", 0)]
    [InlineData("100", 100)]
    public void Rounds_to_whole_number_half_away_from_zero(string exact, int published)
    {
        Assert.Equal(published, ScoringRules.Publish(decimal.Parse(exact, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
