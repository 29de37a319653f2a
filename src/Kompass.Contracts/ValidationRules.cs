using FluentValidation;
using Kompass.Contracts.Evaluations;
using Kompass.Domain.Evaluations;
using Kompass.Domain.Kommuner;

namespace Kompass.Contracts;

/// <summary>Rules shared by the command validators.</summary>
internal static class ValidationRules
{
    public static IRuleBuilderOptions<T, string> MustBeKommuneId<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(id => KommuneId.TryParse(id, out _))
            .WithMessage("'{PropertyValue}' is not a kommune id: expected country and 4-digit number, e.g. NO-5027 or SE-0115.");

    public static IRuleBuilderOptions<T, IReadOnlyList<AreaScoreInput>> MustNameEachAreaOnce<T>(this IRuleBuilder<T, IReadOnlyList<AreaScoreInput>> rule) =>
        rule.Must(a => a.Select(s => s.Code).Distinct().Count() == a.Count).WithMessage("Each area may appear only once.");

    public static IRuleBuilderOptions<T, string> MustBeEvaluationId<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(EvaluationIds.IsWellFormed)
            .WithMessage("'{PropertyValue}' is not an evaluation id such as NO-5027/eval/2023-1.");

    // Kommunekompasset started in 2000s; a date far outside is a typo, not history.
    public static IRuleBuilderOptions<T, DateOnly> MustBePlausibleDate<T>(this IRuleBuilder<T, DateOnly> rule) =>
        rule.InclusiveBetween(new DateOnly(1990, 1, 1), new DateOnly(2100, 12, 31));
}
