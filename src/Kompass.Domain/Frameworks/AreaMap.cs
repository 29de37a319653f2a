namespace Kompass.Domain.Frameworks;

/// <summary>
/// The translation of one version's area codes into another's, from a declared <see cref="AreaMapping"/>
/// (read forwards or backwards) or, within one version, the identity. Immutable.
/// </summary>
public sealed class AreaMap
{
    private readonly Dictionary<string, string> _codes;

    internal AreaMap(FrameworkDefinition from, FrameworkDefinition to, AreaMapping declared, bool inverse)
    {
        From = from;
        To = to;
        Note = declared.Note;
        _codes = declared.Areas.ToDictionary(
            p => inverse ? p.EarlierArea : p.Area,
            p => inverse ? p.Area : p.EarlierArea,
            StringComparer.Ordinal);
    }

    private AreaMap(FrameworkDefinition version)
    {
        From = To = version;
        _codes = version.Areas.ToDictionary(a => a.Code, a => a.Code, StringComparer.Ordinal);
    }

    public static AreaMap Identity(FrameworkDefinition version) => new(version);

    public FrameworkDefinition From { get; }
    public FrameworkDefinition To { get; }

    /// <summary>What the framework file says of the mapping (where it comes from, what it cannot say).</summary>
    public string? Note { get; }

    public bool CrossesVersions => From.Version != To.Version;

    /// <summary>Every area of both versions has a counterpart, so totals are sums over the same areas.</summary>
    public bool CoversAllAreas => _codes.Count == From.Areas.Count && _codes.Count == To.Areas.Count;

    /// <summary>The code in <see cref="To"/> of an area of <see cref="From"/>; null when it has no counterpart.</summary>
    public string? Map(string fromArea) => _codes.GetValueOrDefault(fromArea);
}
