using GraphQL;
using GraphQL.Types;
using Kompass.Gateway.Tenancy;
using Kompass.Gateway.Types.Tenancy;
using Kompass.Domain.Kommuner;

namespace Kompass.Gateway.Types;

public sealed class KompassQuery : ObjectGraphType
{
    public KompassQuery()
    {
        Name = "Query";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FrameworkType>>>>("frameworks")
            .Description("Every framework version the service knows.")
            .Allow(FieldRules.SignedIn)
            .Resolve(ctx => Api(ctx).Catalogue.All);
        Field<FrameworkType>("framework")
            .Allow(FieldRules.SignedIn)
            .Argument<NonNullGraphType<StringGraphType>>("version")
            .Resolve(ctx => Api(ctx).Catalogue.TryGet(ctx.GetArgument<string>("version"), out var f) ? f : null);
        Field<NonNullGraphType<KommuneConnectionType>>("kommuner")
            .Description("Registered kommuner of a country, in number order: one read of the directory, whatever the page size (name, county, population and latest result are free; a node's evaluations read its kommune).")
            .Allow(FieldRules.SignedIn)
            .Argument<NonNullGraphType<CountryType>>("country")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 50)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async ctx =>
            {
                // One call, to the directory, whatever the page size (nodes' evaluations excepted: see ListedKommuner).
                var page = await Api(ctx).Kommuner(ctx.GetArgument<Country>("country"), ctx.GetArgument<int>("first"), ctx.GetArgument<string?>("after"));
                return new KommuneConnection(page, [.. page.Items.Select(ListedKommuner.ToNode)]);
            });
        Field<KommuneType>("kommune")
            .Allow(FieldRules.SignedIn)
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx => await Api(ctx).Kommune(ctx.GetArgument<string>("id")));
        Field<EvaluationType>("evaluation")
            .Description("An evaluation: published ones are everyone's; a draft is its kommune's, its evaluators' and the platform's.")
            .Allow(FieldRules.ReadEvaluation)
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx => await Api(ctx).Evaluation(ctx.GetArgument<string>("id")));
        Field<NonNullGraphType<AuditLogPageType>>("auditLog")
            .Description("A kommune's audit log, newest first (its leaders and platform admins); kommuneId \"platform\" is the platform's own.")
            .Allow(FieldRules.ReadAudit)
            .Argument<NonNullGraphType<IdGraphType>>("kommuneId")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 20)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async ctx => await Api(ctx).AuditLog(ctx.GetArgument<string>("kommuneId"), ctx.GetArgument<int>("first"), ctx.GetArgument<string?>("after")));
        Strategies.StrategyFields.AddQueries(this);
        Analytics.AnalyticsFields.AddQueries(this);
    }

    internal static KompassApi Api(IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<KompassApi>();
}
