using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Kompass.Contracts.Kommuner;
using Kompass.Gateway.Tests;
using Kompass.Storage;
using Kompass.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;
using Orleans.Connections.Security;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService;
using Orleans.Runtime.Messaging;
using Xunit.Abstractions;

namespace Kompass.Host.Tests;

/// <summary>
/// The cluster's ports over mutual TLS, on real TCP: a silo of the cluster (PostgreSQL membership, its
/// certificate signed by the cluster CA) serves an Orleans client holding a certificate of the same CA;
/// a silo or a client with a certificate of another CA, with none, or without TLS at all, gets nothing:
/// the silo never joins (it is not in the cluster's membership), the client never calls a grain.
/// </summary>
public sealed class ClusterTlsTests(PostgresServer server, ITestOutputHelper output) : IClassFixture<PostgresServer>, IDisposable
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan OutsiderTimeout = TimeSpan.FromSeconds(8);

    private readonly ClusterCertificates _cluster = new("Kompass cluster CA");
    private readonly ClusterCertificates _intruders = new("Intruder CA");

    public static TheoryData<string> Outsiders => ["a certificate of another CA", "no TLS (Development)"];

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task A_silo_without_the_cluster_certificate_is_refused_and_never_joins(string outsider)
    {
        var database = server.CreateDatabase("tls_silo");
        await using var member = await KompassTestHost.StartAsync([.. Postgres(database), .. _cluster.SiloSettings("member")]);

        // The outsider reads the same membership table (it has the database), so it finds the member and
        // must reach it before joining: the member refuses its connections, so it gives up. Orleans' join
        // timeout (5 minutes) is cut short here; a ping that fails is failed at once anyway.
        string[] settings = outsider == "no TLS (Development)" ? ["environment=Development"] : IntruderSettings("intruder-silo");
        var siloPort = FreePorts.Next();
        var stopwatch = Stopwatch.StartNew();
        var refused = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var intruder = KompassHost.Build(
                [.. Args(siloPort), .. Postgres(database), $"--Kompass:Auth:SigningKey={TestTokens.SigningKey}", .. settings.Select(s => "--" + s)],
                builder => builder.Services.Configure<ClusterMembershipOptions>(o =>
                {
                    o.MaxJoinAttemptTime = TimeSpan.FromSeconds(6);
                    o.ProbeTimeout = TimeSpan.FromSeconds(2);
                }));
            await intruder.StartAsync();
        });
        output.WriteLine($"{outsider}: refused after {stopwatch.Elapsed.TotalSeconds:0.0} s: {refused}");
        var check = Assert.IsType<OrleansClusterConnectivityCheckFailedException>(Innermost<OrleansClusterConnectivityCheckFailedException>(refused));
        var memberSilo = member.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        Assert.Contains($"Failed to get response from: [{memberSilo}]", check.Message, StringComparison.Ordinal);

        // The cluster is the member alone, which still serves.
        var membership = member.Services.GetRequiredService<IClusterMembershipService>();
        await membership.Refresh();
        var active = membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress.Endpoint.Port).ToArray();
        Assert.Equal([memberSilo.Endpoint.Port], active);
        Assert.DoesNotContain(siloPort, await ActivePortsAsync(database));
        (await member.PostAsync("""{ kommune(id: "NO-5027") { id } }""")).AssertNoErrors();
    }

    [Fact]
    public async Task Only_a_client_with_a_certificate_of_the_cluster_ca_calls_a_grain_through_the_gateway()
    {
        var (siloPort, gatewayPort) = (FreePorts.Next(), FreePorts.Next());
        await using var member = await KompassTestHost.StartAsync(
            [.. Postgres(server.CreateDatabase("tls_client")), .. _cluster.SiloSettings("gateway"),
             $"Kompass:Cluster:SiloPort={siloPort}", $"Kompass:Cluster:GatewayPort={gatewayPort}", "Kompass:Demo:Seed=true"]);
        using var clientCertificate = _cluster.Issue("client");
        using var intruderCertificate = _intruders.Issue("intruder-client");

        // The cluster's own client (a certificate of the cluster CA) connects and calls.
        await using (var client = await OrleansClient.StartAsync(gatewayPort, c => c.UseTls(clientCertificate, TrustCluster), ClientTimeout))
        {
            // A cluster client names its caller like the gateway does; the grains check it as they would any other.
            Kompass.Contracts.CallerContext.Principal = new Kompass.Domain.Tenancy.Principal("ops@ks.no", Kompass.Domain.Tenancy.Role.Analyst);
            var kommune = await client.Grains.GetGrain<IKommuneGrain>("NO-5027").Get();
            Assert.Equal("NO-5027", kommune!.Id);
        }

        // On the wire, both ports: a connection with the cluster's certificate stays open (the silo waits for
        // Orleans' preamble); with another CA's certificate, with none, or without TLS it is closed at once.
        foreach (var port in new[] { gatewayPort, siloPort })
        {
            Assert.DoesNotContain("closed", await ProbeAsync(port, tls: true, clientCertificate), StringComparison.Ordinal);
            Assert.StartsWith("closed", await ProbeAsync(port, tls: true, intruderCertificate), StringComparison.Ordinal);
            Assert.StartsWith("closed", await ProbeAsync(port, tls: true, certificate: null), StringComparison.Ordinal);
            Assert.StartsWith("closed", await ProbeAsync(port, tls: false, certificate: null), StringComparison.Ordinal);
        }

        // And an Orleans client of theirs never gets as far as a grain call: its start never completes.
        var outsiders = new (string Who, Action<Orleans.Hosting.IClientBuilder> Configure)[]
        {
            ("a certificate of another CA", c => c.UseTls(intruderCertificate, TrustCluster)),
            ("TLS without a certificate", c => c.UseTls(o =>
            {
                TrustCluster(o);
                o.ClientCertificateMode = RemoteCertificateMode.AllowCertificate;
            })),
            ("no TLS", _ => { }),
        };
        var results = await Task.WhenAll(outsiders.Select(async outsider =>
        {
            try
            {
                await using var client = await OrleansClient.StartAsync(gatewayPort, outsider.Configure, OutsiderTimeout);
                return $"{outsider.Who}: GOT THROUGH: {await client.Grains.GetGrain<IKommuneGrain>("NO-5027").Get()}";
            }
            catch (Exception e)
            {
                return $"{outsider.Who}: {e.GetType().Name}: {e.Message}";
            }
        }));
        output.WriteLine(string.Join("\n", results));
        Assert.All(results, r => Assert.Contains(": TaskCanceledException", r, StringComparison.Ordinal));
    }

    /// <summary>
    /// Connects to <paramref name="port"/> (over TLS, showing <paramref name="certificate"/>, or in plain
    /// TCP sending a few bytes) and waits for a byte: "answered", "closed (why)", or "silent".
    /// </summary>
    private static async Task<string> ProbeAsync(int port, bool tls, X509Certificate2? certificate)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        Stream stream = tcp.GetStream();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            if (tls)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = "localhost",
                    ClientCertificates = certificate is null ? null : [certificate],
                    RemoteCertificateValidationCallback = (_, _, _, _) => true,
                }, wait.Token);
            }
            else
            {
                await stream.WriteAsync("hello, silo\n"u8.ToArray(), wait.Token);
            }

            var read = await stream.ReadAsync(new byte[1], wait.Token);
            return read == 0 ? "closed (end of stream)" : "answered";
        }
        catch (OperationCanceledException)
        {
            return "silent";
        }
        catch (Exception e) when (e is IOException or AuthenticationException)
        {
            return $"closed ({e.GetType().Name}: {e.Message})";
        }
        finally
        {
            await stream.DisposeAsync();
        }
    }

    /// <summary>The client trusts the cluster CA's gateway: what an intruder can do, since that certificate is public.</summary>
    private void TrustCluster(TlsOptions options)
    {
        var tls = new ClusterTls(_cluster.Issue("unused"), Authorities(_cluster.CaPath));
        options.RemoteCertificateValidation = (certificate, _, _) => tls.Trusts(certificate);
    }

    /// <summary>An intruder's own certificate, trusting its CA and the cluster's (public) CA: only the cluster can refuse it.</summary>
    private string[] IntruderSettings(string name) => _intruders.SiloSettings(name, trusted: _intruders.CaBundleWith(_cluster));

    private static X509Certificate2Collection Authorities(string pem)
    {
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(pem);
        return authorities;
    }

    private static string[] Postgres(string database) =>
        ["Kompass:Storage:Provider=Postgres", $"Kompass:Storage:Postgres:ConnectionString={database}", "Kompass:Demo:Seed=false"];

    private static string[] Args(int siloPort) =>
        ["--urls=http://127.0.0.1:0", $"--Kompass:Cluster:SiloPort={siloPort}", $"--Kompass:Cluster:GatewayPort={FreePorts.Next()}", "--Logging:LogLevel:Default=Warning"];

    private static Exception? Innermost<T>(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is T)
                return e;
        return null;
    }

    private static async Task<List<int>> ActivePortsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT Port FROM OrleansMembershipTable WHERE Status = {(int)SiloStatus.Active};", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ports = new List<int>();
        while (await reader.ReadAsync())
            ports.Add(reader.GetInt32(0));
        return ports;
    }

    public void Dispose()
    {
        _cluster.Dispose();
        _intruders.Dispose();
    }
}

/// <summary>An Orleans client (as a separate service would run one) talking to one gateway.</summary>
internal sealed class OrleansClient : IAsyncDisposable
{
    private readonly IHost _host;

    private OrleansClient(IHost host) => _host = host;

    public IClusterClient Grains => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<OrleansClient> StartAsync(int gatewayPort, Action<Orleans.Hosting.IClientBuilder> configure, TimeSpan timeout)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, gatewayPort));
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = KompassStorageSettings.DefaultClusterId;
                o.ServiceId = KompassStorageSettings.DefaultServiceId;
            });
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
            configure(client);
        });
        var host = builder.Build();
        try
        {
            using var cts = new CancellationTokenSource(timeout);
            await host.StartAsync(cts.Token);
            return new OrleansClient(host);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _host.StopAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            // a client that never connected has nothing to close
        }

        _host.Dispose();
    }
}
