using FluentValidation;

namespace Kompass.Contracts.Kommuner;

public sealed class RegisterKommuneValidator : AbstractValidator<RegisterKommune>
{
    public static readonly RegisterKommuneValidator Instance = new();

    public RegisterKommuneValidator()
    {
        RuleFor(c => c.KommuneId).MustBeKommuneId();
        RuleFor(c => c.Name).MaximumLength(200);
        RuleFor(c => c.CountyName).MaximumLength(200);
        RuleFor(c => c.Population).GreaterThanOrEqualTo(0);
    }
}
