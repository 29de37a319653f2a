using System.Diagnostics;
using System.Text.RegularExpressions;
using Kompass.Gateway.Tests;
using Kompass.Storage;
using Kompass.Testing;
using Npgsql;

namespace Kompass.Host.Tests;

/// <summary>
/// The README's cluster recipe, where it can run here: its SQL on a fresh PostgreSQL server gives a role
/// a host can create the schema with and serve from (the database owner; a role that does not own it
/// is refused on PostgreSQL 15+), the path it starts the built host from is this build's, and its
/// openssl commands make certificates with which two silos, given them as the recipe does, form a cluster.
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

    [Fact]
    public async Task The_recipe_certificates_let_two_silos_form_a_cluster_and_serve()
    {
        var work = Directory.CreateTempSubdirectory("kompass-recipe-").FullName;
        try
        {
            // The recipe's openssl commands, as pasted, in an empty working folder.
            var recipe = Recipe();
            var first = Array.IndexOf(recipe, "mkdir -p certs");
            var last = Array.IndexOf(recipe, "done", Math.Max(first, 0));
            Assert.True(first >= 0 && last > first, "the recipe's certificate commands were not found");
            await BashAsync(work, string.Join('\n', recipe[first..(last + 1)]));

            // Each silo's TLS settings as the recipe hands them over (its exports and its arguments), in the
            // same working folder; storage and ports are this test's own.
            var shared = recipe.Where(l => l.StartsWith("export Kompass__Cluster__Tls__", StringComparison.Ordinal))
                .Select(l => l["export ".Length..].Replace("__", ":", StringComparison.Ordinal)).ToArray();
            var perSilo = recipe.Where(l => l.StartsWith("--Kompass:Cluster:Tls:", StringComparison.Ordinal))
                .Select(l => l.Split(' ').Where(a => a.StartsWith("--Kompass:Cluster:Tls:", StringComparison.Ordinal)).Select(a => a[2..]).ToArray())
                .ToArray();
            Assert.Equal(2, perSilo.Length);
            Assert.NotEmpty(shared);

            var database = server.CreateDatabase("recipe_tls");
            string[] storage = ["Kompass:Storage:Provider=Postgres", $"Kompass:Storage:Postgres:ConnectionString={database}"];
            await using var silo1 = HostProcess.Start(work, [.. storage, .. shared, .. perSilo[0]]);
            await using var silo2 = HostProcess.Start(work, [.. storage, .. shared, .. perSilo[1]]);
            await Task.WhenAll(silo1.WaitUntilReadyAsync(TimeSpan.FromSeconds(120)), silo2.WaitUntilReadyAsync(TimeSpan.FromSeconds(120)));

            using var http = new HttpClient { BaseAddress = silo2.Address };
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestTokens.Issue("analyst", "analyst@ks.no"));
            using var response = await http.PostAsync("/graphql", new StringContent(
                """{"query":"{ kommune(id: \"NO-5027\") { name } }"}""", System.Text.Encoding.UTF8, "application/json"));
            Assert.Contains("Midtre Gauldal", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            // Both Active: each reached the other over TLS (a joining silo must, before it is let in).
            Assert.Equal([3, 3], await MembershipStatusesAsync(database));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task BashAsync(string workingDirectory, string script)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-euo", "pipefail", "-c", script })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(process.ExitCode == 0, $"the recipe's commands failed ({process.ExitCode}):\n{await output}\n{await error}");
    }

    private static async Task<List<int>> MembershipStatusesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT Status FROM OrleansMembershipTable;", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var statuses = new List<int>();
        while (await reader.ReadAsync())
            statuses.Add(reader.GetInt32(0));
        return statuses;
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
