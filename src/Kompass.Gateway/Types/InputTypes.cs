using GraphQL.Types;
using Kompass.Contracts.Evaluations;
using Kompass.Contracts.Kommuner;

namespace Kompass.Gateway.Types;

// Input objects map one to one onto the contracts' command records; the validators beside those
// commands check them before any grain is called. Optional lists are `[T!]! = []`: left out they are
// empty, and an explicit null is refused by GraphQL validation instead of reaching the validators.

public sealed class RegisterKommuneInputType : InputObjectGraphType<RegisterKommune>
{
    public RegisterKommuneInputType()
    {
        Name = "RegisterKommuneInput";
        Description = "Register a kommune; name, county and population default to the official reference list.";
        Field(c => c.KommuneId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.Name, nullable: true);
        Field(c => c.CountyName, nullable: true);
        Field(c => c.Population, nullable: true);
    }
}

public sealed class OpenEvaluationInputType : InputObjectGraphType<OpenEvaluation>
{
    public OpenEvaluationInputType()
    {
        Name = "OpenEvaluationInput";
        Field(c => c.KommuneId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.FrameworkVersion);
        Field(c => c.EvaluatedOn, type: typeof(NonNullGraphType<DateOnlyGraphType>));
        Field(c => c.Evaluators);
    }
}

public sealed class ScoringPointRatingInputType : InputObjectGraphType<ScoringPointRating>
{
    public ScoringPointRatingInputType()
    {
        Name = "ScoringPointRatingInput";
        Field(r => r.Code);
        Field(r => r.System).Description("System/prosess: how worked-through and documented the system is.");
        Field(r => r.Scope).Description("Omfang: how large a part of the kommune uses it.");
        Field(r => r.Result).Description("Resultat/analyse: how the kommune learns from results and develops the system.");
        Field(r => r.Comment, nullable: true);
    }
}

public sealed class RateScoringPointsInputType : InputObjectGraphType<RateScoringPoints>
{
    public RateScoringPointsInputType()
    {
        Name = "RateScoringPointsInput";
        Field(c => c.EvaluationId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.Ratings, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<ScoringPointRatingInputType>>>));
        Field(c => c.ExpectedVersion, nullable: true);
    }
}

public sealed class RecordInterviewInputType : InputObjectGraphType<RecordInterview>
{
    public RecordInterviewInputType()
    {
        Name = "RecordInterviewInput";
        Field(c => c.EvaluationId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.Role);
        Field(c => c.Date, type: typeof(NonNullGraphType<DateOnlyGraphType>));
        Field(c => c.People);
        Field(c => c.ExpectedVersion, nullable: true);
    }
}

public sealed class RecordFindingsInputType : InputObjectGraphType<RecordFindings>
{
    public RecordFindingsInputType()
    {
        Name = "RecordFindingsInput";
        Field(c => c.EvaluationId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.AreaCode);
        Field(c => c.Strengths, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>)).DefaultValue(Array.Empty<string>());
        Field(c => c.Challenges, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>)).DefaultValue(Array.Empty<string>());
        Field(c => c.ImprovementAreas, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>)).DefaultValue(Array.Empty<string>());
        Field(c => c.ExpectedVersion, nullable: true);
    }
}

public sealed class PublishEvaluationInputType : InputObjectGraphType<PublishEvaluation>
{
    public PublishEvaluationInputType()
    {
        Name = "PublishEvaluationInput";
        Field(c => c.EvaluationId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.ExpectedVersion, nullable: true);
    }
}

public sealed class AreaScoreInputType : InputObjectGraphType<AreaScoreInput>
{
    public AreaScoreInputType()
    {
        Name = "AreaScoreInput";
        Field(a => a.Code);
        Field(a => a.Score);
    }
}

public sealed class AmendEvaluationInputType : InputObjectGraphType<AmendEvaluation>
{
    public AmendEvaluationInputType()
    {
        Name = "AmendEvaluationInput";
        Description = "Correct a published evaluation: ratings of a scored one, area scores or total of an imported one. Who amends is the caller (the token's subject).";
        Field(c => c.EvaluationId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.Reason);
        Field(c => c.Ratings, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<ScoringPointRatingInputType>>>)).DefaultValue(Array.Empty<ScoringPointRating>());
        Field(c => c.AreaScores, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<AreaScoreInputType>>>)).DefaultValue(Array.Empty<AreaScoreInput>());
        Field(c => c.Total, nullable: true);
        Field(c => c.ExpectedVersion, nullable: true);
    }
}

public sealed class ImportHistoricalResultInputType : InputObjectGraphType<ImportHistoricalResult>
{
    public ImportHistoricalResultInputType()
    {
        Name = "ImportHistoricalResultInput";
        Description = "A historical result known only as area scores and/or a total, with its source.";
        Field(c => c.KommuneId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.FrameworkVersion);
        Field(c => c.EvaluatedOn, type: typeof(NonNullGraphType<DateOnlyGraphType>));
        Field(c => c.AreaScores, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<AreaScoreInputType>>>)).DefaultValue(Array.Empty<AreaScoreInput>());
        Field(c => c.Total, nullable: true);
        Field(c => c.Source);
        Field(c => c.ScoresNotHeld).DefaultValue(false)
            .Description("True records an evaluation that took place but whose scores the source does not give (no area scores, no total): published, a basis for a strategy, in no statistic until amended with its scores.");
    }
}

public sealed class AssignEvaluatorInputType : InputObjectGraphType<AssignEvaluator>
{
    public AssignEvaluatorInputType()
    {
        Name = "AssignEvaluatorInput";
        Field(c => c.EvaluationId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.Subject).Description("The evaluator's user id: the subject (sub) of its token.");
        Field(c => c.ExpectedVersion, nullable: true);
    }
}
