using System.Data.Common;

namespace Kompass.Storage;

/// <summary>
/// Parameterised commands for the Kompass tables, written once for both SQL dialects: the SQL the
/// stores send is plain enough for SQLite and PostgreSQL alike, and <c>@name</c> parameters work on both.
/// </summary>
internal static class SqlCommands
{
    public static async Task<int> ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        return command;
    }
}
