using GraphQL;
using GraphQL.Utilities;
using Kompass.Gateway.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Kompass.Gateway.Tests;

/// <summary>
/// The checked-in schema.graphql is the schema the code serves. After a deliberate schema change,
/// regenerate it with <c>KOMPASS_UPDATE_SCHEMA=1 dotnet test tests/Kompass.Gateway.Tests --filter SchemaFileTests</c>.
/// </summary>
[Collection(SharedHostCollection.Name)]
public sealed class SchemaFileTests(SharedHostFixture fixture)
{
    private const string UpdateVariable = "KOMPASS_UPDATE_SCHEMA";

    /// <summary>Descriptions included, types and fields in code order (as the schema declares them).</summary>
    private static readonly PrintOptions Options = new()
    {
        IncludeDescriptions = true,
        IncludeDeprecationReasons = true,
        StringComparison = null,
    };

    [Fact]
    public void Checked_in_schema_graphql_is_the_schema_the_code_serves()
    {
        var schema = fixture.Host.Services.GetRequiredService<KompassSchema>();
        var printed = Normalise(schema.Print(Options));
        var path = Path.Combine(RepositoryRoot(), "schema.graphql");

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, printed);
            return;
        }

        Assert.True(File.Exists(path), $"{path} is missing. Generate it: {UpdateVariable}=1 dotnet test tests/Kompass.Gateway.Tests --filter SchemaFileTests");
        var checkedIn = Normalise(File.ReadAllText(path));
        if (checkedIn == printed)
            return;
        Assert.Fail($"""
            schema.graphql differs from the schema the code serves ({FirstDifference(checkedIn, printed)}).
            If the change is intended, regenerate the file and commit it:
              {UpdateVariable}=1 dotnet test tests/Kompass.Gateway.Tests --filter SchemaFileTests
            """);
    }

    [Fact]
    public void Printed_schema_follows_the_conventions()
    {
        var printed = fixture.Host.Services.GetRequiredService<KompassSchema>().Print(Options);
        Assert.Contains("type Query", printed);
        Assert.Contains("type Mutation", printed);
        Assert.Contains("type KommuneConnection", printed);
        Assert.Contains("enum EvaluationStatus", printed);
        Assert.Contains("DRAFT", printed);
        Assert.Contains("PUBLISHED", printed);
        Assert.Contains("registerKommune(input: RegisterKommuneInput!): Kommune!", printed);
        Assert.Contains("kommuner(country: Country!, first: Int = 50, after: String): KommuneConnection!", printed);
    }

    /// <summary>One line ending (\n), no trailing blanks, one final newline: a checkout on Windows still compares equal.</summary>
    private static string Normalise(string text)
    {
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n').Select(l => l.TrimEnd());
        return string.Join('\n', lines).Trim('\n') + "\n";
    }

    private static string FirstDifference(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : "<end of file>";
            var y = i < b.Length ? b[i] : "<end of schema>";
            if (x != y)
                return $"first at line {i + 1}: file has '{x}', code has '{y}'";
        }
        return "no line differs";
    }

    /// <summary>The folder holding Kompass.Cloud.sln, found from the test binaries upwards.</summary>
    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Kompass.Cloud.sln")))
                return dir.FullName;
        throw new DirectoryNotFoundException($"No Kompass.Cloud.sln above {AppContext.BaseDirectory}.");
    }
}
