using Kompass.Contracts.Kommuner;

namespace Kompass.Contracts.Benchmarks;

[GenerateSerializer, Immutable, Alias("kompass.MeanView")]
public sealed record MeanView([property: Id(0)] decimal Value, [property: Id(1)] int Count);

[GenerateSerializer, Immutable, Alias("kompass.BenchmarkView")]
public sealed record BenchmarkView(
    [property: Id(0)] int Evaluations,
    [property: Id(1)] MeanView? Total,
    [property: Id(2)] IReadOnlyDictionary<string, MeanView> Areas);

/// <summary>
/// The running mean of every published evaluation of one framework version in one country,
/// keyed <c>NO/2020</c>. Updated by each publication (no fan-out at query time).
/// </summary>
public interface IBenchmarkGrain : IGrainWithStringKey
{
    Task Apply(ResultMessage result);

    Task<BenchmarkView> Get();

    /// <summary>Takes an evaluation's result out, when its kommune is offboarded. Idempotent.</summary>
    Task Remove(string evaluationId);

    public static string KeyOf(string country, string frameworkVersion) => $"{country}/{frameworkVersion}";
}
