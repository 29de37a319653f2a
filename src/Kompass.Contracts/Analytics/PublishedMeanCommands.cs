using FluentValidation;
using Kompass.Domain.Analytics;
using Kompass.Domain.Kommuner;

namespace Kompass.Contracts.Analytics;

[GenerateSerializer, Immutable, Alias("kompass.AreaMeanInput")]
public sealed record AreaMeanInput([property: Id(0)] string Code, [property: Id(1)] decimal Mean);

/// <summary>
/// A national mean as KS (NO) or SKR (SE) published it for a year and framework version, with its source;
/// one is kept per country, version and year (a new one replaces). Platform admins.
/// </summary>
[GenerateSerializer, Immutable, Alias("kompass.ImportPublishedMean")]
public sealed record ImportPublishedMean(
    [property: Id(0)] int Year,
    [property: Id(1)] string FrameworkVersion,
    [property: Id(2)] string Country,
    [property: Id(3)] IReadOnlyList<AreaMeanInput> AreaMeans,
    [property: Id(4)] decimal? TotalMean,
    [property: Id(5)] string Source)
{
    /// <summary>The mean as the domain checks and keeps it (the source trimmed).</summary>
    public PublishedMean ToMean() => new(Year, FrameworkVersion, Enum.Parse<Country>(Country),
        AreaMeans.ToDictionary(a => a.Code, a => a.Mean), TotalMean, Source.Trim());
}

/// <summary>The command's shape; the domain (PublishedMeans.Validate) checks the means against the version.</summary>
public sealed class ImportPublishedMeanValidator : AbstractValidator<ImportPublishedMean>
{
    public static readonly ImportPublishedMeanValidator Instance = new();

    public ImportPublishedMeanValidator()
    {
        RuleFor(c => c.Year).InclusiveBetween(PublishedMeans.FirstYear, PublishedMeans.LastYear);
        RuleFor(c => c.FrameworkVersion).NotEmpty().MaximumLength(20);
        RuleFor(c => c.Country).Must(Countries.IsKnown)
            .WithMessage("'{PropertyValue}' is not a country: NO or SE.");
        RuleFor(c => c.Source).NotEmpty().MaximumLength(PublishedMeans.MaxSourceLength);
        RuleFor(c => c.AreaMeans).Must(a => a.Select(m => m.Code).Distinct().Count() == a.Count).WithMessage("Each area may appear only once.");
        RuleFor(c => c.AreaMeans).Must(a => a.Count <= 50).WithMessage("At most 50 area means.");
        RuleFor(c => c).Must(c => c.AreaMeans.Count > 0 || c.TotalMean is not null)
            .OverridePropertyName("areaMeans").WithMessage("A published mean needs area means, a total mean, or both.");
    }
}
