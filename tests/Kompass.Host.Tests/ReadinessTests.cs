using System.Net;
using Kompass.Gateway.Tests;
using Kompass.Testing;

namespace Kompass.Host.Tests;

/// <summary>
/// /health/ready means what it says: it fails while the store is down (the real server stopped) and
/// recovers when it is back; /health/live answers throughout.
/// </summary>
public abstract class ReadinessTests
{
    /// <summary>Host settings pointing at the store.</summary>
    protected abstract string[] Settings();

    protected abstract Task StopStoreAsync();

    protected abstract Task StartStoreAsync();

    [Fact]
    public async Task Ready_fails_while_the_store_is_down_and_recovers_live_answers_throughout()
    {
        await using var host = await KompassTestHost.StartAsync([.. Settings(), "Kompass:Demo:Seed=false"]);

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, "/health/ready"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, "/health"));
        (await host.PostAsync("""mutation { registerKommune(input: {kommuneId: "NO-5027"}) { id } }""")).AssertNoErrors();

        await StopStoreAsync();
        try
        {
            await WaitForStatusAsync(host, "/health/ready", HttpStatusCode.ServiceUnavailable);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusAsync(host, "/health"));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, "/health/live"));
        }
        finally
        {
            await StartStoreAsync();
        }

        await WaitForStatusAsync(host, "/health/ready", HttpStatusCode.OK);
        (await host.PostAsync("""mutation { registerKommune(input: {kommuneId: "NO-5034"}) { id } }""")).AssertNoErrors();
    }

    internal static async Task<HttpStatusCode> StatusAsync(KompassTestHost host, string path)
    {
        using var response = await host.Http.GetAsync(path);
        return response.StatusCode;
    }

    internal static async Task WaitForStatusAsync(KompassTestHost host, string path, HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var response = await host.Http.GetAsync(path);
            if (response.StatusCode == expected)
                return;
            Assert.True(DateTime.UtcNow < deadline, $"{path} answered {response.StatusCode}, not {expected}, for 30 s: {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(200);
        }
    }
}

public sealed class PostgresReadinessTests(PostgresServer server) : ReadinessTests, IClassFixture<PostgresServer>
{
    private readonly string _connectionString = server.CreateDatabase("ready");

    protected override string[] Settings() =>
        ["Kompass:Storage:Provider=Postgres", $"Kompass:Storage:Postgres:ConnectionString={_connectionString}"];

    protected override Task StopStoreAsync()
    {
        server.Stop();
        return Task.CompletedTask;
    }

    protected override Task StartStoreAsync() => server.RestartAsync();
}

public sealed class AzuriteReadinessTests(AzuriteServer azurite) : ReadinessTests, IClassFixture<AzuriteServer>
{
    private readonly string _container = azurite.NewContainerName("ready");

    protected override string[] Settings() =>
    [
        "Kompass:Storage:Provider=AzureStorage",
        $"Kompass:Storage:AzureStorage:ConnectionString={azurite.ConnectionString}",
        $"Kompass:Storage:AzureStorage:ContainerName={_container}",
        $"Kompass:Cluster:ClusterId=ready-{Guid.NewGuid():N}",
    ];

    protected override Task StopStoreAsync()
    {
        azurite.Stop();
        return Task.CompletedTask;
    }

    protected override Task StartStoreAsync() => azurite.StartAsync();
}
