using Kompass.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kompass.Host;

/// <summary>
/// The probes an orchestrator uses. <c>/health/live</c>: the process answers HTTP (no check: restarting
/// a process because its database is down helps nobody). <c>/health/ready</c> (and <c>/health</c>): this
/// silo is active in its cluster, the host is not shutting down, and the store answers a query now.
/// </summary>
internal static class Health
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    private const string ReadyTag = "ready";

    public static IServiceCollection AddKompassHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<SiloActiveHealthCheck>("silo", tags: [ReadyTag])
            .AddCheck<StorageHealthCheck>("storage", tags: [ReadyTag]);
        return services;
    }

    /// <summary>The overall status, then one line per check that is not healthy (what and why), as plain text.</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var lines = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy)
            .Select(e => $"{e.Key}: {e.Value.Status}: {e.Value.Description}{(e.Value.Exception is { } x ? $" ({x.GetType().Name}: {x.Message.Split('\n')[0]})" : "")}");
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(string.Join('\n', [report.Status.ToString(), .. lines]));
    }

    public static void MapKompassHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false });
        var ready = new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync };
        app.MapHealthChecks(ReadyPath, ready);
        app.MapHealthChecks("/health", ready);
    }
}

/// <summary>Healthy while this silo's status in the cluster membership is Active and the host is not stopping.</summary>
internal sealed class SiloActiveHealthCheck(ILocalSiloDetails silo, IClusterMembershipService membership, IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
            return Task.FromResult(HealthCheckResult.Unhealthy("The host is shutting down."));
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"The silo is {status} in the cluster, not Active."));
    }
}

/// <summary>Healthy when the configured store answers a trivial query within 3 seconds.</summary>
internal sealed class StorageHealthCheck(StorageProbe probe) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await probe.CheckAsync(timeout.Token).WaitAsync(timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The store did not answer.", e);
        }
    }
}
