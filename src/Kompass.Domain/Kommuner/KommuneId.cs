using System.Diagnostics.CodeAnalysis;

namespace Kompass.Domain.Kommuner;

/// <summary>
/// A municipality: its country and its official 4-digit number (Norway's kommunenummer,
/// Sweden's kommunkod), written <c>NO-5027</c>. Every tenant-owned grain key starts with it.
/// </summary>
public readonly record struct KommuneId(Country Country, string Number)
{
    public override string ToString() => $"{Country}-{Number}";

    public static bool TryParse([NotNullWhen(true)] string? text, out KommuneId id)
    {
        id = default;
        if (text is null || text.Length != 7 || text[2] != '-')
            return false;
        // Enum.TryParse also takes numbers ("00", "+1", " 1"): only the two capital letters are a country.
        if (!char.IsAsciiLetterUpper(text[0]) || !char.IsAsciiLetterUpper(text[1]))
            return false;
        if (!Enum.TryParse(text[..2], ignoreCase: false, out Country country) || !Enum.IsDefined(country))
            return false;
        var number = text[3..];
        if (!IsOfficialNumber(number))
            return false;
        id = new KommuneId(country, number);
        return true;
    }

    public static KommuneId Parse(string? text, string field = "kommuneId") =>
        TryParse(text, out var id)
            ? id
            : throw DomainException.Validation(field, $"'{text}' is not a kommune id: expected country and 4-digit number, e.g. NO-5027 or SE-0115.");

    /// <summary>The kommune that owns a tenant grain key such as <c>NO-5027/eval/2023-1</c>.</summary>
    public static KommuneId OwnerOf(string grainKey, string field = "id")
    {
        var slash = grainKey.IndexOf('/');
        return Parse(slash < 0 ? grainKey : grainKey[..slash], field);
    }

    /// <summary>The kommune a kommune id or tenant key (<c>NO-5027/eval/2023-1</c>) belongs to; false when none parses.</summary>
    public static bool TryOwnerOf(string? key, out KommuneId id)
    {
        var slash = key?.IndexOf('/') ?? -1;
        return TryParse(slash < 0 ? key : key![..slash], out id);
    }

    public static bool IsOfficialNumber(string? number) =>
        number is { Length: 4 } && number.All(char.IsAsciiDigit);
}
