namespace Kompass.Domain;

/// <summary>The kinds of failure a caller can act on; the gateway maps each to a GraphQL extensions.code.</summary>
public enum ErrorCode
{
    Validation,
    NotFound,
    Conflict,
    Forbidden,
    Unauthenticated,
    RateLimited,
}

/// <summary>
/// A rule of the domain was broken. Thrown before any state is changed, so a failed command
/// never leaves anything half-applied.
/// </summary>
public sealed class DomainException(ErrorCode code, string message, string? field = null) : Exception(message)
{
    public ErrorCode Code { get; } = code;

    /// <summary>The input field the error is about (camelCase path such as <c>ratings[2].system</c>), when there is one.</summary>
    public string? Field { get; } = field;

    public static DomainException Validation(string field, string message) => new(ErrorCode.Validation, message, field);
    public static DomainException NotFound(string message, string? field = null) => new(ErrorCode.NotFound, message, field);
    public static DomainException Conflict(string message, string? field = null) => new(ErrorCode.Conflict, message, field);
}
