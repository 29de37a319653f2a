using System.Text.Encodings.Web;
using System.Text.Json;

namespace Kompass.Gateway.Http;

/// <summary>
/// JSON as people read it: names as written (Ørsta, not \u00D8rsta), as the GraphQL answers are. Safe
/// because the service's JSON is served as JSON, never inside HTML.
/// </summary>
internal static class JsonText
{
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly JsonSerializerOptions Indented = new(Web) { WriteIndented = true };
}
