namespace Kompass.Contracts;

/// <summary>
/// A rejected command, as it crosses from a grain to the gateway: the domain's error code, the input
/// field it is about and the items to act on. Grains turn every DomainException into this one type.
/// </summary>
[GenerateSerializer, Alias("kompass.KompassError")]
public sealed class KompassError(string code, string message, string? field, IReadOnlyList<string> details, bool retryable = false)
    : Exception(message)
{
    /// <summary>The GraphQL extensions.code: VALIDATION_ERROR, NOT_FOUND, CONFLICT, ...</summary>
    [Id(0)] public string Code { get; } = code;
    [Id(1)] public string? Field { get; } = field;
    [Id(2)] public IReadOnlyList<string> Details { get; } = details;

    /// <summary>The same request may succeed if sent again (after re-reading, for a stale version).</summary>
    [Id(3)] public bool Retryable { get; } = retryable;
}
