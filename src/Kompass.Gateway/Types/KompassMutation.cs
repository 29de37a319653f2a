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
        Command<RegisterKommune, RegisterKommuneInputType, KommuneType, KommuneView>("registerKommune", (api, c, caller) => api.RegisterKommune(c, caller));
        Command<OpenEvaluation, OpenEvaluationInputType, EvaluationType, EvaluationView>("openEvaluation", (api, c, caller) => api.OpenEvaluation(c, caller));
        Command<RateScoringPoints, RateScoringPointsInputType, EvaluationType, EvaluationView>("rateScoringPoints", (api, c, caller) => api.RateScoringPoints(c, caller),
            "Rate a batch of scoring points of a draft evaluation (all or nothing).");
        Command<RecordInterview, RecordInterviewInputType, EvaluationType, EvaluationView>("recordInterview", (api, c, caller) => api.RecordInterview(c, caller));
        Command<RecordFindings, RecordFindingsInputType, EvaluationType, EvaluationView>("recordFindings", (api, c, caller) => api.RecordFindings(c, caller),
            "Set one focus area's strengths, challenges and improvement areas (replaces what the area had).");
        Command<PublishEvaluation, PublishEvaluationInputType, EvaluationType, EvaluationView>("publishEvaluation", (api, c, caller) => api.PublishEvaluation(c, caller),
            "Publish a fully rated draft; it is frozen after.");
        Command<AmendEvaluation, AmendEvaluationInputType, EvaluationType, EvaluationView>("amendEvaluation", (api, c, caller) => api.AmendEvaluation(c, caller));
        Command<ImportHistoricalResult, ImportHistoricalResultInputType, EvaluationType, EvaluationView>("importHistoricalResult",
            (api, c, caller) => api.ImportHistoricalResult(c, caller));
        Strategies.StrategyFields.AddMutations(this);
    }

    internal void Command<TCommand, TInput, TResult, TView>(string name, Func<KompassApi, TCommand, Caller, Task<TView>> run, string? description = null)
        where TInput : IInputObjectGraphType
        where TResult : IGraphType
    {
        Field<NonNullGraphType<TResult>>(name)
            .Description(description)
            .Argument<NonNullGraphType<TInput>>("input")
            .ResolveAsync(async ctx => (object?)await run(KompassQuery.Api(ctx), ctx.GetArgument<TCommand>("input"), GatewayUserContext.CallerOf(ctx)));
    }
}
