using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using Kompass.Contracts.Analytics;
using Kompass.Contracts.Evaluations;
using Kompass.Contracts.Kommuner;
using Kompass.Domain.Kommuner;
using Kompass.Domain.Tenancy;
using Kompass.Gateway.Tenancy;

namespace Kompass.Gateway.Types.Analytics;

/// <summary>The analytics fields of Query, Mutation, Evaluation and Kommune, kept here beside their types.</summary>
internal static class AnalyticsFields
{
    public static readonly FieldRule ImportPublishedMeans = FieldRule.Sync("platform-admin",
        "import published reference means", r => Access.MayImportResults(r.Principal));

    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<BenchmarkType>>("benchmark")
            .Description("A framework version's results: the running mean of one country, and the statistics of each kommune's latest result " +
                "within from-to (both days included; default all time) in one country or, with country left out, both together.")
            .Allow(FieldRules.SignedIn)
            .Argument<CountryType>("country", a => a.Description = "NO or SE; leave it out for both countries together.")
            .Argument<NonNullGraphType<StringGraphType>>("frameworkVersion")
            .Argument<DateOnlyGraphType>("from")
            .Argument<DateOnlyGraphType>("to")
            .Resolve(ctx =>
            {
                var api = KompassQuery.Api(ctx);
                var country = ctx.GetArgument<Country?>("country");
                var scope = api.Analytics.Scope(ctx.GetArgument<string>("frameworkVersion"), country, ctx.GetArgument<DateOnly?>("from"), ctx.GetArgument<DateOnly?>("to"));
                return new BenchmarkRequest(api, scope.FrameworkVersion, country, scope);
            });
        ScopeArguments(query.Field<NonNullGraphType<RankingConnectionType>>("ranking")
                .Description("Each kommune's latest result of the version within the period, best first by the total or one area; ties share a rank.")
                .Allow(FieldRules.SignedIn))
            .Argument<IntGraphType>("first", a => a.DefaultValue = 50)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async ctx =>
            {
                var (api, scope, area) = ScopeOf(ctx);
                return await api.Analytics.Ranking(scope, area, ctx.GetArgument<int>("first"), ctx.GetArgument<string?>("after"));
            });
        ScopeArguments(query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ImprovementType>>>>("improvers")
                .Description("The largest gains between each kommune's two latest results giving the measure (within the period), largest first; one row per kommune.")
                .Allow(FieldRules.SignedIn))
            .Argument<IntGraphType>("first", a => a.DefaultValue = 20)
            .ResolveAsync(async ctx =>
            {
                var (api, scope, area) = ScopeOf(ctx);
                return await api.Analytics.Improvers(scope, area, ctx.GetArgument<int>("first"));
            });
        query.Field<NonNullGraphType<PeersType>>("peers")
            .Description("Kommuner of the same population band as the kommune, in its country, with their latest result of the version " +
                "(by default the version of the kommune's latest result); band null, with the reason, when its population is unknown.")
            .Allow(FieldRules.SignedIn)
            .Argument<NonNullGraphType<IdGraphType>>("kommuneId")
            .Argument<StringGraphType>("frameworkVersion")
            .Argument<BooleanGraphType>("sameCounty", a => a.DefaultValue = false)
            .ResolveAsync(async ctx => await KompassQuery.Api(ctx).Analytics.Peers(ctx.GetArgument<string>("kommuneId"),
                ctx.GetArgument<string?>("frameworkVersion"), ctx.GetArgument<bool>("sameCounty")));
        query.Field<NonNullGraphType<MeanComparisonType>>("meansBeside")
            .Description("The mean of the results held here (each kommune's latest, all time) beside the national mean KS or SKR published " +
                "for the year (default: the latest year published), per area and for the total, each labelled.")
            .Allow(FieldRules.SignedIn)
            .Argument<NonNullGraphType<StringGraphType>>("frameworkVersion")
            .Argument<NonNullGraphType<CountryType>>("country")
            .Argument<IntGraphType>("year")
            .ResolveAsync(async ctx => await KompassQuery.Api(ctx).Analytics.MeansBeside(ctx.GetArgument<string>("frameworkVersion"),
                ctx.GetArgument<Country>("country"), ctx.GetArgument<int?>("year")));
    }

    public static void AddMutations(KompassMutation m) =>
        m.Command<ImportPublishedMean, ImportPublishedMeanInputType, PublishedMeanType, PublishedMeanView>("importPublishedMean", ImportPublishedMeans,
            (api, c, caller) => api.Analytics.ImportPublishedMean(c, caller),
            "Record a national mean KS or SKR published (one per country, version and year: a new one replaces); shown beside the held mean, never mixed in.");

    public static void AddEvaluationFields(ObjectGraphType<EvaluationView> evaluation)
    {
        evaluation.Field<IntGraphType>("rank")
            .Description("Its place by total among the latest results (all time) of its version and country, standing in for its kommune; ties share a rank. Null for a draft.")
            .ResolveAsync(async ctx => (await RankOf(ctx))?.Rank);
        evaluation.Field<DecimalGraphType>("percentile")
            .Description("Better than this share of the other ranked kommuner, in per cent (100 best, 0 worst); null for a draft or when it is the only one.")
            .ResolveAsync(async ctx => (await RankOf(ctx))?.Percentile);
        evaluation.Field<NonNullGraphType<StringGraphType>>("radarChartUrl")
            .Description("An SVG chart of its areas against the mean of its version and country (and the published mean, if any), relative to the service's address; GET it with a bearer token.")
            .Resolve(ctx => ChartEndpoints.RadarUrl(ctx.Source.Id));
    }

    public static void AddKommuneFields(ObjectGraphType<KommuneView> kommune)
    {
        kommune.Field<NonNullGraphType<TrendType>>("trend")
            .Description("All its published and imported results over time, oldest first, in one version's areas (default: its latest result's), " +
                "with the change from each to the next; across versions through the declared area mapping, with a caveat.")
            .Allow(FieldRules.SignedIn)
            .Argument<StringGraphType>("frameworkVersion")
            .ResolveAsync(async ctx => await KompassQuery.Api(ctx).Analytics.Trend(ctx.Source.Id, ctx.GetArgument<string?>("frameworkVersion")));
        kommune.Field<NonNullGraphType<StringGraphType>>("areasChartUrl")
            .Description("An SVG chart of its areas across its results (the trend), relative to the service's address; GET it with a bearer token.")
            .Allow(FieldRules.SignedIn)
            .Argument<StringGraphType>("frameworkVersion")
            .Resolve(ctx => ChartEndpoints.AreasUrl(ctx.Source.Id, ctx.GetArgument<string?>("frameworkVersion")));
    }

    private static FieldBuilder<object?, object> ScopeArguments(FieldBuilder<object?, object> field) => field
        .Argument<NonNullGraphType<StringGraphType>>("frameworkVersion")
        .Argument<CountryType>("country", a => a.Description = "NO or SE; leave it out for both countries together.")
        .Argument<StringGraphType>("area", a => a.Description = "An area code of the version; leave it out for the total.")
        .Argument<DateOnlyGraphType>("from")
        .Argument<DateOnlyGraphType>("to");

    private static (KompassApi Api, AnalyticsScope Scope, string? Area) ScopeOf(IResolveFieldContext ctx)
    {
        var api = KompassQuery.Api(ctx);
        var area = ctx.GetArgument<string?>("area");
        return (api, api.Analytics.Scope(ctx.GetArgument<string>("frameworkVersion"), ctx.GetArgument<Country?>("country"),
            ctx.GetArgument<DateOnly?>("from"), ctx.GetArgument<DateOnly?>("to"), area), area);
    }

    /// <summary>One analytics read per evaluation and request, shared by rank and percentile; none for a draft.</summary>
    private static Task<RankView?> RankOf(IResolveFieldContext<EvaluationView> ctx)
    {
        if (ctx.Source.Status != EvaluationStatus.Published)
            return Task.FromResult<RankView?>(null);
        var api = KompassQuery.Api(ctx);
        if (ctx.UserContext is not GatewayUserContext memo)
            return api.Analytics.RankOf(ctx.Source.Id);
        var key = "analytics.rank:" + ctx.Source.Id;
        lock (memo)
        {
            if (memo.TryGetValue(key, out var known) && known is Task<RankView?> task)
                return task;
            var read = api.Analytics.RankOf(ctx.Source.Id);
            memo[key] = read;
            return read;
        }
    }
}
