using System.Text.Json.Nodes;
using Kompass.Domain.Frameworks;

namespace Kompass.Domain.Tests.Frameworks;

/// <summary>A throw-away frameworks folder: tests write shipped files, edited copies or broken JSON into it.</summary>
internal sealed class TempFrameworkDirectory : IDisposable
{
    public TempFrameworkDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kompass-frameworks-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public static string ShippedJson(string version) =>
        File.ReadAllText(System.IO.Path.Combine(FrameworkCatalogue.DefaultDirectory, version + ".json"));

    /// <summary>Writes raw text and returns the full path of the file.</summary>
    public string Write(string fileName, string text)
    {
        var file = System.IO.Path.Combine(Path, fileName);
        File.WriteAllText(file, text);
        return file;
    }

    /// <summary>Writes a shipped version unchanged.</summary>
    public string WriteShipped(string version) => Write(version + ".json", ShippedJson(version));

    /// <summary>Writes a copy of a shipped version after <paramref name="edit"/> has changed it.</summary>
    public string WriteEdited(string fileName, string version, Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(ShippedJson(version))!.AsObject();
        edit(root);
        return Write(fileName, root.ToJsonString());
    }

    public FrameworkCatalogue Load() => FrameworkCatalogue.LoadDirectory(Path);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { } // a leftover temp folder must not fail a test
    }
}
