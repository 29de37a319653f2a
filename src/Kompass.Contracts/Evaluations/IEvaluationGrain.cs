namespace Kompass.Contracts.Evaluations;

/// <summary>
/// One Kommunekompasset evaluation, keyed under its kommune: <c>NO-5027/eval/2023-1</c>.
/// DRAFT while it is scored, PUBLISHED and frozen after; corrections go through <see cref="Amend"/>.
/// </summary>
public interface IEvaluationGrain : IGrainWithStringKey
{
    Task<EvaluationView> Open(OpenEvaluation command);

    Task<EvaluationView> Import(ImportHistoricalResult command);

    /// <summary>The evaluation, or null when there is none under this key. Read-only: reads do not queue behind each other.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<EvaluationView?> Get();

    Task<EvaluationView> Rate(RateScoringPoints command);

    Task<EvaluationView> RecordInterview(RecordInterview command);

    Task<EvaluationView> RecordFindings(RecordFindings command);

    Task<EvaluationView> Publish(PublishEvaluation command);

    Task<EvaluationView> Amend(AmendEvaluation command);

    /// <summary>Assigns an evaluator (platform admins); the evaluator who opens an evaluation is assigned to it.</summary>
    Task<EvaluationView> Assign(AssignEvaluator command);

    /// <summary>Removes the evaluation (its kommune is offboarded): its result leaves the benchmark, then its state goes. Idempotent.</summary>
    Task Offboard();

    /// <summary>Against the kommune's previous evaluation of the same version and the country mean.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<ComparisonView> Compare();
}
