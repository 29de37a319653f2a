namespace Kompass.Domain.Strategies;

/// <summary>The one check of free text the strategy rules use: trimmed, required or optional, length-limited.</summary>
internal static class StrategyText
{
    public static string Required(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw DomainException.Validation(field, $"{field} is required.");
        return Limited(value.Trim(), field, maxLength);
    }

    public static string? Optional(string? value, string field, int maxLength) =>
        string.IsNullOrWhiteSpace(value) ? null : Limited(value.Trim(), field, maxLength);

    /// <summary>Who made a change: audited like an amendment, so an unidentified caller is UNAUTHENTICATED.</summary>
    public static string Caller(string? by) =>
        string.IsNullOrWhiteSpace(by)
            ? throw new DomainException(ErrorKind.Unauthenticated, "A change to a strategy is logged: the caller must be identified.")
            : by.Trim();

    private static string Limited(string value, string field, int maxLength) =>
        value.Length <= maxLength ? value : throw DomainException.Validation(field, $"{field} has at most {maxLength} characters ({value.Length} given).");
}
