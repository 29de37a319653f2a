using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kompass.Testing;

/// <summary>
/// A throwaway certificate authority for the cluster's TLS, in a temp folder: the CA's certificate as PEM
/// (what <c>Kompass:Cluster:Tls:CaPath</c> names) and leaf certificates it signs, valid for server and
/// client authentication (a silo is both), as PKCS#12 or PEM certificate + key. Another instance is
/// another CA: what an intruder would hold.
/// </summary>
public sealed class ClusterCertificates : IDisposable
{
    private static readonly Lazy<string[]> SharedSettings = new(() =>
    {
        var shared = new ClusterCertificates("Kompass shared test CA");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => shared.Dispose();
        return shared.SiloSettings("silo");
    });

    private readonly ECDsa _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _ca;

    public ClusterCertificates(string caName = "Kompass test cluster CA")
    {
        Folder = Directory.CreateTempSubdirectory("kompass-certs-").FullName;
        var request = new CertificateRequest($"CN={caName}", _caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        _ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddDays(365));
        CaPath = Path.Combine(Folder, "ca.pem");
        File.WriteAllText(CaPath, _ca.ExportCertificatePem());
    }

    /// <summary>
    /// Host settings giving a silo certificate of one CA shared by the whole test run: for hosts that
    /// only need TLS on, as it must be outside Development.
    /// </summary>
    public static IReadOnlyList<string> Shared => SharedSettings.Value;

    /// <summary>
    /// The <see cref="Shared"/> TLS settings as command-line arguments, unless <paramref name="settings"/>
    /// (key=value) configure TLS themselves or choose an environment (Development runs without).
    /// </summary>
    public static IEnumerable<string> DefaultFor(IEnumerable<string> settings) =>
        settings.Any(s => s.StartsWith("Kompass:Cluster:Tls:", StringComparison.OrdinalIgnoreCase) || s.Equals("environment=Development", StringComparison.OrdinalIgnoreCase))
            ? []
            : Shared.Select(s => "--" + s);

    /// <summary>The folder holding every file written.</summary>
    public string Folder { get; }

    /// <summary>The CA's certificate, PEM.</summary>
    public string CaPath { get; }

    /// <summary>A leaf certificate for <paramref name="name"/> signed by this CA, as a PKCS#12 file with its key.</summary>
    public string IssuePfx(string name, string? password = null)
    {
        using var leaf = Issue(name);
        var path = Path.Combine(Folder, name + ".pfx");
        File.WriteAllBytes(path, leaf.Export(X509ContentType.Pkcs12, password));
        return path;
    }

    /// <summary>A leaf certificate signed by this CA as PEM files: (certificate, unencrypted PKCS#8 key).</summary>
    public (string CertificatePath, string KeyPath) IssuePem(string name)
    {
        using var leaf = Issue(name);
        var certificatePath = Path.Combine(Folder, name + ".crt");
        var keyPath = Path.Combine(Folder, name + ".key");
        File.WriteAllText(certificatePath, leaf.ExportCertificatePem());
        File.WriteAllText(keyPath, leaf.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }

    /// <summary>A leaf certificate signed by this CA, with its private key (in memory).</summary>
    public X509Certificate2 Issue(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_ca, true, false));
        using var signed = request.Create(_ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(30), RandomNumberGenerator.GetBytes(16));
        // Round-trip through PKCS#12 so the key is usable by SslStream on every platform.
        using var withKey = signed.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>
    /// The host settings (key=value) that give a silo a certificate of this CA and this CA as the
    /// cluster's, or <paramref name="trusted"/> as the PEM of the CA(s) it accepts.
    /// </summary>
    public string[] SiloSettings(string name, string? trusted = null) =>
    [
        $"Kompass:Cluster:Tls:CertificatePath={IssuePfx(name)}",
        $"Kompass:Cluster:Tls:CaPath={trusted ?? CaPath}",
    ];

    /// <summary>A PEM file of this CA and <paramref name="other"/>'s: an intruder's own CA plus the cluster's, which is public.</summary>
    public string CaBundleWith(ClusterCertificates other)
    {
        var path = Path.Combine(Folder, "ca-bundle.pem");
        File.WriteAllText(path, File.ReadAllText(CaPath) + "\n" + File.ReadAllText(other.CaPath) + "\n");
        return path;
    }

    public void Dispose()
    {
        _ca.Dispose();
        _caKey.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
