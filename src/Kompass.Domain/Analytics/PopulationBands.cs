using System.Globalization;

namespace Kompass.Domain.Analytics;

/// <summary>
/// A size class of kommuner by population, <c>[Lower, Upper)</c>; the top band has no upper bound.
/// </summary>
public sealed record PopulationBand(string Code, int Lower, int? Upper)
{
    public string Label => Upper is { } upper
        ? $"{Lower.ToString("N0", Space)}-{(upper - 1).ToString("N0", Space)}"
        : $"{Lower.ToString("N0", Space)}+";

    public bool Contains(int population) => population >= Lower && (Upper is null || population < Upper);

    // "5 000", as Norwegian and Swedish write it, and the same on every machine.
    private static readonly NumberFormatInfo Space = new() { NumberGroupSeparator = " ", NumberDecimalDigits = 0 };
}

/// <summary>
/// The population bands peers are formed in (docs/analytics.md): under 5 000, 5 000-9 999,
/// 10 000-19 999, 20 000-49 999, 50 000-99 999 and 100 000 or more. 5 000 and 20 000 are the size limits
/// Norwegian municipal statistics group kommuner by (small, medium, large); the wide upper group is split
/// at 50 000 and 100 000, and the middle one at 10 000, so that a band holds kommuner that run alike.
/// </summary>
public static class PopulationBands
{
    public static readonly IReadOnlyList<PopulationBand> All =
    [
        new("under-5000", 0, 5_000),
        new("5000-9999", 5_000, 10_000),
        new("10000-19999", 10_000, 20_000),
        new("20000-49999", 20_000, 50_000),
        new("50000-99999", 50_000, 100_000),
        new("100000-plus", 100_000, null),
    ];

    /// <summary>The band of a population; none when it is unknown (or negative, which the reference list never holds).</summary>
    public static PopulationBand? Of(int? population) =>
        population is { } p and >= 0 ? All.First(b => b.Contains(p)) : null;
}
