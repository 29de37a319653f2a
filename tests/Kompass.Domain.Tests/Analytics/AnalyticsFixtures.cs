using Kompass.Domain.Analytics;
using Kompass.Domain.Evaluations;
using Kompass.Domain.Frameworks;
using Kompass.Domain.Kommuner;

namespace Kompass.Domain.Tests.Analytics;

internal static class AnalyticsFixtures
{
    private static readonly Lazy<FrameworkCatalogue> ShippedCatalogue =
        new(() => FrameworkCatalogue.LoadDirectory(FrameworkCatalogue.DefaultDirectory));

    private static readonly Lazy<KommuneReference> ShippedReference =
        new(() => KommuneReference.Load(KommuneReference.DefaultDirectory));

    public static FrameworkCatalogue Catalogue => ShippedCatalogue.Value;

    public static KommuneReference Reference => ShippedReference.Value;

    public static ResultAggregate NewAggregate() => new(new AnalyticsState(), Catalogue);

    /// <summary>A 2020 result of <paramref name="kommune"/> evaluated on the first of January of <paramref name="year"/>.</summary>
    public static PublishedResult R(string kommune, int year, int? total, params (string Code, int Score)[] areas) =>
        R(kommune, new DateOnly(year, 1, 1), total, areas);

    public static PublishedResult R(string kommune, DateOnly on, int? total, params (string Code, int Score)[] areas) =>
        new($"{kommune}/eval/{on.Year}-1", kommune, "2020", on, areas.ToDictionary(a => a.Code, a => a.Score), total);

    public static ResultAggregate With(params PublishedResult[] results)
    {
        var aggregate = NewAggregate();
        foreach (var r in results)
            aggregate.Apply(r, 1);
        return aggregate;
    }
}
