using Kompass.Contracts;
using Kompass.Contracts.Benchmarks;
using Kompass.Contracts.Evaluations;
using Kompass.Contracts.Kommuner;
using Kompass.Domain.Evaluations;
using Kompass.Domain.Frameworks;
using Kompass.Domain.Kommuner;
using Kompass.Domain.Tenancy;
using Kompass.Domain;
using Kompass.Storage.Audit;
using Kompass.Storage.Idempotency;

namespace Kompass.Gateway;

/// <summary>Who sends a command, and the request key (a hashed Idempotency-Key) it carries, if any.</summary>
public sealed record Caller(Principal? Principal, string? RequestKey = null)
{
    public static implicit operator Caller(Principal principal) => new(principal);
}

/// <summary>
/// The one place every GraphQL operation goes through to reach the grains: commands are validated
/// here before any grain is called, and the caller is attached to the Orleans request context (reads
/// carry the request's caller, set by the endpoint before execution).
/// </summary>
public sealed class KompassApi(IGrainFactory grains, FrameworkCatalogue catalogue, IAuditLog audit, IdempotencyStore answers)
{
    public FrameworkCatalogue Catalogue => catalogue;

    /// <summary>Strategies, their follow-up and the kommune's inbox (Types/Strategies).</summary>
    public Types.Strategies.StrategyApi Strategies { get; } = new(grains);

    /// <summary>Benchmarks, rankings, trends, peers and published means (Types/Analytics).</summary>
    public Types.Analytics.AnalyticsApi Analytics { get; } = new(grains, catalogue);

    public Task<KommuneView?> Kommune(string id) =>
        KommuneId.TryParse(id, out var kommuneId) ? grains.GetGrain<IKommuneGrain>(kommuneId.ToString()).Get() : Task.FromResult<KommuneView?>(null);

    public Task<EvaluationView?> Evaluation(string id) =>
        EvaluationIds.IsWellFormed(id) ? grains.GetGrain<IEvaluationGrain>(id).Get() : Task.FromResult<EvaluationView?>(null);

    /// <summary>
    /// Who is assigned to an evaluation, read as the system (the gateway's rules need the fact whoever
    /// asks); null when there is no such evaluation.
    /// </summary>
    public async Task<IReadOnlyList<string>?> AssigneesOf(string evaluationId)
    {
        if (!EvaluationIds.IsWellFormed(evaluationId))
            return null;
        var view = await As(Principal.System, () => grains.GetGrain<IEvaluationGrain>(evaluationId).Get());
        return view?.Assignees;
    }

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
        // Checked before an id is reserved for it; the validator has checked that an evaluation whose scores are not held gives none.
        if (!command.ScoresNotHeld)
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

    public async Task<AuditPage> AuditLog(string kommuneId, int first, string? after)
    {
        if (first is < 1 or > AuditLogRules.MaxPageSize)
            throw DomainException.Validation("first", $"first must be 1-{AuditLogRules.MaxPageSize}.");
        try
        {
            return await audit.ReadAsync(kommuneId, first, after);
        }
        catch (ArgumentException e) when (e.ParamName == "after")
        {
            throw DomainException.Validation("after", "after is not a cursor this log handed out.");
        }
    }

    /// <summary>
    /// Removes a kommune and everything of it: its grains (and its results from the benchmarks), its audit
    /// log and the stored answers that mention it. Each step is idempotent, so a failed offboarding is
    /// finished by running it again.
    /// </summary>
    public async Task<OffboardingView> Offboard(OffboardKommune command, Caller caller)
    {
        OffboardKommuneValidator.Instance.EnsureValid(command);
        var evaluations = await As(caller, () => grains.GetGrain<IKommuneGrain>(command.KommuneId).Offboard());
        var auditEntries = await audit.PurgeAsync(command.KommuneId);
        var storedAnswers = await answers.PurgeKommuneAsync(command.KommuneId);
        return new OffboardingView(command.KommuneId, evaluations, auditEntries, storedAnswers);
    }

    public Task<EvaluationView> AssignEvaluator(AssignEvaluator command, Caller caller)
    {
        AssignEvaluatorValidator.Instance.EnsureValid(command);
        return As(caller, () => grains.GetGrain<IEvaluationGrain>(command.EvaluationId).Assign(command));
    }

    /// <summary>
    /// Runs a grain call as the caller. An async method: what it sets in the request context (async-local)
    /// is gone for the caller when it returns, so one field's request key never reaches another field.
    /// </summary>
    internal static async Task<T> As<T>(Caller caller, Func<Task<T>> call)
    {
        CallerContext.Principal = caller.Principal;
        CallerContext.RequestKey = caller.RequestKey;
        return await call();
    }
}
