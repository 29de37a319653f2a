namespace Kompass.Domain;

/// <summary>The kinds of failure a caller can act on; the gateway maps each to a GraphQL extensions.code.</summary>
public enum ErrorKind
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
public sealed class DomainException(ErrorKind code, string message, string? field = null, IReadOnlyList<string>? details = null,
    bool retryable = false)
    : Exception(message)
{
    /// <summary>The same request may succeed later: after re-reading (a stale version) or waiting (a limit).</summary>
    public bool Retryable { get; } = retryable;

    public ErrorKind Code { get; } = code;

    /// <summary>The input field the error is about (camelCase path such as <c>ratings[2].system</c>), when there is one.</summary>
    public string? Field { get; } = field;

    /// <summary>Items the caller must act on, e.g. the scoring points still unrated.</summary>
    public IReadOnlyList<string> Details { get; } = details ?? [];

    public static DomainException Validation(string field, string message) => new(ErrorKind.Validation, message, field);
    public static DomainException NotFound(string message, string? field = null) => new(ErrorKind.NotFound, message, field);
    public static DomainException Conflict(string message, string? field = null, IReadOnlyList<string>? details = null) =>
        new(ErrorKind.Conflict, message, field, details);

    /// <summary>The caller read an older version than the one held: re-read and retry.</summary>
    public static DomainException StaleVersion(string message) => new(ErrorKind.Conflict, message, "expectedVersion", retryable: true);
}
