using FluentValidation;

namespace Kompass.Contracts.Kommuner;

public sealed class RotateCalendarFeedTokenValidator : AbstractValidator<RotateCalendarFeedToken>
{
    public static readonly RotateCalendarFeedTokenValidator Instance = new();

    public RotateCalendarFeedTokenValidator() => RuleFor(c => c.KommuneId).MustBeKommuneId();
}

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

public sealed class OffboardKommuneValidator : AbstractValidator<OffboardKommune>
{
    public static readonly OffboardKommuneValidator Instance = new();

    public OffboardKommuneValidator()
    {
        RuleFor(c => c.KommuneId).MustBeKommuneId();
        RuleFor(c => c.Confirm).Equal(c => c.KommuneId)
            .WithMessage("Offboarding deletes every piece of the kommune's data: repeat its id in confirm.");
    }
}
