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
        KommuneEvaluations.AddTo(this);
        Field<LatestResultType>("latestResult")
            .Description("Its latest published or imported result by date (free in a kommuner page: the directory holds it).")
            .Resolve(ctx => ctx.Source.LatestResult);
        Strategies.StrategyFields.AddKommuneFields(this);
        Analytics.AnalyticsFields.AddKommuneFields(this);
    }
}

public sealed class LatestResultType : ObjectGraphType<LatestResultView>
{
    public LatestResultType()
    {
        Name = "LatestResult";
        this.AllowFields(FieldRules.ThroughParent);
        Description = "A kommune's latest published or imported result, by the date it was evaluated.";
        Field(r => r.EvaluationId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(r => r.FrameworkVersion);
        Field(r => r.EvaluatedOn, type: typeof(NonNullGraphType<DateOnlyGraphType>));
        Field(r => r.Total, nullable: true).Description("Null when the result has no total (an imported result with only some areas).");
    }
}

/// <summary>
/// The nodes of a kommuner page, made from the country's directory alone (no call to any kommune): name, county,
/// population and latest result are the directory's; a node asked for its evaluations reads its kommune then.
/// </summary>
public static class ListedKommuner
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<KommuneView, object> Listed = new();

    public static KommuneView ToNode(DirectoryEntryView e)
    {
        var id = KommuneId.Parse(e.Id);
        var node = new KommuneView(e.Id, id.Country.ToString(), id.Number, e.Name, e.CountyName, e.Population, e.PopulationYear, [], e.LatestResult);
        Listed.Add(node, Listed);
        return node;
    }

    public static bool IsListed(KommuneView kommune) => Listed.TryGetValue(kommune, out _);
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

/// <summary>A page of kommuner (Relay connection) with its nodes, made from the directory's entries.</summary>
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
