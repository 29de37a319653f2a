using Kompass.Domain.Analytics;
using Kompass.Domain.Kommuner;
using static Kompass.Domain.Tests.Analytics.AnalyticsFixtures;

namespace Kompass.Domain.Tests.Analytics;

/// <summary>Peers by population band, from the shipped reference lists (population on 1 January 2024 for Norway).</summary>
public sealed class PeerTests
{
    [Theory]
    [InlineData(0, "under-5000")]
    [InlineData(4_999, "under-5000")]
    [InlineData(5_000, "5000-9999")]
    [InlineData(6_140, "5000-9999")]
    [InlineData(19_999, "10000-19999")]
    [InlineData(20_000, "20000-49999")]
    [InlineData(99_999, "50000-99999")]
    [InlineData(717_710, "100000-plus")]
    public void Bands_are_closed_below_and_open_above(int population, string band)
    {
        Assert.Equal(band, PopulationBands.Of(population)!.Code);
    }

    [Fact]
    public void Unknown_population_has_no_band_and_labels_read_as_numbers()
    {
        Assert.Null(PopulationBands.Of(null));
        Assert.Equal("5 000-9 999", PopulationBands.All[1].Label);
        Assert.Equal("100 000+", PopulationBands.All[^1].Label);
    }

    private static ResultAggregate Trondelag() => With(
        R("NO-5027", 2023, 480),  // Midtre Gauldal 6 140
        R("NO-5021", 2022, 520),  // Oppdal 7 389
        R("NO-5029", 2021, null, ("1", 50)), // Skaun 8 484, no total
        R("NO-1517", 2020, 400),  // Hareid 5 322, Møre og Romsdal
        R("NO-5034", 2022, 450),  // Meråker 2 454: another band
        R("NO-5001", 2022, 600)); // Trondheim 214 565

    [Fact]
    public void Peers_are_the_kommuner_of_the_same_band_with_their_latest_result()
    {
        var peers = Trondelag().Peers(KommuneId.Parse("NO-5027"), "2020", Reference, sameCounty: false);

        Assert.Equal("5000-9999", peers.Band!.Code);
        Assert.Null(peers.NoBandReason);
        Assert.Equal(["NO-5021", "NO-5027", "NO-1517", "NO-5029"], peers.Peers.Select(p => p.KommuneId)); // by total, none last
        Assert.True(peers.Peers.Single(p => p.KommuneId == "NO-5027").IsAsked);
        Assert.Equal("Oppdal", peers.Peers[0].Name);
        Assert.Equal(7389, peers.Peers[0].Population);
        Assert.Equal(70, peers.KommunerInBand); // every Norwegian kommune of 5 000-9 999 in the reference list
        Assert.Equal(3, peers.Total.Count);
        Assert.Equal(466.67m, peers.Total.Mean);
    }

    [Fact]
    public void Without_a_version_peers_compare_the_version_of_the_kommunes_latest_result()
    {
        var a = Trondelag();
        a.Apply(R("NO-5021", 2015, 300) with { FrameworkVersion = "2010" }, 1);
        Assert.Equal("2020", a.Peers(KommuneId.Parse("NO-5027"), null, Reference, sameCounty: false).FrameworkVersion);

        a.Apply(R("NO-5027", 2024, 350) with { FrameworkVersion = "2010" }, 1); // latest now under 2010
        var peers = a.Peers(KommuneId.Parse("NO-5027"), null, Reference, sameCounty: false);
        Assert.Equal("2010", peers.FrameworkVersion);
        Assert.Equal(["NO-5027", "NO-5021"], peers.Peers.Select(p => p.KommuneId));

        Assert.Equal("2020", NewAggregate().Peers(KommuneId.Parse("NO-5027"), null, Reference, sameCounty: false).FrameworkVersion);
    }

    [Fact]
    public void Peers_in_the_same_county()
    {
        var peers = Trondelag().Peers(KommuneId.Parse("NO-5027"), "2020", Reference, sameCounty: true);

        Assert.Equal("50", peers.CountyNumber);
        Assert.Equal(["NO-5021", "NO-5027", "NO-5029"], peers.Peers.Select(p => p.KommuneId));
        Assert.Equal(9, peers.KommunerInBand);
    }

    [Fact]
    public void A_kommune_without_a_known_population_has_no_band_and_the_answer_says_so()
    {
        var peers = Trondelag().Peers(KommuneId.Parse("SE-0115"), "2020", Reference, sameCounty: false);

        Assert.Null(peers.Band);
        Assert.Contains("Vallentuna", peers.NoBandReason);
        Assert.Contains("unknown", peers.NoBandReason);
        Assert.Empty(peers.Peers);
    }

    [Fact]
    public void A_kommune_missing_from_the_reference_list_has_no_band()
    {
        var peers = Trondelag().Peers(KommuneId.Parse("NO-9998"), "2020", Reference, sameCounty: false);
        Assert.Null(peers.Band);
        Assert.Contains("not in the reference list", peers.NoBandReason);
    }

    [Fact]
    public void Swedish_kommuner_with_a_population_get_peers_in_Sweden_only()
    {
        var a = With(R("SE-0123", 2023, 500), R("SE-0182", 2022, 450), R("NO-1804", 2022, 470));
        var peers = a.Peers(KommuneId.Parse("SE-0123"), "2020", Reference, sameCounty: false); // Järfälla 88 950

        Assert.Equal("50000-99999", peers.Band!.Code);
        Assert.All(peers.Peers, p => Assert.StartsWith("SE-", p.KommuneId));
    }
}
