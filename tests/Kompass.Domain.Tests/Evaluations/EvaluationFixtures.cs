using Kompass.Domain.Evaluations;
using Kompass.Domain.Frameworks;
using Kompass.Domain.Scoring;

namespace Kompass.Domain.Tests.Evaluations;

internal static class EvaluationFixtures
{
    public const string Id = "NO-5027/eval/2023-1";
    public static readonly DateOnly EvaluatedOn = new(2023, 1, 16);
    public static readonly DateTimeOffset OpenedAt = new(2023, 1, 10, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset PublishedAt = new(2023, 3, 2, 12, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset AmendedAt = new(2023, 4, 1, 8, 30, 0, TimeSpan.Zero);

    public static Evaluation Open(FrameworkDefinition? framework = null) =>
        Evaluation.Open(new EvaluationState(), Id, framework ?? TestFrameworks.V2020, EvaluatedOn, ["Kari Nordmann", "Ola Hansen"], OpenedAt);

    /// <summary>A 2020 evaluation with every point rated 4/4/4 except 1.1 at 2/3/1 (area 1 = 90, total 790), published.</summary>
    public static Evaluation Published()
    {
        var evaluation = Open();
        var ratings = TestFrameworks.BatchOfAll(TestFrameworks.V2020, new Rating(4, 4, 4), "1.1");
        ratings.Add(new PointRating("1.1", new Rating(2, 3, 1)));
        evaluation.Rate(ratings, null);
        evaluation.Publish(PublishedAt, null);
        return evaluation;
    }

    public static Dictionary<string, int> Areas(params (string Code, int Score)[] scores) =>
        scores.ToDictionary(s => s.Code, s => s.Score);

    /// <summary>The Midtre Gauldal-like 2020 result: eight areas adding up to 474.</summary>
    public static Dictionary<string, int> EightAreas() =>
        Areas(("1", 61), ("2", 55), ("3", 70), ("4", 48), ("5", 66), ("6", 52), ("7", 59), ("8", 63));

    public static Evaluation Imported(IReadOnlyDictionary<string, int> areaScores, int? total, FrameworkDefinition? framework = null) =>
        Evaluation.Import(new EvaluationState(), Id, framework ?? TestFrameworks.V2020, EvaluatedOn, areaScores, total,
            "KS-rapport 2015", OpenedAt);

    /// <summary>What a rejected command must leave as it was.</summary>
    public static string Snapshot(EvaluationState s) => System.Text.Json.JsonSerializer.Serialize(s);
}
