using Kompass.Domain.Evaluations;
using Kompass.Domain.Frameworks;

namespace Kompass.Domain.Analytics;

/// <summary>
/// The dates [From, To] (both included) an analytics read looks at, by the date a result was evaluated;
/// a bound left out is open. <see cref="AllTime"/> is the default and the answer the aggregate caches.
/// </summary>
public sealed record Period
{
    public static readonly Period AllTime = new(null, null);

    private Period(DateOnly? from, DateOnly? to)
    {
        From = from;
        To = to;
    }

    public DateOnly? From { get; }
    public DateOnly? To { get; }

    public bool IsAllTime => From is null && To is null;

    /// <summary>A period as a caller gives it; <c>from</c> after <c>to</c> is a validation error on <c>from</c>.</summary>
    public static Period Of(DateOnly? from, DateOnly? to) =>
        from is { } f && to is { } t && f > t
            ? throw DomainException.Validation("from", $"from ({f:yyyy-MM-dd}) is after to ({t:yyyy-MM-dd}).")
            : from is null && to is null ? AllTime : new Period(from, to);

    public bool Contains(DateOnly date) => (From is null || date >= From) && (To is null || date <= To);
}

/// <summary>What a ranking, an improvement or a statistic is taken over: the total, or one focus area.</summary>
public readonly record struct Measure(string? AreaCode)
{
    public static readonly Measure Total = new(null);

    public static Measure Area(string code) => new(code);

    public bool IsTotal => AreaCode is null;

    public int? ValueOf(PublishedResult result) =>
        AreaCode is null ? result.Total : result.AreaScores.TryGetValue(AreaCode, out var score) ? score : null;

    /// <summary>The measure a caller names (an area code or none); an area not in the version is a validation error on <paramref name="field"/>.</summary>
    public static Measure Of(string? areaCode, FrameworkDefinition framework, string field = "area") =>
        areaCode is null
            ? Total
            : framework.FindArea(areaCode) is not null
                ? Area(areaCode)
                : throw DomainException.Validation(field,
                    $"Area '{areaCode}' is not in framework {framework.Version}; its areas are {string.Join(", ", framework.Areas.Select(a => a.Code))}.");

    public override string ToString() => AreaCode is null ? "total" : $"area {AreaCode}";
}
