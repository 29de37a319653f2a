using Kompass.Testing;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Kompass.Storage.Tests;

internal static class TestSupport
{
    /// <summary>Silo settings every storage test cluster uses: reminders may tick every second.</summary>
    public static void ConfigureTestSilo(ISiloBuilder silo) =>
        silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));

    public static async Task<InProcessTestCluster> StartAsync(KompassTestClusterOptions options)
    {
        var cluster = KompassTestCluster.Create(options);
        try
        {
            await cluster.DeployAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops every silo and the client (a full cluster shutdown) and disposes the cluster.</summary>
    public static async Task StopAsync(InProcessTestCluster cluster)
    {
        try
        {
            await cluster.StopAllSilosAsync();
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    /// <summary>Polls <paramref name="probe"/> until <paramref name="done"/> holds; fails with the last value otherwise.</summary>
    public static async Task<T> WaitForAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        T last;
        while (true)
        {
            last = await probe();
            if (done(last))
            {
                return last;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0}s waiting for {what}; last value: {last}");
            }

            await Task.Delay(200);
        }
    }
}
