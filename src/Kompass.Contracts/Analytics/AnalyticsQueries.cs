using FluentValidation;
using Kompass.Domain.Kommuner;

namespace Kompass.Contracts.Analytics;

/// <summary>
/// What an analytics read looks at: one framework version, one country (<c>NO</c>, <c>SE</c>) or both
/// (<see cref="Country"/> null), and the evaluation dates from <see cref="From"/> to <see cref="To"/> (both
/// included, either open). The version and the order of the dates are the domain's to check (Period.Of).
/// </summary>
[GenerateSerializer, Immutable, Alias("kompass.AnalyticsScope")]
public sealed record AnalyticsScope(
    [property: Id(0)] string FrameworkVersion,
    [property: Id(1)] string? Country = null,
    [property: Id(2)] DateOnly? From = null,
    [property: Id(3)] DateOnly? To = null);

/// <summary>A ranking of the kommuner's latest results by the total (<see cref="Area"/> null) or one area, a page of it.</summary>
[GenerateSerializer, Immutable, Alias("kompass.RankingQuery")]
public sealed record RankingQuery(
    [property: Id(0)] AnalyticsScope Scope,
    [property: Id(1)] string? Area = null,
    [property: Id(2)] int First = 50,
    [property: Id(3)] string? After = null);

/// <summary>The largest latest steps, by the total or one area.</summary>
[GenerateSerializer, Immutable, Alias("kompass.ImproversQuery")]
public sealed record ImproversQuery(
    [property: Id(0)] AnalyticsScope Scope,
    [property: Id(1)] string? Area = null,
    [property: Id(2)] int First = 20);

/// <summary>Kommuner of the same population band as <see cref="KommuneId"/>; the version defaults to that of its latest result.</summary>
[GenerateSerializer, Immutable, Alias("kompass.PeersQuery")]
public sealed record PeersQuery(
    [property: Id(0)] string KommuneId,
    [property: Id(1)] string? FrameworkVersion = null,
    [property: Id(2)] bool SameCounty = false);

/// <summary>What a CSV export holds (docs/analytics.md, Export).</summary>
[GenerateSerializer]
public enum AnalyticsExportKind
{
    Benchmark,
    Histogram,
    Ranking,
}

/// <summary>A country as the contracts carry it: the name of a <see cref="Country"/> (NO, SE), never a number.</summary>
public static class Countries
{
    public static bool IsKnown(string? country) => country is not null && Enum.GetNames<Country>().Contains(country);
}

public sealed class AnalyticsScopeValidator : AbstractValidator<AnalyticsScope>
{
    public static readonly AnalyticsScopeValidator Instance = new();

    public AnalyticsScopeValidator()
    {
        RuleFor(s => s.FrameworkVersion).NotEmpty().MaximumLength(20);
        RuleFor(s => s.Country).Must(c => c is null || Countries.IsKnown(c))
            .WithMessage("'{PropertyValue}' is not a country: NO or SE, or leave it out for both.");
        RuleFor(s => s.From).Must(d => d is null || d.Value.Year is >= 1990 and <= 2100).WithMessage("from must be within 1990-2100.");
        RuleFor(s => s.To).Must(d => d is null || d.Value.Year is >= 1990 and <= 2100).WithMessage("to must be within 1990-2100.");
    }
}

public sealed class RankingQueryValidator : AbstractValidator<RankingQuery>
{
    public static readonly RankingQueryValidator Instance = new();

    public RankingQueryValidator()
    {
        RuleFor(q => q.Area).MaximumLength(20);
        RuleFor(q => q.First).InclusiveBetween(0, Paging.MaxPageSize);
        RuleFor(q => q.After).MaximumLength(200);
    }
}

public sealed class ImproversQueryValidator : AbstractValidator<ImproversQuery>
{
    public static readonly ImproversQueryValidator Instance = new();

    public ImproversQueryValidator()
    {
        RuleFor(q => q.Area).MaximumLength(20);
        RuleFor(q => q.First).InclusiveBetween(1, Paging.MaxPageSize);
    }
}

public sealed class PeersQueryValidator : AbstractValidator<PeersQuery>
{
    public static readonly PeersQueryValidator Instance = new();

    public PeersQueryValidator()
    {
        RuleFor(q => q.KommuneId).MustBeKommuneId();
        RuleFor(q => q.FrameworkVersion).MaximumLength(20);
    }
}
