using GraphQL;
using GraphQL.Types;
using Kompass.Contracts.Evaluations;
using Kompass.Contracts.Kommuner;
using Kompass.Gateway.Tenancy;
using Kompass.Gateway.Types.Tenancy;

namespace Kompass.Gateway.Types;

public sealed class KompassMutation : ObjectGraphType
{
    public KompassMutation()
    {
        Name = "Mutation";
        Command<RegisterKommune, RegisterKommuneInputType, KommuneType, KommuneView>("registerKommune", FieldRules.RegisterKommune,
            (api, c, caller) => api.RegisterKommune(c, caller));
        Command<OpenEvaluation, OpenEvaluationInputType, EvaluationType, EvaluationView>("openEvaluation", FieldRules.OpenEvaluation,
            (api, c, caller) => api.OpenEvaluation(c, caller), "Open a draft evaluation; an evaluator who opens one is assigned to it.");
        Command<RateScoringPoints, RateScoringPointsInputType, EvaluationType, EvaluationView>("rateScoringPoints", FieldRules.WorkOnEvaluation,
            (api, c, caller) => api.RateScoringPoints(c, caller), "Rate a batch of scoring points of a draft evaluation (all or nothing).");
        Command<RecordInterview, RecordInterviewInputType, EvaluationType, EvaluationView>("recordInterview", FieldRules.WorkOnEvaluation,
            (api, c, caller) => api.RecordInterview(c, caller));
        Command<RecordFindings, RecordFindingsInputType, EvaluationType, EvaluationView>("recordFindings", FieldRules.WorkOnEvaluation,
            (api, c, caller) => api.RecordFindings(c, caller),
            "Set one focus area's strengths, challenges and improvement areas (replaces what the area had).");
        Command<PublishEvaluation, PublishEvaluationInputType, EvaluationType, EvaluationView>("publishEvaluation", FieldRules.WorkOnEvaluation,
            (api, c, caller) => api.PublishEvaluation(c, caller), "Publish a fully rated draft; it is frozen after.");
        Command<AmendEvaluation, AmendEvaluationInputType, EvaluationType, EvaluationView>("amendEvaluation", FieldRules.WorkOnEvaluation,
            (api, c, caller) => api.AmendEvaluation(c, caller));
        Command<ImportHistoricalResult, ImportHistoricalResultInputType, EvaluationType, EvaluationView>("importHistoricalResult", FieldRules.ImportResults,
            (api, c, caller) => api.ImportHistoricalResult(c, caller));
        Command<OffboardKommune, OffboardKommuneInputType, OffboardingType, OffboardingView>("offboardKommune", FieldRules.Offboard,
            (api, c, caller) => api.Offboard(c, caller),
            "Remove a kommune and all its data: evaluations, their results in the benchmarks, its directory entry, audit log and stored answers.");
        Command<AssignEvaluator, AssignEvaluatorInputType, EvaluationType, EvaluationView>("assignEvaluator", FieldRules.AssignEvaluators,
            (api, c, caller) => api.AssignEvaluator(c, caller), "Assign an evaluator (by the subject of its token) to an evaluation.");
        Strategies.StrategyFields.AddMutations(this);
        Analytics.AnalyticsFields.AddMutations(this);
    }

    internal void Command<TCommand, TInput, TResult, TView>(string name, FieldRule rule, Func<KompassApi, TCommand, Caller, Task<TView>> run,
        string? description = null)
        where TInput : IInputObjectGraphType
        where TResult : IGraphType
    {
        Field<NonNullGraphType<TResult>>(name)
            .Description(description)
            .Allow(rule)
            .Argument<NonNullGraphType<TInput>>("input")
            .ResolveAsync(async ctx => (object?)await run(KompassQuery.Api(ctx), ctx.GetArgument<TCommand>("input"), GatewayUserContext.CallerOf(ctx)));
    }
}
