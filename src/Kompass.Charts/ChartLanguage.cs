using System.Globalization;
using Kompass.Domain.Frameworks;
using Kompass.Domain.Kommuner;

namespace Kompass.Charts;

/// <summary>
/// The language a chart is labelled in: Norwegian bokmål for Norwegian kommuner (and for both countries
/// together, KS being the framework's owner), Swedish for Swedish ones. Numbers and dates follow its culture.
/// </summary>
public sealed class ChartLanguage
{
    public static readonly ChartLanguage Nb = new("nb", CultureInfo.GetCultureInfo("nb-NO"));
    public static readonly ChartLanguage Sv = new("sv", CultureInfo.GetCultureInfo("sv-SE"));

    private ChartLanguage(string code, CultureInfo culture)
    {
        Code = code;
        Culture = culture;
    }

    /// <summary>The language tag written in the SVG's <c>xml:lang</c>.</summary>
    public string Code { get; }

    public CultureInfo Culture { get; }

    public bool IsSwedish => ReferenceEquals(this, Sv);

    public static ChartLanguage Of(Country? country) => country == Country.SE ? Sv : Nb;

    /// <summary>The text in this language: <paramref name="nb"/> or <paramref name="sv"/>.</summary>
    public string Say(string nb, string sv) => IsSwedish ? sv : nb;

    public string Name(LocalizedName name) => IsSwedish ? name.Sv : name.Nb;

    public string Number(decimal value) => value.ToString("0.##", Culture);

    public string Number(int value) => value.ToString("N0", Culture);

    /// <summary>The date as the culture writes it (nb 15.03.2023, sv 2023-03-15).</summary>
    public string Date(DateOnly date) => date.ToString("d", Culture);

    public string CountryName(Country? country) => country switch
    {
        Country.NO => "Norge", // the same word in both languages
        Country.SE => "Sverige",
        _ => Say("Norge og Sverige", "Norge och Sverige"),
    };

    public string FrameworkVersion(string version) => Say($"rammeverk {version}", $"ramverk {version}");

    public static string Area(string code) => $"område {code}"; // the same word in both languages
}
