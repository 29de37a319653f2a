using System.Text.RegularExpressions;
using Kompass.Gateway.Tests;
using Kompass.Storage;
using Kompass.Testing;
using Npgsql;

namespace Kompass.Host.Tests;

/// <summary>
/// The README's cluster recipe, where it can run here: its SQL on a fresh PostgreSQL server gives a role
/// a host can create the schema with and serve from (the database owner; a role that does not own it
/// is refused on PostgreSQL 15+), and the path it starts the built host from is this build's.
/// </summary>
public sealed partial class ReadmeClusterRecipeTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static readonly string Root = RepositoryRoot();

    [Fact]
    public async Task The_recipe_sql_gives_a_role_the_host_can_create_the_schema_and_serve_with()
    {
        // The test server's superuser is already called kompass: the recipe's role and database are
        // renamed, nothing else is changed.
        var statements = Recipe().Select(line => PsqlCommand().Match(line)).Where(m => m.Success)
            .Select(m => Regex.Replace(m.Groups[1].Value, @"\bkompass\b", "recipe")).ToArray();
        Assert.Equal(["CREATE ROLE recipe LOGIN PASSWORD 'secret';", "CREATE DATABASE recipe OWNER recipe;"], statements);
        await ExecuteAsync(server.ConnectionString, statements);

        var asRole = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Username = "recipe", Password = "secret", Database = "recipe" }.ToString();
        await using (var host = await KompassTestHost.StartAsync("Kompass:Storage:Provider=Postgres", $"Kompass:Storage:Postgres:ConnectionString={asRole}", "Kompass:Demo:Seed=true"))
            Assert.Equal(System.Net.HttpStatusCode.OK, (await host.Http.GetAsync("/health/ready")).StatusCode);

        // Without OWNER the same role cannot create the schema (PostgreSQL 15 revoked CREATE on public).
        await ExecuteAsync(server.ConnectionString, ["CREATE DATABASE not_owned;"]);
        var notOwned = new NpgsqlConnectionStringBuilder(asRole) { Database = "not_owned" }.ToString();
        var refused = await Assert.ThrowsAsync<StorageConfigurationException>(() => KompassSchemaMigrator.MigratePostgresAsync(notOwned));
        Assert.Contains("permission denied for schema public", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_recipe_starts_the_host_this_build_produces()
    {
        var framework = Regex.Match(File.ReadAllText(Path.Combine(Root, "Directory.Build.props")), "<TargetFramework>(.+)</TargetFramework>").Groups[1].Value;
        Assert.Contains(Recipe(), line => line == $"HOST=src/Kompass.Host/bin/Release/{framework}/Kompass.Host");
        Assert.Contains(Recipe(), line => line == "dotnet build -c Release src/Kompass.Host");
    }

    private static string[] Recipe()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var section = readme[readme.IndexOf("## Running a cluster", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 5, StringComparison.Ordinal)];
        return [.. section.Split('\n').Select(l => l.Trim())];
    }

    private static async Task ExecuteAsync(string connectionString, IEnumerable<string> statements)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Kompass.Cloud.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Kompass.Cloud.sln not found");
    }

    [GeneratedRegex("""^sudo -u postgres psql -c "(.+)"$""")]
    private static partial Regex PsqlCommand();
}
