using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace Kompass.Host;

/// <summary>
/// TLS with mutual authentication on the cluster's own ports (silo-to-silo and client-to-gateway): each
/// side shows a certificate, and a peer is accepted only when its certificate chains to the cluster CA
/// (<c>Kompass:Cluster:Tls:CaPath</c>), never to the operating system's store. Without it, anyone who
/// reaches the silo or gateway port could call any grain, or join as a silo and pose as any caller.
/// Required outside Development; in Development on when configured.
/// </summary>
public sealed class ClusterTls
{
    public const string CertificatePathKey = "Kompass:Cluster:Tls:CertificatePath";
    public const string KeyPathKey = "Kompass:Cluster:Tls:KeyPath";
    public const string CertificatePasswordKey = "Kompass:Cluster:Tls:CertificatePassword";
    public const string CaPathKey = "Kompass:Cluster:Tls:CaPath";

    private readonly X509Certificate2Collection _authorities;

    public ClusterTls(X509Certificate2 certificate, X509Certificate2Collection authorities)
    {
        Certificate = certificate;
        _authorities = authorities;
    }

    /// <summary>This silo's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>
    /// The settings read, or null in Development when none are given.
    /// </summary>
    /// <exception cref="HostSettingException">TLS is required and not configured, or a file is unusable.</exception>
    public static ClusterTls? FromConfiguration(IConfiguration config, IHostEnvironment environment)
    {
        var certificatePath = Value(config, CertificatePathKey);
        var caPath = Value(config, CaPathKey);
        if (certificatePath is null && caPath is null)
        {
            return environment.IsDevelopment()
                ? null
                : throw new HostSettingException(CertificatePathKey,
                    $"{CertificatePathKey} is not set: outside Development the silo and gateway ports require TLS " +
                    $"(set it and {CaPathKey}; see README, Running a cluster)");
        }

        if (certificatePath is null)
            throw new HostSettingException(CertificatePathKey, $"{CertificatePathKey} is not set, and {CaPathKey} is");
        if (caPath is null)
            throw new HostSettingException(CaPathKey, $"{CaPathKey} is not set, and {CertificatePathKey} is: a peer's certificate must chain to the cluster CA");

        var authorities = Read(CaPathKey, caPath, () =>
        {
            var ca = new X509Certificate2Collection();
            ca.ImportFromPemFile(caPath);
            return ca.Count > 0 ? ca : throw new CryptographicException("no PEM certificate in it");
        });
        var certificate = Read(CertificatePathKey, certificatePath, () => LoadCertificate(config, certificatePath));
        if (!certificate.HasPrivateKey)
            throw new HostSettingException(KeyPathKey, $"{CertificatePathKey}: '{certificatePath}' has no private key (give a PFX with its key, or the PEM key in {KeyPathKey})");
        if (!AllowsBothEnds(certificate))
            throw new HostSettingException(CertificatePathKey, $"{CertificatePathKey}: '{certificatePath}' is not valid for both TLS server and client authentication (a silo is both)");

        var tls = new ClusterTls(certificate, authorities);
        return tls.Trusts(certificate)
            ? tls
            : throw new HostSettingException(CertificatePathKey, $"{CertificatePathKey}: '{certificatePath}' ({certificate.Subject}) does not chain to the CA in {CaPathKey}, or is expired or not yet valid");
    }

    /// <summary>Mutual authentication: a certificate is required from the other end and must chain to the cluster CA.</summary>
    public void Configure(TlsOptions options)
    {
        options.LocalCertificate = Certificate;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        // Replaces the default check (OS trust store, host name): silos are dialled by IP address, and
        // holding a key the cluster CA signed is the identity that counts.
        options.RemoteCertificateValidation = (certificate, _, _) => Trusts(certificate);
    }

    /// <summary>Whether <paramref name="certificate"/> chains to the cluster CA and is within its validity period.</summary>
    public bool Trusts(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        // A private CA publishes no revocation lists; rotate the CA to revoke.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        return chain.Build(certificate);
    }

    private static X509Certificate2 LoadCertificate(IConfiguration config, string path)
    {
        var password = config[CertificatePasswordKey];
        var keyPath = Value(config, KeyPathKey);
        if (keyPath is not null || IsPem(path))
        {
            return string.IsNullOrEmpty(password)
                ? X509Certificate2.CreateFromPemFile(path, keyPath)
                : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath);
        }

        return X509CertificateLoader.LoadPkcs12FromFile(path, password);
    }

    private static bool IsPem(string path)
    {
        using var reader = new StreamReader(path);
        var start = new char[64];
        var read = reader.ReadBlock(start);
        return new string(start, 0, read).TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal);
    }

    /// <summary>No extended key usage at all, or both server and client authentication.</summary>
    private static bool AllowsBothEnds(X509Certificate2 certificate)
    {
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().ToArray();
        if (usages.Length == 0)
            return true;
        var oids = usages.SelectMany(u => u.EnhancedKeyUsages.Cast<Oid>()).Select(o => o.Value).ToHashSet();
        return oids.Contains("1.3.6.1.5.5.7.3.1") && oids.Contains("1.3.6.1.5.5.7.3.2");
    }

    private static T Read<T>(string key, string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new HostSettingException(key, $"{key}: cannot read '{path}': {e.Message.TrimEnd('.')}");
        }
    }

    private static string? Value(IConfiguration config, string key) => string.IsNullOrWhiteSpace(config[key]) ? null : config[key]!.Trim();
}
