using Kompass.Domain.Evaluations;
using Kompass.Domain.Frameworks;
using Kompass.Domain.Scoring;

namespace Kompass.Domain.Tests;

/// <summary>The shipped framework versions, and tiny ones built in code where a small framework makes a rule clearer.</summary>
internal static class TestFrameworks
{
    private static readonly Lazy<FrameworkCatalogue> Shipped =
        new(() => FrameworkCatalogue.LoadDirectory(FrameworkCatalogue.DefaultDirectory));

    public static FrameworkDefinition V2020 => Shipped.Value.Get("2020");

    public static FrameworkDefinition V2010 => Shipped.Value.Get("2010");

    public static LocalizedName Name(string text) => new(text, text);

    /// <summary>A framework on the 0-4 scale with the given areas.</summary>
    public static FrameworkDefinition Tiny(params FocusArea[] areas) =>
        new("tiny", Name("Tiny"), new RatingScale(0, 4), [], areas);

    /// <summary>A focus area that is itself the one scoring point (as in version 2010).</summary>
    public static FocusArea FlatArea(string code, decimal maxPoints = 100) => new(code, null, Name(code), maxPoints, []);

    /// <summary>A focus area whose sub-areas (codes area.1, area.2, ...) are the scoring points.</summary>
    public static FocusArea AreaWithSubAreas(string code, params decimal[] subAreaPoints) =>
        new(code, null, Name(code), subAreaPoints.Sum(),
            [.. subAreaPoints.Select((p, i) => new SubArea($"{code}.{i + 1}", Name($"{code}.{i + 1}"), p, []))]);

    /// <summary>Every scoring point of <paramref name="framework"/> rated the same.</summary>
    public static Dictionary<string, Rating> RateAll(FrameworkDefinition framework, Rating rating) =>
        framework.ScoringPoints.ToDictionary(p => p.Code, _ => rating);

    /// <summary>Every scoring point of <paramref name="framework"/> rated the same, as an evaluator's batch.</summary>
    public static List<PointRating> BatchOfAll(FrameworkDefinition framework, Rating rating, params string[] except) =>
        [.. framework.ScoringPoints.Where(p => !except.Contains(p.Code)).Select(p => new PointRating(p.Code, rating))];

    /// <summary>Every scoring point of the areas listed rated 0/0/0 except the ones given.</summary>
    public static Dictionary<string, Rating> ZerosExcept(FrameworkDefinition framework, IReadOnlyDictionary<string, Rating> given)
    {
        var all = RateAll(framework, new Rating(0, 0, 0));
        foreach (var (code, rating) in given)
            all[code] = rating;
        return all;
    }
}
