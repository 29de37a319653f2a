using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Storage;

namespace Kompass.Storage;

/// <summary>
/// Grain state as JSON (System.Text.Json): web defaults (camelCase names, case-insensitive reading,
/// numbers accepted from strings), enums as their names, unknown properties ignored. Stored state is
/// therefore readable in the database and survives added, removed and renamed-by-case properties.
/// State classes need no Orleans attributes: public get/set properties or constructor parameters.
/// Used for every Kompass storage provider (memory, SQLite, PostgreSQL).
/// </summary>
public sealed class KompassJsonGrainStorageSerializer : IGrainStorageSerializer
{
    /// <summary>The options used for grain state; reuse them wherever state is read as JSON.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>A value stored as JSON with <see cref="Options"/> outside a grain's state (history pages keep items so).</summary>
    public static T FromJson<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)!;

    public BinaryData Serialize<T>(T? input) =>
        new(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    public T Deserialize<T>(BinaryData input) =>
        JsonSerializer.Deserialize<T>(input.ToMemory().Span, Options)!;

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            // Enum names in the stored JSON; reading accepts any case and still accepts numbers.
            Converters = { new JsonStringEnumConverter() },
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
