using GraphQL.Types;
using Kompass.Gateway.Tenancy;
using Kompass.Domain.Frameworks;

namespace Kompass.Gateway.Types;

public sealed class LocalizedNameType : ObjectGraphType<LocalizedName>
{
    public LocalizedNameType()
    {
        Name = "LocalizedName";
        this.AllowFields(FieldRules.ThroughParent);
        Description = "A name in Norwegian bokmål (nb), Swedish (sv) and, where given, English (en).";
        Field(n => n.Nb);
        Field(n => n.Sv);
        Field(n => n.En, nullable: true);
    }
}

public sealed class RatingScaleType : ObjectGraphType<RatingScale>
{
    public RatingScaleType()
    {
        Name = "RatingScale";
        this.AllowFields(FieldRules.ThroughParent);
        Description = "The integer scale each dimension (system, scope, result) is rated on.";
        Field(s => s.Min);
        Field(s => s.Max);
    }
}

public sealed class PerspectiveType : ObjectGraphType<Perspective>
{
    public PerspectiveType()
    {
        Name = "Perspective";
        this.AllowFields(FieldRules.ThroughParent);
        Field(p => p.Code);
        Field(p => p.Name, type: typeof(NonNullGraphType<LocalizedNameType>));
    }
}

public sealed class QuestionType : ObjectGraphType<Question>
{
    public QuestionType()
    {
        Name = "Question";
        this.AllowFields(FieldRules.ThroughParent);
        Field(q => q.Code);
        Field(q => q.Text, type: typeof(NonNullGraphType<LocalizedNameType>));
        Field(q => q.MaxPoints);
    }
}

public sealed class SubAreaType : ObjectGraphType<SubArea>
{
    public SubAreaType()
    {
        Name = "SubArea";
        this.AllowFields(FieldRules.ThroughParent);
        Field(s => s.Code);
        Field(s => s.Name, type: typeof(NonNullGraphType<LocalizedNameType>));
        Field(s => s.MaxPoints);
        Field(s => s.Questions, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<QuestionType>>>));
    }
}

public sealed class ScoringPointType : ObjectGraphType<ScoringPoint>
{
    public ScoringPointType()
    {
        Name = "ScoringPoint";
        this.AllowFields(FieldRules.ThroughParent);
        Description = "What evaluators rate: a question where the sub-area has questions, else the sub-area (or, in 2010, the area).";
        Field(p => p.Code);
        Field(p => p.AreaCode);
        Field(p => p.Name, type: typeof(NonNullGraphType<LocalizedNameType>));
        Field(p => p.MaxPoints);
    }
}

public sealed class FocusAreaType : ObjectGraphType<FocusArea>
{
    public FocusAreaType()
    {
        Name = "FocusArea";
        this.AllowFields(FieldRules.ThroughParent);
        Description = "A focus area (fokusområde), 100 points.";
        Field(a => a.Code);
        Field(a => a.Perspective, nullable: true);
        Field(a => a.Name, type: typeof(NonNullGraphType<LocalizedNameType>));
        Field(a => a.MaxPoints);
        Field(a => a.SubAreas, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<SubAreaType>>>));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ScoringPointType>>>>("scoringPoints")
            .Resolve(ctx => FrameworkDefinition.ScoringPointsOf(ctx.Source).ToList());
    }
}

public sealed class FrameworkType : ObjectGraphType<FrameworkDefinition>
{
    public FrameworkType()
    {
        Name = "Framework";
        this.AllowFields(FieldRules.ThroughParent);
        Description = "A version of the Kommunekompasset framework; evaluations reference the version they were scored under.";
        Field(f => f.Version);
        Field(f => f.Name, type: typeof(NonNullGraphType<LocalizedNameType>));
        Field(f => f.RatingScale, type: typeof(NonNullGraphType<RatingScaleType>));
        Field(f => f.MaxTotal);
        Field(f => f.Source, nullable: true);
        Field(f => f.Perspectives, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<PerspectiveType>>>));
        Field(f => f.Areas, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<FocusAreaType>>>));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ScoringPointType>>>>("scoringPoints")
            .Resolve(ctx => ctx.Source.ScoringPoints.ToList());
    }
}
