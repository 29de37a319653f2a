using GraphQL;
using GraphQL.Types;
using Kompass.Contracts.Analytics;
using Kompass.Contracts.Kommuner;
using Kompass.Domain.Frameworks;
using Kompass.Gateway.Tenancy;

namespace Kompass.Gateway.Types.Analytics;

// The objects of the analytics answers (docs/analytics.md). Each is handed out only by a field with its own
// rule (benchmark, ranking, trend, ...), so their fields read through the parent.

public sealed class StatisticsType : ObjectGraphType<SummaryView>
{
    public StatisticsType()
    {
        Name = "Statistics";
        this.AllowFields(FieldRules.ThroughParent);
        Description = "The spread of one measure over the kommuner's latest results that give it; every value is null when count is 0.";
        Field(s => s.Count).Description("Kommuner whose latest result gives the value.");
        Field(s => s.Mean, nullable: true).Description("Arithmetic mean, 2 decimals (half away from zero).");
        Field(s => s.Median, nullable: true);
        Field(s => s.Q1, nullable: true).Description("Lower quartile, linear interpolation (R type 7, Excel QUARTILE.INC).");
        Field(s => s.Q3, nullable: true).Description("Upper quartile, same method.");
        Field(s => s.Min, nullable: true);
        Field(s => s.Max, nullable: true);
        Field(s => s.StandardDeviation, nullable: true).Description("Population standard deviation (divide by n, Excel STDEV.P), 2 decimals.");
    }
}

public sealed class AreaStatisticsType : ObjectGraphType<AreaStatisticsView>
{
    public AreaStatisticsType()
    {
        Name = "AreaStatistics";
        this.AllowFields(FieldRules.ThroughParent);
        Field(a => a.Code);
        Field<NonNullGraphType<LocalizedNameType>>("name").Resolve(ctx => new LocalizedName(ctx.Source.NameNb, ctx.Source.NameSv));
        Field<NonNullGraphType<StatisticsType>>("statistics").Resolve(ctx => ctx.Source.Summary);
    }
}

public sealed class HistogramBinType : ObjectGraphType<HistogramBinView>
{
    public HistogramBinType()
    {
        Name = "HistogramBin";
        this.AllowFields(FieldRules.ThroughParent);
        Description = "One bar of the histogram of totals: lower included, upper excluded except for the last bar (750-800).";
        Field(h => h.Lower);
        Field(h => h.Upper);
        Field(h => h.UpperIncluded);
        Field(h => h.Count);
    }
}

public sealed class RankingRowType : ObjectGraphType<RankingRowView>
{
    public RankingRowType()
    {
        Name = "RankingRow";
        this.AllowFields(FieldRules.ThroughParent);
        Description = "A kommune's latest result in a ranking. Ties share a rank (1, 2, 2, 4).";
        Field(r => r.Rank);
        Field(r => r.Percentile, nullable: true).Description("Better than this share of the other ranked kommuner, in per cent; null when it is the only one.");
        Field(r => r.KommuneId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(r => r.Name, nullable: true).Description("The kommune's name in the official reference list.");
        Field(r => r.EvaluationId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(r => r.EvaluatedOn, type: typeof(NonNullGraphType<DateOnlyGraphType>));
        Field(r => r.Value).Description("The total, or the score of the area ranked by.");
    }
}

public sealed class RankingRowEdgeType : ObjectGraphType<RankingRowEdge>
{
    public RankingRowEdgeType()
    {
        Name = "RankingRowEdge";
        this.AllowFields(FieldRules.ThroughParent);
        Field(e => e.Cursor);
        Field(e => e.Node, type: typeof(NonNullGraphType<RankingRowType>));
    }
}

/// <summary>A ranking row with the cursor that points at it.</summary>
public sealed record RankingRowEdge(string Cursor, RankingRowView Node);

public sealed class RankingConnectionType : ObjectGraphType<RankingPage>
{
    public RankingConnectionType()
    {
        Name = "RankingConnection";
        this.AllowFields(FieldRules.ThroughParent);
        Description = "Every kommune's latest result of the version within the period, ranked best first (a Relay connection).";
        Field(r => r.FrameworkVersion);
        Field<CountryType>("country").Description("Null: both countries together.")
            .Resolve(ctx => ctx.Source.Country is { } c ? Enum.Parse<Domain.Kommuner.Country>(c) : null);
        Field(r => r.From, type: typeof(DateOnlyGraphType));
        Field(r => r.To, type: typeof(DateOnlyGraphType));
        Field(r => r.Area, nullable: true).Description("The area ranked by; null: the total.");
        Field(r => r.TotalCount).Description("Kommuner ranked.");
        Field(r => r.WithoutValue).Description("Kommuner whose latest result does not give the measure (not ranked).");
        Field<NonNullGraphType<PageInfoType>>("pageInfo")
            .Resolve(ctx => new DirectoryPage([], ctx.Source.Cursors, ctx.Source.TotalCount, ctx.Source.HasNextPage, ctx.Source.HasPreviousPage));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RankingRowEdgeType>>>>("edges")
            .Resolve(ctx => ctx.Source.Rows.Select((r, i) => new RankingRowEdge(ctx.Source.Cursors[i], r)).ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RankingRowType>>>>("nodes").Resolve(ctx => ctx.Source.Rows);
        Field<NonNullGraphType<StringGraphType>>("chartUrl").Description("The whole ranking as an SVG chart, one kommune highlighted (relative URL; GET it with a bearer token).")
            .Argument<IdGraphType>("highlight")
            .Resolve(ctx => ChartEndpoints.ScopedUrl("ranking", ctx.Source.FrameworkVersion, ctx.Source.Country, ctx.Source.From, ctx.Source.To,
                ctx.Source.Area, ctx.GetArgument<string?>("highlight")));
    }
}

public sealed class ImprovementType : ObjectGraphType<ImprovementView>
{
    public ImprovementType()
    {
        Name = "Improvement";
        this.AllowFields(FieldRules.ThroughParent);
        Description = "A kommune's latest step: from its previous result giving the measure to its latest, within the period.";
        Field(i => i.KommuneId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(i => i.Name, nullable: true);
        Field(i => i.FromEvaluationId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(i => i.FromDate, type: typeof(NonNullGraphType<DateOnlyGraphType>));
        Field(i => i.FromValue);
        Field(i => i.ToEvaluationId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(i => i.ToDate, type: typeof(NonNullGraphType<DateOnlyGraphType>));
        Field(i => i.ToValue);
        Field(i => i.Gain).Description("toValue - fromValue; negative for a decline.");
    }
}

public sealed class PopulationBandType : ObjectGraphType<PeersView>
{
    public PopulationBandType()
    {
        Name = "PopulationBand";
        this.AllowFields(FieldRules.ThroughParent);
        Field<NonNullGraphType<StringGraphType>>("code").Resolve(ctx => ctx.Source.BandCode);
        Field<NonNullGraphType<StringGraphType>>("label").Resolve(ctx => ctx.Source.BandLabel);
    }
}

public sealed class PeerType : ObjectGraphType<PeerRowView>
{
    public PeerType()
    {
        Name = "Peer";
        this.AllowFields(FieldRules.ThroughParent);
        Field(p => p.KommuneId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(p => p.Name);
        Field(p => p.CountyName);
        Field(p => p.Population);
        Field(p => p.EvaluationId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(p => p.EvaluatedOn, type: typeof(NonNullGraphType<DateOnlyGraphType>));
        Field(p => p.Total, nullable: true);
        Field(p => p.IsAsked).Description("The kommune the peers were asked for.");
    }
}

public sealed class PeersType : ObjectGraphType<PeersView>
{
    public PeersType()
    {
        Name = "Peers";
        this.AllowFields(FieldRules.ThroughParent);
        Description = "Kommuner of the same population band (and county, when asked) with their latest result of the version.";
        Field(p => p.KommuneId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(p => p.FrameworkVersion);
        Field<PopulationBandType>("band").Description("Null when the kommune's population is unknown: see noBandReason.")
            .Resolve(ctx => ctx.Source.BandCode is null ? null : ctx.Source);
        Field(p => p.NoBandReason, nullable: true);
        Field(p => p.CountyNumber, nullable: true).Description("Set when the peers are of the kommune's own county only.");
        Field(p => p.KommunerInBand).Description("Kommuner of the band (and county) in the reference list, with a result or not.");
        Field(p => p.Peers, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<PeerType>>>));
        Field<NonNullGraphType<StatisticsType>>("total").Description("The statistics of the peers' totals, the kommune's own included.")
            .Resolve(ctx => ctx.Source.Total);
    }
}

public sealed class TrendAreaType : ObjectGraphType<TrendAreaView>
{
    public TrendAreaType()
    {
        Name = "TrendArea";
        this.AllowFields(FieldRules.ThroughParent);
        Field(a => a.Code).Description("The area in the version the trend is shown in.");
        Field(a => a.ScoredAs, nullable: true).Description("The area the result was scored as in its own version (differs across versions).");
        Field(a => a.Score, nullable: true);
        Field(a => a.Delta, nullable: true).Description("Change from the previous point, where both give the area.");
    }
}

public sealed class TrendPointType : ObjectGraphType<TrendPointView>
{
    public TrendPointType()
    {
        Name = "TrendPoint";
        this.AllowFields(FieldRules.ThroughParent);
        Field(p => p.EvaluationId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(p => p.EvaluatedOn, type: typeof(NonNullGraphType<DateOnlyGraphType>));
        Field(p => p.FrameworkVersion).Description("The version the result was scored under.");
        Field(p => p.Total, nullable: true).Description("Null across versions unless the mapping covers every area.");
        Field(p => p.TotalDelta, nullable: true);
        Field(p => p.Areas, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<TrendAreaType>>>));
        Field(p => p.Caveat, nullable: true).Description("Set when this result's version differs from the trend's or from the previous result's.");
    }
}

public sealed class TrendType : ObjectGraphType<TrendView>
{
    public TrendType()
    {
        Name = "Trend";
        this.AllowFields(FieldRules.ThroughParent);
        Description = "All of a kommune's published and imported results, oldest first, in one version's areas, with the change from each to the next.";
        Field(t => t.KommuneId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(t => t.FrameworkVersion, nullable: true).Description("The version whose areas the trend is shown in; null when there are no results.");
        Field(t => t.Points, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<TrendPointType>>>));
        Field(t => t.Caveat, nullable: true).Description("Set whenever the results span framework versions: a change across versions is indicative only.");
    }
}

public sealed class MeanKindType : EnumerationGraphType
{
    public MeanKindType()
    {
        Name = "MeanKind";
        Add("HELD", "HELD", "The mean of each kommune's latest result held here.");
        Add("PUBLISHED", "PUBLISHED", "The national mean KS (NO) or SKR (SE) published.");
    }
}

public sealed class LabelledMeanType : ObjectGraphType<LabelledMeanView>
{
    public LabelledMeanType()
    {
        Name = "LabelledMean";
        this.AllowFields(FieldRules.ThroughParent);
        Field(m => m.Kind, type: typeof(NonNullGraphType<MeanKindType>));
        Field(m => m.Label).Description("What the mean is, in the country's language (nb or sv).");
        Field(m => m.Value, nullable: true);
        Field(m => m.Count, nullable: true).Description("Kommuner a held mean is over.");
        Field(m => m.Year, nullable: true).Description("The year a published mean is for.");
        Field(m => m.Source, nullable: true).Description("Where a published mean was published.");
    }
}

public sealed class AreaMeanComparisonType : ObjectGraphType<AreaMeanComparisonView>
{
    public AreaMeanComparisonType()
    {
        Name = "AreaMeanComparison";
        this.AllowFields(FieldRules.ThroughParent);
        Field(a => a.Code);
        Field(a => a.Held, type: typeof(NonNullGraphType<LabelledMeanType>));
        Field(a => a.Published, type: typeof(LabelledMeanType));
    }
}

public sealed class MeanComparisonType : ObjectGraphType<MeanComparisonView>
{
    public MeanComparisonType()
    {
        Name = "MeanComparison";
        this.AllowFields(FieldRules.ThroughParent);
        Description = "The mean of the results held here (all time, latest per kommune) beside the mean KS or SKR published, never mixed.";
        Field(c => c.FrameworkVersion);
        Field<NonNullGraphType<CountryType>>("country").Resolve(ctx => Enum.Parse<Domain.Kommuner.Country>(ctx.Source.Country));
        Field(c => c.HeldTotal, type: typeof(NonNullGraphType<LabelledMeanType>));
        Field(c => c.PublishedTotal, type: typeof(LabelledMeanType)).Description("Null when no mean is published for the version and country (and year).");
        Field(c => c.Areas, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<AreaMeanComparisonType>>>));
    }
}

public sealed class PublishedAreaMeanType : ObjectGraphType<AreaMeanInput>
{
    public PublishedAreaMeanType()
    {
        Name = "PublishedAreaMean";
        this.AllowFields(FieldRules.ThroughParent);
        Field(a => a.Code);
        Field(a => a.Mean);
    }
}

public sealed class PublishedMeanType : ObjectGraphType<PublishedMeanView>
{
    public PublishedMeanType()
    {
        Name = "PublishedMean";
        this.AllowFields(FieldRules.ThroughParent);
        Field(m => m.Year);
        Field(m => m.FrameworkVersion);
        Field<NonNullGraphType<CountryType>>("country").Resolve(ctx => Enum.Parse<Domain.Kommuner.Country>(ctx.Source.Country));
        Field(m => m.AreaMeans, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<PublishedAreaMeanType>>>));
        Field(m => m.TotalMean, nullable: true);
        Field(m => m.Source);
    }
}

public sealed class AreaMeanInputType : InputObjectGraphType<AreaMeanInput>
{
    public AreaMeanInputType()
    {
        Name = "AreaMeanInput";
        Field(a => a.Code);
        Field(a => a.Mean);
    }
}

public sealed class ImportPublishedMeanInputType : InputObjectGraphType<ImportPublishedMean>
{
    public ImportPublishedMeanInputType()
    {
        Name = "ImportPublishedMeanInput";
        Description = "A national mean as KS or SKR published it: area means and/or a total mean, with its source. One per country, version and year (a new one replaces).";
        Field(c => c.Year);
        Field(c => c.FrameworkVersion);
        Field<NonNullGraphType<CountryType>>("country");
        Field(c => c.AreaMeans, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<AreaMeanInputType>>>)).DefaultValue(Array.Empty<AreaMeanInput>());
        Field(c => c.TotalMean, nullable: true);
        Field(c => c.Source);
    }

    // The country arrives as the Country enum; the command carries its name.
    public override object ParseDictionary(IDictionary<string, object?> value) => new ImportPublishedMean(
        (int)value["year"]!,
        (string)value["frameworkVersion"]!,
        value["country"]!.ToString()!,
        value.TryGetValue("areaMeans", out var areas) && areas is IEnumerable<object> list ? [.. list.Cast<AreaMeanInput>()] : [],
        value.TryGetValue("totalMean", out var total) ? (decimal?)total : null,
        (string)value["source"]!);
}
