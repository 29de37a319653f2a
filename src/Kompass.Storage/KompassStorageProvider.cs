namespace Kompass.Storage;

/// <summary>Where grain state and reminders live (<c>Kompass:Storage:Provider</c>).</summary>
public enum KompassStorageProvider
{
    /// <summary>One SQLite file, one silo, localhost clustering. The default.</summary>
    Sqlite,

    /// <summary>PostgreSQL: grain state, reminders and cluster membership, for several silos.</summary>
    Postgres,

    /// <summary>
    /// Azure Storage: grain state in blobs, cluster membership and reminders in tables, for several silos
    /// (Orleans' AzureStorage providers; Azurite in tests).
    /// </summary>
    AzureStorage,

    /// <summary>In memory, lost on restart. Only when asked for explicitly (tests, demos).</summary>
    Memory,
}
