using Microsoft.Data.Sqlite;

namespace Kompass.Testing;

/// <summary>
/// A temporary folder with a path for a SQLite database in it (the file itself is not created). On
/// dispose the connection pools are cleared and the folder, with the -wal and -shm files, is deleted.
/// </summary>
public sealed class TempSqliteFile : IDisposable
{
    public TempSqliteFile(string name = "kompass")
    {
        Folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"kompass-sqlite-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Folder);
        Path = System.IO.Path.Combine(Folder, $"{name}.db");
    }

    /// <summary>The temporary folder.</summary>
    public string Folder { get; }

    /// <summary>The database file path, for <c>Kompass:Storage:Sqlite:Path</c>.</summary>
    public string Path { get; }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
        catch (UnauthorizedAccessException)
        {
            // best effort
        }
    }
}
