using GraphQL;
using GraphQL.Types;
using Kompass.Contracts.Evaluations;
using Kompass.Contracts.Kommuner;

namespace Kompass.Gateway.Types;

public sealed class KompassMutation : ObjectGraphType
{
    public KompassMutation()
    {
        Name = "Mutation";
        Command<RegisterKommune, RegisterKommuneInputType, KommuneType, KommuneView>("registerKommune", (api, c, actor) => api.RegisterKommune(c, actor));
        Command<OpenEvaluation, OpenEvaluationInputType, EvaluationType, EvaluationView>("openEvaluation", (api, c, actor) => api.OpenEvaluation(c, actor));
        Command<RateScoringPoints, RateScoringPointsInputType, EvaluationType, EvaluationView>("rateScoringPoints", (api, c, actor) => api.RateScoringPoints(c, actor),
            "Rate a batch of scoring points of a draft evaluation (all or nothing).");
        Command<RecordInterview, RecordInterviewInputType, EvaluationType, EvaluationView>("recordInterview", (api, c, actor) => api.RecordInterview(c, actor));
        Command<RecordFindings, RecordFindingsInputType, EvaluationType, EvaluationView>("recordFindings", (api, c, actor) => api.RecordFindings(c, actor),
            "Set one focus area's strengths, challenges and improvement areas (replaces what the area had).");
        Command<PublishEvaluation, PublishEvaluationInputType, EvaluationType, EvaluationView>("publishEvaluation", (api, c, actor) => api.PublishEvaluation(c, actor),
            "Publish a fully rated draft; it is frozen after.");
        Command<AmendEvaluation, AmendEvaluationInputType, EvaluationType, EvaluationView>("amendEvaluation", (api, c, actor) => api.AmendEvaluation(c, actor));
        Command<ImportHistoricalResult, ImportHistoricalResultInputType, EvaluationType, EvaluationView>("importHistoricalResult",
            (api, c, actor) => api.ImportHistoricalResult(c, actor));
    }

    private void Command<TCommand, TInput, TResult, TView>(string name, Func<KompassApi, TCommand, string?, Task<TView>> run, string? description = null)
        where TInput : IInputObjectGraphType
        where TResult : IGraphType
    {
        Field<NonNullGraphType<TResult>>(name)
            .Description(description)
            .Argument<NonNullGraphType<TInput>>("input")
            .ResolveAsync(async ctx => (object?)await run(KompassQuery.Api(ctx), ctx.GetArgument<TCommand>("input"), GatewayUserContext.ActorOf(ctx)));
    }
}
