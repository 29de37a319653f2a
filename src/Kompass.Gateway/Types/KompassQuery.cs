using GraphQL;
using GraphQL.Types;
using Kompass.Domain.Kommuner;

namespace Kompass.Gateway.Types;

public sealed class KompassQuery : ObjectGraphType
{
    public KompassQuery()
    {
        Name = "Query";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FrameworkType>>>>("frameworks")
            .Description("Every framework version the service knows.")
            .Resolve(ctx => Api(ctx).Catalogue.All);
        Field<FrameworkType>("framework")
            .Argument<NonNullGraphType<StringGraphType>>("version")
            .Resolve(ctx => Api(ctx).Catalogue.TryGet(ctx.GetArgument<string>("version"), out var f) ? f : null);
        Field<NonNullGraphType<KommuneConnectionType>>("kommuner")
            .Description("Registered kommuner of a country, in number order.")
            .Argument<NonNullGraphType<CountryType>>("country")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 50)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async ctx =>
            {
                var api = Api(ctx);
                var page = await api.Kommuner(ctx.GetArgument<Country>("country"), ctx.GetArgument<int>("first"), ctx.GetArgument<string?>("after"));
                var nodes = await Task.WhenAll(page.Items.Select(async e =>
                    await api.Kommune(e.Id) ?? new Contracts.Kommuner.KommuneView(e.Id, e.Id[..2], e.Id[3..], e.Name, null, null, null, [])));
                return new KommuneConnection(page, nodes);
            });
        Field<KommuneType>("kommune")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx => await Api(ctx).Kommune(ctx.GetArgument<string>("id")));
        Field<EvaluationType>("evaluation")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx => await Api(ctx).Evaluation(ctx.GetArgument<string>("id")));
        Field<NonNullGraphType<BenchmarkType>>("benchmark")
            .Description("The mean of all published evaluations of a framework version in a country.")
            .Argument<NonNullGraphType<CountryType>>("country")
            .Argument<NonNullGraphType<StringGraphType>>("frameworkVersion")
            .ResolveAsync(async ctx => await Api(ctx).Benchmark(ctx.GetArgument<Country>("country"), ctx.GetArgument<string>("frameworkVersion")));
        Strategies.StrategyFields.AddQueries(this);
    }

    internal static KompassApi Api(IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<KompassApi>();
}
