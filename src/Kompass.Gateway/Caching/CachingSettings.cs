namespace Kompass.Gateway.Caching;

/// <summary>
/// Bounds of the read path's in-memory stores (section <c>Kompass:Caching</c>): parsed documents and registered
/// persisted queries counted in characters of query text (about ten times that in memory), whole answers in bytes.
/// </summary>
public sealed class CachingSettings
{
    public const string Section = "Kompass:Caching";

    /// <summary>Query text of the parsed and validated documents kept; 0 switches the document cache off.</summary>
    public long DocumentCacheChars { get; set; } = 1_000_000;

    /// <summary>Query text of the registered persisted queries kept (least recently used go first).</summary>
    public long PersistedQueryChars { get; set; } = 1_000_000;

    /// <summary>Bytes of whole answers kept (<see cref="AnswerCache"/>: reads of published evaluations); 0 switches it off.</summary>
    public long AnswerCacheBytes { get; set; } = 32 * 1024 * 1024;

    internal static void Check(CachingSettings s)
    {
        if (s.DocumentCacheChars < 0 || s.PersistedQueryChars < 1 || s.AnswerCacheBytes < 0)
            throw new Microsoft.Extensions.Options.OptionsValidationException(Section, typeof(CachingSettings),
                [$"{Section}: DocumentCacheChars and AnswerCacheBytes must be 0 (off) or more, PersistedQueryChars at least 1."]);
    }
}
