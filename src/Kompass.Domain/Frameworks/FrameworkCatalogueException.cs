namespace Kompass.Domain.Frameworks;

/// <summary>
/// The framework catalogue could not be loaded: a file is missing, malformed or breaks a rule of
/// <see cref="FrameworkValidator"/>. Thrown at start-up, so a bad catalogue never serves requests.
/// </summary>
public sealed class FrameworkCatalogueException : Exception
{
    public FrameworkCatalogueException(string message, string? filePath = null, IReadOnlyList<string>? errors = null, Exception? inner = null)
        : base(message, inner)
    {
        FilePath = filePath;
        Errors = errors ?? [];
    }

    /// <summary>The file at fault, when there is one.</summary>
    public string? FilePath { get; }

    /// <summary>One line per broken rule: <c>path (element): rule</c>; empty for file-level errors.</summary>
    public IReadOnlyList<string> Errors { get; }
}
