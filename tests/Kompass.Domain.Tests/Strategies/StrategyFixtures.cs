using System.Text.Json;
using System.Text.Json.Serialization;
using Kompass.Domain.Strategies;

namespace Kompass.Domain.Tests.Strategies;

internal static class StrategyFixtures
{
    public const string KommuneId = "NO-5034";
    public const string Id = "NO-5034/strategy/2023-1";
    public const string EvaluationId = "NO-5034/eval/2022-1";
    public const string By = "kari.nordmann";
    public static readonly DateOnly EvaluatedOn = new(2022, 10, 15);
    public static readonly DateOnly PeriodStart = new(2023, 1, 1);
    public static readonly DateOnly PeriodEnd = new(2025, 12, 31);

    /// <summary>Noon in Oslo on the given day.</summary>
    public static DateTimeOffset Oslo(int year, int month, int day, int hour = 12) =>
        KommuneCalendar.StartOf(KommuneId, new DateOnly(year, month, day)).AddHours(hour);

    public static readonly DateTimeOffset Now = Oslo(2023, 1, 10);

    /// <summary>The storage's JSON settings (web defaults, enums by name), so a round trip is what the grain would store.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static StrategyBasis Basis(bool published = true, string kommuneId = KommuneId, string evaluationId = EvaluationId) =>
        new(evaluationId, kommuneId, TestFrameworks.V2020, published, EvaluatedOn,
            new Dictionary<string, int> { ["3"] = 52, ["6"] = 48, ["8"] = 55 },
            new Dictionary<string, IReadOnlyList<string>>
            {
                ["3"] = ["Samspill politikk og administrasjon", "Revidering av delegasjonsreglement"],
                ["6"] = ["Compilo i alle ledd"],
            });

    public static Strategy Draft(StrategyState? state = null) =>
        Strategy.Create(state ?? new StrategyState(), Id, Basis(), "Utviklingsstrategi 2023-2025", "Tre fokusområder.",
            PeriodStart, PeriodEnd, By, Now);

    /// <summary>A draft with focus area 3, a goal g1 and a sub-goal s2.</summary>
    public static Strategy Planned()
    {
        var s = Draft();
        s.ChooseFocusArea("3", null);
        var goal = s.AddGoal("3", "Bedre samspill", null, null);
        s.AddSubGoal(goal.Id, "Revidert delegasjonsreglement", null, null);
        return s;
    }

    public const string SubGoalId = "s2";

    public static ActionInput ActionIn(DateOnly? start = null, DateOnly? due = null, string title = "Revidere delegasjonsreglementet") =>
        new(title, "Etter ny politisk struktur", "Kommunedirektør", "Stab", start ?? new DateOnly(2023, 2, 1), due ?? new DateOnly(2023, 6, 30));

    public static Adoption Adoption(DateOnly? date = null) =>
        new("Kommunestyret", date ?? new DateOnly(2023, 1, 5), "K-sak 33/23", "Utviklingsstrategien vedtas.");

    /// <summary>Planned, with one action a3, adopted on 5 January 2023.</summary>
    public static Strategy Adopted()
    {
        var s = Planned();
        s.AddAction(SubGoalId, ActionIn(), By, Now, null);
        s.Adopt(Adoption(), Now, null);
        return s;
    }

    public static string Snapshot(StrategyState state) => JsonSerializer.Serialize(state, Json);

    /// <summary>The command is rejected with this code and field, and leaves the state exactly as it was.</summary>
    public static DomainException Rejected(Strategy strategy, Action command, ErrorKind code, string? field)
    {
        var before = Snapshot(strategy.State);
        var e = Assert.Throws<DomainException>(command);
        Assert.Equal(code, e.Code);
        Assert.Equal(field, e.Field);
        Assert.Equal(before, Snapshot(strategy.State));
        return e;
    }
}
