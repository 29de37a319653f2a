using GraphQL;
using GraphQL.Types;
using Kompass.Gateway.Tenancy;
using Kompass.Contracts.Benchmarks;
using Kompass.Contracts.Evaluations;

namespace Kompass.Gateway.Types;

public sealed class EvaluationStatusType : EnumerationGraphType<EvaluationStatus>
{
    public EvaluationStatusType()
    {
        Name = "EvaluationStatus";
        Description = "DRAFT while evaluators work; PUBLISHED and frozen after (changed only by an audited amendment).";
    }
}

public sealed class EvaluationOriginType : EnumerationGraphType<EvaluationOrigin>
{
    public EvaluationOriginType()
    {
        Name = "EvaluationOrigin";
        Description = "SCORED here from ratings, or IMPORTED from a historical report.";
    }
}

public sealed class AreaScoreType : ObjectGraphType<AreaScoreView>
{
    public AreaScoreType()
    {
        Name = "AreaScore";
        this.AllowFields(FieldRules.ThroughParent);
        Description = "A focus area's score: the published whole number, known when every scoring point of the area is rated.";
        Field(a => a.Code);
        Field(a => a.Name).Description("The area's name in Norwegian (nb).");
        Field(a => a.Score, nullable: true);
        Field(a => a.ExactScore, nullable: true).Description("The sum of the rated points before the area is rounded to a whole number (shown to 2 decimals).");
        Field<NonNullGraphType<IntGraphType>>("maxScore").Resolve(ctx => (int)ctx.Source.MaxScore);
        Field(a => a.RatedPoints);
        Field(a => a.ScoringPoints);
    }
}

public sealed class RatingType : ObjectGraphType<ScoringPointRating>
{
    public RatingType()
    {
        Name = "Rating";
        this.AllowFields(FieldRules.ThroughParent);
        Description = "A scoring point's ratings on System/prosess, Omfang (scope) and Resultat/analyse.";
        Field(r => r.Code);
        Field(r => r.System);
        Field(r => r.Scope);
        Field(r => r.Result);
        Field(r => r.Comment, nullable: true);
    }
}

public sealed class InterviewType : ObjectGraphType<InterviewView>
{
    public InterviewType()
    {
        Name = "Interview";
        this.AllowFields(FieldRules.ThroughParent);
        Field(i => i.Role);
        Field(i => i.Date, type: typeof(NonNullGraphType<DateOnlyGraphType>));
        Field(i => i.People);
    }
}

public sealed class AreaFindingsType : ObjectGraphType<FindingsView>
{
    public AreaFindingsType()
    {
        Name = "AreaFindings";
        this.AllowFields(FieldRules.ThroughParent);
        Description = "Strengths (styrker), challenges (utfordringer) and improvement areas (forbedringsområder) of one focus area.";
        Field(f => f.AreaCode);
        Field(f => f.Strengths);
        Field(f => f.Challenges);
        Field(f => f.ImprovementAreas);
    }
}

public sealed class AmendedValueType : ObjectGraphType<AmendedValueView>
{
    public AmendedValueType()
    {
        Name = "AmendedValue";
        this.AllowFields(FieldRules.ThroughParent);
        Field(v => v.Field);
        Field(v => v.OldValue, nullable: true);
        Field(v => v.NewValue, nullable: true);
    }
}

public sealed class AmendmentType : ObjectGraphType<AmendmentView>
{
    public AmendmentType()
    {
        Name = "Amendment";
        this.AllowFields(FieldRules.ThroughParent);
        Description = "An audited correction of a published evaluation.";
        Field(a => a.By);
        Field(a => a.At, type: typeof(NonNullGraphType<DateTimeOffsetGraphType>));
        Field(a => a.Reason);
        Field(a => a.Changes, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<AmendedValueType>>>));
    }
}

public sealed class AreaComparisonType : ObjectGraphType<AreaComparisonView>
{
    public AreaComparisonType()
    {
        Name = "AreaComparison";
        this.AllowFields(FieldRules.ThroughParent);
        Field(a => a.Code);
        Field(a => a.Score, nullable: true);
        Field(a => a.PreviousScore, nullable: true);
        Field(a => a.DeltaToPrevious, nullable: true);
        Field(a => a.Mean, nullable: true);
        Field(a => a.DeltaToMean, nullable: true);
    }
}

public sealed class ComparisonType : ObjectGraphType<ComparisonView>
{
    public ComparisonType()
    {
        Name = "Comparison";
        this.AllowFields(FieldRules.ThroughParent);
        Description = "Against the kommune's previous published evaluation of the same framework version, and the country mean of that version.";
        Field(c => c.PreviousEvaluationId, type: typeof(IdGraphType));
        Field(c => c.PreviousEvaluatedOn, type: typeof(DateOnlyGraphType));
        Field(c => c.Total, nullable: true);
        Field(c => c.PreviousTotal, nullable: true);
        Field(c => c.DeltaToPrevious, nullable: true);
        Field(c => c.MeanTotal, nullable: true);
        Field(c => c.DeltaToMean, nullable: true);
        Field(c => c.MeanBasedOn).Description("How many published evaluations the mean is taken over.");
        Field(c => c.Areas, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<AreaComparisonType>>>));
    }
}

public sealed class EvaluationType : ObjectGraphType<EvaluationView>
{
    public EvaluationType()
    {
        Name = "Evaluation";
        this.AllowFields(FieldRules.ReadEvaluation);
        Description = "A Kommunekompasset evaluation of one kommune under one framework version.";
        Field(e => e.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field<NonNullGraphType<KommuneType>>("kommune").ResolveAsync(async ctx =>
            await ctx.RequestServices!.GetRequiredService<KompassApi>().Kommune(ctx.Source.KommuneId));
        Field(e => e.FrameworkVersion);
        Field(e => e.EvaluatedOn, type: typeof(NonNullGraphType<DateOnlyGraphType>));
        Field(e => e.Status, type: typeof(NonNullGraphType<EvaluationStatusType>));
        Field(e => e.Origin, type: typeof(NonNullGraphType<EvaluationOriginType>));
        Field<NonNullGraphType<BooleanGraphType>>("imported").Resolve(ctx => ctx.Source.Origin == EvaluationOrigin.Imported);
        Field(e => e.Source, nullable: true).Description("Where an imported result comes from.");
        Field(e => e.Evaluators);
        Field(e => e.Assignees).Description("The user ids (token subjects) of the evaluators assigned to it: they may record, rate and publish it.");
        Field(e => e.Interviews, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<InterviewType>>>));
        Field(e => e.Ratings, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<RatingType>>>));
        Field(e => e.Findings, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<AreaFindingsType>>>));
        Field(e => e.Total, nullable: true).Description("The sum of the published area scores; known when every area is.");
        Field(e => e.AreaScores, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<AreaScoreType>>>));
        Field(e => e.MissingScoringPoints).Description("Scoring points still unrated: the evaluation can be published when this is empty.");
        Field(e => e.OpenedAt, type: typeof(NonNullGraphType<DateTimeOffsetGraphType>));
        Field(e => e.PublishedAt, type: typeof(DateTimeOffsetGraphType));
        Field(e => e.Amendments, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<AmendmentType>>>));
        Field(e => e.Version).Description("Bumped on every change; pass it as expectedVersion to detect a concurrent change.");
        Field<NonNullGraphType<ComparisonType>>("comparison").ResolveAsync(async ctx =>
            await ctx.RequestServices!.GetRequiredService<KompassApi>().Comparison(ctx.Source.Id));
        Analytics.AnalyticsFields.AddEvaluationFields(this);
    }
}

public sealed class MeanType : ObjectGraphType<MeanView>
{
    public MeanType()
    {
        Name = "Mean";
        this.AllowFields(FieldRules.ThroughParent);
        Field(m => m.Value);
        Field(m => m.Count);
    }
}

/// <summary>One area's mean in a benchmark.</summary>
public sealed record AreaMean(string Code, MeanView Mean);

public sealed class AreaMeanType : ObjectGraphType<AreaMean>
{
    public AreaMeanType()
    {
        Name = "AreaMean";
        this.AllowFields(FieldRules.ThroughParent);
        Field(a => a.Code);
        Field<NonNullGraphType<DecimalGraphType>>("value").Resolve(ctx => ctx.Source.Mean.Value);
        Field<NonNullGraphType<IntGraphType>>("count").Resolve(ctx => ctx.Source.Mean.Count);
    }
}
