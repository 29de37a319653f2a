using System.Globalization;
using Kompass.Domain.Frameworks;
using Kompass.Domain.Kommuner;

namespace Kompass.Domain.Analytics;

/// <summary>
/// A national mean as KS (Norway) or SKR (Sweden) published it for a year and framework version. The service
/// does not hold every kommune's result, so this is shown beside the mean of the results it holds, never mixed in.
/// </summary>
public sealed record PublishedMean(
    int Year,
    string FrameworkVersion,
    Country Country,
    IReadOnlyDictionary<string, decimal> AreaMeans,
    decimal? TotalMean,
    string Source)
{
    public string Key => $"{Country}/{FrameworkVersion}/{Year.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Who publishes the means of the country's kommuner.</summary>
    public string Publisher => Country == Country.NO ? "KS" : "SKR";
}

public enum MeanKind
{
    /// <summary>The mean of the latest results held here.</summary>
    Held,

    /// <summary>The mean KS or SKR published.</summary>
    Published,
}

/// <summary>A mean with what it is: a label in the country's language (nb or sv), how many results it is over, its year and source.</summary>
public sealed record LabelledMean(MeanKind Kind, string Label, decimal? Value, int? Count, int? Year, string? Source);

public sealed record AreaMeanComparison(string Code, LabelledMean Held, LabelledMean? Published);

/// <summary>The held mean and the published one side by side, per area and for the total; <c>Published*</c> are null when none is recorded.</summary>
public sealed record MeanComparison(
    string FrameworkVersion,
    Country Country,
    LabelledMean HeldTotal,
    LabelledMean? PublishedTotal,
    IReadOnlyList<AreaMeanComparison> Areas);

public static class PublishedMeans
{
    public const int FirstYear = 1990;
    public const int LastYear = 2100;
    public const int MaxSourceLength = 1000;

    /// <summary>
    /// Checks a published mean: a known version; a year; a source; at least one mean; each area of the version
    /// and within 0 to its maximum; a total within 0-800 that can be the sum of the area means, allowing for
    /// each published figure having been rounded to the decimals it is given with.
    /// </summary>
    public static void Validate(PublishedMean mean, FrameworkCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(mean);
        var framework = catalogue.Get(mean.FrameworkVersion);
        if (mean.Year is < FirstYear or > LastYear)
            throw DomainException.Validation("year", $"Year {mean.Year} is outside {FirstYear}-{LastYear}.");
        if (!Enum.IsDefined(mean.Country))
            throw DomainException.Validation("country", $"Unknown country '{mean.Country}'.");
        if (string.IsNullOrWhiteSpace(mean.Source))
            throw DomainException.Validation("source", "Say where the mean was published (report, page, date).");
        if (mean.Source.Length > MaxSourceLength)
            throw DomainException.Validation("source", $"The source is at most {MaxSourceLength} characters.");
        if (mean.AreaMeans.Count == 0 && mean.TotalMean is null)
            throw DomainException.Validation("areaMeans", "A published mean needs area means, a total mean, or both.");

        decimal sum = 0, slack = 0;
        foreach (var (code, value) in mean.AreaMeans)
        {
            var area = framework.FindArea(code)
                ?? throw DomainException.Validation($"areaMeans.{code}", $"Area '{code}' is not in framework {framework.Version}.");
            if (value < 0 || value > area.MaxPoints)
                throw DomainException.Validation($"areaMeans.{code}", $"Mean {value} of area {code} is outside 0-{area.MaxPoints:0}.");
            sum += value;
            slack += HalfUnit(value);
        }
        if (mean.TotalMean is not { } total)
            return;
        if (total < 0 || total > framework.MaxTotal)
            throw DomainException.Validation("totalMean", $"Total mean {total} is outside 0-{framework.MaxTotal:0}.");
        slack += HalfUnit(total);
        var unknownMax = framework.Areas.Where(a => !mean.AreaMeans.ContainsKey(a.Code)).Sum(a => a.MaxPoints);
        if (total < sum - slack || total > sum + unknownMax + slack)
            throw DomainException.Validation("totalMean", unknownMax == 0
                ? $"Total mean {total} disagrees with the area means, which add up to {sum} (allowing {slack} for rounding)."
                : $"Total mean {total} cannot hold the area means given (their sum is {sum}, the other areas add at most {unknownMax:0}).");
    }

    /// <summary>
    /// The held benchmark's means beside the published mean of <paramref name="year"/> (or the latest year
    /// published for the version and country when none is asked).
    /// </summary>
    public static MeanComparison Compare(BenchmarkStatistics held, IEnumerable<PublishedMean> published, int? year)
    {
        var country = held.Country ?? throw new ArgumentException("Published means are per country.", nameof(held));
        var chosen = published
            .Where(p => p.Country == country && p.FrameworkVersion == held.FrameworkVersion && (year is null || p.Year == year))
            .MaxBy(p => p.Year);
        var heldLabel = country == Country.NO
            ? $"Snitt av siste resultat per kommune i Kompass ({held.Kommuner} kommuner)"
            : $"Medelvärde av senaste resultat per kommun i Kompass ({held.Kommuner} kommuner)";
        var publishedLabel = chosen is null
            ? null
            : country == Country.NO
                ? $"Landssnitt publisert av {chosen.Publisher} ({chosen.Year})"
                : $"Riksgenomsnitt publicerat av {chosen.Publisher} ({chosen.Year})";

        LabelledMean Held(Summary s) => new(MeanKind.Held, heldLabel, s.Mean, s.Count, null, null);
        LabelledMean? Published(decimal? value) =>
            chosen is null ? null : new(MeanKind.Published, publishedLabel!, value, null, chosen.Year, chosen.Source);

        return new MeanComparison(held.FrameworkVersion, country, Held(held.Total), Published(chosen?.TotalMean),
            [.. held.Areas.Select(a => new AreaMeanComparison(a.Code, Held(a.Summary),
                Published(chosen is not null && chosen.AreaMeans.TryGetValue(a.Code, out var m) ? m : null)))]);
    }

    // A figure given with d decimals was rounded by at most half of 10^-d.
    private static decimal HalfUnit(decimal value) => 0.5m / (decimal)Math.Pow(10, value.Scale);
}
