using GraphQL;
using GraphQL.Types;
using Kompass.Gateway.Tenancy;
using Kompass.Contracts.Kommuner;
using Kompass.Domain.Kommuner;
using Kompass.Domain.Tenancy;

namespace Kompass.Gateway.Types;

public sealed class CountryType : EnumerationGraphType<Country>
{
    public CountryType()
    {
        Name = "Country";
        Description = "NO: Norway (Kommunekompasset, KS). SE: Sweden (Kommunkompassen, SKR).";
    }
}

public sealed class KommuneType : ObjectGraphType<KommuneView>
{
    public KommuneType()
    {
        Name = "Kommune";
        this.AllowFields(FieldRules.SignedIn);
        Description = "A municipality, identified by country and official number (NO-5027, SE-0115).";
        Field(k => k.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(k => k.Name);
        Field<NonNullGraphType<CountryType>>("country").Resolve(ctx => Enum.Parse<Country>(ctx.Source.Country));
        Field(k => k.Number).Description("The official 4-digit kommunenummer / kommunkod.");
        Field(k => k.CountyName, nullable: true);
        Field(k => k.Population, nullable: true);
        Field(k => k.PopulationYear, nullable: true);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EvaluationType>>>>("evaluations")
            .Description("Its evaluations, oldest first: the published ones, and drafts for those who may read them.")
            .ResolveAsync(async ctx =>
            {
                var api = ctx.RequestServices!.GetRequiredService<KompassApi>();
                var caller = (ctx.UserContext as GatewayUserContext)?.Principal;
                // Drafts of another kommune are not listed (not refused one by one): assignees are known to the
                // evaluation only, so an evaluator sees the drafts its token names.
                var visible = ctx.Source.Evaluations.Where(e => e.Result is not null
                    || (caller is not null && Access.MayReadEvaluation(caller, e.Id, published: false, assignees: [])));
                var views = await Task.WhenAll(visible.Select(e => api.Evaluation(e.Id)));
                return views.Where(v => v is not null).ToList();
            });
        Strategies.StrategyFields.AddKommuneFields(this);
        Analytics.AnalyticsFields.AddKommuneFields(this);
    }
}

public sealed class PageInfoType : ObjectGraphType<DirectoryPage>
{
    public PageInfoType()
    {
        Name = "PageInfo";
        this.AllowFields(FieldRules.ThroughParent);
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Resolve(ctx => ctx.Source.HasNextPage);
        Field<NonNullGraphType<BooleanGraphType>>("hasPreviousPage").Resolve(ctx => ctx.Source.HasPreviousPage);
        Field<StringGraphType>("startCursor").Resolve(ctx => ctx.Source.Cursors.FirstOrDefault());
        Field<StringGraphType>("endCursor").Resolve(ctx => ctx.Source.Cursors.LastOrDefault());
    }
}

/// <summary>A kommune with the cursor that points at it.</summary>
public sealed record KommuneEdge(string Cursor, KommuneView Node);

public sealed class KommuneEdgeType : ObjectGraphType<KommuneEdge>
{
    public KommuneEdgeType()
    {
        Name = "KommuneEdge";
        this.AllowFields(FieldRules.ThroughParent);
        Field(e => e.Cursor);
        Field(e => e.Node, type: typeof(NonNullGraphType<KommuneType>));
    }
}

/// <summary>A page of kommuner (Relay connection) with the kommune views fetched for it.</summary>
public sealed record KommuneConnection(DirectoryPage Page, IReadOnlyList<KommuneView> Nodes);

public sealed class KommuneConnectionType : ObjectGraphType<KommuneConnection>
{
    public KommuneConnectionType()
    {
        Name = "KommuneConnection";
        this.AllowFields(FieldRules.ThroughParent);
        Field<NonNullGraphType<IntGraphType>>("totalCount").Resolve(ctx => ctx.Source.Page.TotalCount);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(ctx => ctx.Source.Page);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<KommuneEdgeType>>>>("edges")
            .Resolve(ctx => ctx.Source.Nodes.Select((n, i) => new KommuneEdge(ctx.Source.Page.Cursors[i], n)).ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<KommuneType>>>>("nodes").Resolve(ctx => ctx.Source.Nodes);
    }
}
