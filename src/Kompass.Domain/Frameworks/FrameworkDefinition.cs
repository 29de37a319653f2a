namespace Kompass.Domain.Frameworks;

/// <summary>A name in Norwegian bokmål and Swedish, with English where the owner gives one.</summary>
public sealed record LocalizedName(string Nb, string Sv, string? En = null);

/// <summary>The integer scale each of the three dimensions is rated on (0-4 in both shipped versions).</summary>
public sealed record RatingScale(int Min, int Max);

/// <summary>One of the four perspectives (A-D) that group the focus areas in version 2020.</summary>
public sealed record Perspective(string Code, LocalizedName Name);

/// <summary>A question inside a sub-area, numbered area.subarea.question (e.g. 6.3.1).</summary>
public sealed record Question(string Code, LocalizedName Text, decimal MaxPoints);

/// <summary>A sub-area of a focus area (e.g. 6.3 Kontinuerlig forbedring).</summary>
public sealed record SubArea(string Code, LocalizedName Name, decimal MaxPoints, IReadOnlyList<Question> Questions);

/// <summary>A focus area (fokusområde), 100 points.</summary>
public sealed record FocusArea(
    string Code,
    string? Perspective,
    LocalizedName Name,
    decimal MaxPoints,
    IReadOnlyList<SubArea> SubAreas);

/// <summary>
/// What the evaluators rate: a question where the sub-area has questions, else the sub-area itself;
/// in a version without sub-areas (2010), the focus area itself.
/// </summary>
public sealed record ScoringPoint(string Code, string AreaCode, LocalizedName Name, decimal MaxPoints);

/// <summary>One of this version's focus areas and the area of an earlier version it continues.</summary>
public sealed record AreaCorrespondence(string Area, string EarlierArea);

/// <summary>
/// How this version's focus areas correspond to those of an earlier <paramref name="Version"/>, one to one;
/// an area left out has no counterpart. Trends across versions go through it (docs/analytics.md).
/// </summary>
public sealed record AreaMapping(string Version, IReadOnlyList<AreaCorrespondence> Areas, string? Note = null);

/// <summary>
/// A published version of the Kommunekompasset framework, loaded from <c>frameworks/&lt;version&gt;.json</c>.
/// Evaluations reference the version they were scored under.
/// </summary>
public sealed record FrameworkDefinition(
    string Version,
    LocalizedName Name,
    RatingScale RatingScale,
    IReadOnlyList<Perspective> Perspectives,
    IReadOnlyList<FocusArea> Areas,
    string? Source = null,
    IReadOnlyList<AreaMapping>? AreaMappings = null)
{
    public decimal MaxTotal => Areas.Sum(a => a.MaxPoints);

    public IEnumerable<ScoringPoint> ScoringPoints => Areas.SelectMany(ScoringPointsOf);

    public FocusArea? FindArea(string code) => Areas.FirstOrDefault(a => a.Code == code);

    /// <summary>The scoring point with this code, from an index built once per instance.</summary>
    public ScoringPoint? FindScoringPoint(string code) =>
        code is not null && ScoringPointIndex.GetValue(this, BuildIndex).TryGetValue(code, out var point) ? point : null;

    // Kept outside the record's fields so that generated equality and `with` copies are unaffected:
    // the table is keyed by instance identity, so a `with` copy gets its own index.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<FrameworkDefinition, Dictionary<string, ScoringPoint>>
        ScoringPointIndex = new();

    private static Dictionary<string, ScoringPoint> BuildIndex(FrameworkDefinition framework)
    {
        var index = new Dictionary<string, ScoringPoint>(StringComparer.Ordinal);
        foreach (var point in framework.ScoringPoints)
            index.TryAdd(point.Code, point); // first wins, as the former linear scan did (duplicates fail validation anyway)
        return index;
    }

    public static IEnumerable<ScoringPoint> ScoringPointsOf(FocusArea area)
    {
        if (area.SubAreas.Count == 0)
        {
            yield return new ScoringPoint(area.Code, area.Code, area.Name, area.MaxPoints);
            yield break;
        }
        foreach (var sub in area.SubAreas)
        {
            if (sub.Questions.Count == 0)
                yield return new ScoringPoint(sub.Code, area.Code, sub.Name, sub.MaxPoints);
            else
                foreach (var q in sub.Questions)
                    yield return new ScoringPoint(q.Code, area.Code, q.Text, q.MaxPoints);
        }
    }
}
