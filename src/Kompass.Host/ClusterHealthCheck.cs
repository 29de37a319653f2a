using Kompass.Contracts.Kommuner;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kompass.Host;

/// <summary>Healthy when a grain call round-trips through the cluster (silo up, storage readable).</summary>
internal sealed class ClusterHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await grains.GetGrain<IKommuneDirectoryGrain>("NO").List(0, null).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("The Orleans cluster did not answer.", e);
        }
    }
}
