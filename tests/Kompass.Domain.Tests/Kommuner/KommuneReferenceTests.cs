using System.Text;
using Kompass.Domain.Kommuner;

namespace Kompass.Domain.Tests.Kommuner;

public sealed class KommuneReferenceTests
{
    private const string Header = "country,number,name,county_number,county_name,population,population_year";

    private static readonly Lazy<KommuneReference> Real = new(() => KommuneReference.Load(KommuneReference.DefaultDirectory));

    private static KommuneId Id(string text) => KommuneId.Parse(text);

    [Fact]
    public void Real_files_list_357_Norwegian_and_290_Swedish_kommuner()
    {
        var reference = Real.Value;

        Assert.Equal(357, reference.All(Country.NO).Count);
        Assert.Equal(290, reference.All(Country.SE).Count);
        Assert.Equal(357 + 290, reference.Count);
    }

    [Fact]
    public void Midtre_Gauldal_is_in_Trondelag_with_its_2024_population()
    {
        Assert.True(Real.Value.TryFind(Id("NO-5027"), out var entry));

        Assert.Equal(new KommuneId(Country.NO, "5027"), entry.Id);
        Assert.Equal("Midtre Gauldal", entry.Name);
        Assert.Equal("50", entry.CountyNumber);
        Assert.Equal("Trøndelag", entry.CountyName);
        Assert.Equal(6140, entry.Population);
        Assert.Equal(2024, entry.PopulationYear);
    }

    [Fact]
    public void Meraker_is_found()
    {
        Assert.True(Real.Value.TryFind(Id("NO-5034"), out var entry));
        Assert.Equal("Meråker", entry.Name);
        Assert.Equal("Trøndelag", entry.CountyName);
    }

    [Fact]
    public void Vallentuna_keeps_its_leading_zeros_and_has_no_population()
    {
        Assert.True(Real.Value.TryFind(Id("SE-0115"), out var entry));

        Assert.Equal("Vallentuna", entry.Name);
        Assert.Equal("0115", entry.Id.Number);
        Assert.Equal("01", entry.CountyNumber);
        Assert.Equal("Stockholms län", entry.CountyName);
        Assert.Null(entry.Population);
        Assert.Null(entry.PopulationYear);
    }

    [Fact]
    public void Norwegian_population_adds_up_to_the_national_total_of_1_January_2024()
    {
        var norway = Real.Value.All(Country.NO);

        Assert.All(norway, e => Assert.Equal(2024, e.PopulationYear));
        Assert.Equal(5_550_203L, norway.Sum(e => (long)e.Population!.Value));
    }

    [Fact]
    public void All_is_ordered_by_number_and_every_number_starts_with_its_county()
    {
        foreach (var country in new[] { Country.NO, Country.SE })
        {
            var all = Real.Value.All(country);
            Assert.Equal(all.Select(e => e.Id.Number).Order(StringComparer.Ordinal), all.Select(e => e.Id.Number));
            Assert.All(all, e =>
            {
                Assert.Equal(country, e.Id.Country);
                Assert.StartsWith(e.CountyNumber, e.Id.Number, StringComparison.Ordinal);
            });
        }
    }

    [Fact]
    public void Unknown_number_is_not_found()
    {
        Assert.False(Real.Value.TryFind(Id("NO-9999"), out _));
        Assert.False(Real.Value.TryFind(Id("SE-5027"), out _));
    }

    [Fact]
    public void Empty_knows_nothing()
    {
        Assert.Equal(0, KommuneReference.Empty.Count);
        Assert.Empty(KommuneReference.Empty.All(Country.NO));
        Assert.False(KommuneReference.Empty.TryFind(Id("NO-5027"), out _));
    }

    [Fact]
    public void Quoted_fields_may_hold_commas_quotes_and_line_breaks()
    {
        using var dir = new TempDir();
        dir.Write("kommuner-no.csv",
            Header + "\r\n" +
            "NO,1577,\"Volda, \"\"Ørsta\"\"\",15,Møre og Romsdal,11000,2024\r\n" +
            "\"NO\",\"0301\",\"Oslo - Oslove\",\"03\",\"Oslo\",\"\",\"\"\r\n" +
            "NO,1101,\"Eiger\nsund\",11,Rogaland,,\r\n" +
            "\r\n" +
            "NO,1103,Stavanger,11,Rogaland,149048,2024");

        var reference = KommuneReference.Load(dir.Path);

        Assert.Equal(4, reference.Count);
        Assert.True(reference.TryFind(Id("NO-1577"), out var volda));
        Assert.Equal("Volda, \"Ørsta\"", volda.Name);
        Assert.Equal(11000, volda.Population);
        Assert.True(reference.TryFind(Id("NO-0301"), out var oslo));
        Assert.Equal("03", oslo.CountyNumber);
        Assert.Null(oslo.Population);
        Assert.True(reference.TryFind(Id("NO-1101"), out var eigersund));
        Assert.Equal("Eiger\nsund", eigersund.Name);
        Assert.True(reference.TryFind(Id("NO-1103"), out var stavanger));
        Assert.Equal(149048, stavanger.Population);
    }

    [Fact]
    public void Reads_every_kommuner_file_in_the_folder()
    {
        using var dir = new TempDir();
        dir.Write("kommuner-no.csv", Header + "\nNO,5027,Midtre Gauldal,50,Trøndelag,6140,2024\n");
        dir.Write("kommuner-se.csv", Header + "\nSE,0115,Vallentuna,01,Stockholms län,,\n");
        dir.Write("other.csv", "not,a,reference\n");

        var reference = KommuneReference.Load(dir.Path);

        Assert.Equal(2, reference.Count);
        Assert.Single(reference.All(Country.NO));
        Assert.Single(reference.All(Country.SE));
    }

    [Theory]
    [InlineData("NO,5027,Midtre Gauldal,50,Trøndelag,many,2024", 6, "population")]
    [InlineData("NO,5027,Midtre Gauldal,50,Trøndelag,-5,2024", 6, "population")]
    [InlineData("NO,5027,Midtre Gauldal,50,Trøndelag,6140,", 7, "population_year")]
    [InlineData("NO,5027,Midtre Gauldal,50,Trøndelag,,2024", 6, "population")]
    [InlineData("NO,527,Midtre Gauldal,50,Trøndelag,6140,2024", 2, "number")]
    [InlineData("NO,5027,Midtre Gauldal,5,Trøndelag,6140,2024", 4, "county_number")]
    [InlineData("NO,5027,Midtre Gauldal,46,Trøndelag,6140,2024", 4, "county_number")]
    [InlineData("DK,5027,Midtre Gauldal,50,Trøndelag,6140,2024", 1, "country")]
    [InlineData("SE,5027,Midtre Gauldal,50,Trøndelag,6140,2024", 1, "country")]
    [InlineData("NO,5027,,50,Trøndelag,6140,2024", 3, "name")]
    [InlineData("NO,5027,Midtre Gauldal,50,Trøndelag,6140", 7, "population_year")]
    [InlineData("NO,5027,Midtre Gauldal,50,Trøndelag,6140,2024,extra", 8, "")]
    [InlineData("NO,5027,Midtre \"Gauldal\",50,Trøndelag,6140,2024", 3, "name")]
    [InlineData("NO,5027,\"Midtre Gauldal\"x,50,Trøndelag,6140,2024", 3, "name")]
    public void A_malformed_row_names_file_line_and_column(string row, int column, string columnName)
    {
        using var dir = new TempDir();
        var path = dir.Write("kommuner-no.csv",
            Header + "\nNO,5034,Meråker,50,Trøndelag,2454,2024\n" + row + "\nNO,5028,Melhus,50,Trøndelag,17401,2024\n");

        var ex = Assert.Throws<KommuneReferenceFormatException>(() => KommuneReference.Load(dir.Path));

        Assert.Equal(path, ex.FilePath);
        Assert.Equal(3, ex.Line);
        Assert.Equal(column, ex.Column);
        Assert.Equal(columnName, ex.ColumnName);
        Assert.Contains("kommuner-no.csv", ex.Message);
        Assert.Contains($"line 3, column {column}", ex.Message);
    }

    [Fact]
    public void An_unclosed_quote_names_the_line_it_opened_on()
    {
        using var dir = new TempDir();
        dir.Write("kommuner-no.csv", Header + "\nNO,5034,Meråker,50,Trøndelag,2454,2024\nNO,5027,\"Midtre Gauldal,50,Trøndelag,6140,2024\n");

        var ex = Assert.Throws<KommuneReferenceFormatException>(() => KommuneReference.Load(dir.Path));

        Assert.Equal(3, ex.Line);
        Assert.Equal(3, ex.Column);
    }

    [Fact]
    public void A_wrong_header_is_rejected()
    {
        using var dir = new TempDir();
        dir.Write("kommuner-no.csv", "country,number,navn,county_number,county_name,population,population_year\n");

        var ex = Assert.Throws<KommuneReferenceFormatException>(() => KommuneReference.Load(dir.Path));

        Assert.Equal(1, ex.Line);
        Assert.Equal(3, ex.Column);
    }

    [Fact]
    public void A_kommune_listed_twice_is_rejected()
    {
        using var dir = new TempDir();
        dir.Write("kommuner-no.csv", Header + "\nNO,5027,Midtre Gauldal,50,Trøndelag,6140,2024\nNO,5027,Midtre Gauldal,50,Trøndelag,6140,2024\n");

        var ex = Assert.Throws<KommuneReferenceFormatException>(() => KommuneReference.Load(dir.Path));

        Assert.Equal(3, ex.Line);
        Assert.Contains("NO-5027", ex.Message);
    }

    [Fact]
    public void An_empty_file_is_rejected()
    {
        using var dir = new TempDir();
        dir.Write("kommuner-no.csv", "");

        var ex = Assert.Throws<KommuneReferenceFormatException>(() => KommuneReference.Load(dir.Path));

        Assert.Equal(1, ex.Line);
    }

    [Fact]
    public void A_folder_without_reference_files_is_an_error()
    {
        using var dir = new TempDir();
        dir.Write("other.csv", Header + "\n");

        var ex = Assert.Throws<FileNotFoundException>(() => KommuneReference.Load(dir.Path));

        Assert.Contains(dir.Path, ex.Message);
    }

    [Fact]
    public void A_missing_folder_is_an_error()
    {
        var missing = Path.Combine(Path.GetTempPath(), "kompass-missing-" + Guid.NewGuid().ToString("N"));

        var ex = Assert.Throws<DirectoryNotFoundException>(() => KommuneReference.Load(missing));

        Assert.Contains(missing, ex.Message);
    }

    private sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("kompass-ref-").FullName;

        public string Write(string name, string content)
        {
            var file = System.IO.Path.Combine(Path, name);
            File.WriteAllText(file, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            return file;
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
