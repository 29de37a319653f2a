using Kompass.Contracts;
using Kompass.Contracts.Benchmarks;
using Kompass.Contracts.Evaluations;
using Kompass.Contracts.Kommuner;
using Kompass.Domain.Evaluations;
using Kompass.Domain.Frameworks;
using Kompass.Domain.Kommuner;

namespace Kompass.Gateway;

/// <summary>Who sends a command, and the request key (a hashed Idempotency-Key) it carries, if any.</summary>
public sealed record Caller(string? Actor, string? RequestKey = null)
{
    public static implicit operator Caller(string? actor) => new(actor);
}

/// <summary>
/// The one place every GraphQL operation goes through to reach the grains: commands are validated
/// here before any grain is called, and the caller is attached to the Orleans request context.
/// </summary>
public sealed class KompassApi(IGrainFactory grains, FrameworkCatalogue catalogue)
{
    public FrameworkCatalogue Catalogue => catalogue;

    /// <summary>Strategies, their follow-up and the kommune's inbox (Types/Strategies).</summary>
    public Types.Strategies.StrategyApi Strategies { get; } = new(grains);

    public Task<KommuneView?> Kommune(string id) =>
        KommuneId.TryParse(id, out var kommuneId) ? grains.GetGrain<IKommuneGrain>(kommuneId.ToString()).Get() : Task.FromResult<KommuneView?>(null);

    public Task<EvaluationView?> Evaluation(string id) =>
        EvaluationIds.IsWellFormed(id) ? grains.GetGrain<IEvaluationGrain>(id).Get() : Task.FromResult<EvaluationView?>(null);

    public Task<ComparisonView> Comparison(string evaluationId) => grains.GetGrain<IEvaluationGrain>(evaluationId).Compare();

    public Task<DirectoryPage> Kommuner(Country country, int first, string? after) =>
        grains.GetGrain<IKommuneDirectoryGrain>(country.ToString()).List(first, after);

    public Task<BenchmarkView> Benchmark(Country country, string frameworkVersion) =>
        grains.GetGrain<IBenchmarkGrain>(IBenchmarkGrain.KeyOf(country.ToString(), catalogue.Get(frameworkVersion).Version)).Get();

    public Task<KommuneView> RegisterKommune(RegisterKommune command, Caller caller)
    {
        RegisterKommuneValidator.Instance.EnsureValid(command);
        return As(caller, () => grains.GetGrain<IKommuneGrain>(command.KommuneId).Register(command));
    }

    /// <summary>Validates fully first, so an id is reserved only for an evaluation that will open.</summary>
    public Task<EvaluationView> OpenEvaluation(OpenEvaluation command, Caller caller)
    {
        OpenEvaluationValidator.Instance.EnsureValid(command);
        catalogue.Get(command.FrameworkVersion);
        return As(caller, async () =>
        {
            var id = await grains.GetGrain<IKommuneGrain>(command.KommuneId).ReserveEvaluationId(command.EvaluatedOn.Year);
            return await grains.GetGrain<IEvaluationGrain>(id).Open(command);
        });
    }

    public Task<EvaluationView> ImportHistoricalResult(ImportHistoricalResult command, Caller caller)
    {
        ImportHistoricalResultValidator.Instance.EnsureValid(command);
        var framework = catalogue.Get(command.FrameworkVersion);
        Domain.Evaluations.Evaluation.CheckPublishedScores(framework, AreaScoreInput.ToMap(command.AreaScores), command.Total);
        return As(caller, async () =>
        {
            var id = await grains.GetGrain<IKommuneGrain>(command.KommuneId).ReserveEvaluationId(command.EvaluatedOn.Year);
            return await grains.GetGrain<IEvaluationGrain>(id).Import(command);
        });
    }

    public Task<EvaluationView> RateScoringPoints(RateScoringPoints command, Caller caller)
    {
        RateScoringPointsValidator.Instance.EnsureValid(command);
        return As(caller, () => grains.GetGrain<IEvaluationGrain>(command.EvaluationId).Rate(command));
    }

    public Task<EvaluationView> RecordInterview(RecordInterview command, Caller caller)
    {
        RecordInterviewValidator.Instance.EnsureValid(command);
        return As(caller, () => grains.GetGrain<IEvaluationGrain>(command.EvaluationId).RecordInterview(command));
    }

    public Task<EvaluationView> RecordFindings(RecordFindings command, Caller caller)
    {
        RecordFindingsValidator.Instance.EnsureValid(command);
        return As(caller, () => grains.GetGrain<IEvaluationGrain>(command.EvaluationId).RecordFindings(command));
    }

    public Task<EvaluationView> PublishEvaluation(PublishEvaluation command, Caller caller)
    {
        PublishEvaluationValidator.Instance.EnsureValid(command);
        return As(caller, () => grains.GetGrain<IEvaluationGrain>(command.EvaluationId).Publish(command));
    }

    public Task<EvaluationView> AmendEvaluation(AmendEvaluation command, Caller caller)
    {
        AmendEvaluationValidator.Instance.EnsureValid(command);
        return As(caller, () => grains.GetGrain<IEvaluationGrain>(command.EvaluationId).Amend(command));
    }

    internal static async Task<T> As<T>(Caller caller, Func<Task<T>> call)
    {
        CallerContext.Actor = caller.Actor;
        CallerContext.RequestKey = caller.RequestKey;
        try
        {
            return await call();
        }
        finally
        {
            RequestContext.Clear();
        }
    }
}
