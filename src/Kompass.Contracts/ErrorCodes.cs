using FluentValidation;
using FluentValidation.Results;
using Kompass.Domain;
using Orleans.Runtime;
using Orleans.Storage;

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
    public const string Unavailable = "UNAVAILABLE";
    public const string Internal = "INTERNAL_ERROR";

    /// <summary>
    /// A failure of the service's own infrastructure as the code a client can act on, or null when it
    /// is none of those (then it is our bug: INTERNAL_ERROR). A storage version conflict is CONFLICT
    /// (re-read and retry); an unreachable database, a lost silo or a call timeout is UNAVAILABLE.
    /// </summary>
    public static KompassError? FromInfrastructure(Exception e)
    {
        for (var x = e; x is not null; x = x is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : x.InnerException)
        {
            switch (x)
            {
                case KompassError k:
                    return k;
                case InconsistentStateException:
                    return new KompassError(Conflict,
                        "Someone else changed the same data at the same moment: read it again and retry.", null, [], retryable: true);
                case System.Data.Common.DbException or System.Net.Sockets.SocketException or TimeoutException
                    or OrleansMessageRejectionException or GatewayTooBusyException or Orleans.Runtime.Messaging.ConnectionFailedException:
                    return UnavailableError();
            }
        }
        return null;
    }

    /// <summary>The answer while storage or the cluster cannot be reached: retry later (with the same Idempotency-Key).</summary>
    public static KompassError UnavailableError() => new(Unavailable,
        "The service cannot reach its storage or cluster just now. Retry shortly with the same Idempotency-Key: a change is then applied at most once.",
        null, [], retryable: true);

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

    public static KompassError From(DomainException e) => new(Of(e.Code), e.Message, e.Field, e.Details, e.Retryable);

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
