using Kompass.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;

namespace Kompass.Host.Tests;

/// <summary>
/// How the cluster's TLS settings are read: required outside Development, optional in it, and every
/// unusable file a start-up error naming its setting (the process tests show the exit code).
/// </summary>
public sealed class ClusterTlsSettingsTests : IDisposable
{
    private readonly ClusterCertificates _cluster = new("Kompass cluster CA");
    private readonly ClusterCertificates _other = new("Some other CA");

    [Fact]
    public void Production_without_settings_is_refused_naming_the_setting()
    {
        var e = Assert.Throws<HostSettingException>(() => Read("Production"));
        Assert.Equal(ClusterTls.CertificatePathKey, e.Setting);
        Assert.StartsWith("Kompass:Cluster:Tls:CertificatePath is not set: outside Development", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Development_runs_without_tls_and_with_it_when_configured()
    {
        Assert.Null(Read("Development"));
        Assert.NotNull(Read("Development", _cluster.SiloSettings("dev")));
    }

    [Fact]
    public void A_pem_certificate_with_its_key_file_is_read()
    {
        var (certificate, key) = _cluster.IssuePem("silo-pem");
        var tls = Read("Production", $"{ClusterTls.CertificatePathKey}={certificate}", $"{ClusterTls.KeyPathKey}={key}", $"{ClusterTls.CaPathKey}={_cluster.CaPath}")!;
        Assert.True(tls.Certificate.HasPrivateKey);
        Assert.Equal("CN=silo-pem", tls.Certificate.Subject);
    }

    [Fact]
    public void A_pfx_with_a_password_is_read_and_a_wrong_password_names_the_setting()
    {
        var pfx = _cluster.IssuePfx("silo-pfx", "s3cret");
        Assert.NotNull(Read("Production", $"{ClusterTls.CertificatePathKey}={pfx}", $"{ClusterTls.CertificatePasswordKey}=s3cret", $"{ClusterTls.CaPathKey}={_cluster.CaPath}"));

        var e = Assert.Throws<HostSettingException>(() => Read("Production", $"{ClusterTls.CertificatePathKey}={pfx}", $"{ClusterTls.CertificatePasswordKey}=wrong", $"{ClusterTls.CaPathKey}={_cluster.CaPath}"));
        Assert.Equal(ClusterTls.CertificatePathKey, e.Setting);
        Assert.StartsWith($"{ClusterTls.CertificatePathKey}: cannot read '{pfx}': ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_of_another_ca_a_missing_file_or_half_the_settings_are_refused()
    {
        var e = Assert.Throws<HostSettingException>(() => Read("Production", _other.SiloSettings("intruder", trusted: _cluster.CaPath)));
        Assert.Equal(ClusterTls.CertificatePathKey, e.Setting);
        Assert.Contains("does not chain to the CA in Kompass:Cluster:Tls:CaPath", e.Message, StringComparison.Ordinal);

        var missing = Path.Combine(_cluster.Folder, "nope.pem");
        e = Assert.Throws<HostSettingException>(() => Read("Production", $"{ClusterTls.CertificatePathKey}={_cluster.IssuePfx("a")}", $"{ClusterTls.CaPathKey}={missing}"));
        Assert.Equal(ClusterTls.CaPathKey, e.Setting);
        Assert.StartsWith($"{ClusterTls.CaPathKey}: cannot read '{missing}': ", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<HostSettingException>(() => Read("Development", $"{ClusterTls.CertificatePathKey}={_cluster.IssuePfx("b")}"));
        Assert.Equal(ClusterTls.CaPathKey, e.Setting);
    }

    [Fact]
    public void A_peer_is_trusted_only_when_it_chains_to_the_cluster_ca()
    {
        var tls = Read("Production", _cluster.SiloSettings("self"))!;
        using var sibling = _cluster.Issue("sibling");
        using var intruder = _other.Issue("intruder");
        Assert.True(tls.Trusts(sibling));
        Assert.False(tls.Trusts(intruder));
    }

    private static ClusterTls? Read(string environment, params string[] settings)
    {
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => s.Split('=', 2)).Select(kv => new KeyValuePair<string, string?>(kv[0], kv[1])))
            .Build();
        return ClusterTls.FromConfiguration(config, new HostingEnvironment { EnvironmentName = environment });
    }

    public void Dispose()
    {
        _cluster.Dispose();
        _other.Dispose();
    }
}
