using Kompass.Testing;

namespace Kompass.Host.Tests;

/// <summary>Bad Azure Storage or cluster TLS settings stop the real process with exit code 2 and one line naming the setting.</summary>
public sealed class StartupFailureTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("kompass-startup-").FullName;

    [Fact]
    public async Task No_connection_stops_start_up_with_one_line_naming_the_setting()
    {
        var (exitCode, output) = await RunAsync("Kompass:Storage:Provider=AzureStorage");
        Assert.Equal(2, exitCode);
        Assert.Equal(
            "Kompass Cloud cannot start: Kompass:Storage:AzureStorage:ConnectionString is not set (nor Kompass:Storage:AzureStorage:BlobServiceUri " +
            "and Kompass:Storage:AzureStorage:TableServiceUri for a managed identity), and Kompass:Storage:Provider is AzureStorage",
            output);
    }

    [Fact]
    public async Task An_unreachable_endpoint_stops_start_up_with_one_line_naming_the_setting_and_the_endpoint()
    {
        var port = FreePorts.Next(); // nothing listens there
        var (exitCode, output) = await RunAsync(
            "Kompass:Storage:Provider=AzureStorage",
            $"Kompass:Storage:AzureStorage:ConnectionString=DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=c2VjcmV0;BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;");
        Assert.Equal(2, exitCode);
        Assert.StartsWith($"Kompass Cloud cannot start: Kompass:Storage:AzureStorage:ConnectionString: cannot use Azure Storage at http://127.0.0.1:{port}/devstoreaccount1: ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_without_cluster_tls_stops_start_up_with_one_line_naming_the_setting()
    {
        // An empty value counts as not set (and keeps HostProcess from adding its test certificates).
        var (exitCode, output) = await RunAsync("Kompass:Cluster:Tls:CertificatePath=", "Kompass:Storage:Provider=Memory");
        Assert.Equal(2, exitCode);
        Assert.Equal(
            "Kompass Cloud cannot start: Kompass:Cluster:Tls:CertificatePath is not set: outside Development the silo and gateway ports " +
            "require TLS (set it and Kompass:Cluster:Tls:CaPath; see README, Running a cluster)",
            output);
    }

    [Fact]
    public async Task An_unreadable_cluster_certificate_stops_start_up_with_one_line_naming_the_setting()
    {
        var missing = Path.Combine(_work, "silo.pfx");
        var ca = ClusterCertificates.Shared.Single(s => s.StartsWith("Kompass:Cluster:Tls:CaPath=", StringComparison.Ordinal));
        var (exitCode, output) = await RunAsync($"Kompass:Cluster:Tls:CertificatePath={missing}", ca, "Kompass:Storage:Provider=Memory");
        Assert.Equal(2, exitCode);
        Assert.StartsWith($"Kompass Cloud cannot start: Kompass:Cluster:Tls:CertificatePath: cannot read '{missing}': ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", output, StringComparison.Ordinal);
    }

    /// <summary>Runs the host to its exit; returns the exit code and everything it printed, trimmed.</summary>
    private async Task<(int ExitCode, string Output)> RunAsync(params string[] settings)
    {
        await using var host = HostProcess.Start(_work, settings);
        var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exitCode, host.Output.Trim());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
