using FluentValidation;
using FluentValidation.Results;
using Kompass.Domain;

namespace Kompass.Contracts;

/// <summary>The GraphQL <c>extensions.code</c> values, and the one place that turns failures into <see cref="KompassError"/>.</summary>
public static class ErrorCodes
{
    public const string Validation = "VALIDATION_ERROR";
    public const string NotFound = "NOT_FOUND";
    public const string Conflict = "CONFLICT";
    public const string Forbidden = "FORBIDDEN";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string RateLimited = "RATE_LIMITED";

    public static string Of(ErrorKind code) => code switch
    {
        ErrorKind.Validation => Validation,
        ErrorKind.NotFound => NotFound,
        ErrorKind.Conflict => Conflict,
        ErrorKind.Forbidden => Forbidden,
        ErrorKind.Unauthenticated => Unauthenticated,
        ErrorKind.RateLimited => RateLimited,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, null),
    };

    public static KompassError From(DomainException e) => new(Of(e.Code), e.Message, e.Field, e.Details);

    /// <summary>The first failure of a FluentValidation result, with its property path in camelCase (the GraphQL field).</summary>
    public static KompassError From(ValidationFailure failure) =>
        new(Validation, failure.ErrorMessage, CamelCasePath(failure.PropertyName), []);

    /// <summary>Runs a command's validator; throws the first failure as a VALIDATION_ERROR.</summary>
    public static void EnsureValid<T>(this IValidator<T> validator, T command)
    {
        var result = validator.Validate(command);
        if (!result.IsValid)
            throw From(result.Errors[0]);
    }

    public static string CamelCasePath(string path) =>
        string.Join('.', path.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}
