namespace Kompass.Storage;

/// <summary>Names shared by the host, the grains and the tests.</summary>
public static class KompassStorage
{
    /// <summary>
    /// The grain storage name: <c>[PersistentState("stateName", KompassStorage.StorageName)]</c>. The same
    /// provider is also registered as the default grain storage.
    /// </summary>
    public const string StorageName = "kompass";

    /// <summary>Configuration section for storage: <c>Kompass:Storage</c>.</summary>
    public const string StorageSection = "Kompass:Storage";

    /// <summary>Configuration section for the cluster: <c>Kompass:Cluster</c>.</summary>
    public const string ClusterSection = "Kompass:Cluster";

    /// <summary>
    /// ADO.NET invariant Orleans 10.4.2 uses for SQLite. Its providers map it to
    /// Microsoft.Data.Sqlite's <c>SqliteFactory</c>.
    /// </summary>
    public const string SqliteInvariant = "System.Data.SQLite";

    /// <summary>ADO.NET invariant for PostgreSQL (Npgsql).</summary>
    public const string PostgresInvariant = "Npgsql";
}
