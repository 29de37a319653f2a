using Kompass.Domain.Kommuner;

namespace Kompass.Domain.Tests.Kommuner;

public sealed class KommuneIdTests
{
    [Fact]
    public void Parses_a_Norwegian_kommunenummer()
    {
        var id = KommuneId.Parse("NO-5027");

        Assert.Equal(Country.NO, id.Country);
        Assert.Equal("5027", id.Number);
        Assert.Equal("NO-5027", id.ToString());
        Assert.Equal(new KommuneId(Country.NO, "5027"), id);
    }

    [Fact]
    public void Parses_a_Swedish_kommunkod_and_keeps_its_leading_zero()
    {
        var id = KommuneId.Parse("SE-0115");

        Assert.Equal(Country.SE, id.Country);
        Assert.Equal("0115", id.Number);
        Assert.Equal("SE-0115", id.ToString());
    }

    [Theory]
    [InlineData("no-5027")]   // lower case
    [InlineData("No-5027")]
    [InlineData("NO5027")]    // no dash
    [InlineData("NO-502")]    // 3 digits
    [InlineData("NO-50271")]  // 5 digits
    [InlineData("DK-1234")]   // not a country of the service
    [InlineData("NO_5027")]
    [InlineData("NO-50a7")]
    [InlineData("NO-５０２７")] // full-width digits
    [InlineData("NO-5027 ")]
    [InlineData(" NO-5027")]
    [InlineData("NO 5027")]
    [InlineData("")]
    [InlineData("00-5027")]   // Enum.TryParse reads numbers as enum values: 0 would be NO
    [InlineData("01-5027")]   // ... and 1 would be SE
    [InlineData("+1-5027")]
    [InlineData(" 1-5027")]
    public void Rejects_text_that_is_not_a_kommune_id(string text)
    {
        Assert.False(KommuneId.TryParse(text, out var id));
        Assert.Equal(default, id);

        var ex = Assert.Throws<DomainException>(() => KommuneId.Parse(text));
        Assert.Equal(ErrorKind.Validation, ex.Code);
        Assert.Equal("kommuneId", ex.Field);
    }

    [Fact]
    public void Rejects_null()
    {
        Assert.False(KommuneId.TryParse(null, out _));
        Assert.Equal(ErrorKind.Validation, Assert.Throws<DomainException>(() => KommuneId.Parse(null)).Code);
    }

    [Fact]
    public void Parse_names_the_field_it_was_given()
    {
        var ex = Assert.Throws<DomainException>(() => KommuneId.Parse("NO-1", "input.kommuneId"));

        Assert.Equal("input.kommuneId", ex.Field);
    }

    [Theory]
    [InlineData("NO-5027/eval/2023-1", "NO-5027")]
    [InlineData("SE-0115/eval/2012-3", "SE-0115")]
    [InlineData("NO-5034/strategy/2023", "NO-5034")]
    [InlineData("NO-5027", "NO-5027")]
    public void OwnerOf_a_grain_key_is_the_kommune_before_the_first_slash(string key, string owner)
    {
        Assert.Equal(KommuneId.Parse(owner), KommuneId.OwnerOf(key));
    }

    [Theory]
    [InlineData("no-5027/eval/2023-1")]
    [InlineData("01-5027/eval/2023-1")]
    [InlineData("/eval/2023-1")]
    [InlineData("eval/NO-5027")]
    [InlineData("")]
    public void OwnerOf_a_key_no_kommune_owns_is_a_validation_error_on_id(string key)
    {
        var ex = Assert.Throws<DomainException>(() => KommuneId.OwnerOf(key));

        Assert.Equal(ErrorKind.Validation, ex.Code);
        Assert.Equal("id", ex.Field);
    }

    [Theory]
    [InlineData("5027", true)]
    [InlineData("0115", true)]
    [InlineData("502", false)]
    [InlineData("50270", false)]
    [InlineData("50a7", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Official_number_is_four_ascii_digits(string? number, bool official)
    {
        Assert.Equal(official, KommuneId.IsOfficialNumber(number));
    }
}
