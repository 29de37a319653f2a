using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using FluentValidation.Results;

namespace Kompass.Domain.Frameworks;

/// <summary>
/// The framework versions the service knows, loaded once from <c>frameworks/*.json</c> and validated
/// as a whole: a new version is published by dropping in a file, never by changing code.
/// Immutable, so one instance can be shared by every request.
/// </summary>
public sealed partial class FrameworkCatalogue
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        // A misspelt property ("maxPoint") would otherwise vanish silently and surface as a confusing sum error.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly Dictionary<string, FrameworkDefinition> _byVersion;
    private readonly Dictionary<(string From, string To), AreaMap> _areaMaps = [];

    private FrameworkCatalogue(IEnumerable<FrameworkDefinition> definitions)
    {
        All = definitions.OrderBy(d => d.Version, StringComparer.Ordinal).ToList().AsReadOnly();
        _byVersion = All.ToDictionary(d => d.Version, StringComparer.Ordinal);
        Versions = All.Select(d => d.Version).ToList().AsReadOnly();
        foreach (var later in All)
            foreach (var mapping in later.AreaMappings ?? [])
            {
                var earlier = _byVersion[mapping.Version];
                _areaMaps[(later.Version, earlier.Version)] = new AreaMap(later, earlier, mapping, inverse: false);
                _areaMaps[(earlier.Version, later.Version)] = new AreaMap(earlier, later, mapping, inverse: true);
            }
    }

    /// <summary>The <c>frameworks</c> folder next to the application's binaries, where the build copies the shipped files.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "frameworks");

    /// <summary>All versions, sorted by version.</summary>
    public IReadOnlyList<FrameworkDefinition> All { get; }

    /// <summary>The known version identifiers, sorted.</summary>
    public IReadOnlyList<string> Versions { get; }

    public bool TryGet(string? version, [MaybeNullWhen(false)] out FrameworkDefinition definition)
    {
        definition = null;
        return version is not null && _byVersion.TryGetValue(version, out definition);
    }

    /// <summary>The version an input names; an unknown one is a validation error on <paramref name="field"/>.</summary>
    public FrameworkDefinition Get(string version, string field = "frameworkVersion") =>
        TryGet(version, out var definition)
            ? definition
            : throw DomainException.Validation(field, $"Unknown framework version '{version}'; known versions: {string.Join(", ", Versions)}.");

    /// <summary>
    /// How the areas of <paramref name="fromVersion"/> translate to <paramref name="toVersion"/>: the same codes
    /// within one version, else the mapping a framework file declares (used either way). Two versions with no
    /// declared mapping are a validation error on <paramref name="field"/>: their areas cannot be compared.
    /// </summary>
    public AreaMap AreaMap(string fromVersion, string toVersion, string field = "frameworkVersion")
    {
        var from = Get(fromVersion, field);
        var to = Get(toVersion, field);
        if (from.Version == to.Version)
            return Frameworks.AreaMap.Identity(from);
        return _areaMaps.TryGetValue((from.Version, to.Version), out var map)
            ? map
            : throw DomainException.Validation(field,
                $"Framework versions {from.Version} and {to.Version} cannot be compared: neither file declares how their areas map (areaMappings).");
    }

    /// <summary>Loads and validates every <c>*.json</c> file in <paramref name="directory"/>.</summary>
    /// <exception cref="FrameworkCatalogueException">The directory is missing or empty, a file is malformed or invalid, or two files define the same version.</exception>
    public static FrameworkCatalogue LoadDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var full = Path.GetFullPath(directory);
        if (!Directory.Exists(full))
            throw new FrameworkCatalogueException($"Framework directory '{full}' does not exist.");

        // Sorted so that errors (and which file counts as the duplicate) do not depend on the file system's order.
        var files = Directory.GetFiles(full, "*.json").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
            throw new FrameworkCatalogueException($"Framework directory '{full}' contains no framework files (*.json).");

        return Build(files.Select(file => (ReadFile(file), $"Framework file '{file}'", (string?)file)));
    }

    /// <summary>Builds a catalogue from definitions in memory (tests, tools), with the same validation as files.</summary>
    public static FrameworkCatalogue FromDefinitions(IEnumerable<FrameworkDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        return Build(definitions.Select((d, i) => (d, $"Framework definition #{i + 1} (version '{d?.Version}')", (string?)null)));
    }

    private static FrameworkCatalogue Build(IEnumerable<(FrameworkDefinition Definition, string Origin, string? File)> items)
    {
        var origins = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = new Dictionary<string, string?>(StringComparer.Ordinal);
        var definitions = new List<FrameworkDefinition>();
        foreach (var (definition, origin, file) in items)
        {
            if (definition is null)
                throw new FrameworkCatalogueException($"{origin} is null.", file);
            var result = FrameworkValidator.Instance.Validate(definition);
            if (!result.IsValid)
            {
                var errors = result.Errors.Select(e => Describe(definition, e)).ToList();
                throw new FrameworkCatalogueException(
                    $"{origin} is invalid ({errors.Count} error(s)):{Environment.NewLine}" +
                    string.Join(Environment.NewLine, errors.Select(e => "  - " + e)),
                    file, errors);
            }
            if (!origins.TryAdd(definition.Version, origin))
                throw new FrameworkCatalogueException(
                    $"{origin}: version '{definition.Version}' is already defined by {origins[definition.Version]}; each version must be defined once.",
                    file);
            files[definition.Version] = file;
            definitions.Add(definition);
        }
        if (definitions.Count == 0)
            throw new FrameworkCatalogueException("The framework catalogue needs at least one version.");
        CheckAreaMappings(definitions, origins, files);
        return new FrameworkCatalogue(definitions);
    }

    /// <summary>What one file cannot check alone: the version a mapping names exists, has the areas named, and does not map back.</summary>
    private static void CheckAreaMappings(List<FrameworkDefinition> definitions, Dictionary<string, string> origins, Dictionary<string, string?> files)
    {
        var byVersion = definitions.ToDictionary(d => d.Version, StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            var errors = new List<string>();
            var mappings = definition.AreaMappings ?? [];
            for (var m = 0; m < mappings.Count; m++)
            {
                var mapping = mappings[m];
                var path = $"areaMappings[{m}]";
                if (!byVersion.TryGetValue(mapping.Version, out var earlier))
                {
                    errors.Add($"{path}.version: version '{mapping.Version}' is not in the catalogue; known versions: {string.Join(", ", byVersion.Keys.Order(StringComparer.Ordinal))}");
                    continue;
                }
                if ((earlier.AreaMappings ?? []).Any(x => x.Version == definition.Version))
                    errors.Add($"{path}.version: {origins[earlier.Version]} also maps version {earlier.Version} to {definition.Version}; declare a mapping once, in the later version's file");
                for (var a = 0; a < mapping.Areas.Count; a++)
                {
                    var pair = mapping.Areas[a];
                    if (earlier.FindArea(pair.EarlierArea) is null)
                        errors.Add($"{path}.areas[{a}].earlierArea (area {pair.Area}): area '{pair.EarlierArea}' is not an area of version {earlier.Version}; its areas are {string.Join(", ", earlier.Areas.Select(x => x.Code))}");
                }
            }
            if (errors.Count > 0)
                throw new FrameworkCatalogueException(
                    $"{origins[definition.Version]} is invalid ({errors.Count} error(s)):{Environment.NewLine}" +
                    string.Join(Environment.NewLine, errors.Select(e => "  - " + e)),
                    files[definition.Version], errors);
        }
    }

    private static FrameworkDefinition ReadFile(string file)
    {
        FrameworkDefinition? definition;
        try
        {
            using var stream = File.OpenRead(file);
            definition = JsonSerializer.Deserialize<FrameworkDefinition>(stream, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new FrameworkCatalogueException(
                $"Framework file '{file}' is not a valid framework document: line {ex.LineNumber + 1}, " +
                $"position {ex.BytePositionInLine + 1}, at '{ex.Path ?? "$"}': {WithoutPosition(ex.Message)}",
                file, inner: ex);
        }
        catch (IOException ex)
        {
            throw new FrameworkCatalogueException($"Framework file '{file}' cannot be read: {ex.Message}", file, inner: ex);
        }
        return definition is null
            ? throw new FrameworkCatalogueException($"Framework file '{file}' contains null, not a framework object.", file)
            : Normalize(definition);
    }

    // System.Text.Json appends "Path: … | LineNumber: … | BytePositionInLine: …" (0-based); we report 1-based ourselves.
    private static string WithoutPosition(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    // Lists left out of the file are empty (2010 has no perspectives or sub-areas); nulls inside lists
    // are kept so that the validator reports them at their position.
    private static FrameworkDefinition Normalize(FrameworkDefinition f) => f with
    {
        Perspectives = f.Perspectives ?? [],
        AreaMappings = f.AreaMappings ?? [],
        Areas = f.Areas is null ? [] : [.. f.Areas.Select(a => a is null ? null! : a with
        {
            SubAreas = a.SubAreas is null ? [] : [.. a.SubAreas.Select(s => s is null ? null! : s with
            {
                Questions = s.Questions ?? [],
            })],
        })],
    };

    [GeneratedRegex(@"^(?:perspectives\[(?<p>\d+)\]|areas\[(?<a>\d+)\](?:\.subAreas\[(?<s>\d+)\](?:\.questions\[(?<q>\d+)\])?)?)")]
    private static partial Regex ElementPath();

    /// <summary>One error line: the camelCase JSON path, the element by its codes, and the rule.</summary>
    private static string Describe(FrameworkDefinition f, ValidationFailure failure)
    {
        // FluentValidation names members as in C# (Areas[5].SubAreas[2].MaxPoints); the file uses camelCase.
        var path = string.Join('.', failure.PropertyName.Split('.')
            .Select(segment => segment.Length == 0 ? segment : char.ToLowerInvariant(segment[0]) + segment[1..]));
        var element = DescribeElement(f, path);
        return element is null ? $"{path}: {failure.ErrorMessage}" : $"{path} ({element}): {failure.ErrorMessage}";
    }

    private static string? DescribeElement(FrameworkDefinition f, string path)
    {
        var m = ElementPath().Match(path);
        if (!m.Success) return null;
        static T? At<T>(IReadOnlyList<T>? list, Group g) where T : class =>
            list is not null && int.TryParse(g.Value, out var i) && i < list.Count ? list[i] : null;
        static string Code(string kind, string? code) => string.IsNullOrWhiteSpace(code) ? $"{kind} without code" : $"{kind} {code}";

        // Describe as deep as the elements exist: a null element is named by its path alone.
        if (m.Groups["p"].Success)
            return At(f.Perspectives, m.Groups["p"]) is { } perspective ? Code("perspective", perspective.Code) : null;

        if (At(f.Areas, m.Groups["a"]) is not { } area) return null;
        var parts = new List<string> { Code("area", area.Code) };
        if (m.Groups["s"].Success && At(area.SubAreas, m.Groups["s"]) is { } sub)
        {
            parts.Add(Code("sub-area", sub.Code));
            if (m.Groups["q"].Success && At(sub.Questions, m.Groups["q"]) is { } question)
                parts.Add(Code("question", question.Code));
        }
        return string.Join(" / ", parts);
    }
}
