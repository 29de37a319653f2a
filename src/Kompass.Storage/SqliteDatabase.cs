using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Kompass.Storage;

/// <summary>
/// How Kompass opens its SQLite file. Durability and concurrency settings:
/// <list type="bullet">
/// <item><c>journal_mode=WAL</c> (persistent in the file, set by the migrator): readers never block the
/// writer and a crash never leaves a half-written page.</item>
/// <item><c>synchronous=FULL</c> on every connection: each commit's WAL frames are fsync'ed before the
/// commit returns, so an acknowledged grain write survives a process crash and also an OS crash or
/// power loss (NORMAL would survive a process crash only).</item>
/// <item><c>busy_timeout</c> 30 s and Microsoft.Data.Sqlite's <c>Default Timeout</c> 30 s: a writer
/// waits for another writer instead of failing with SQLITE_BUSY.</item>
/// </list>
/// </summary>
public static class SqliteDatabase
{
    /// <summary>Milliseconds a connection waits for the write lock.</summary>
    public const int BusyTimeoutMilliseconds = 30_000;

    /// <summary>The connection string for <paramref name="path"/> (pooled, read-write-create).</summary>
    public static string ConnectionString(string path) =>
        new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        }.ToString();

    /// <summary>
    /// A data source whose connections apply the per-connection pragmas on every open. The Orleans
    /// providers take it through their <c>DataSource</c> option.
    /// </summary>
    public static DbDataSource CreateDataSource(string path) => new KompassSqliteDataSource(ConnectionString(path));

    /// <summary>Opens a connection with the Kompass pragmas applied.</summary>
    public static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(ConnectionString(path));
        connection.StateChange += ApplyPragmasOnOpen;
        connection.Open();
        return connection;
    }

    private const string ConnectionPragmas = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;";

    private static void ApplyPragmasOnOpen(object sender, StateChangeEventArgs e)
    {
        if (e.CurrentState == ConnectionState.Open && e.OriginalState != ConnectionState.Open && sender is SqliteConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = ConnectionPragmas;
            command.ExecuteNonQuery();
        }
    }

    private sealed class KompassSqliteDataSource(string connectionString) : DbDataSource
    {
        public override string ConnectionString { get; } = connectionString;

        protected override DbConnection CreateDbConnection()
        {
            var connection = new SqliteConnection(ConnectionString);
            connection.StateChange += ApplyPragmasOnOpen;
            return connection;
        }
    }
}
