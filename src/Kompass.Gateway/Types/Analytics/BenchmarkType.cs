using GraphQL;
using GraphQL.Types;
using Kompass.Contracts;
using Kompass.Contracts.Analytics;
using Kompass.Contracts.Benchmarks;
using Kompass.Domain;
using Kompass.Domain.Kommuner;
using Kompass.Gateway.Tenancy;

namespace Kompass.Gateway.Types.Analytics;

/// <summary>
/// A <c>benchmark</c> asked for: the running mean of one country (today's fields, from the country's benchmark
/// grain) and the statistics of the analytics (each kommune once, latest result in the period, one country or
/// both). Each source is read once per request, and only when one of its fields is asked.
/// </summary>
public sealed class BenchmarkRequest(KompassApi api, string frameworkVersion, Country? country, AnalyticsScope scope)
{
    private Task<BenchmarkView>? _running;
    private Task<BenchmarkStatisticsView>? _statistics;
    private readonly Lock _lock = new();

    public string FrameworkVersion => frameworkVersion;
    public Country? Country => country;
    public AnalyticsScope Scope => scope;

    /// <summary>The running mean of one country; for both countries a VALIDATION_ERROR on <c>country</c> (the running means are per country).</summary>
    public Task<BenchmarkView> Running()
    {
        if (country is not { } one)
            throw DomainException.Validation("country",
                "evaluations, meanTotal and areas are the running mean of one country: give country (NO or SE), or read kommuner, total and areaStatistics, which take both.");
        lock (_lock)
            return _running ??= api.Benchmark(one, frameworkVersion);
    }

    public Task<BenchmarkStatisticsView> Statistics()
    {
        lock (_lock)
            return _statistics ??= api.Analytics.Benchmark(scope);
    }
}

public sealed class BenchmarkType : ObjectGraphType<BenchmarkRequest>
{
    public BenchmarkType()
    {
        Name = "Benchmark";
        this.AllowFields(FieldRules.ThroughParent);
        Description = "A framework version's results in one country or both. evaluations, meanTotal and areas: the running mean of every " +
            "published evaluation of one country, all time (a kommune evaluated twice counts twice). The statistics (kommuner, total, " +
            "areaStatistics, histogram): each kommune once, with its latest published or imported result within from-to.";
        Field<NonNullGraphType<StringGraphType>>("frameworkVersion").Resolve(ctx => ctx.Source.FrameworkVersion);
        Field<CountryType>("country").Description("Null: both countries together.").Resolve(ctx => ctx.Source.Country);
        Field<DateOnlyGraphType>("from").Resolve(ctx => ctx.Source.Scope.From);
        Field<DateOnlyGraphType>("to").Resolve(ctx => ctx.Source.Scope.To);

        Field<NonNullGraphType<IntGraphType>>("evaluations").Description("Published evaluations counted in the running mean (one country, all time).")
            .ResolveAsync(async ctx => (await ctx.Source.Running()).Evaluations);
        Field<MeanType>("meanTotal").Description("The running mean of the totals (one country, all time).")
            .ResolveAsync(async ctx => (await ctx.Source.Running()).Total);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AreaMeanType>>>>("areas").Description("The running mean per area (one country, all time).")
            .ResolveAsync(async ctx => (await ctx.Source.Running()).Areas.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => new AreaMean(a.Key, a.Value)).ToList());

        Field<NonNullGraphType<IntGraphType>>("kommuner").Description("Kommuner with a result in the period: the set the statistics describe.")
            .ResolveAsync(async ctx => (await ctx.Source.Statistics()).Kommuner);
        Field<NonNullGraphType<IntGraphType>>("results").Description("All results in the period, earlier ones of a kommune included (for context).")
            .ResolveAsync(async ctx => (await ctx.Source.Statistics()).Results);
        Field<NonNullGraphType<StatisticsType>>("total").Description("Statistics of the kommuner's latest totals.")
            .ResolveAsync(async ctx => (await ctx.Source.Statistics()).Total);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AreaStatisticsType>>>>("areaStatistics").Description("Statistics per area of the version.")
            .ResolveAsync(async ctx => (await ctx.Source.Statistics()).Areas);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<HistogramBinType>>>>("histogram").Description("The latest totals in 16 fixed bars of 50 points.")
            .ResolveAsync(async ctx => (await ctx.Source.Statistics()).Histogram);
        Field<NonNullGraphType<StringGraphType>>("histogramChartUrl").Description("The histogram as an SVG chart (relative URL; GET it with a bearer token).")
            .Resolve(ctx => ChartEndpoints.ScopedUrl("histogram", ctx.Source.FrameworkVersion, ctx.Source.Country?.ToString(), ctx.Source.Scope.From, ctx.Source.Scope.To));
        Field<NonNullGraphType<StringGraphType>>("rankingChartUrl").Description("Every kommune ranked by total (or one area), one highlighted, as an SVG chart (relative URL).")
            .Argument<IdGraphType>("highlight", a => a.Description = "A kommune id to highlight.")
            .Argument<StringGraphType>("area")
            .Resolve(ctx => ChartEndpoints.ScopedUrl("ranking", ctx.Source.FrameworkVersion, ctx.Source.Country?.ToString(), ctx.Source.Scope.From, ctx.Source.Scope.To,
                ctx.GetArgument<string?>("area"), ctx.GetArgument<string?>("highlight")));
    }
}
