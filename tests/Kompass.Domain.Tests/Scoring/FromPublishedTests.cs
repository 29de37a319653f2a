using Kompass.Domain.Scoring;
using static Kompass.Domain.Tests.TestFrameworks;

namespace Kompass.Domain.Tests.Scoring;

/// <summary>A card for a result known only as area scores and/or a total.</summary>
public sealed class FromPublishedTests
{
    private static readonly Dictionary<string, int> AllAreas = new()
    {
        ["1"] = 61, ["2"] = 55, ["3"] = 70, ["4"] = 48, ["5"] = 66, ["6"] = 52, ["7"] = 59, ["8"] = 63,
    };

    [Fact]
    public void All_areas_without_a_total_give_their_sum_as_total()
    {
        var card = ScoringRules.FromPublished(V2020, AllAreas, null);

        Assert.Equal(474, card.Total);
        Assert.Equal(AllAreas.Values, card.Areas.Select(a => a.Score!.Value));
        Assert.Equal(AllAreas.Values.Select(v => (decimal?)v), card.Areas.Select(a => a.ExactScore));
        Assert.Empty(card.MissingScoringPoints);
        Assert.True(card.IsComplete);
    }

    [Fact]
    public void A_given_total_is_kept()
    {
        var card = ScoringRules.FromPublished(V2020, new Dictionary<string, int>(), 512);

        Assert.Equal(512, card.Total);
        Assert.All(card.Areas, a => Assert.Null(a.Score));
        Assert.Empty(card.KnownAreaScores);
    }

    [Fact]
    public void Some_areas_without_a_total_leave_the_total_unknown()
    {
        var card = ScoringRules.FromPublished(V2020, new Dictionary<string, int> { ["1"] = 61, ["5"] = 66 }, null);

        Assert.Null(card.Total);
        Assert.False(card.IsComplete);
        Assert.Equal(new Dictionary<string, int> { ["1"] = 61, ["5"] = 66 }, card.KnownAreaScores);
        Assert.All(card.Areas, a => Assert.Equal(0, a.ScoringPoints));
    }
}
