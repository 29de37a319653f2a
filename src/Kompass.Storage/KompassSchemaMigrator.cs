using System.Globalization;
using System.Net.Sockets;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Kompass.Storage;

/// <summary>One numbered schema script (embedded resource <c>Sql/&lt;Provider&gt;/NNNN_name.sql</c>).</summary>
public sealed record SchemaMigration(int Version, string Name, string Sql, string Checksum);

/// <summary>What a migrator run did.</summary>
/// <param name="SchemaVersion">The highest schema version recorded in the database after the run.</param>
/// <param name="Applied">The versions this run applied (empty when the schema was already current).</param>
public sealed record SchemaMigrationResult(KompassStorageProvider Provider, int SchemaVersion, IReadOnlyList<int> Applied);

/// <summary>
/// Creates or upgrades the Kompass schema: the Orleans provider tables, the <c>OrleansQuery</c> rows
/// they read, and <c>KompassSchemaVersion</c>, where each applied script is recorded once (version,
/// name, SHA-256, time).
/// <para>Safe to run again (applied versions are skipped) and from several processes at once: the check
/// and the scripts run in one transaction that first takes a database-wide lock, so a second migrator
/// waits and then finds nothing left to do.
/// PostgreSQL: <c>pg_advisory_xact_lock</c>, released with the transaction; DDL is transactional, so a
/// failed script leaves nothing behind. SQLite: <c>BEGIN IMMEDIATE</c> (the write lock) with a 30 s busy
/// timeout; WAL journal mode is switched on first.</para>
/// <para>Problems with the configured location (folder not creatable or writable, server unreachable,
/// login refused, script failure) are raised as <see cref="StorageConfigurationException"/> naming the
/// setting.</para>
/// </summary>
public static class KompassSchemaMigrator
{
    /// <summary>The table where applied schema versions are recorded.</summary>
    public const string VersionTable = "KompassSchemaVersion";

    // "Kompass" in ASCII: the pg_advisory_xact_lock key that serializes migrators.
    private const long PostgresLockKey = 0x004B_6F6D_7061_7373;

    private static readonly Lazy<IReadOnlyDictionary<KompassStorageProvider, IReadOnlyList<SchemaMigration>>> AllMigrations =
        new(LoadMigrations);

    /// <summary>The scripts for <paramref name="provider"/>, in version order (none for Memory).</summary>
    public static IReadOnlyList<SchemaMigration> Migrations(KompassStorageProvider provider) =>
        AllMigrations.Value.TryGetValue(provider, out var list) ? list : [];

    /// <summary>The schema version this build brings for <paramref name="provider"/>.</summary>
    public static int LatestVersion(KompassStorageProvider provider) =>
        Migrations(provider) is { Count: > 0 } list ? list[^1].Version : 0;

    /// <summary>Migrates the database <paramref name="settings"/> point at (nothing to do for Memory).</summary>
    public static Task<SchemaMigrationResult> MigrateAsync(KompassStorageSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Provider switch
        {
            KompassStorageProvider.Sqlite => MigrateSqliteAsync(settings.SqlitePath, cancellationToken),
            KompassStorageProvider.Postgres => MigratePostgresAsync(
                settings.PostgresConnectionString ?? throw new StorageConfigurationException(
                    settings.PostgresConnectionStringSetting, $"{settings.PostgresConnectionStringSetting} is not set"),
                settings.PostgresConnectionStringSetting,
                cancellationToken),
            _ => Task.FromResult(new SchemaMigrationResult(settings.Provider, 0, [])),
        };
    }

    /// <summary>Creates the folder and file if needed and migrates the SQLite database at <paramref name="path"/>.</summary>
    public static Task<SchemaMigrationResult> MigrateSqliteAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        cancellationToken.ThrowIfCancellationRequested();
        var fullPath = Path.GetFullPath(path);
        EnsureWritableFolder(fullPath);

        const string setting = KompassStorageSettings.SqlitePathKey;
        try
        {
            using var connection = SqliteDatabase.Open(fullPath);

            using (var wal = connection.CreateCommand())
            {
                wal.CommandText = "PRAGMA journal_mode = WAL;";
                var mode = Convert.ToString(wal.ExecuteScalar(), CultureInfo.InvariantCulture);
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new StorageConfigurationException(setting,
                        $"{setting}='{fullPath}': SQLite could not switch the database to WAL journal mode (it reports '{mode}'); " +
                        "put the file on a local file system");
                }
            }

            // BEGIN IMMEDIATE: take the write lock before reading the version table.
            using var transaction = connection.BeginTransaction(deferred: false);
            Execute(connection, transaction, $"""
                CREATE TABLE IF NOT EXISTS {VersionTable}
                (
                    Version   INTEGER NOT NULL PRIMARY KEY,
                    Name      TEXT    NOT NULL,
                    Checksum  TEXT    NOT NULL,
                    AppliedOn TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP
                );
                """);

            var applied = new HashSet<int>();
            using (var read = connection.CreateCommand())
            {
                read.Transaction = transaction;
                read.CommandText = $"SELECT Version FROM {VersionTable};";
                using var reader = read.ExecuteReader();
                while (reader.Read())
                {
                    applied.Add(reader.GetInt32(0));
                }
            }

            var newlyApplied = new List<int>();
            foreach (var migration in Migrations(KompassStorageProvider.Sqlite))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (applied.Contains(migration.Version))
                {
                    continue;
                }

                try
                {
                    Execute(connection, transaction, migration.Sql);
                }
                catch (SqliteException ex)
                {
                    throw new StorageConfigurationException(setting,
                        $"{setting}='{fullPath}': applying Kompass schema version {migration.Version} ({migration.Name}) failed: {ex.Message}", ex);
                }

                using var record = connection.CreateCommand();
                record.Transaction = transaction;
                record.CommandText = $"INSERT INTO {VersionTable} (Version, Name, Checksum) VALUES ($version, $name, $checksum);";
                record.Parameters.AddWithValue("$version", migration.Version);
                record.Parameters.AddWithValue("$name", migration.Name);
                record.Parameters.AddWithValue("$checksum", migration.Checksum);
                record.ExecuteNonQuery();
                applied.Add(migration.Version);
                newlyApplied.Add(migration.Version);
            }

            transaction.Commit();
            return Task.FromResult(new SchemaMigrationResult(KompassStorageProvider.Sqlite, applied.Count == 0 ? 0 : applied.Max(), newlyApplied));
        }
        catch (SqliteException ex)
        {
            throw new StorageConfigurationException(setting,
                $"{setting}='{fullPath}': cannot use the SQLite database: {ex.Message}", ex);
        }
    }

    /// <summary>Migrates the PostgreSQL database <paramref name="connectionString"/> points at.</summary>
    /// <param name="setting">The setting that supplied the connection string, named in error messages.</param>
    public static async Task<SchemaMigrationResult> MigratePostgresAsync(
        string connectionString,
        string setting = KompassStorageSettings.PostgresConnectionStringKey,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var endpoint = KompassStorageSettings.PostgresEndpoint(connectionString);

        await using var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException or ArgumentException or InvalidOperationException)
        {
            throw new StorageConfigurationException(setting,
                $"{setting}: cannot connect to PostgreSQL at {endpoint}: {Reason(ex)}", ex);
        }

        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({PostgresLockKey});", cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, $"""
                CREATE TABLE IF NOT EXISTS {VersionTable}
                (
                    Version   integer      NOT NULL PRIMARY KEY,
                    Name      varchar(200) NOT NULL,
                    Checksum  char(64)     NOT NULL,
                    AppliedOn timestamptz  NOT NULL DEFAULT now()
                );
                """, cancellationToken).ConfigureAwait(false);

            var applied = new HashSet<int>();
            await using (var read = new NpgsqlCommand($"SELECT Version FROM {VersionTable};", connection, transaction))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    applied.Add(reader.GetInt32(0));
                }
            }

            var newlyApplied = new List<int>();
            foreach (var migration in Migrations(KompassStorageProvider.Postgres))
            {
                if (applied.Contains(migration.Version))
                {
                    continue;
                }

                try
                {
                    await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
                }
                catch (PostgresException ex)
                {
                    throw new StorageConfigurationException(setting,
                        $"{setting}: applying Kompass schema version {migration.Version} ({migration.Name}) to PostgreSQL at {endpoint} failed: {Reason(ex)}", ex);
                }

                await using var record = new NpgsqlCommand(
                    $"INSERT INTO {VersionTable} (Version, Name, Checksum) VALUES (@version, @name, @checksum);", connection, transaction);
                record.Parameters.AddWithValue("version", migration.Version);
                record.Parameters.AddWithValue("name", migration.Name);
                record.Parameters.AddWithValue("checksum", migration.Checksum);
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                applied.Add(migration.Version);
                newlyApplied.Add(migration.Version);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new SchemaMigrationResult(KompassStorageProvider.Postgres, applied.Count == 0 ? 0 : applied.Max(), newlyApplied);
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException)
        {
            throw new StorageConfigurationException(setting,
                $"{setting}: migrating the Kompass schema in PostgreSQL at {endpoint} failed: {Reason(ex)}", ex);
        }
    }

    private static void EnsureWritableFolder(string databasePath)
    {
        const string setting = KompassStorageSettings.SqlitePathKey;
        var folder = Path.GetDirectoryName(databasePath) ?? Path.GetPathRoot(databasePath) ?? ".";

        if (Directory.Exists(databasePath))
        {
            throw new StorageConfigurationException(setting,
                $"{setting}='{databasePath}' is a folder; give the path of the database file inside it");
        }

        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new StorageConfigurationException(setting,
                $"{setting}='{databasePath}': cannot create the data folder '{folder}': {ex.Message}", ex);
        }

        var probe = Path.Combine(folder, $".kompass-write-check-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new StorageConfigurationException(setting,
                $"{setting}='{databasePath}': the data folder '{folder}' is not writable: {ex.Message}", ex);
        }
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The useful part of a driver exception: the innermost message, with SQLSTATE for server errors.</summary>
    private static string Reason(Exception exception)
    {
        var innermost = exception;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return innermost switch
        {
            PostgresException postgres => $"{postgres.MessageText} (SQLSTATE {postgres.SqlState})",
            _ when exception is PostgresException outer => $"{outer.MessageText} (SQLSTATE {outer.SqlState})",
            _ => innermost.Message,
        };
    }

    private static IReadOnlyDictionary<KompassStorageProvider, IReadOnlyList<SchemaMigration>> LoadMigrations()
    {
        const string prefix = "Kompass.Storage.Sql.";
        var assembly = typeof(KompassSchemaMigrator).Assembly;
        var result = new Dictionary<KompassStorageProvider, List<SchemaMigration>>();

        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            // "Kompass.Storage.Sql.Postgres/0002_reminders.sql"
            var relative = resource[prefix.Length..].Replace('\\', '/');
            var slash = relative.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0 || !Enum.TryParse<KompassStorageProvider>(relative[..slash], ignoreCase: true, out var provider))
            {
                continue;
            }

            var file = Path.GetFileNameWithoutExtension(relative[(slash + 1)..]);
            var underscore = file.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || !int.TryParse(file[..underscore], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"Schema script '{resource}' is not named NNNN_name.sql.");
            }

            var sql = ReadResource(assembly, resource);
            var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n"))));
            if (!result.TryGetValue(provider, out var list))
            {
                result[provider] = list = [];
            }

            list.Add(new SchemaMigration(version, file[(underscore + 1)..], sql, checksum));
        }

        return result.ToDictionary(
            pair => pair.Key,
            pair =>
            {
                var ordered = pair.Value.OrderBy(m => m.Version).ToList();
                for (var i = 0; i < ordered.Count; i++)
                {
                    if (ordered[i].Version != i + 1)
                    {
                        throw new InvalidOperationException($"{pair.Key} schema scripts must be numbered 1, 2, 3, ... without gaps.");
                    }
                }

                return (IReadOnlyList<SchemaMigration>)ordered;
            });
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
