using Kompass.Domain.Frameworks;

namespace Kompass.Domain.Analytics;

/// <summary>
/// The spread of one measure (an area or the total) over a set of results (docs/analytics.md).
/// Every value is null when <see cref="Count"/> is 0.
/// </summary>
/// <param name="Mean">Rounded to 2 decimals, half away from zero (as the benchmark's mean).</param>
/// <param name="Median">The 50 % quartile, so the same method as <paramref name="Q1"/> and <paramref name="Q3"/>.</param>
/// <param name="Q1">Lower quartile by linear interpolation between order statistics (R type 7, Excel QUARTILE.INC).</param>
/// <param name="Q3">Upper quartile, same method.</param>
/// <param name="StandardDeviation">Population standard deviation (divide by n), rounded to 2 decimals.</param>
public sealed record Summary(
    int Count,
    decimal? Mean,
    decimal? Median,
    decimal? Q1,
    decimal? Q3,
    int? Min,
    int? Max,
    decimal? StandardDeviation)
{
    public static readonly Summary Empty = new(0, null, null, null, null, null, null, null);
}

/// <summary>One bar of the histogram of totals: <c>[Lower, Upper)</c>, the last bar also holding <see cref="Upper"/>.</summary>
public sealed record HistogramBin(int Lower, int Upper, bool UpperIncluded, int Count)
{
    public string Label => $"{Lower}-{Upper}";
}

public static class Statistics
{
    /// <summary>Width of a histogram bar in points: 16 fixed bars over 0-800, so histograms compare across countries, periods and versions.</summary>
    public const int HistogramBinWidth = 50;

    /// <summary>Describes the values (any order). An empty set gives <see cref="Summary.Empty"/>.</summary>
    public static Summary Describe(IEnumerable<int> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return DescribeSorted(sorted);
    }

    /// <summary>Describes values already sorted ascending (the aggregate keeps them so).</summary>
    public static Summary DescribeSorted(IReadOnlyList<int> sorted)
    {
        var n = sorted.Count;
        if (n == 0)
            return Summary.Empty;
        long sum = 0, sumOfSquares = 0;
        foreach (var x in sorted)
        {
            sum += x;
            sumOfSquares += (long)x * x;
        }
        // n²·variance = n·Σx² − (Σx)², exact in integers: no drift from subtracting a rounded mean.
        var scaledVariance = n * sumOfSquares - sum * sum;
        var sd = Math.Sqrt(scaledVariance) / n;
        return new Summary(
            n,
            Round2((decimal)sum / n),
            Quantile(sorted, 2),
            Quantile(sorted, 1),
            Quantile(sorted, 3),
            sorted[0],
            sorted[n - 1],
            Round2((decimal)sd));
    }

    /// <summary>
    /// The q-th quartile (q = 1, 2, 3) of sorted values by R type 7: h = (n − 1)·q/4, then linear
    /// interpolation between the values at ⌊h⌋ and ⌊h⌋ + 1. h is a multiple of 1/4, so the result is exact.
    /// </summary>
    public static decimal Quantile(IReadOnlyList<int> sorted, int quartile)
    {
        if (sorted.Count == 0)
            throw new ArgumentException("No values.", nameof(sorted));
        if (quartile is < 0 or > 4)
            throw new ArgumentOutOfRangeException(nameof(quartile));
        var quarters = (sorted.Count - 1) * quartile; // h·4
        var lower = quarters / 4;
        var fraction = quarters % 4;
        // One division by 4 at the end keeps the decimal as short as the value (475, not 475.0).
        return fraction == 0
            ? sorted[lower]
            : (4m * sorted[lower] + fraction * (sorted[lower + 1] - sorted[lower])) / 4m;
    }

    /// <summary>Totals counted in 16 bars of 50 points over 0-800 (the last bar is 750-800 inclusive); every bar is listed, empty ones too.</summary>
    public static IReadOnlyList<HistogramBin> Histogram(IEnumerable<int> totals)
    {
        var max = (int)FrameworkValidator.TotalMaxPoints;
        var bins = max / HistogramBinWidth;
        var counts = new int[bins];
        foreach (var total in totals)
        {
            if (total < 0 || total > max)
                throw new ArgumentOutOfRangeException(nameof(totals), total, $"A total is 0-{max}.");
            counts[Math.Min(total / HistogramBinWidth, bins - 1)]++;
        }
        return [.. counts.Select((count, i) => new HistogramBin(i * HistogramBinWidth, (i + 1) * HistogramBinWidth, i == bins - 1, count))];
    }

    internal static decimal Round2(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
