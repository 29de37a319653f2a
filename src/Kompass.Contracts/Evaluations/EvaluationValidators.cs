using FluentValidation;
using Kompass.Contracts;

namespace Kompass.Contracts.Evaluations;

// Shape rules: what can be checked without the framework catalogue or the grain's state.
// The gateway runs them before any grain is called; the grain runs the domain's rules after.
// A validator is immutable once built and costly to build, so each has one shared Instance.

public sealed class ScoringPointRatingValidator : AbstractValidator<ScoringPointRating>
{
    public static readonly ScoringPointRatingValidator Instance = new();

    public ScoringPointRatingValidator()
    {
        RuleFor(r => r.Code).NotEmpty().MaximumLength(20);
        RuleFor(r => r.System).GreaterThanOrEqualTo(0);
        RuleFor(r => r.Scope).GreaterThanOrEqualTo(0);
        RuleFor(r => r.Result).GreaterThanOrEqualTo(0);
        RuleFor(r => r.Comment).MaximumLength(4000);
    }
}

public sealed class OpenEvaluationValidator : AbstractValidator<OpenEvaluation>
{
    public static readonly OpenEvaluationValidator Instance = new();

    /// <summary>Evaluators named on one evaluation (a KS-Konsulent team is two or three).</summary>
    public const int MaxEvaluators = 20;

    public OpenEvaluationValidator()
    {
        RuleFor(c => c.KommuneId).MustBeKommuneId();
        RuleFor(c => c.FrameworkVersion).NotEmpty().MaximumLength(20);
        RuleFor(c => c.EvaluatedOn).MustBePlausibleDate();
        RuleFor(c => c.Evaluators).NotEmpty().WithMessage("Name at least one evaluator.")
            .Must(e => e.Count <= MaxEvaluators).WithMessage($"Name at most {MaxEvaluators} evaluators.");
        RuleForEach(c => c.Evaluators).NotEmpty().MaximumLength(200);
    }
}

public sealed class RateScoringPointsValidator : AbstractValidator<RateScoringPoints>
{
    public static readonly RateScoringPointsValidator Instance = new();

    public const int MaxBatch = 200;

    public RateScoringPointsValidator()
    {
        RuleFor(c => c.EvaluationId).MustBeEvaluationId();
        RuleFor(c => c.Ratings).NotEmpty().WithMessage("Give at least one rating.")
            .Must(r => r.Count <= MaxBatch).WithMessage($"At most {MaxBatch} ratings in one batch.");
        RuleForEach(c => c.Ratings).SetValidator(ScoringPointRatingValidator.Instance);
    }
}

public sealed class RecordInterviewValidator : AbstractValidator<RecordInterview>
{
    public static readonly RecordInterviewValidator Instance = new();

    public RecordInterviewValidator()
    {
        RuleFor(c => c.EvaluationId).MustBeEvaluationId();
        RuleFor(c => c.Role).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Date).MustBePlausibleDate();
        RuleFor(c => c.People).InclusiveBetween(1, 500);
    }
}

public sealed class RecordFindingsValidator : AbstractValidator<RecordFindings>
{
    public static readonly RecordFindingsValidator Instance = new();

    /// <summary>Lines per list of one focus area's findings (a report has a handful).</summary>
    public const int MaxLines = 50;

    public RecordFindingsValidator()
    {
        RuleFor(c => c.EvaluationId).MustBeEvaluationId();
        RuleFor(c => c.AreaCode).NotEmpty().MaximumLength(20);
        RuleFor(c => c).Must(c => c.Strengths.Count + c.Challenges.Count + c.ImprovementAreas.Count > 0)
            .OverridePropertyName("strengths").WithMessage("Give at least one strength, challenge or improvement area.");
        RuleFor(c => c.Strengths).Must(l => l.Count <= MaxLines).WithMessage($"At most {MaxLines} strengths per focus area.");
        RuleFor(c => c.Challenges).Must(l => l.Count <= MaxLines).WithMessage($"At most {MaxLines} challenges per focus area.");
        RuleFor(c => c.ImprovementAreas).Must(l => l.Count <= MaxLines).WithMessage($"At most {MaxLines} improvement areas per focus area.");
        RuleForEach(c => c.Strengths).NotEmpty().MaximumLength(2000);
        RuleForEach(c => c.Challenges).NotEmpty().MaximumLength(2000);
        RuleForEach(c => c.ImprovementAreas).NotEmpty().MaximumLength(2000);
    }
}

public sealed class PublishEvaluationValidator : AbstractValidator<PublishEvaluation>
{
    public static readonly PublishEvaluationValidator Instance = new();

    public PublishEvaluationValidator() => RuleFor(c => c.EvaluationId).MustBeEvaluationId();
}

public sealed class AmendEvaluationValidator : AbstractValidator<AmendEvaluation>
{
    public static readonly AmendEvaluationValidator Instance = new();

    public AmendEvaluationValidator()
    {
        RuleFor(c => c.EvaluationId).MustBeEvaluationId();
        RuleFor(c => c.Reason).NotEmpty().MaximumLength(2000);
        RuleFor(c => c).Must(c => c.Ratings.Count + c.AreaScores.Count > 0 || c.Total is not null)
            .OverridePropertyName("ratings").WithMessage("An amendment must change ratings, area scores or the total.");
        RuleForEach(c => c.Ratings).SetValidator(ScoringPointRatingValidator.Instance);
        RuleFor(c => c.AreaScores).MustNameEachAreaOnce();
        RuleForEach(c => c.AreaScores).SetValidator(AreaScoreInputValidator.Instance);
        RuleFor(c => c.Total).InclusiveBetween(0, 800);
    }
}

public sealed class AreaScoreInputValidator : AbstractValidator<AreaScoreInput>
{
    public static readonly AreaScoreInputValidator Instance = new();

    public AreaScoreInputValidator()
    {
        RuleFor(a => a.Code).NotEmpty().MaximumLength(20);
        RuleFor(a => a.Score).InclusiveBetween(0, 100);
    }
}

public sealed class ImportHistoricalResultValidator : AbstractValidator<ImportHistoricalResult>
{
    public static readonly ImportHistoricalResultValidator Instance = new();

    public ImportHistoricalResultValidator()
    {
        RuleFor(c => c.KommuneId).MustBeKommuneId();
        RuleFor(c => c.FrameworkVersion).NotEmpty().MaximumLength(20);
        RuleFor(c => c.EvaluatedOn).MustBePlausibleDate();
        RuleFor(c => c.Source).NotEmpty().MaximumLength(2000);
        RuleFor(c => c).Must(c => c.ScoresNotHeld || c.AreaScores.Count > 0 || c.Total is not null)
            .OverridePropertyName("areaScores").WithMessage("A historical result needs area scores, a total, or both (or scoresNotHeld when the source gives none).");
        RuleFor(c => c).Must(c => !c.ScoresNotHeld || (c.AreaScores.Count == 0 && c.Total is null))
            .OverridePropertyName("scoresNotHeld").WithMessage("scoresNotHeld records an evaluation whose scores the source does not give: leave out the area scores and the total.");
        RuleFor(c => c.AreaScores).MustNameEachAreaOnce();
        RuleForEach(c => c.AreaScores).SetValidator(AreaScoreInputValidator.Instance);
        RuleFor(c => c.Total).InclusiveBetween(0, 800);
    }
}

public sealed class AssignEvaluatorValidator : AbstractValidator<AssignEvaluator>
{
    public static readonly AssignEvaluatorValidator Instance = new();

    public AssignEvaluatorValidator()
    {
        RuleFor(c => c.EvaluationId).MustBeEvaluationId();
        RuleFor(c => c.Subject).NotEmpty().MaximumLength(200).WithMessage("Give the evaluator's user id (the subject of its token), at most 200 characters.");
    }
}
